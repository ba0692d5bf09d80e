import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { loadDemoDocuments } from "./demo-documents";
import { loadDemoRegistries, loadDemoVillages } from "./demo-registries";
import { loadDemoAlerts } from "./features/alerts";
import { syncClauseIndex } from "./features/answers";
import { addDays } from "./features/calendar";
import { loadDemoCatalogues } from "./features/catalogues";
import { applyComplaintAction, submitComplaint } from "./features/complaints";
import { loadParticipationDemo } from "./features/consultations";
import { loadDemoEngagement } from "./features/engagement";
import { importPlan, loadDemoProgress, readPlanCsv, setPlanPublic } from "./features/ledger";
import { loadDemoOpinions } from "./features/opinions";
import {
  createUnit,
  createUser,
  findUserByUsername,
  handOverLiaison,
  listUnits,
  type TUnitKind,
} from "./features/org";
import { DEFAULT_GUIDE, saveGuide } from "./features/portal";
import { registerProposal, replyToProposal } from "./features/proposals";
import type { TActor } from "./platform/audit";
import type { TPrincipal, TRole } from "./platform/auth/permissions";
import type { Db } from "./platform/db";
import { PROJECT_ROOT } from "./platform/paths";
import { indexText } from "./platform/text";

export const SYSTEM_ACTOR: TActor = { userId: null, name: "系统初始化", ip: "", requestId: "" };

/** The district of the 2022 work plan: its government, office, departments and subdistricts. */
export const DEMO_UNITS: { name: string; kind: TUnitKind; aliases?: string[] }[] = [
  { name: "济南市市中区人民政府", kind: "government", aliases: ["区政府", "市中区人民政府"] },
  { name: "济南市市中区人民政府办公室", kind: "office", aliases: ["区政府办公室", "区政府办"] },
  { name: "区财政局", kind: "department" },
  { name: "区人力资源和社会保障局", kind: "department", aliases: ["区人力资源社会保障局", "区人社局"] },
  { name: "区住房和城乡建设局", kind: "department", aliases: ["区住房城乡建设局", "区住建局"] },
  { name: "区农业农村局", kind: "department" },
  { name: "区医疗保障局", kind: "department", aliases: ["区医保局"] },
  { name: "区卫生健康局", kind: "department", aliases: ["区卫健局"] },
  { name: "区司法局", kind: "department" },
  { name: "区城市管理局", kind: "department", aliases: ["区城管局"] },
  { name: "区大数据局", kind: "department" },
  { name: "区市场监督管理局", kind: "department", aliases: ["区市场监管局"] },
  { name: "区应急管理局", kind: "department", aliases: ["区应急局"] },
  { name: "区教育和体育局", kind: "department", aliases: ["区教育体育局", "区教体局"] },
  { name: "区民政局", kind: "department" },
  { name: "区水务局", kind: "department" },
  { name: "区行政审批服务局", kind: "department", aliases: ["区行政审批局"] },
  { name: "区退役军人事务局", kind: "department", aliases: ["区退役军人局"] },
  { name: "济南市生态环境局市中分局", kind: "department", aliases: ["生态环境市中分局"] },
  ...[
    "大观园",
    "杆石桥",
    "四里村",
    "魏家庄",
    "二七新村",
    "七里山",
    "六里山",
    "舜玉路",
    "泉山",
    "七贤",
    "十六里河",
    "兴隆",
    "党家",
    "陡沟",
    "白马山",
    "舜耕",
    "王官庄",
  ].map((n) => ({ name: `${n}街道办事处`, kind: "subdistrict" as const, aliases: [`${n}街道`] })),
];

export const DEMO_PASSWORD = "gongkai-demo";

type TDemoUser = { username: string; displayName: string; roles: { role: TRole; unit?: string }[] };

export const DEMO_USERS: TDemoUser[] = [
  { username: "office", displayName: "王晓明", roles: [{ role: "office" }] },
  { username: "office.head", displayName: "李建华", roles: [{ role: "office_head" }] },
  { username: "wj.editor", displayName: "赵敏", roles: [{ role: "unit_editor", unit: "区卫生健康局" }] },
  { username: "wj.reviewer", displayName: "钱伟", roles: [{ role: "unit_reviewer", unit: "区卫生健康局" }] },
  { username: "wj.head", displayName: "孙立新", roles: [{ role: "unit_head", unit: "区卫生健康局" }] },
  { username: "wj.liaison", displayName: "周静", roles: [{ role: "unit_liaison", unit: "区卫生健康局" }] },
  {
    username: "dgy.liaison",
    displayName: "吴磊",
    roles: [{ role: "unit_liaison", unit: "大观园街道办事处" }],
  },
  { username: "cz.head", displayName: "郑海涛", roles: [{ role: "unit_head", unit: "区财政局" }] },
  { username: "xkm.editor", displayName: "马丽", roles: [{ role: "unit_editor", unit: "西渴马村" }] },
];

/** Loads the demo data set into an empty database: units, staff of every role, liaisons, guide. */
export async function loadDemoData(db: Db, adminPassword: string): Promise<void> {
  for (const u of DEMO_UNITS)
    await createUnit(db, SYSTEM_ACTOR, {
      aliases: [],
      address: "",
      phone: "",
      duties: "",
      sortOrder: 0,
      ...u,
    });
  await loadDemoVillages(db, SYSTEM_ACTOR, await listUnits(db));
  const units = await listUnits(db);
  const unitId = (name: string) => {
    const unit = units.find((u) => u.name === name);
    if (!unit) throw new Error(`demo unit missing: ${name}`);
    return unit.id;
  };
  if (!(await findUserByUsername(db, "admin")))
    await createUser(
      db,
      SYSTEM_ACTOR,
      {
        username: "admin",
        displayName: "系统管理员",
        password: adminPassword,
        roles: [{ role: "admin", unitId: null }],
      },
      { mustChangePassword: false },
    );
  for (const u of DEMO_USERS)
    await createUser(
      db,
      SYSTEM_ACTOR,
      {
        username: u.username,
        displayName: u.displayName,
        password: DEMO_PASSWORD,
        roles: u.roles.map((r) => ({ role: r.role, unitId: r.unit ? unitId(r.unit) : null })),
      },
      { mustChangePassword: false },
    );
  const wj = await findUserByUsername(db, "wj.liaison");
  await handOverLiaison(db, SYSTEM_ACTOR, unitId("区卫生健康局"), {
    name: "周静",
    position: "办公室科员",
    phone: "0531-82078312",
    mobile: "13800000001",
    email: "",
    userId: wj?.id,
    startedOn: "2022-03-01",
    handoverNote: "",
  });
  await handOverLiaison(db, SYSTEM_ACTOR, unitId("区财政局"), {
    name: "陈红",
    position: "综合科副科长",
    phone: "0531-82078320",
    mobile: "",
    email: "",
    startedOn: "2021-05-10",
    handoverNote: "",
  });
  await handOverLiaison(db, SYSTEM_ACTOR, unitId("区财政局"), {
    name: "刘洋",
    position: "综合科科员",
    phone: "0531-82078321",
    mobile: "",
    email: "",
    startedOn: "2022-07-01",
    handoverNote: "移交 2022 年预决算公开台账、政务公开网站栏目维护账号和在办的 2 件依申请公开事项。",
  });
  const plan = await importPlan(
    db,
    SYSTEM_ACTOR,
    { title: "2022年济南市市中区政务公开工作要点", issuedAt: "2022-06-15", year: 2022 },
    readPlanCsv(readFileSync(path.join(PROJECT_ROOT, "demo", "2022-work-plan-tasks.csv"), "utf8")),
  );
  await loadDemoProgress(db, SYSTEM_ACTOR, plan.id);
  // The plan's first section (重点领域, with the 民生实事) is public on /accountability.
  await setPlanPublic(db, SYSTEM_ACTOR, plan.id, { section: "以重点领域为核心深化政务公开", isPublic: true });
  await loadDemoEngagement(db, SYSTEM_ACTOR, unitId);
  await saveGuide(db, SYSTEM_ACTOR, {
    ...DEFAULT_GUIDE,
    siteName: "济南市市中区人民政府",
    officeName: "济南市市中区人民政府办公室（区政务公开办公室）",
    address: "山东省济南市市中区（演示数据，请在后台“公开指南”中修改）",
    phone: "0531-82078301",
    fax: "0531-82078300",
    email: "zwgk@example.gov.cn",
    website: "本网站“依申请公开”栏目",
    reconsiderationBody: "济南市市中区人民政府",
    courtName: "济南市市中区人民法院",
  });
  await loadDemoDocuments(db, SYSTEM_ACTOR, units);
  await loadDemoRegistries(db, SYSTEM_ACTOR, units);
  await loadParticipationDemo(db, SYSTEM_ACTOR, unitId("区卫生健康局"));
  await loadDemoAlerts(db);
  await loadDemoCatalogues(db, SYSTEM_ACTOR, units);
  await loadDemoOpinions(db, SYSTEM_ACTOR, unitId("区卫生健康局"), unitId("区财政局"));
  // The laws came in through the bulk import, past the document hooks: index their clauses now.
  await syncClauseIndex(db);
  await loadDemoQuestions(db, SYSTEM_ACTOR, units);
  await loadDemoResponsiveness(db, unitId);
}

/** A few questions from the public: one published in the 问答库, one waiting for its unit. */
async function loadDemoQuestions(db: Db, actor: TActor, units: { id: number; name: string }[]) {
  const unit = units.find((u) => u.name === "区民政局") ?? units[0];
  if (!unit) return;
  const ids = await db.execute(sql`select 1`);
  void ids;
  await db.execute(sql`insert into policy_questions (question, status, unit_id, due_on, answer, answered_by, answered_at, published_at, search_vector)
    values ('低保申请需要准备哪些材料？', 'published', ${unit.id}, current_date, '向户籍所在地街道办事处提出书面申请，如实提供家庭人口、收入和财产状况，并授权核对家庭经济状况。', ${actor.name}, now(), now(), to_tsvector('simple', ${indexText("低保申请需要准备哪些材料")})),
           ('小区暖气不热应该找谁？', 'routed', ${unit.id}, current_date + 3, '', null, null, null, to_tsvector('simple', ${indexText("小区暖气不热应该找谁")}))`);
  await db.execute(sql`insert into policy_enquiries (channel, unit_id, occurred_on, topic, answer, created_by)
    values ('phone', ${unit.id}, current_date, '咨询低保标准', '告知现行标准及申请途径', ${actor.name}),
           ('in_person', ${unit.id}, current_date, '咨询临时救助申请', '现场指导填写申请表', ${actor.name})`);
}

/** A few suggestions, proposals and complaints, so that those pages are not empty. */
async function loadDemoResponsiveness(db: Db, unitId: (name: string) => number): Promise<void> {
  const office: TPrincipal = {
    userId: 0,
    username: "system",
    displayName: "系统初始化",
    roles: [{ role: "office_head", unitId: null }],
    mustChangePassword: false,
  };
  const demo = [
    {
      kind: "npc_suggestion",
      number: "3",
      title: "关于加快老旧小区加装电梯的建议",
      lead: "区住房和城乡建设局",
      co: ["区财政局"],
      assignedAt: "2026-03-10",
      reply: {
        category: "B",
        text: "经研究，已将相关小区列入明年加装电梯计划，分批实施，并在区政府网站公开进度。",
      },
    },
    {
      kind: "npc_suggestion",
      number: "7",
      title: "关于公开社区卫生服务中心服务项目和收费标准的建议",
      lead: "区卫生健康局",
      co: [],
      assignedAt: "2026-04-02",
      reply: {
        category: "A",
        text: "各社区卫生服务中心已在服务大厅和区政府网站公开服务项目、收费标准和投诉电话。",
      },
    },
    {
      kind: "cppcc_proposal",
      number: "12",
      title: "关于完善农村集体资金公开的提案",
      lead: "区农业农村局",
      co: ["区财政局"],
      assignedAt: "2026-09-20",
    },
    {
      kind: "cppcc_proposal",
      number: "15",
      title: "关于优化医保报销流程公开的提案",
      lead: "区医疗保障局",
      co: [],
      assignedAt: "2026-10-15",
    },
  ] as const;
  for (const d of demo) {
    const row = await registerProposal(db, SYSTEM_ACTOR, {
      kind: d.kind,
      number: d.number,
      title: d.title,
      submitters: ["（演示）代表甲"],
      leadUnitId: unitId(d.lead),
      coUnitIds: d.co.map(unitId),
      assignedAt: d.assignedAt,
    });
    if ("reply" in d)
      await replyToProposal(db, SYSTEM_ACTOR, office, row.id, {
        date: addDays(d.assignedAt, 50),
        category: d.reply.category,
        text: d.reply.text,
        publish: true,
      });
  }
  await submitComplaint(db, "demo", {
    organisation: "某区供热有限公司",
    sector: "heating",
    description: "未在营业场所和网站公开本采暖季收费标准和报修电话。",
  });
  const late = await submitComplaint(db, "demo", {
    organisation: "某区第二实验小学",
    sector: "education",
    description: "未公开课后服务收费项目和标准。",
  });
  const [row] = await db
    .execute(sql`select id from complaints where receipt_no = ${late.receiptNo}`)
    .then((r) => (Array.isArray(r) ? r : (r as unknown as { rows: { id: number }[] }).rows));
  const id = Number((row as { id: number }).id);
  await applyComplaintAction(db, SYSTEM_ACTOR, office, id, { type: "assign", unitId: unitId("区财政局") });
}
