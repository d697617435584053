import type { Language } from './types.js';

/**
 * When a conversation should go to a person. Language-level cues only: asking for a human,
 * abuse or strong anger, or the engine failing the same customer again and again.
 */
export interface EscalationSignal {
  reason: 'asked_for_human' | 'abusive_or_angry' | 'repeated_fallback';
  detail: string;
}

const ZH_HUMAN = /(转人工|人工客服|人工服务|找人工|要人工|真人客服|找客服|叫客服|接人工|转接客服|人工)/;
// A person is asked for by a word for one, or by a verb of contact whose object is a person
// ("chat with an operator", "contact somebody").
const EN_HUMAN =
  /\b(human|real person|live (agent|person|chat)|(customer )?(service |support )?(agent|representative|rep)|(speak|speaking|talk|talking|chat|chatting|contact|contacting|connect) (me )?(to |with )?(a |an |some )?(live |real )?(someone|somebody|person|operator|assistant|representative|staff member|employee))\b/i;
// "怎么联系人工客服" asks how; "转人工" asks for it now.
const ZH_HOW = /(怎么|如何|怎样|哪里|在哪|电话是|几点|时间)/;
const EN_HOW =
  /\b(how (do|can|to)|where (do|can)|what (is|are) the (number|hours)|when (is|are|can)|what time|which hours)\b/i;

// "垃圾" insults ("垃圾服务", "太垃圾了") except as the thing itself: rubbish that is collected, sorted or
// thrown ("收垃圾", "垃圾桶", "厨余垃圾"), and spam ("垃圾短信").
const ZH_ANGER =
  /((?<!收|倒|扔|丢|运|清|装|拉|捡|厨余|其他|有害|可回收|干|湿|建筑|大件|装修|生活|医疗|园林)垃圾(?!桶|箱|袋|分类|站|车|房|场|费|处理|回收|清运|收集|转运|投放|短信|邮件|电话|堆|池)|骗子|骗人|滚开|滚蛋|妈的|他妈|操你|傻逼|气死|太差|差评|退钱|受够)/;
// "bloody" is profanity except where it describes blood ("a bloody nose").
const EN_ANGER =
  /\b(fuck\w*|\w*shit\w*|(god)?damn\w*|crap\w*|bloody(?! (nose|stools?|urine|discharge|diarrh\w*|mucus|sputum|cough\w*|vomit\w*|show))|bullshit|wtf|freaking|frigging|bastard\w*|bitch\w*|asshole\w*|scam\w*|fraud|useless|terrible|awful|worst|ridiculous|pathetic|idiot\w*|stupid|furious|angry|unacceptable|disgusting|hate)\b/i;

// Filing a complaint or going to law is a grievance when the customer says it ("我要投诉", "I'll sue"),
// and a topic like any other when they ask about the procedure ("投诉以后多久会有人确认收到",
// "how long have I got to take my complaint to the ombudsman"): packs answer those.
const ZH_GRIEVANCE = /(投诉|举报|12315|律师|起诉)/;
const EN_GRIEVANCE = /\b(sue|lawyer|complain\w*)\b/i;
const ZH_PROCEDURE =
  /(怎么(?!回事|搞的|这么|那么)|如何|怎样|哪里|在哪|哪个|哪家|哪些|多久|多长|几天|几个|什么(?!玩意|东西)|找谁|谁|能不能|可以吗|要不要)/;
const EN_PROCEDURE =
  /\b(how|when|where|who|whom|which|what (is|are|do|does|should|happens|can)|can i|could i|do i|should i|is there|are there|do you)\b/i;
const asksAboutProcedure = (q: string) => ZH_PROCEDURE.test(q) || EN_PROCEDURE.test(q);

export function detectEscalation(
  question: string,
  lang: Language,
  consecutiveFallbacks: number,
): EscalationSignal | undefined {
  const human = lang === 'zh' ? ZH_HUMAN : EN_HUMAN;
  const how = lang === 'zh' ? ZH_HOW : EN_HOW;
  const m = human.exec(question);
  if (m && !how.test(question)) return { reason: 'asked_for_human', detail: m[0] };
  const anger =
    (lang === 'zh' ? ZH_ANGER : EN_ANGER).exec(question) ?? (lang === 'zh' ? EN_ANGER : ZH_ANGER).exec(question);
  if (anger) return { reason: 'abusive_or_angry', detail: anger[0] };
  const grievance = ZH_GRIEVANCE.exec(question) ?? EN_GRIEVANCE.exec(question);
  if (grievance && !asksAboutProcedure(question)) return { reason: 'abusive_or_angry', detail: grievance[0] };
  if (consecutiveFallbacks >= 2)
    return { reason: 'repeated_fallback', detail: `${consecutiveFallbacks} unanswered turns` };
  return undefined;
}

export function composeEscalation(signal: EscalationSignal, lang: Language): string {
  if (lang === 'zh') {
    return signal.reason === 'abusive_or_angry'
      ? '非常抱歉给您带来不好的体验，我马上为您转接人工客服，请稍候。'
      : '好的，正在为您转接人工客服，请稍候。';
  }
  return signal.reason === 'abusive_or_angry'
    ? "I'm sorry about your experience. I'm handing you over to a human agent now — please hold on."
    : "Sure — I'm handing you over to a human agent now. Please hold on.";
}
