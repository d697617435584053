// UI strings in Chinese and English. The language follows navigator.language until the visitor picks one
// with the switch; the choice is kept in localStorage. Elements carry data-i18n (text),
// data-i18n-placeholder, data-i18n-title and data-i18n-aria-label with a key of STRINGS.

const STRINGS = {
  zh: {
    brand: '智能客服',
    navLabel: '页面',
    navChat: '对话',
    navExplorer: '知识图谱',
    navApi: 'API',
    langLabel: '界面语言',
    skipToQuestion: '跳到提问框',
    apiKey: 'API 密钥',
    apiKeyHelp: '如果服务器要求密钥，请在此输入。密钥只保存在本浏览器中，并以 x-api-key 请求头发送。',
    apiKeyNeeded: '服务器要求 API 密钥才能继续（{detail}）。请输入密钥后重试。',
    apiKeySaved: '密钥已保存。',
    clear: '清除',
    cancel: '取消',
    save: '保存',
    close: '关闭',
    conversationLabel: '对话',
    welcomeTitle: '您好，有什么可以帮您？',
    welcomeText: '我会根据商城的知识库回答，并附上每条答案的出处。',
    examplesLabel: '示例问题',
    examples: ['X1 耳机多少钱？', '怎么申请退货？', 'Pro 充电宝多少钱？', 'X2 降噪耳机是哪款的升级版？'],
    questionLabel: '您的问题',
    questionPlaceholder: '输入问题，例如：X1 耳机多少钱？',
    send: '发送',
    human: '转人工客服',
    humanQuestion: '人工客服',
    humanNotice: '正在为您转接人工客服，请稍候。接通前，您可以先看看下面的信息。',
    newChat: '新对话',
    enterHint: 'Enter 发送 · Shift+Enter 换行',
    you: '我',
    assistant: '客服',
    thinking: '正在查找答案…',
    sources: '来源',
    didYouMean: '您想问的是：',
    relatedTopics: '相关主题：',
    why: '为什么是这个答案？',
    whyTitle: '在知识图谱中查看这个答案用到的节点和关系',
    confidence: '置信度 {value}',
    status_answered: '已回答',
    status_clarify: '需要确认',
    status_fallback: '未找到答案',
    status_escalated: '已转人工',
    errorGeneric: '出错了：{detail}',
    errorNetwork: '无法连接服务器，请检查网络后重试。',
    errorNotReady: '服务正在启动，请稍后再试。',
    retry: '重试',
    // explorer
    explorerTitle: '知识图谱',
    searchLabel: '搜索实体',
    searchPlaceholder: '名称或别名，如 X1',
    search: '搜索',
    depth: '深度',
    depthHops: '{n} 跳',
    results: '搜索结果',
    noResults: '没有找到匹配“{q}”的实体。',
    searching: '搜索中…',
    inView: '图中节点',
    graphLabel: '“{name}”周边的知识图谱',
    graphEmptyTitle: '探索知识图谱',
    graphEmptyText: '搜索一个商品、品牌、类目或门店，查看它与其他知识的关系。',
    graphCount: '{nodes} 个节点 · {rels} 条关系',
    loading: '加载中…',
    zoomIn: '放大',
    zoomOut: '缩小',
    fit: '适应窗口',
    legend: '图例',
    highlighted: '答案用到的',
    whyBanner: '已高亮答案用到的知识：{parts}',
    whyNodes_one: '{n} 个节点',
    whyNodes_other: '{n} 个节点',
    whyRels_one: '{n} 条关系',
    whyRels_other: '{n} 条关系',
    whyAttrs_one: '{n} 个属性',
    whyAttrs_other: '{n} 个属性',
    listSep: '、',
    clearHighlight: '取消高亮',
    details: '详情',
    detailsEmpty: '点击图中的节点，查看它的属性和来源。',
    id: 'ID',
    kind: '种类',
    type: '类型',
    aliases: '别名',
    text: '描述',
    attributes: '属性',
    attribute: '属性',
    value: '值',
    source: '来源',
    provenance: '出处',
    relationships: '关系',
    neighbours: '相邻节点',
    expand: '展开邻居',
    focusHere: '以此为中心',
    noWebgl: '此浏览器不支持 WebGL 2，无法绘制图形；节点和关系列在左侧。',
    notAvailable: '服务器暂未提供图谱接口（{path}）。',
    notFound: '没有找到节点“{id}”。',
  },
  en: {
    brand: 'Customer service',
    navLabel: 'Pages',
    navChat: 'Chat',
    navExplorer: 'Knowledge graph',
    navApi: 'API',
    langLabel: 'Interface language',
    skipToQuestion: 'Skip to the question box',
    apiKey: 'API key',
    apiKeyHelp:
      'If the server requires a key, enter it here. It is stored only in this browser and sent as the x-api-key header.',
    apiKeyNeeded: 'The server needs an API key to continue ({detail}). Enter it and try again.',
    apiKeySaved: 'Key saved.',
    clear: 'Clear',
    cancel: 'Cancel',
    save: 'Save',
    close: 'Close',
    conversationLabel: 'Conversation',
    welcomeTitle: 'Hi, how can we help?',
    welcomeText: 'Answers come from the shop’s knowledge base, each with the sources it is based on.',
    examplesLabel: 'Example questions',
    examples: [
      'How much is the X1 headphone?',
      'What is the warranty on the X2?',
      'Who makes the MX Master 3S?',
      '怎么申请退货？',
    ],
    questionLabel: 'Your question',
    questionPlaceholder: 'Ask a question, e.g. What is the warranty on the X2?',
    send: 'Send',
    human: 'Talk to a human',
    humanQuestion: 'talk to a human agent',
    humanNotice: 'Connecting you to a human agent, please hold on. Meanwhile, here is what might help.',
    newChat: 'New chat',
    enterHint: 'Enter to send · Shift+Enter for a new line',
    you: 'You',
    assistant: 'Assistant',
    thinking: 'Looking for an answer…',
    sources: 'Sources',
    didYouMean: 'Did you mean:',
    relatedTopics: 'Related topics:',
    why: 'Why this answer?',
    whyTitle: 'See the nodes and relationships behind this answer in the knowledge graph',
    confidence: 'Confidence {value}',
    status_answered: 'Answered',
    status_clarify: 'Needs clarification',
    status_fallback: 'No answer found',
    status_escalated: 'Handed to a human',
    errorGeneric: 'Something went wrong: {detail}',
    errorNetwork: 'Cannot reach the server. Check your connection and try again.',
    errorNotReady: 'The service is still starting. Please try again in a moment.',
    retry: 'Retry',
    explorerTitle: 'Knowledge graph',
    searchLabel: 'Search entities',
    searchPlaceholder: 'Name or alias, e.g. X1',
    search: 'Search',
    depth: 'Depth',
    depthHops: '{n} hop(s)',
    results: 'Results',
    noResults: 'No entity matches “{q}”.',
    searching: 'Searching…',
    inView: 'Nodes in view',
    graphLabel: 'Knowledge graph around “{name}”',
    graphEmptyTitle: 'Explore the knowledge graph',
    graphEmptyText: 'Search for a product, brand, category or store to see how it connects to the rest.',
    graphCount: '{nodes} nodes · {rels} relationships',
    loading: 'Loading…',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fit: 'Fit to view',
    legend: 'Legend',
    highlighted: 'Used by the answer',
    whyBanner: 'Highlighted behind the answer: {parts}',
    whyNodes_one: '{n} node',
    whyNodes_other: '{n} nodes',
    whyRels_one: '{n} relationship',
    whyRels_other: '{n} relationships',
    whyAttrs_one: '{n} attribute',
    whyAttrs_other: '{n} attributes',
    listSep: ', ',
    clearHighlight: 'Clear highlight',
    details: 'Details',
    detailsEmpty: 'Click a node in the graph to see its attributes and sources.',
    id: 'ID',
    kind: 'Kind',
    type: 'Type',
    aliases: 'Aliases',
    text: 'Description',
    attributes: 'Attributes',
    attribute: 'Attribute',
    value: 'Value',
    source: 'Source',
    provenance: 'Provenance',
    relationships: 'Relationships',
    neighbours: 'Neighbours',
    expand: 'Expand neighbours',
    focusHere: 'Centre on this',
    noWebgl:
      'This browser has no WebGL 2, so the graph cannot be drawn; its nodes and relationships are listed on the left.',
    notAvailable: 'The server does not offer the graph API yet ({path}).',
    notFound: 'No node “{id}”.',
  },
};

const STORAGE_KEY = 'kgqa.lang';
let current = detect();

function detect() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch {
    // storage may be disabled; fall through to the browser language
  }
  const langs = navigator.languages?.length ? navigator.languages : [navigator.language || 'zh'];
  return String(langs[0]).toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** `key_one` or `key_other` by `n`, with {n} filled. */
export function tn(key, n) {
  return t(`${key}_${n === 1 ? 'one' : 'other'}`, { n });
}

export function lang() {
  return current;
}

/** The string for `key` in the current language, with `{name}` placeholders filled from `vars`. */
export function t(key, vars = {}) {
  const value = STRINGS[current][key] ?? STRINGS.en[key] ?? key;
  if (typeof value !== 'string') return value;
  return value.replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
}

/** Fills every data-i18n* element under `root`. */
export function translate(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) {
    el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  }
}

export function setLang(next, { persist = true } = {}) {
  if (next !== 'zh' && next !== 'en') return;
  current = next;
  if (persist) {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not persisted; the switch still works for this page
    }
  }
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  translate();
  document.dispatchEvent(new CustomEvent('langchange', { detail: { lang: next } }));
}
