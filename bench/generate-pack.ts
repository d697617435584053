/**
 * Deterministic synthetic knowledge pack in the real pack format (see ingest/parsers/): a general
 * "organisations, people, places, projects" graph rather than a shop. Same seed + size → same bytes.
 *
 * Facts (what the benchmark counts) = attribute values + relationships + FAQ entries + sections:
 *  - attribute values: non-empty attribute cells of the entity CSVs, literal triples of the TSV
 *    (one value per subject+predicate), and scalar front-matter fields of the documents;
 *  - relationships: targets in `rel:` cells, triples whose object is an entity, FAQ `about` links
 *    and document `applies_to` links (derived links — HAS_SECTION, MENTIONS — are not counted);
 *  - FAQ entries: one per jsonl line (its alternates are part of the entry);
 *  - sections: one per heading with a body (bodies are kept under the 600-char chunking limit).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createRng } from './prng.js';

export interface PackShape {
  dir: string;
  seed: number;
  scale: number;
  files: { path: string; records: number; bytes: number }[];
  entities: Record<string, number>;
  schema: { types: number; attributes: number; relations: number };
  facts: {
    attributeValues: number;
    relationships: number;
    faqs: number;
    sections: number;
    total: number;
  };
  detail: {
    csvAttributeValues: number;
    csvRelationships: number;
    triples: number;
    literalTriples: number;
    relationTriples: number;
    faqAlternates: number;
    faqAboutLinks: number;
    documents: number;
    documentAttributes: number;
    appliesToLinks: number;
  };
}

export interface GenerateOptions {
  dir: string;
  /** Minimum number of facts; the pack is scaled up until it has at least this many. */
  facts: number;
  seed?: number;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary (Chinese content with English aliases, like the demo pack).

const SURNAMES: [string, string][] = [
  ['王', 'Wang'],
  ['李', 'Li'],
  ['张', 'Zhang'],
  ['刘', 'Liu'],
  ['陈', 'Chen'],
  ['杨', 'Yang'],
  ['黄', 'Huang'],
  ['赵', 'Zhao'],
  ['吴', 'Wu'],
  ['周', 'Zhou'],
  ['徐', 'Xu'],
  ['孙', 'Sun'],
  ['马', 'Ma'],
  ['朱', 'Zhu'],
  ['胡', 'Hu'],
  ['郭', 'Guo'],
  ['何', 'He'],
  ['高', 'Gao'],
  ['林', 'Lin'],
  ['罗', 'Luo'],
  ['郑', 'Zheng'],
  ['梁', 'Liang'],
  ['谢', 'Xie'],
  ['宋', 'Song'],
  ['唐', 'Tang'],
  ['许', 'Xu'],
  ['韩', 'Han'],
  ['冯', 'Feng'],
  ['邓', 'Deng'],
  ['曹', 'Cao'],
  ['彭', 'Peng'],
  ['曾', 'Zeng'],
  ['肖', 'Xiao'],
  ['田', 'Tian'],
  ['董', 'Dong'],
  ['袁', 'Yuan'],
  ['潘', 'Pan'],
  ['蒋', 'Jiang'],
  ['蔡', 'Cai'],
  ['余', 'Yu'],
];
const GIVEN: [string, string][] = [
  ['伟', 'wei'],
  ['芳', 'fang'],
  ['娜', 'na'],
  ['敏', 'min'],
  ['静', 'jing'],
  ['丽', 'li'],
  ['强', 'qiang'],
  ['磊', 'lei'],
  ['军', 'jun'],
  ['洋', 'yang'],
  ['勇', 'yong'],
  ['艳', 'yan'],
  ['杰', 'jie'],
  ['娟', 'juan'],
  ['涛', 'tao'],
  ['明', 'ming'],
  ['超', 'chao'],
  ['秀', 'xiu'],
  ['霞', 'xia'],
  ['平', 'ping'],
  ['刚', 'gang'],
  ['桂', 'gui'],
  ['英', 'ying'],
  ['华', 'hua'],
  ['建', 'jian'],
  ['国', 'guo'],
  ['文', 'wen'],
  ['辉', 'hui'],
  ['玲', 'ling'],
  ['红', 'hong'],
  ['鹏', 'peng'],
  ['宇', 'yu'],
  ['浩', 'hao'],
  ['博', 'bo'],
  ['凯', 'kai'],
  ['晨', 'chen'],
  ['欣', 'xin'],
  ['婷', 'ting'],
  ['雪', 'xue'],
  ['琳', 'lin'],
  ['晓', 'xiao'],
  ['海', 'hai'],
  ['波', 'bo'],
  ['云', 'yun'],
  ['峰', 'feng'],
  ['志', 'zhi'],
  ['春', 'chun'],
  ['梅', 'mei'],
  ['东', 'dong'],
  ['子', 'zi'],
  ['思', 'si'],
  ['佳', 'jia'],
  ['嘉', 'jia'],
  ['宁', 'ning'],
  ['安', 'an'],
  ['泽', 'ze'],
  ['睿', 'rui'],
  ['涵', 'han'],
  ['轩', 'xuan'],
  ['然', 'ran'],
];
const PLACE_CHARS: [string, string][] = [
  ['东', 'dong'],
  ['西', 'xi'],
  ['南', 'nan'],
  ['北', 'bei'],
  ['安', 'an'],
  ['宁', 'ning'],
  ['平', 'ping'],
  ['清', 'qing'],
  ['河', 'he'],
  ['山', 'shan'],
  ['江', 'jiang'],
  ['湖', 'hu'],
  ['海', 'hai'],
  ['泉', 'quan'],
  ['阳', 'yang'],
  ['云', 'yun'],
  ['华', 'hua'],
  ['兴', 'xing'],
  ['新', 'xin'],
  ['长', 'chang'],
  ['丰', 'feng'],
  ['宝', 'bao'],
  ['金', 'jin'],
  ['石', 'shi'],
  ['桥', 'qiao'],
  ['林', 'lin'],
  ['川', 'chuan'],
  ['源', 'yuan'],
  ['溪', 'xi'],
  ['峰', 'feng'],
  ['城', 'cheng'],
  ['临', 'lin'],
  ['庆', 'qing'],
  ['嘉', 'jia'],
  ['永', 'yong'],
  ['德', 'de'],
  ['昌', 'chang'],
  ['盛', 'sheng'],
  ['荣', 'rong'],
  ['泰', 'tai'],
];
const PLACE_SUFFIX: [string, string][] = [
  ['市', 'City'],
  ['县', 'County'],
  ['镇', 'Town'],
  ['区', 'District'],
];
const BRANDS: [string, string][] = [
  ['星辰', 'Star'],
  ['远航', 'Voyage'],
  ['鼎盛', 'Dingsheng'],
  ['华信', 'Huaxin'],
  ['创新', 'Innovation'],
  ['未来', 'Future'],
  ['智联', 'Smartlink'],
  ['恒通', 'Hengtong'],
  ['联合', 'United'],
  ['启明', 'Qiming'],
  ['蓝海', 'Blue Ocean'],
  ['天成', 'Tiancheng'],
  ['博远', 'Boyuan'],
  ['九州', 'Jiuzhou'],
  ['中和', 'Zhonghe'],
  ['瑞丰', 'Ruifeng'],
  ['卓越', 'Excel'],
  ['同方', 'Tongfang'],
  ['安泰', 'Antai'],
  ['光华', 'Guanghua'],
];
const INDUSTRIES: [string, string][] = [
  ['科技', 'Technology'],
  ['物流', 'Logistics'],
  ['医药', 'Pharma'],
  ['能源', 'Energy'],
  ['教育', 'Education'],
  ['传媒', 'Media'],
  ['金融', 'Finance'],
  ['制造', 'Manufacturing'],
  ['农业', 'Agriculture'],
  ['建设', 'Construction'],
];
const ORG_SUFFIX: [string, string][] = [
  ['有限公司', 'Co., Ltd.'],
  ['集团', 'Group'],
  ['研究院', 'Institute'],
];
const PROJECT_ADJ: [string, string][] = [
  ['星河', 'Galaxy'],
  ['北极', 'Polaris'],
  ['青云', 'Qingyun'],
  ['磐石', 'Bedrock'],
  ['天穹', 'Skydome'],
  ['曙光', 'Dawn'],
  ['灯塔', 'Lighthouse'],
  ['长风', 'Longwind'],
  ['飞鸿', 'Swan'],
  ['凌云', 'Lingyun'],
  ['沧海', 'Ocean'],
  ['昆仑', 'Kunlun'],
  ['赤霄', 'Chixiao'],
  ['白泽', 'Baize'],
  ['玄武', 'Xuanwu'],
  ['朱雀', 'Zhuque'],
  ['青龙', 'Qinglong'],
  ['麒麟', 'Qilin'],
  ['鲲鹏', 'Kunpeng'],
  ['鸿雁', 'Wild Goose'],
];
const PROJECT_NOUN: [string, string][] = [
  ['数据平台', 'Data Platform'],
  ['智能客服', 'Smart Service'],
  ['供应链', 'Supply Chain'],
  ['城市大脑', 'City Brain'],
  ['物联网', 'IoT'],
  ['知识图谱', 'Knowledge Graph'],
  ['风控系统', 'Risk Control'],
  ['教育云', 'Education Cloud'],
  ['医疗影像', 'Medical Imaging'],
  ['新能源', 'New Energy'],
];
const PROJECT_KIND: [string, string][] = [
  ['项目', 'Project'],
  ['计划', 'Program'],
  ['工程', 'Initiative'],
];

const COUNTRIES: [string, string][] = [
  ['中国', 'UTC+8'],
  ['中国', 'UTC+8'],
  ['中国', 'UTC+8'],
  ['新加坡', 'UTC+8'],
  ['日本', 'UTC+9'],
  ['韩国', 'UTC+9'],
  ['泰国', 'UTC+7'],
  ['越南', 'UTC+7'],
  ['马来西亚', 'UTC+8'],
  ['德国', 'UTC+1'],
];
const CLIMATES = ['温带季风气候', '亚热带季风气候', '热带季风气候', '温带大陆性气候', '高原山地气候', '海洋性气候'];
const OCCUPATIONS = [
  '软件工程师',
  '产品经理',
  '数据分析师',
  '研究员',
  '教师',
  '医生',
  '律师',
  '会计师',
  '设计师',
  '销售经理',
  '项目经理',
  '记者',
];
const NATIONALITIES = ['中国', '中国', '中国', '新加坡', '日本', '韩国', '美国', '德国', '法国', '英国'];
const LANGUAGES = ['中文', '中文|英语', '中文|英语|日语', '英语', '中文|粤语', '中文|德语'];
const STATUSES = ['规划中', '进行中', '进行中', '已完成', '暂停'];
const DOMAINS = ['人工智能', '智慧城市', '医疗健康', '绿色能源', '金融科技', '教育信息化', '智能制造', '现代农业'];
const PRIORITIES = ['高', '中', '低'];
const AWARDS = ['最佳雇主奖', '科技创新奖', '社会责任奖', '优秀项目奖', '年度人物奖', '绿色发展奖', '质量金奖'];
const MOTTO_A = ['以客户为中心', '诚信立业', '创新驱动发展', '品质成就未来', '让技术更有温度', '专注每一个细节'];
const MOTTO_B = ['以奋斗者为本', '合作共赢', '服务创造价值', '持续改进', '开放包容', '追求卓越'];
const LANDMARKS = ['塔', '桥', '公园', '博物馆', '广场'];
const FILLER = [
  '近年来当地持续完善基础设施，公共服务水平稳步提升。',
  '相关单位加强协同，推动资源共享和信息互通。',
  '数据显示，各项主要指标保持平稳增长。',
  '该领域的人才储备逐年增加，形成了较为完整的产业链条。',
  '下一阶段将继续优化营商环境，吸引更多优质项目落地。',
  '各方在标准制定、人才培养和技术攻关方面开展了深入合作。',
  '公众满意度调查结果显示，服务质量获得普遍认可。',
  '区域内交通网络不断完善，通勤时间明显缩短。',
];

const FAQ_TAGS: Record<string, string[]> = {
  person: ['人物', '任职'],
  organization: ['机构', '地址'],
  place: ['地区', '行政区划'],
  project: ['项目', '负责人'],
};

// ---------------------------------------------------------------------------------------------

interface Entity {
  id: string;
  type: 'place' | 'organization' | 'person' | 'project';
  name: string;
  aliases: string[];
  en: string;
  description: string;
  /** Attribute cells in column order ('' = empty). */
  cells: Record<string, string>;
  rels: Record<string, string[]>;
}

const COLUMNS: Record<Entity['type'], { attrs: string[]; rels: string[]; file: string }> = {
  place: {
    file: 'entities/places.csv',
    attrs: ['country', 'population', 'area_km2', 'elevation_m', 'timezone', 'postal_code', 'founded_year', 'climate'],
    rels: ['PART_OF'],
  },
  organization: {
    file: 'entities/organizations.csv',
    attrs: ['industry', 'founded_year', 'employees', 'revenue_musd', 'website', 'phone', 'listed', 'rating'],
    rels: ['LOCATED_IN', 'PART_OF'],
  },
  person: {
    file: 'entities/people.csv',
    attrs: ['gender', 'birth_year', 'occupation', 'email', 'phone', 'nationality', 'height_cm', 'languages'],
    rels: ['WORKS_FOR', 'KNOWS'],
  },
  project: {
    file: 'entities/projects.csv',
    attrs: ['status', 'start_year', 'budget_musd', 'domain', 'priority', 'code', 'open_source', 'duration_months'],
    rels: ['LED_BY', 'LOCATED_IN'],
  },
};

/** Share of attribute cells that are filled. */
const FILL = 0.9;

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const pad = (n: number, width: number) => String(n).padStart(width, '0');

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Builds the whole pack in memory, as file path → text. */
function build(scale: number, seed: number) {
  const rng = createRng(seed);
  const n = (base: number, min: number) => Math.max(min, Math.round(base * scale));
  const counts = {
    place: n(1500, 20),
    organization: n(2500, 20),
    person: n(4000, 40),
    project: n(2000, 20),
    triples: n(20000, 100),
    faqs: n(1000, 20),
    docs: n(20, 2),
  };
  const width = Math.max(5, String(Math.max(counts.person, counts.organization)).length);
  const usedNames = new Set<string>();
  const fresh = (make: (attempt: number) => string): string => {
    for (let attempt = 0; ; attempt++) {
      const name = make(attempt);
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };

  // --- places
  const places: Entity[] = [];
  for (let i = 0; i < counts.place; i++) {
    let en = '';
    const name = fresh((attempt) => {
      const len = attempt < 30 ? 2 : 3;
      const chars: [string, string][] = [];
      while (chars.length < len) {
        const c = rng.pick(PLACE_CHARS);
        if (!chars.includes(c)) chars.push(c);
      }
      const [suffix, suffixEn] = rng.pick(PLACE_SUFFIX);
      en = `${cap(chars.map((c) => c[1]).join(''))} ${suffixEn}`;
      return chars.map((c) => c[0]).join('') + suffix;
    });
    const [country, tz] = rng.pick(COUNTRIES);
    const population = Math.round(10 ** (3.7 + rng.next() * 3.6));
    const cells: Record<string, string> = {
      country,
      population: String(population),
      area_km2: (5 + rng.next() * 8000).toFixed(1),
      elevation_m: String(rng.int(-20, 3600)),
      timezone: tz,
      postal_code: pad(rng.int(1000, 999999), 6),
      founded_year: String(rng.int(1200, 2015)),
      climate: rng.pick(CLIMATES),
    };
    const parent = i >= Math.ceil(counts.place * 0.05) ? places[rng.int(0, i - 1)] : undefined;
    places.push({
      id: `pl-${pad(i + 1, width)}`,
      type: 'place',
      name,
      aliases: [en],
      en,
      description: `${name}是一个${cells.climate}地区，人口约 ${population} 人。`,
      cells,
      rels: { PART_OF: parent ? [parent.id] : [] },
    });
  }

  // --- organisations
  const orgs: Entity[] = [];
  for (let i = 0; i < counts.organization; i++) {
    const place = rng.pick(places);
    let en = '';
    let industry = '';
    const name = fresh(() => {
      const coreChars = place.name.slice(0, -1);
      const [brand, brandEn] = rng.pick(BRANDS);
      const [ind, indEn] = rng.pick(INDUSTRIES);
      const [suffix, suffixEn] = rng.pick(ORG_SUFFIX);
      industry = ind;
      en = `${place.en.split(' ')[0]} ${brandEn} ${indEn} ${suffixEn}`;
      return `${coreChars}${brand}${ind}${suffix}`;
    });
    const slug = en
      .split(' ')
      .slice(0, 2)
      .join('')
      .toLowerCase()
      .replace(/[^a-z]/g, '');
    const parent = i > 20 && rng.chance(0.15) ? orgs[rng.int(0, i - 1)] : undefined;
    const cells: Record<string, string> = {
      industry,
      founded_year: String(rng.int(1950, 2023)),
      employees: String(Math.round(10 ** (1 + rng.next() * 4))),
      revenue_musd: (rng.next() * 5000).toFixed(2),
      website: `https://www.${slug}${i + 1}.example.com`,
      phone: `0${rng.int(10, 999)}-${pad(rng.int(0, 99999999), 8)}`,
      listed: rng.chance(0.3) ? 'true' : 'false',
      rating: (1 + rng.next() * 4).toFixed(1),
    };
    orgs.push({
      id: `org-${pad(i + 1, width)}`,
      type: 'organization',
      name,
      aliases: [en],
      en,
      description: `${name}成立于 ${cells.founded_year} 年，总部位于${place.name}，主要从事${industry}相关业务。`,
      cells,
      rels: { LOCATED_IN: [place.id], PART_OF: parent ? [parent.id] : [] },
    });
  }

  // --- people
  const people: Entity[] = [];
  for (let i = 0; i < counts.person; i++) {
    let en = '';
    const name = fresh((attempt) => {
      const [s, sEn] = rng.pick(SURNAMES);
      const given: [string, string][] = [rng.pick(GIVEN)];
      if (rng.chance(0.7) || attempt > 10) given.push(rng.pick(GIVEN));
      const suffix = attempt > 40 ? String(attempt) : '';
      en = `${sEn} ${cap(given.map((g) => g[1]).join(''))}${suffix}`;
      return s + given.map((g) => g[0]).join('') + suffix;
    });
    people.push({
      id: `per-${pad(i + 1, width)}`,
      type: 'person',
      name,
      aliases: [en],
      en,
      description: '',
      cells: {},
      rels: {},
    });
  }
  for (const [i, p] of people.entries()) {
    const org = rng.chance(0.95) ? rng.pick(orgs) : undefined;
    const knows = new Set<string>();
    const k = rng.int(0, 3);
    while (knows.size < k) {
      const other = rng.pick(people);
      if (other.id !== p.id) knows.add(other.id);
    }
    const occupation = rng.pick(OCCUPATIONS);
    p.cells = {
      gender: rng.chance(0.5) ? '男' : '女',
      birth_year: String(rng.int(1950, 2003)),
      occupation,
      email: `${p.en.toLowerCase().replace(/[^a-z]/g, '.')}.${i + 1}@example.org`,
      phone: `1${rng.int(3, 9)}${pad(rng.int(0, 999999999), 9)}`,
      nationality: rng.pick(NATIONALITIES),
      height_cm: String(rng.int(150, 195)),
      languages: rng.pick(LANGUAGES),
    };
    p.rels = { WORKS_FOR: org ? [org.id] : [], KNOWS: [...knows] };
    p.description = org ? `${p.name}是${org.name}的${occupation}。` : `${p.name}是一名自由职业${occupation}。`;
  }

  // --- projects
  const projects: Entity[] = [];
  const phases = new Map<string, number>();
  for (let i = 0; i < counts.project; i++) {
    const [adj, adjEn] = rng.pick(PROJECT_ADJ);
    const [noun, nounEn] = rng.pick(PROJECT_NOUN);
    const [kind, kindEn] = rng.pick(PROJECT_KIND);
    const base = `${adj}${noun}${kind}`;
    const phase = (phases.get(base) ?? 0) + 1;
    phases.set(base, phase);
    const name = fresh(() => `${base}第${phase}期`);
    const en = `${adjEn} ${nounEn} ${kindEn} Phase ${phase}`;
    const code = `PRJ-${pad(i + 1, width)}`;
    const lead = rng.pick(people);
    const place = rng.chance(0.5) ? rng.pick(places) : undefined;
    const cells: Record<string, string> = {
      status: rng.pick(STATUSES),
      start_year: String(rng.int(2010, 2025)),
      budget_musd: (0.5 + rng.next() * 300).toFixed(2),
      domain: rng.pick(DOMAINS),
      priority: rng.pick(PRIORITIES),
      code,
      open_source: rng.chance(0.2) ? 'true' : 'false',
      duration_months: String(rng.int(3, 60)),
    };
    projects.push({
      id: `prj-${pad(i + 1, width)}`,
      type: 'project',
      name,
      aliases: [en, code],
      en,
      description: `${name}由${lead.name}负责，聚焦${cells.domain}领域。`,
      cells,
      rels: { LED_BY: [lead.id], LOCATED_IN: place ? [place.id] : [] },
    });
  }

  const files = new Map<string, { text: string; records: number }>();
  let csvAttributeValues = 0;
  let csvRelationships = 0;

  // --- entity CSVs (sparse cells: FILL share of attribute cells are filled)
  for (const list of [places, orgs, people, projects]) {
    const cols = COLUMNS[list[0]!.type];
    const header = ['id', 'type', 'name', 'aliases', 'description', ...cols.attrs, ...cols.rels.map((r) => `rel:${r}`)];
    const lines = [header.join(',')];
    for (const e of list) {
      const attrs = cols.attrs.map((a) => (rng.chance(FILL) ? (e.cells[a] ?? '') : ''));
      csvAttributeValues += attrs.filter((v) => v !== '').length;
      const rels = cols.rels.map((r) => e.rels[r] ?? []);
      csvRelationships += rels.reduce((sum, r) => sum + r.length, 0);
      const row = [e.id, e.type, e.name, e.aliases.join('|'), e.description, ...attrs, ...rels.map((r) => r.join('|'))];
      lines.push(row.map(csvCell).join(','));
    }
    files.set(cols.file, { text: `${lines.join('\n')}\n`, records: list.length });
  }

  // --- triples: half relations between entities, half literal attributes (one per subject+predicate)
  const relationTarget = Math.floor(counts.triples / 2);
  const literalTarget = counts.triples - relationTarget;
  const tripleLines = ['# subject\tpredicate\tobject'];
  const relKinds: [string, Entity[], Entity[]][] = [
    ['COLLABORATES_WITH', orgs, orgs],
    ['MENTORS', people, people],
    ['SPONSORED_BY', projects, orgs],
    ['NEAR', places, places],
  ];
  const relSeen = new Set<string>();
  while (relSeen.size < relationTarget) {
    const [pred, from, to] = rng.pick(relKinds);
    const s = rng.pick(from);
    const o = rng.pick(to);
    const key = `${s.id}|${pred}|${o.id}`;
    if (s.id === o.id || relSeen.has(key)) continue;
    relSeen.add(key);
    tripleLines.push(`${s.name}\t${pred}\t${o.name}`);
  }
  const literalCandidates: [Entity, string][] = [
    ...people.map((e): [Entity, string] => [e, 'nickname']),
    ...orgs.map((e): [Entity, string] => [e, 'motto']),
    ...places.map((e): [Entity, string] => [e, 'landmark']),
    ...projects.map((e): [Entity, string] => [e, 'milestone']),
    ...[...places, ...orgs, ...people, ...projects].map((e): [Entity, string] => [e, 'award']),
  ];
  for (let i = literalCandidates.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [literalCandidates[i], literalCandidates[j]] = [literalCandidates[j]!, literalCandidates[i]!];
  }
  const literals = literalCandidates.slice(0, Math.min(literalTarget, literalCandidates.length));
  for (const [e, pred] of literals) {
    let value: string;
    if (pred === 'nickname') value = `小${e.name.slice(-1)}`;
    else if (pred === 'motto') value = `${rng.pick(MOTTO_A)}，${rng.pick(MOTTO_B)}`;
    else if (pred === 'landmark') value = `${e.name.slice(0, -1)}${rng.pick(LANDMARKS)}`;
    else if (pred === 'milestone')
      value = `${rng.int(2012, 2025)} 年 ${rng.int(1, 12)} 月完成第 ${rng.int(1, 5)} 阶段验收`;
    else value = `${rng.int(2000, 2025)} 年度${rng.pick(AWARDS)}`;
    tripleLines.push(`${e.name}\t${pred}\t${value}`);
  }
  // Interleave relation and literal lines deterministically, as a hand-written file would.
  const body = tripleLines.slice(1);
  for (let i = body.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [body[i], body[j]] = [body[j]!, body[i]!];
  }
  files.set('triples.tsv', { text: `${[tripleLines[0], ...body].join('\n')}\n`, records: body.length });

  // --- FAQs: one per distinct entity, with 2 alternates
  const all = [...places, ...orgs, ...people, ...projects];
  const byId = new Map(all.map((e) => [e.id, e]));
  const order = all.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const faqLines: string[] = [];
  let faqAboutLinks = 0;
  let faqAlternates = 0;
  for (let i = 0; i < Math.min(counts.faqs, order.length); i++) {
    const e = all[order[i]!]!;
    const about = [e.id];
    let question: string;
    let answer: string;
    let alternates: string[];
    if (e.type === 'person') {
      const org = e.rels.WORKS_FOR?.[0] ? byId.get(e.rels.WORKS_FOR[0]) : undefined;
      if (org) about.push(org.id);
      question = `${e.name}在哪里工作？`;
      answer = org
        ? `${e.name}目前就职于${org.name}，职位是${e.cells.occupation}，可通过 ${e.cells.email} 联系。`
        : `${e.name}是一名自由职业${e.cells.occupation}，暂无任职机构。`;
      alternates = [`${e.name}是哪家单位的`, `Where does ${e.en} work?`];
    } else if (e.type === 'organization') {
      const place = byId.get(e.rels.LOCATED_IN![0]!)!;
      about.push(place.id);
      question = `${e.name}的总部在哪里？`;
      answer = `${e.name}总部位于${place.name}，成立于 ${e.cells.founded_year} 年，员工约 ${e.cells.employees} 人，官网 ${e.cells.website}。`;
      alternates = [`${e.name}在什么地方`, `Where is ${e.en} located?`];
    } else if (e.type === 'place') {
      const parent = e.rels.PART_OF?.[0] ? byId.get(e.rels.PART_OF[0]) : undefined;
      question = `${e.name}的人口和面积是多少？`;
      answer = `${e.name}${parent ? `隶属于${parent.name}，` : ''}人口约 ${e.cells.population} 人，面积约 ${e.cells.area_km2} 平方公里，属于${e.cells.climate}。`;
      alternates = [`${e.name}有多少人`, `How big is ${e.en}?`];
    } else {
      const lead = byId.get(e.rels.LED_BY![0]!)!;
      about.push(lead.id);
      question = `${e.name}由谁负责？`;
      answer = `${e.name}由${lead.name}牵头负责，预算约 ${e.cells.budget_musd} 百万美元，目前状态为${e.cells.status}。`;
      alternates = [`${e.name}的负责人是谁`, `Who leads ${e.en}?`];
    }
    faqAboutLinks += about.length;
    faqAlternates += alternates.length;
    faqLines.push(
      JSON.stringify({
        id: `faq-${pad(i + 1, width)}`,
        question,
        answer,
        alternates,
        about,
        tags: FAQ_TAGS[e.type],
      }),
    );
  }
  files.set('faq.jsonl', { text: `${faqLines.join('\n')}\n`, records: faqLines.length });

  // --- documents: one regional report per place, ~16 sections each
  let sections = 0;
  let appliesToLinks = 0;
  let documentAttributes = 0;
  const filler = (min: number) => {
    let s = '';
    while (s.length < min) s += rng.pick(FILLER);
    return s;
  };
  for (let d = 0; d < counts.docs; d++) {
    const place = places[d % places.length]!;
    const localOrgs = orgs.filter((o) => o.rels.LOCATED_IN![0] === place.id).slice(0, 4);
    while (localOrgs.length < 4) localOrgs.push(rng.pick(orgs));
    const docProjects = [rng.pick(projects), rng.pick(projects), rng.pick(projects)];
    const docPeople = [rng.pick(people), rng.pick(people), rng.pick(people)];
    const appliesTo = [...new Set([place.id, ...localOrgs.slice(0, 2).map((o) => o.id)])];
    appliesToLinks += appliesTo.length;
    documentAttributes += 2; // author, year
    const title = `${place.name}年度发展报告`;
    const lines = [
      '---',
      `id: doc-${pad(d + 1, 4)}`,
      'type: report',
      `title: ${title}`,
      `aliases: ["${place.en} annual report"]`,
      `applies_to: [${appliesTo.join(', ')}]`,
      `author: ${rng.pick(people).name}`,
      `year: ${rng.int(2018, 2025)}`,
      '---',
      '',
    ];
    const section = (heading: string, text: string) => {
      lines.push(heading, '', text, '');
      sections++;
    };
    section(
      '## 概况',
      `${place.name}（${place.en}）人口约 ${place.cells.population} 人，面积 ${place.cells.area_km2} 平方公里，属于${place.cells.climate}。${filler(120)}`,
    );
    section('## 历史沿革', `${place.name}始建于 ${place.cells.founded_year} 年。${filler(150)}`);
    section(
      '## 经济与产业',
      `本地重点机构涵盖${[...new Set(localOrgs.map((o) => o.cells.industry))].join('、')}等行业。${filler(100)}`,
    );
    for (const o of localOrgs) {
      section(
        `### ${o.name}`,
        `${o.name}成立于 ${o.cells.founded_year} 年，员工约 ${o.cells.employees} 人，年营收约 ${o.cells.revenue_musd} 百万美元。${filler(120)}`,
      );
    }
    section('## 重点项目', `报告期内共跟踪 ${docProjects.length} 个重点项目。${filler(80)}`);
    for (const p of docProjects) {
      const lead = byId.get(p.rels.LED_BY![0]!)!;
      section(
        `### ${p.name}`,
        `${p.name}由${lead.name}负责，聚焦${p.cells.domain}，预算约 ${p.cells.budget_musd} 百万美元，当前状态为${p.cells.status}。${filler(120)}`,
      );
    }
    section('## 人物', `以下人物在报告期内做出了突出贡献。${filler(60)}`);
    for (const p of docPeople) {
      section(`### ${p.name}`, `${p.name}，${p.cells.occupation}，出生于 ${p.cells.birth_year} 年。${filler(100)}`);
    }
    section('## 展望', `${place.name}将继续推进高质量发展。${filler(150)}`);
    files.set(`docs/report-${pad(d + 1, 4)}.md`, { text: lines.join('\n'), records: 16 });
  }

  files.set('schema.yaml', { text: SCHEMA_YAML, records: 5 + 20 + 5 });

  const attributeValues = csvAttributeValues + literals.length + documentAttributes;
  const relationships = csvRelationships + relSeen.size + faqAboutLinks + appliesToLinks;
  const faqs = faqLines.length;
  return {
    files,
    entities: { place: places.length, organization: orgs.length, person: people.length, project: projects.length },
    facts: { attributeValues, relationships, faqs, sections, total: attributeValues + relationships + faqs + sections },
    detail: {
      csvAttributeValues,
      csvRelationships,
      triples: body.length,
      literalTriples: literals.length,
      relationTriples: relSeen.size,
      faqAlternates,
      faqAboutLinks,
      documents: counts.docs,
      documentAttributes,
      appliesToLinks,
    },
  };
}

/** Generates the pack into `dir` (emptied first). */
export async function generatePack(opts: GenerateOptions): Promise<PackShape> {
  const seed = opts.seed ?? 20250101;
  let scale = opts.facts / 100_000;
  let built = build(scale, seed);
  for (let i = 0; i < 5 && built.facts.total < opts.facts; i++) {
    scale *= (opts.facts / built.facts.total) * 1.01;
    built = build(scale, seed);
  }
  await rm(opts.dir, { recursive: true, force: true });
  const files: PackShape['files'] = [];
  for (const [path, { text, records }] of [...built.files].sort(([a], [b]) => a.localeCompare(b))) {
    const full = join(opts.dir, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, text);
    files.push({ path, records, bytes: Buffer.byteLength(text) });
  }
  return {
    dir: opts.dir,
    seed,
    scale,
    files,
    entities: built.entities,
    schema: { types: 5, attributes: 20, relations: 5 },
    facts: built.facts,
    detail: built.detail,
  };
}

const SCHEMA_YAML = `# Synthetic benchmark pack: organisations, people, places and projects (generated by bench/generate-pack.ts).
types:
  person:
    label: {zh: 人物, en: person}
    synonyms: [人, 员工, 成员, people, individual]
  organization:
    label: {zh: 机构, en: organization}
    synonyms: [公司, 单位, 企业, 组织, company, institution]
  place:
    label: {zh: 地点, en: place}
    synonyms: [地区, 城市, 区域, 地方, location, region]
  project:
    label: {zh: 项目, en: project}
    synonyms: [计划, 工程, 课题, program, initiative]
  report:
    label: {zh: 报告, en: report}
    synonyms: [年报, 发展报告, annual report]

attributes:
  country:
    label: {zh: 国家, en: country}
    synonyms: [所属国家, 哪个国家, nation]
  population:
    label: {zh: 人口, en: population}
    synonyms: [多少人, 人口数量, inhabitants]
    unit: 人
  area_km2:
    label: {zh: 面积, en: area}
    synonyms: [占地, 多大, 面积多少, size]
    unit: 平方公里
  elevation_m:
    label: {zh: 海拔, en: elevation}
    synonyms: [海拔高度, 多高, altitude]
    unit: 米
  timezone:
    label: {zh: 时区, en: time zone}
    synonyms: [几点, 时差, timezone]
  postal_code:
    label: {zh: 邮政编码, en: postal code}
    synonyms: [邮编, zip code, postcode]
  founded_year:
    label: {zh: 成立年份, en: year founded}
    synonyms: [哪年成立, 始建于, 创立时间, established, founded]
    unit: 年
  climate:
    label: {zh: 气候, en: climate}
    synonyms: [气候类型, 天气, weather]
  industry:
    label: {zh: 行业, en: industry}
    synonyms: [所属行业, 做什么的, 业务领域, sector]
  employees:
    label: {zh: 员工人数, en: employees}
    synonyms: [多少员工, 规模, 人数, headcount, staff]
    unit: 人
  revenue_musd:
    label: {zh: 年营收, en: annual revenue}
    synonyms: [营业额, 收入, 营收多少, revenue, turnover]
    unit: 百万美元
  website:
    label: {zh: 官网, en: website}
    synonyms: [网址, 网站, homepage, url]
  phone:
    label: {zh: 电话, en: phone}
    synonyms: [联系电话, 电话号码, 手机号, telephone, contact number]
  rating:
    label: {zh: 评分, en: rating}
    synonyms: [口碑, 打分, 评价, score]
    unit: 分
  gender:
    label: {zh: 性别, en: gender}
    synonyms: [男的女的, sex]
  birth_year:
    label: {zh: 出生年份, en: year of birth}
    synonyms: [哪年出生, 多大年纪, 年龄, born, age]
    unit: 年
  occupation:
    label: {zh: 职业, en: occupation}
    synonyms: [职位, 工作, 做什么工作, job, position, title]
  email:
    label: {zh: 电子邮箱, en: email}
    synonyms: [邮箱, 邮件地址, e-mail, mail]
  budget_musd:
    label: {zh: 预算, en: budget}
    synonyms: [投资额, 经费, 花多少钱, funding]
    unit: 百万美元
  status:
    label: {zh: 状态, en: status}
    synonyms: [进展, 进度, 现在怎么样, progress]

relations:
  LOCATED_IN:
    label: {zh: 位于, en: located in}
    synonyms: [在哪里, 地址, 所在地, where is, location]
  PART_OF:
    label: {zh: 隶属于, en: part of}
    synonyms: [上级, 属于, 母公司, parent]
  WORKS_FOR:
    label: {zh: 就职于, en: works for}
    synonyms: [在哪工作, 工作单位, 雇主, employer]
  KNOWS:
    label: {zh: 认识, en: knows}
    synonyms: [熟人, 朋友, 同事, acquaintance]
  LED_BY:
    label: {zh: 负责人, en: led by}
    synonyms: [谁负责, 牵头人, 项目经理, leader, owner]
`;
