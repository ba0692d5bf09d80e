import path from "node:path";
import { createDocument, createGazetteIssue, importDocuments, publishDocument } from "./features/documents";
import type { TUnitRow } from "./features/org";
import type { TActor } from "./platform/audit";
import type { TPrincipal } from "./platform/auth/permissions";
import type { Db } from "./platform/db";
import { PROJECT_ROOT } from "./platform/paths";

// The office itself publishes the demo documents; a district-wide role may act for any unit.
const OFFICE: TPrincipal = {
  userId: 0,
  username: "system",
  displayName: "系统初始化",
  roles: [{ role: "office", unitId: null }],
  mustChangePassword: false,
};

const DEMO_LAWS_DIR = path.join(PROJECT_ROOT, "demo", "documents");

type TDemoDoc = Parameters<typeof createDocument>[3] & { key: string; unit: string; waiver?: string };

// District documents written for the demonstration (titles and numbers are illustrative).
const DISTRICT_DOCUMENTS: TDemoDoc[] = [
  {
    key: "dibao2019",
    unit: "济南市市中区人民政府办公室",
    title: "市中区城乡居民最低生活保障实施办法",
    kind: "normative",
    docNumber: "市中政发〔2019〕8号",
    issuer: "济南市市中区人民政府",
    writtenAt: "2019-05-20",
    publishedAt: "2019-05-27",
    effectiveAt: "2019-07-01",
    topics: ["民政、扶贫、救灾"],
    keywords: ["最低生活保障", "低保"],
    body: "## 第一章 总则\n\n第一条 为规范城乡居民最低生活保障工作，根据《社会救助暂行办法》等规定，结合本区实际，制定本办法。\n\n第二条 本办法适用于本区行政区域内城乡居民最低生活保障的申请、审核确认和管理。",
  },
  {
    key: "dibao2023",
    unit: "济南市市中区人民政府办公室",
    title: "市中区城乡居民最低生活保障实施办法",
    kind: "normative",
    docNumber: "市中政发〔2023〕3号",
    issuer: "济南市市中区人民政府",
    writtenAt: "2023-03-06",
    publishedAt: "2023-03-10",
    effectiveAt: "2023-04-01",
    topics: ["民政、扶贫、救灾"],
    keywords: ["最低生活保障", "低保", "社会救助"],
    needsInterpretation: true,
    body: "## 第一章 总则\n\n第一条 为进一步规范城乡居民最低生活保障工作，保障困难群众基本生活，根据《社会救助暂行办法》《山东省社会救助办法》，结合本区实际，制定本办法。\n\n第二条 持有本区户籍的城乡居民，共同生活的家庭成员人均收入低于本区最低生活保障标准，且家庭财产状况符合规定的，可以申请最低生活保障。\n\n## 第二章 申请和审核确认\n\n第三条 申请最低生活保障以家庭为单位，由申请人向户籍所在地街道办事处提出；也可以通过网上平台提出申请。\n\n第四条 街道办事处应当自受理申请之日起30日内作出审核确认决定。\n\n## 第三章 附则\n\n第五条 本办法自2023年4月1日起施行，《市中区城乡居民最低生活保障实施办法》（市中政发〔2019〕8号）同时废止。",
  },
  {
    key: "dibao2023-interpretation",
    unit: "区民政局",
    title: "《市中区城乡居民最低生活保障实施办法》政策解读",
    kind: "interpretation",
    writtenAt: "2023-03-08",
    publishedAt: "2023-03-10",
    topics: ["民政、扶贫、救灾"],
    body: "## 一、制定背景\n\n为落实社会救助制度改革要求，区民政局会同有关部门修订了本区最低生活保障实施办法。\n\n## 二、主要变化\n\n一是明确可以网上申请；二是审核确认时限由45日缩短为30日；三是细化家庭财产认定标准。",
    qa: [
      {
        question: "哪些人可以申请低保？",
        answer: "持有本区户籍、家庭人均收入低于本区低保标准且家庭财产符合规定的城乡居民。",
      },
      { question: "到哪里申请？", answer: "向户籍所在地街道办事处申请，也可以通过网上平台申请。" },
      { question: "多长时间能有结果？", answer: "街道办事处自受理之日起30日内作出审核确认决定。" },
    ],
  },
  {
    key: "jiuye2024",
    unit: "区人力资源和社会保障局",
    title: "市中区促进高校毕业生就业创业若干措施",
    kind: "policy",
    docNumber: "市中人社发〔2024〕6号",
    writtenAt: "2024-04-12",
    publishedAt: "2024-04-18",
    effectiveAt: "2024-05-01",
    topics: ["劳动、人事、监察"],
    keywords: ["高校毕业生", "就业创业", "社会保险补贴"],
    needsInterpretation: true,
    body: "一、对吸纳离校2年内高校毕业生就业并缴纳社会保险的小微企业，按规定给予社会保险补贴。\n\n二、对首次创办小微企业的高校毕业生，给予一次性创业补贴。\n\n三、本措施自2024年5月1日起施行，有效期至2026年4月30日。",
    repealedAt: "2026-04-30",
  },
  {
    key: "jiuye2024-interpretation",
    unit: "区人力资源和社会保障局",
    title: "一图读懂《市中区促进高校毕业生就业创业若干措施》",
    kind: "interpretation",
    writtenAt: "2024-04-15",
    publishedAt: "2024-04-18",
    topics: ["劳动、人事、监察"],
    body: "本解读以问答形式说明补贴对象、标准和申领方式。",
    qa: [
      {
        question: "社会保险补贴怎么申领？",
        answer: "企业在吸纳就业后12个月内，向区人力资源和社会保障局提出申请。",
      },
      { question: "创业补贴需要什么条件？", answer: "首次创办小微企业、正常经营6个月以上的高校毕业生。" },
    ],
  },
  {
    key: "yibao2025",
    unit: "区医疗保障局",
    title: "关于做好2025年度城乡居民医疗保险参保缴费工作的通知",
    kind: "notice",
    docNumber: "市中医保发〔2024〕11号",
    writtenAt: "2024-09-02",
    publishedAt: "2024-09-05",
    topics: ["卫生、体育"],
    keywords: ["城乡居民医疗保险", "参保缴费"],
    body: "各街道办事处：\n\n2025年度城乡居民医疗保险集中参保缴费期为2024年9月1日至12月31日。请各街道做好宣传动员，确保应保尽保。\n\n个人缴费标准按市医疗保障局公布的标准执行。",
  },
  {
    key: "guifan2021",
    unit: "济南市市中区人民政府办公室",
    title: "市中区行政规范性文件制定和监督管理办法",
    kind: "normative",
    docNumber: "市中政办发〔2021〕10号",
    issuer: "济南市市中区人民政府办公室",
    writtenAt: "2021-08-16",
    publishedAt: "2021-08-20",
    effectiveAt: "2021-09-20",
    topics: ["综合政务"],
    keywords: ["规范性文件", "合法性审核"],
    waiver: "本办法为政府内部管理制度，已在起草说明中说明制定依据，不另行解读。",
    body: "第一条 为加强行政规范性文件制定和监督管理，推进依法行政，制定本办法。\n\n第二条 行政规范性文件实行统一登记、统一编号、统一印发制度。\n\n第三条 行政规范性文件应当经过合法性审核，未经审核的，不得提交审议。",
  },
];

/**
 * The demo library: a few hundred real laws and regulations (demo/documents), a handful of district
 * documents with interpretations, a repeal, an expiry, and one 公报 issue.
 */
export async function loadDemoDocuments(db: Db, actor: TActor, units: TUnitRow[]): Promise<void> {
  const unitId = (name: string) => {
    const unit = units.find((u) => u.name === name);
    if (!unit) throw new Error(`demo unit missing: ${name}`);
    return unit.id;
  };
  await importDocuments(db, actor, { root: DEMO_LAWS_DIR, unitId: unitId("济南市市中区人民政府办公室") });

  const ids = new Map<string, number>();
  for (const { key, unit, waiver, ...doc } of DISTRICT_DOCUMENTS) {
    const interprets = key.endsWith("-interpretation")
      ? ids.get(key.replace("-interpretation", ""))
      : undefined;
    const relations =
      key === "dibao2023" ? [{ kind: "repeals" as const, documentId: ids.get("dibao2019") ?? 0 }] : undefined;
    const row = await createDocument(db, actor, OFFICE, {
      ...doc,
      unitId: unitId(unit),
      ...(interprets ? { interprets } : {}),
      ...(relations ? { relations } : {}),
    });
    ids.set(key, row.id);
  }
  // Interpretations are prepared alongside their policies (三同步), so both can be published.
  for (const { key, waiver } of DISTRICT_DOCUMENTS) {
    const id = ids.get(key);
    if (id) await publishDocument(db, actor, OFFICE, id, waiver ? { interpretationWaiver: waiver } : {});
  }
  await createGazetteIssue(db, actor, {
    year: 2023,
    number: 1,
    publishedOn: "2023-03-31",
    title: "2023年第1期",
    items: [
      { documentId: ids.get("dibao2023") ?? 0, section: "区政府文件" },
      { documentId: ids.get("dibao2023-interpretation") ?? 0, section: "政策解读" },
    ],
  });
}
