#!/usr/bin/env node
// Generates data/catalogue.sample.json: an ILLUSTRATIVE, bilingual SAMPLE catalogue for TwoZones.
//
// This is NOT the official list of the 251 State Council tasks or of the special reform programmes' measures.
// Agencies and districts are real; programme areas follow public reports on the "Two Zones"; every task and
// measure title, date, status and agency assignment is composed by this script from templates and a seeded
// pseudo-random generator, so the figures are plausible but invented.
//
// Deterministic by design: no clock, no locale, no dependencies. Statuses are "as of" the fixed reference date
// below, and the same seed always yields byte-identical output, so a test can regenerate and compare.
//
// Usage:
//   node tools/generate-catalogue.mjs              writes data/catalogue.sample.json (next to this repo's tools/)
//   node tools/generate-catalogue.mjs <path>       writes to <path>
//   node tools/generate-catalogue.mjs --stdout     writes to standard output

import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SEED = 20200828; // the State Council's approval of the Two Zones plans
const REFERENCE_DATE = '2026-11-20';
const TASK_COUNT = 251;
const TASKS_NOT_COMMENCED = 5; // 246 of 251 at least commenced: 98.0 %
const TASKS_COMPLETED = 208;

// ---------------------------------------------------------------------------------------------------------------
// Seeded PRNG (mulberry32) and helpers. Everything random flows through `rng` in a fixed call order.

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rng = mulberry32(SEED);
const int = (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));
const chance = (p) => rng() < p;
const pick = (items) => items[Math.floor(rng() * items.length)];

function shuffle(items) {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function pickWeighted(weights) {
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  let r = rng() * total;
  for (const [value, w] of weights) {
    r -= w;
    if (r < 0) return value;
  }
  return weights[weights.length - 1][0];
}

// Dates as whole days since 1970-01-01 (UTC), so arithmetic never meets time zones or DST.
const DAY_MS = 86_400_000;
const day = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY_MS;
const iso = (d) => new Date(d * DAY_MS).toISOString().slice(0, 10);
const between = (fromIso, toIso) => int(day(fromIso), day(toIso));
const clamp = (d, lo, hi) => Math.min(Math.max(d, lo), hi);

const REF = day(REFERENCE_DATE);
const EARLIEST = day('2020-09-01');
const LATEST_PLANNED = day('2026-12-31');

// ---------------------------------------------------------------------------------------------------------------
// Reference data: agencies, districts, programmes.

const AGENCIES = [
  ['BMCB', 'Beijing Municipal Commerce Bureau', '北京市商务局'],
  ['BMSTC', 'Beijing Municipal Science & Technology Commission', '北京市科学技术委员会'],
  ['BMBEIT', 'Beijing Municipal Bureau of Economy and Information Technology', '北京市经济和信息化局'],
  ['BLFSB', 'Beijing Local Financial Supervision and Administration Bureau', '北京市地方金融监督管理局'],
  ['BMHC', 'Beijing Municipal Health Commission', '北京市卫生健康委员会'],
  ['BMPA', 'Beijing Medical Products Administration', '北京市药品监督管理局'],
  ['BCA', 'Beijing Communications Administration', '北京市通信管理局'],
  ['BMCTB', 'Beijing Municipal Culture and Tourism Bureau', '北京市文化和旅游局'],
  ['BJC', 'Beijing Customs', '北京海关'],
  ['BAMR', 'Beijing Municipal Administration for Market Regulation', '北京市市场监督管理局'],
  ['BMHRSS', 'Beijing Municipal Human Resources and Social Security Bureau', '北京市人力资源和社会保障局'],
  ['BMDRC', 'Beijing Municipal Commission of Development and Reform', '北京市发展和改革委员会'],
  ['BMJB', 'Beijing Municipal Justice Bureau', '北京市司法局'],
  ['BCAC', 'Cyberspace Administration of Beijing', '北京市互联网信息办公室'],
  ['BMCHURD', 'Beijing Municipal Commission of Housing and Urban-Rural Development', '北京市住房和城乡建设委员会'],
  ['BMTS', 'Beijing Municipal Tax Service, State Taxation Administration', '国家税务总局北京市税务局'],
  ['BGSDA', 'Beijing Municipal Government Service and Data Administration', '北京市政务服务和数据管理局'],
];

// Code → [English, Chinese]. Codes are stable identifiers; see data/README.md.
const DISTRICTS = {
  Dongcheng: ['Dongcheng District', '东城区'],
  Xicheng: ['Xicheng District', '西城区'],
  Chaoyang: ['Chaoyang District', '朝阳区'],
  Haidian: ['Haidian District', '海淀区'],
  Fengtai: ['Fengtai District', '丰台区'],
  Shijingshan: ['Shijingshan District', '石景山区'],
  Mentougou: ['Mentougou District', '门头沟区'],
  Fangshan: ['Fangshan District', '房山区'],
  Tongzhou: ['Tongzhou District', '通州区'],
  Shunyi: ['Shunyi District', '顺义区'],
  Changping: ['Changping District', '昌平区'],
  Daxing: ['Daxing District', '大兴区'],
  Huairou: ['Huairou District', '怀柔区'],
  Pinggu: ['Pinggu District', '平谷区'],
  Miyun: ['Miyun District', '密云区'],
  Yanqing: ['Yanqing District', '延庆区'],
  BDA: ['Beijing Economic-Technological Development Area (Yizhuang)', '北京经济技术开发区（亦庄）'],
};
const DISTRICT_CODES = Object.keys(DISTRICTS);

// Templates: {o} is the object phrase. Tasks read as State Council level reforms; measures as concrete steps.
const TASK_TEMPLATES = [
  ['Pilot {o}', '开展{o}试点'],
  ['Expand opening-up in {o}', '扩大{o}领域开放'],
  ['Establish an institutional framework for {o}', '建立{o}制度体系'],
  ['Align {o} with high-standard international economic and trade rules', '推动{o}对接国际高标准经贸规则'],
  ['Explore a negative-list approach to {o}', '探索{o}负面清单管理模式'],
  ['Deepen the reform of {o}', '深化{o}改革'],
  ['Improve the regulatory regime for {o}', '完善{o}监管制度'],
  ['Promote the innovative development of {o}', '推动{o}创新发展'],
];

const MEASURE_TEMPLATES = [
  ['Issue implementing rules on {o}', '出台{o}实施细则'],
  ['Streamline approval procedures for {o}', '简化{o}审批流程'],
  ['Set up a one-stop service platform for {o}', '搭建{o}一站式服务平台'],
  ['Publish typical cases on {o}', '发布{o}典型案例'],
  ['Build a credit-based supervision system for {o}', '构建{o}信用监管体系'],
  ['Strengthen risk prevention and control for {o}', '加强{o}风险防控'],
  ['Set up a cross-department coordination mechanism for {o}', '建立{o}跨部门协调机制'],
  ['Introduce a white list of enterprises for {o}', '建立{o}企业白名单制度'],
  ['Introduce commitment-based approval for {o}', '实行{o}告知承诺制'],
  ['Draw up service guidelines for {o}', '编制{o}服务指引'],
];

// Each programme: names, lead, agencies that typically lead or co-lead its items, districts where its items
// tend to sit, its task/measure counts, and object phrases ([en, zh, optional district the object belongs to]).
const PROGRAMMES = [
  {
    id: 'P01', en: 'Science and Technology Innovation and the Zhongguancun Comprehensive Bonded Zone',
    zh: '科技创新与中关村综合保税区建设', lead: 'BMSTC', tasks: 30, measures: 52,
    agencies: ['BMSTC', 'BMBEIT', 'BJC', 'BMHRSS', 'BMCB'], districts: ['Haidian', 'Changping', 'Chaoyang', 'BDA'],
    objects: [
      ['R&D equipment imports for the Zhongguancun comprehensive bonded zone', '中关村综合保税区研发设备进口', 'Changping'],
      ['cross-border movement of R&D biological samples', '研发用生物样本跨境流动'],
      ['commercialisation of university research results', '高校科技成果转化'],
      ['foreign-funded R&D centres', '外资研发中心'],
      ['intellectual property pledge financing', '知识产权质押融资'],
      ['talent visas for foreign scientists', '外籍科学家人才签证'],
      ['new-type R&D institutions', '新型研发机构'],
      ['bonded R&D of integrated circuits', '集成电路保税研发'],
      ['technology import and export contract registration', '技术进出口合同登记'],
      ['venture capital for hard-technology start-ups', '硬科技初创企业创业投资'],
      ['the Zhongguancun science city innovation corridor', '中关村科学城创新走廊', 'Haidian'],
    ],
  },
  {
    id: 'P02', en: 'Digital Economy and Cross-Border Data Flows', zh: '数字经济与数据跨境流动', lead: 'BMBEIT',
    tasks: 28, measures: 55,
    agencies: ['BMBEIT', 'BCAC', 'BGSDA', 'BCA', 'BMCB'], districts: ['Chaoyang', 'Haidian', 'BDA', 'Tongzhou'],
    objects: [
      ['data asset registration', '数据资产登记'],
      ['the outbound data negative list', '数据出境负面清单'],
      ['security assessment of outbound data transfers', '数据出境安全评估'],
      ['the Beijing International Big Data Exchange', '北京国际大数据交易所', 'Chaoyang'],
      ['authorised operation of public data', '公共数据授权运营'],
      ['digital trade ports', '数字贸易港'],
      ['personal information protection certification', '个人信息保护认证'],
      ['data property rights', '数据产权'],
      ['digital RMB application scenarios', '数字人民币应用场景'],
      ['autonomous-driving data', '自动驾驶数据', 'BDA'],
      ['cross-border e-commerce of digital products', '数字产品跨境电子商务'],
    ],
  },
  {
    id: 'P03', en: 'Financial Opening-Up', zh: '金融领域开放', lead: 'BLFSB', tasks: 26, measures: 48,
    agencies: ['BLFSB', 'BMCB', 'BMDRC', 'BMTS'], districts: ['Xicheng', 'Chaoyang', 'Tongzhou', 'Haidian'],
    objects: [
      ['foreign-controlled securities companies', '外资控股证券公司'],
      ['stock-option incentives for overseas employees of listed companies', '上市公司境外员工股票期权激励'],
      ['qualified foreign limited partners (QFLP)', '合格境外有限合伙人（QFLP）'],
      ['cross-border wealth management', '跨境理财'],
      ['integrated domestic and foreign currency cash pooling', '本外币一体化资金池'],
      ['green finance', '绿色金融', 'Tongzhou'],
      ['the fintech regulatory sandbox', '金融科技监管沙盒'],
      ['foreign-funded payment institutions', '外资支付机构'],
      ['trade finance for small and medium-sized enterprises', '中小企业贸易融资'],
      ['foreign-funded bank card clearing institutions', '外资银行卡清算机构'],
      ['the Financial Street wealth management cluster', '金融街财富管理集聚区', 'Xicheng'],
    ],
  },
  {
    id: 'P04', en: 'Healthcare and Biomedicine', zh: '医疗健康与生物医药', lead: 'BMHC', tasks: 25, measures: 50,
    agencies: ['BMHC', 'BMPA', 'BJC', 'BAMR', 'BMCB'], districts: ['BDA', 'Changping', 'Daxing', 'Chaoyang'],
    objects: [
      ['rare-disease drugs', '罕见病药品'],
      ['gene-therapy enterprises', '基因治疗企业'],
      ['imported urgently needed drugs and medical devices', '临床急需进口药品和医疗器械'],
      ['foreign-funded hospitals', '外资医院'],
      ['clinical research on cell and gene therapy', '细胞和基因治疗临床研究'],
      ['internet hospitals', '互联网医院'],
      ['commercial health insurance', '商业健康保险'],
      ['clinical trials of innovative drugs', '创新药临床试验'],
      ['the medical device marketing-authorisation-holder system', '医疗器械注册人制度'],
      ['bonded storage of biomedical R&D materials', '生物医药研发物品保税存储', 'Daxing'],
      ['the Life Science Park biomedical cluster', '生命科学园生物医药集群', 'Changping'],
    ],
  },
  {
    id: 'P05', en: 'Value-Added Telecommunications', zh: '增值电信业务开放', lead: 'BCA', tasks: 22, measures: 46,
    agencies: ['BCA', 'BCAC', 'BMBEIT', 'BMCB'], districts: ['Chaoyang', 'Haidian', 'BDA', 'Shunyi'],
    objects: [
      ['foreign equity limits in value-added telecom services', '增值电信业务外资股比限制'],
      ['internet data centre services', '互联网数据中心业务'],
      ['content delivery network services', '内容分发网络业务'],
      ['online data and transaction processing services', '在线数据处理与交易处理业务'],
      ['domestic multi-party communication services', '国内多方通信服务业务'],
      ['internet access services', '互联网接入服务业务'],
      ['information services', '信息服务业务'],
      ['dedicated international internet data channels', '国际互联网数据专用通道'],
      ['telecom business licensing', '电信业务经营许可'],
      ['5G industry applications', '5G行业应用'],
    ],
  },
  {
    id: 'P06', en: 'Cultural Trade', zh: '文化贸易', lead: 'BMCTB', tasks: 24, measures: 45,
    agencies: ['BMCTB', 'BJC', 'BMCB', 'BMTS'], districts: ['Chaoyang', 'Dongcheng', 'Tongzhou', 'Shunyi', 'Xicheng'],
    objects: [
      ['bonded auctions of cultural works', '文物艺术品保税拍卖', 'Shunyi'],
      ['bonded exhibitions of artworks', '艺术品保税展示'],
      ['foreign-funded performance brokerage agencies', '外资演出经纪机构'],
      ['export of online games', '网络游戏出海'],
      ['Sino-foreign film and television co-productions', '中外合拍影视作品'],
      ['the national cultural export base', '国家文化出口基地', 'Chaoyang'],
      ['digital publishing', '数字出版'],
      ['temporary entry of cultural relics', '文物临时进境'],
      ['copyright trading', '版权交易'],
      ['immersive cultural tourism', '沉浸式文旅'],
      ['the Grand Canal cultural belt', '大运河文化带', 'Tongzhou'],
    ],
  },
  {
    id: 'P07', en: 'Trade Facilitation and Comprehensive Bonded Zones', zh: '贸易便利化与综合保税区', lead: 'BMCB',
    tasks: 22, measures: 44,
    agencies: ['BMCB', 'BJC', 'BMTS', 'BAMR'], districts: ['Shunyi', 'Daxing', 'BDA', 'Chaoyang'],
    objects: [
      ['the Tianzhu comprehensive bonded zone', '天竺综合保税区', 'Shunyi'],
      ['the Daxing airport comprehensive bonded zone', '大兴机场综合保税区', 'Daxing'],
      ['bonded logistics in Yizhuang', '亦庄保税物流', 'BDA'],
      ['cross-border e-commerce retail imports', '跨境电商零售进口'],
      ['two-step customs declaration', '两步申报通关'],
      ['bonded maintenance of aircraft engines', '航空发动机保税维修'],
      ['the international trade single window', '国际贸易单一窗口'],
      ['advance rulings on tariff classification', '税则归类预裁定'],
      ['bonded aviation fuel', '保税航油'],
      ['inspection of imported cold-chain fresh produce', '进口生鲜冷链查验'],
      ['the China International Fair for Trade in Services', '中国国际服务贸易交易会', 'Shijingshan'],
    ],
  },
  {
    id: 'P08', en: 'Professional Services and Qualifications Recognition', zh: '专业服务与职业资格认可', lead: 'BMHRSS',
    tasks: 25, measures: 52,
    agencies: ['BMHRSS', 'BMJB', 'BMCB', 'BMCHURD', 'BMTS'], districts: ['Chaoyang', 'Dongcheng', 'Xicheng', 'Haidian'],
    objects: [
      ['recognition of overseas professional qualifications', '境外职业资格认可'],
      ['joint operations of Chinese and foreign law firms', '中外律师事务所联营'],
      ['international commercial arbitration', '国际商事仲裁'],
      ['overseas accountants practising in Beijing', '境外会计师在京执业'],
      ['foreign-funded human resources service agencies', '外资人力资源服务机构'],
      ['work permits for foreign professionals', '外国专业人才工作许可'],
      ['architecture and engineering design services', '建筑与工程设计服务'],
      ['credit rating agencies', '信用评级机构'],
      ['international education services', '国际教育服务'],
      ['tax-related professional services', '涉税专业服务'],
      ['the CBD international professional services cluster', 'CBD国际专业服务集聚区', 'Chaoyang'],
    ],
  },
  {
    id: 'P09', en: 'Beijing–Tianjin–Hebei Coordinated Development', zh: '京津冀协同发展', lead: 'BMDRC', tasks: 24, measures: 50,
    agencies: ['BMDRC', 'BJC', 'BMSTC', 'BMHRSS', 'BMCB', 'BGSDA'], districts: ['Tongzhou', 'Daxing', 'Pinggu', 'Fangshan'],
    objects: [
      ['integrated regional customs clearance', '区域通关一体化'],
      ['mutual recognition of administrative licences', '行政许可互认'],
      ['regional transfer of scientific and technological achievements', '区域科技成果转化'],
      ['coordinated development with the Xiong\'an New Area', '与雄安新区协同发展'],
      ['cross-regional medical insurance settlement', '跨区域医保结算'],
      ['port logistics between Beijing and Tianjin', '京津港口物流'],
      ['shared government service standards', '政务服务标准互通'],
      ['industrial chain coordination', '产业链协同'],
      ['regional talent mobility', '区域人才流动'],
      ['the Tongzhou–Wuqing–Langfang integrated zone', '通武廊一体化示范区', 'Tongzhou'],
      ['the Pinggu agricultural trade hub', '平谷农业贸易枢纽', 'Pinggu'],
    ],
  },
  {
    id: 'P10', en: 'Business Environment', zh: '营商环境优化', lead: 'BAMR', tasks: 25, measures: 58,
    agencies: ['BAMR', 'BMCB', 'BGSDA', 'BMJB', 'BMCHURD', 'BMTS', 'BMDRC'],
    districts: ['Dongcheng', 'Xicheng', 'Fengtai', 'Shijingshan', 'Mentougou', 'Huairou', 'Miyun', 'Yanqing', 'Fangshan'],
    objects: [
      ['business registration', '企业登记'],
      ['construction project permits', '工程建设项目审批'],
      ['fair competition review', '公平竞争审查'],
      ['enterprise deregistration', '企业注销'],
      ['protection of minority investors', '中小投资者保护'],
      ['contract enforcement', '合同执行'],
      ['bankruptcy proceedings', '破产办理'],
      ['real estate registration', '不动产登记'],
      ['tax payment services', '纳税服务'],
      ['electronic licences and certificates', '电子证照'],
      ['foreign investment complaint handling', '外商投资企业投诉处理'],
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Item composition.

const usedTitles = new Set();

function composeTitle(programme, templates, district) {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const [tEn, tZh] = pick(templates);
    const [oEn, oZh, home] = pick(programme.objects);
    let en = tEn.replace('{o}', oEn);
    let zh = tZh.replace('{o}', oZh);
    // An object that names its own place already says where; otherwise say which district acts.
    if (district !== null && home === undefined) {
      en += ` (${DISTRICTS[district][0]})`;
      zh = `在${DISTRICTS[district][1]}${zh}`;
    }
    en = en.charAt(0).toUpperCase() + en.slice(1);
    if (!usedTitles.has(en) && !usedTitles.has(zh)) {
      usedTitles.add(en);
      usedTitles.add(zh);
      return { en, zh, home };
    }
  }
  throw new Error(`Ran out of distinct titles for ${programme.id}; add objects or templates.`);
}

function chooseDistrict(programme, nullShare) {
  if (chance(nullShare)) return null;
  return chance(0.7) ? pick(programme.districts) : pick(DISTRICT_CODES);
}

function chooseLead(programme) {
  return pickWeighted([
    [programme.lead, 45],
    ['BMCB', 12],
    [pick(programme.agencies), 33],
    [pick(AGENCIES)[0], 5],
  ]);
}

function chooseCoAgencies(programme, lead) {
  const count = pickWeighted([[0, 25], [1, 35], [2, 28], [3, 12]]);
  const chosen = [];
  for (let guard = 0; chosen.length < count && guard < 50; guard++) {
    const candidate = chance(0.85) ? pick(programme.agencies) : pick(AGENCIES)[0];
    if (candidate !== lead && !chosen.includes(candidate)) chosen.push(candidate);
  }
  return chosen;
}

// Planned and actual dates for one item given its status; `window` is where planned commencement may fall.
function scheduleFor(status, overdue, window) {
  let start;
  let end;
  let commencedOn = null;
  let completedOn = null;
  if (status === 'Completed') {
    start = between(window.from, window.doneBy);
    end = Math.min(start + int(120, 900), day('2026-09-30'));
    commencedOn = clamp(start + int(-30, 75), EARLIEST, REF - 60);
    completedOn = clamp(end + int(-120, 150), commencedOn + 30, REF);
  } else if (status === 'Commenced') {
    if (overdue) {
      start = between(window.from, '2024-12-31');
      end = Math.min(start + int(180, 700), day('2026-10-31'));
    } else {
      start = between('2022-06-01', '2026-06-30');
      end = between('2026-11-25', '2026-12-31');
    }
    commencedOn = clamp(start + int(-20, 90), EARLIEST, REF - 1);
  } else if (overdue) {
    start = between('2025-06-01', '2026-10-31');
    end = clamp(start + int(120, 400), start, LATEST_PLANNED);
  } else {
    start = between('2026-11-21', '2026-12-15');
    end = between('2026-12-16', '2026-12-31');
  }
  return {
    plannedCommencement: iso(start),
    plannedCompletion: iso(end),
    status,
    commencedOn: commencedOn === null ? null : iso(commencedOn),
    completedOn: completedOn === null ? null : iso(completedOn),
  };
}

function makeItem(id, programme, templates, status, overdue, window, nullShare) {
  const district = chooseDistrict(programme, nullShare);
  const title = composeTitle(programme, templates, district);
  const lead = chooseLead(programme);
  return {
    id,
    programme: programme.id,
    titleEn: title.en,
    titleZh: title.zh,
    leadAgency: lead,
    coAgencies: chooseCoAgencies(programme, lead),
    district: title.home !== undefined && district !== null ? title.home : district,
    ...scheduleFor(status, overdue, window),
  };
}

// Exact status counts, shuffled over positions, so the headline figures never drift with the seed.
function statusPlan(total, proposed, completed, overdueShare) {
  const plan = [];
  for (let i = 0; i < total; i++) {
    const status = i < proposed ? 'Proposed' : i < proposed + completed ? 'Completed' : 'Commenced';
    plan.push(status);
  }
  return shuffle(plan).map((status) => ({ status, overdue: status !== 'Completed' && chance(overdueShare) }));
}

// ---------------------------------------------------------------------------------------------------------------
// Build.

function build() {
  const taskPlan = statusPlan(TASK_COUNT, TASKS_NOT_COMMENCED, TASKS_COMPLETED, 0.5);
  const tasks = [];
  const tasksByProgramme = new Map();
  for (const programme of PROGRAMMES) {
    const ids = [];
    for (let i = 0; i < programme.tasks; i++) {
      const id = `T${String(tasks.length + 1).padStart(3, '0')}`;
      const { status, overdue } = taskPlan[tasks.length];
      const window = { from: '2020-09-01', doneBy: '2024-06-30' };
      tasks.push(makeItem(id, programme, TASK_TEMPLATES, status, overdue, window, 0.5));
      ids.push(id);
    }
    tasksByProgramme.set(programme.id, ids);
  }
  if (tasks.length !== TASK_COUNT) throw new Error(`Programme task counts add up to ${tasks.length}, not ${TASK_COUNT}.`);

  const measureTotal = PROGRAMMES.reduce((sum, p) => sum + p.measures, 0);
  const measurePlan = statusPlan(measureTotal, Math.round(measureTotal * 0.036), Math.round(measureTotal * 0.77), 0.45);
  const measures = [];
  for (const programme of PROGRAMMES) {
    for (let i = 1; i <= programme.measures; i++) {
      const id = `${programme.id}-M${String(i).padStart(3, '0')}`;
      const { status, overdue } = measurePlan[measures.length];
      const window = { from: '2021-03-01', doneBy: '2025-03-31' };
      const item = makeItem(id, programme, MEASURE_TEMPLATES, status, overdue, window, 0.4);
      const linkCount = pickWeighted([[0, 20], [1, 45], [2, 25], [3, 10]]);
      const linked = new Set();
      for (let guard = 0; linked.size < linkCount && guard < 50; guard++) {
        const pool = chance(0.85) ? tasksByProgramme.get(programme.id) : tasksByProgramme.get(pick(PROGRAMMES).id);
        linked.add(pick(pool));
      }
      const { id: _, programme: __, ...rest } = item;
      measures.push({ id, programme: programme.id, tasks: [...linked].sort(), ...rest });
    }
  }

  return {
    agencies: AGENCIES.map(([id, nameEn, nameZh]) => ({ id, nameEn, nameZh })),
    programmes: PROGRAMMES.map((p) => ({ id: p.id, nameEn: p.en, nameZh: p.zh, leadAgency: p.lead })),
    tasks,
    measures,
  };
}

function summarise(catalogue) {
  const count = (items, pred) => items.filter(pred).length;
  const pct = (part, total) => (Math.round((part * 1000) / total) / 10).toFixed(1);
  const lines = [];
  for (const [kind, items] of [['tasks', catalogue.tasks], ['measures', catalogue.measures]]) {
    const commenced = count(items, (i) => i.status !== 'Proposed');
    const completed = count(items, (i) => i.status === 'Completed');
    lines.push(`${kind}: ${items.length}, at least commenced ${commenced} (${pct(commenced, items.length)}%), ` +
      `completed ${completed} (${pct(completed, items.length)}%)`);
  }
  return lines.join('\n');
}

const catalogue = build();
const text = `${JSON.stringify(catalogue, null, 2)}\n`;
const arg = process.argv[2];
if (arg === '--stdout') {
  process.stdout.write(text);
} else {
  const here = dirname(fileURLToPath(import.meta.url));
  const target = arg ? resolve(arg) : join(here, '..', 'data', 'catalogue.sample.json');
  writeFileSync(target, text, 'utf8');
  process.stderr.write(`wrote ${target} (${Buffer.byteLength(text)} bytes)\n${summarise(catalogue)}\n`);
}
