/**
 * Grammar-level cues of what kind of answer a question wants. These are words of the languages
 * (interrogatives, comparatives), never words of a domain, so they hold for every knowledge pack.
 */
export interface QuestionCues {
  /** "哪些", "有什么", "list", "which … do you sell": wants the members of a set. */
  list: boolean;
  /** "哪个更", "which is …er", "比": wants two or more things compared. */
  compare: boolean;
  /** "最", "the most", "-est": wants the extreme of a set. */
  superlative: boolean;
  /** Direction of a comparison or superlative, when the words say it. */
  direction?: 'max' | 'min';
  /** "是什么", "介绍", "what is", "tell me about": wants a description. */
  describe: boolean;
  /** "能…吗", "can I", "is it possible": a yes/no question about a rule. */
  yesNo: boolean;
  /** "分别", "各是多少", "each", "both": wants the same fact of every thing named. */
  each: boolean;
}

const ZH_LIST = /(哪些|哪几|有什么|都有啥|有啥|什么样的.*(产品|商品)?有|列出|清单|几款|几种|都卖)/;
const EN_LIST =
  /\b(which|what)\b.*\b(do you (sell|have|carry|offer|stock|run|provide|teach|hold)|are (available|on sale|there|offered)|can i (order|buy|get))\b|\blist\b|\bwhat (kinds?|types?) of\b/i;
const ZH_COMPARE =
  /(哪个|哪款|哪一个|哪一款|哪台|哪部|哪家|谁)(的)?.{0,8}(更|比较|先)|比.{1,20}(更|还)|相比|对比|区别|哪个.{0,6}(长|短|大|小|高|低|轻|重|贵|便宜|多|少|快|慢|久)/;
const EN_COMPARATIVE =
  'longer|bigger|larger|higher|heavier|more|greater|faster|newer|shorter|smaller|lower|lighter|less|fewer|slower|cheaper|older|better|worse|pricier|costlier|later|earlier|sooner|quicker|closer|nearer|farther|further';
// "Which is …er", "Where is a swim cheaper, A or B?", "Is A or B lighter?".
const EN_COMPARE = new RegExp(
  `\\b(which|who|where)\\b.*\\b(${EN_COMPARATIVE})\\b|^(is|are|does|do|would|will)\\b.*\\bor\\b.*\\b(${EN_COMPARATIVE})\\b|\\bcompare|\\bversus\\b|\\bvs\\.?\\b|\\bdifference between\\b`,
  'i',
);
// "最多/最高…" before a verb or noun is "at most" or an attribute's name ("最多能贷多少", "最高保多少钱",
// "最高额度"), not the extreme of a set, which ends the phrase or goes on to what it picks ("最贵的", "最新款").
const ZH_SUPER = /最(长|短|大|小|高|低|轻|重|贵|便宜|快|慢|久|新|早|多|少)(?=的|是|款|个|台|部|一|[？?。，,！!\s]|$)/;
const ZH_DESCRIBE = /(是什么|是啥|介绍|是哪种|什么东西|怎么样|简介)/;
const EN_DESCRIBE =
  /^(what|who) (is|are)\b(?!.*\b(of|for)\b)|\btell me about\b|\bdescribe\b|\bwhat's\b(?!.*\b(of|for)\b)/i;
const ZH_EACH = /(分别|各自|各是|各为|各要|各需|各多少|各几)/;
const EN_EACH = /\b(each|both|respectively)\b/i;
const ZH_YESNO = /(能|可以|可否|能否|是否|会不会|能不能|可不可以|支持|有没有).*(吗|么|？|\?)?$|吗[？?]?$/;
const EN_YESNO = /^(can|could|is|are|does|do|will|may|should|am)\b/i;

const ZH_MAX = /(更|最|比较)(长|大|高|重|贵|多|快|久|新|强|好|远)|更耐用/;
const ZH_MIN = /(更|最|比较)(短|小|低|轻|便宜|少|慢|早|实惠|省)/;
const EN_SUPERLATIVE =
  /\b(most|least|longest|shortest|biggest|largest|smallest|highest|lowest|heaviest|lightest|cheapest|fastest|slowest|newest|oldest|priciest)\b/i;
const EN_MAX =
  /\b(longer|bigger|larger|higher|heavier|more|greater|faster|newer|longest|biggest|largest|highest|heaviest|most|greatest|fastest|newest|pricier|priciest|costlier|most expensive|more expensive|better)\b/i;
const EN_MIN =
  /\b(shorter|smaller|lower|lighter|less|fewer|slower|cheaper|older|shortest|smallest|lowest|lightest|least|fewest|slowest|cheapest|oldest|less expensive)\b/i;

// "The most I can withdraw", "the least you need to put in": an amount's limit, not the extreme of a set.
const EN_AT_MOST =
  /\b(the )?(most|least|max|maximum|minimum)( amount)? (i|you|we|one|they|he|she|my \w+) (can|could|may|might|need|must|have to|should|will|would|am|are|is)\b/gi;

export function detectCues(question: string, lang: 'zh' | 'en'): QuestionCues {
  const q = question.trim();
  if (lang === 'zh') {
    return {
      list: ZH_LIST.test(q) && !ZH_COMPARE.test(q),
      compare: !ZH_SUPER.test(q) && ZH_COMPARE.test(q),
      superlative: ZH_SUPER.test(q),
      direction: ZH_MIN.test(q) ? 'min' : ZH_MAX.test(q) ? 'max' : undefined,
      describe: ZH_DESCRIBE.test(q),
      yesNo: ZH_YESNO.test(q),
      each: ZH_EACH.test(q),
    };
  }
  const superlative = EN_SUPERLATIVE.test(q.replace(EN_AT_MOST, ' '));
  return {
    list: EN_LIST.test(q),
    compare: EN_COMPARE.test(q) && !superlative,
    superlative,
    direction: EN_MIN.test(q) ? 'min' : EN_MAX.test(q) ? 'max' : undefined,
    describe: EN_DESCRIBE.test(q),
    yesNo: EN_YESNO.test(q),
    each: EN_EACH.test(q),
  };
}

const CONJUNCTION = /^(and|or|as well as|和|与|及|以及|或|或者|跟|还有)$/;

/**
 * True when two named things stand side by side joined by "and" / "和" ("keyboards and mice",
 * "手表和手环"): the question is about either of them, not about what both have in common
 * ("小米的耳机" names a brand and a category to intersect). `spans` are offsets in `key`.
 */
export function namesJoined(key: string, spans: readonly { start: number; end: number }[]): boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  return sorted.some((s, i) => i > 0 && CONJUNCTION.test(key.slice(sorted[i - 1]!.end, s.start).trim()));
}

const ZH_DEGREE = /(更|最|比较)[\p{Script=Han}]{1,2}/gu;
const EN_DEGREE = /\b(?:(?:more|most|less|least) \w+|\w+(?:er|est)|better|best|worse|worst)\b/gi;

/**
 * The comparative or superlative words of a question ("lighter", "most expensive", "更轻"): they name
 * the dimension asked about more plainly than the whole sentence does. Empty when there are none.
 */
export function degreeWords(question: string, lang: 'zh' | 'en'): string {
  const re = lang === 'zh' ? ZH_DEGREE : EN_DEGREE;
  const words = (question.match(re) ?? []).filter((w) => (lang === 'zh' ? true : EN_MAX.test(w) || EN_MIN.test(w)));
  return words.join(' ');
}

const POSSESSIVE = /^(s|的|之)$/;

/**
 * Entity mentions with the possessed one first: in "Mingde Hospital's West Campus" / "明德医院的西院区"
 * the question is about the West Campus, the hospital only says whose. `key` is the match key, in which
 * "'s" reads " s". Other mentions keep their order.
 */
export function possessedFirst<T extends { start: number; end: number }>(key: string, mentions: readonly T[]): T[] {
  const out = [...mentions].sort((a, b) => a.start - b.start);
  for (let i = 1; i < out.length; i++) {
    const gap = key.slice(out[i - 1]!.end, out[i]!.start).trim();
    if (POSSESSIVE.test(gap)) [out[i - 1], out[i]] = [out[i]!, out[i - 1]!];
  }
  return out;
}

// Words standing for the last turn's entity ("其" is left out: it begins 其他, 其中).
const ZH_BACK = /(它|这款|这个|这台|这部|该产品)/;
const EN_BACK = /\b(it|its|this one|that one)\b/i;
const ZH_WHICH = /(哪款|哪个|哪一款|哪种|哪类|哪家|哪部|哪台|什么)\s*$/;
const EN_WHICH = /\b(which|what)\s+$/;

/**
 * "它是哪款手机的升级版", "Which phone is it the successor of?": the question points back at the
 * last turn's entity and names a kind only as the kind of thing it asks for. `spans` are the named
 * things, offsets in `key` (the question's match key).
 */
export function asksKindOfLast(key: string, spans: readonly { start: number }[], lang: 'zh' | 'en'): boolean {
  if (spans.length === 0 || !(lang === 'zh' ? ZH_BACK : EN_BACK).test(key)) return false;
  const which = lang === 'zh' ? ZH_WHICH : EN_WHICH;
  return spans.every((s) => which.test(key.slice(0, s.start)));
}

/**
 * "Which leisure centres…", "What libraries does the institute have?", "Where are your shops?": a kind
 * named in the plural right after an interrogative (a word or two of its own between) asks for its members.
 */
export function namesKindsAsked(key: string, kinds: readonly { start: number; end: number }[]): boolean {
  return kinds.some(
    (m) =>
      /[a-z]s$/.test(key.slice(m.start, m.end)) &&
      /\b(which|what|where are)( [a-z]+){0,2} $/.test(key.slice(0, m.start)),
  );
}
