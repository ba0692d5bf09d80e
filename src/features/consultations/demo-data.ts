import type { TActor } from "../../platform/audit";
import type { TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { addDays, todayInChina } from "../calendar";
import { insertComment } from "./consultations.repository";
import type { TDisposition } from "./consultations.schemas";
import { createConsultation } from "./create-consultation";
import { createDecision } from "./create-decision";
import { hideComment, setDisposition } from "./dispose-comment";
import { publishFeedback } from "./publish-feedback";
import { recordStage } from "./record-stage";

const OFFICE: TPrincipal = {
  userId: 0,
  username: "demo",
  displayName: "演示数据",
  roles: [{ role: "office", unitId: null }],
  mustChangePassword: false,
};

const DRAFT = `# 市中区老旧小区加装电梯财政补助办法（征求意见稿）

第一条 为方便老旧小区居民出行，推进既有住宅加装电梯，结合本区实际，制定本办法。

第二条 本办法适用于本区行政区域内 2000 年以前建成、未设电梯的四层及以上住宅。

第三条 每台电梯给予一次性补助 20 万元，由区财政列入年度预算。

第四条 申请补助应当经本单元房屋专有部分面积占比三分之二以上的业主同意。

第五条 本办法自 2027 年 1 月 1 日起施行，有效期 5 年。`;

const COMMENTS: { body: string; clause?: string; disposition: TDisposition; reason?: string }[] = [
  {
    body: "建议补助按楼层数分档，七层住宅成本明显更高。",
    clause: "第三条",
    disposition: "partly_adopted",
    reason: "增加七层及以上住宅的上浮档次，其余维持统一标准。",
  },
  { body: "同意比例三分之二过高，建议与民法典表决规则一致。", clause: "第四条", disposition: "adopted" },
  {
    body: "建议把 2000 年改为 2005 年，覆盖更多小区。",
    clause: "第二条",
    disposition: "not_adopted",
    reason: "2000 年以后建成的住宅多已预留电梯井，纳入后补助资金难以保障。",
  },
  { body: "希望同时解决加装后的电梯维保费用。", disposition: "adopted" },
  { body: "小区门口道路坑洼，请尽快修补。", disposition: "not_relevant" },
  {
    body: "建议明确低层住户的补偿办法。",
    clause: "第四条",
    disposition: "partly_adopted",
    reason: "在实施细则中明确协商补偿指引，不设统一标准。",
  },
  {
    body: "有效期 5 年太短。",
    clause: "第五条",
    disposition: "not_adopted",
    reason: "规范性文件有效期一般不超过 5 年，到期评估后可以延续。",
  },
  { body: "（含有辱骂内容的留言）", disposition: "not_relevant" },
];

/** Demo participation data, dated around today: a catalogue, an open consultation and a closed one with its feedback. */
export async function loadParticipationDemo(db: Db, actor: TActor, unitId: number) {
  const today = todayInChina();
  const year = Number(today.slice(0, 4));
  const elevators = await createDecision(db, actor, OFFICE, {
    unitId,
    year,
    title: "老旧小区加装电梯财政补助办法",
    summary: "对既有住宅加装电梯给予财政补助，涉及群众切身利益，列入年度重大行政决策事项目录。",
  });
  const clinics = await createDecision(db, actor, OFFICE, {
    unitId,
    year,
    title: "社区卫生服务中心布局规划",
    summary: "调整全区社区卫生服务中心布局。",
  });
  await recordStage(db, actor, OFFICE, clinics.id, {
    stage: "draft",
    date: addDays(today, -120),
    note: "形成规划草案及起草说明",
  });
  await recordStage(db, actor, OFFICE, clinics.id, {
    stage: "expert_review",
    date: addDays(today, -60),
    note: "组织专家论证会",
  });
  await recordStage(db, actor, OFFICE, clinics.id, { stage: "legality_review", date: addDays(today, -30) });

  await recordStage(db, actor, OFFICE, elevators.id, {
    stage: "draft",
    date: addDays(today, -70),
    note: "形成办法草案及起草说明",
  });
  const closed = await createConsultation(db, actor, OFFICE, {
    unitId,
    decisionId: elevators.id,
    title: "市中区老旧小区加装电梯财政补助办法（征求意见稿）",
    draft: DRAFT,
    explanation: "为落实城市更新工作部署，区卫生健康局会同有关部门起草了本办法。现公开征求社会各界意见。",
    opensAt: addDays(today, -60),
    closesAt: addDays(today, -30),
  });
  for (const [i, m] of COMMENTS.entries()) {
    const { id } = await insertComment(db, {
      consultationId: closed.id,
      body: m.body,
      clause: m.clause ?? null,
      name: i % 2 === 0 ? `居民${i + 1}` : null,
      contact: i % 2 === 0 ? `1380000${String(1000 + i)}` : null,
      createdAt: new Date(`${addDays(today, -55 + i * 3)}T10:00:00+08:00`),
    });
    await setDisposition(db, actor, OFFICE, closed.id, id, { disposition: m.disposition, reason: m.reason });
    if (m.body.includes("辱骂"))
      await hideComment(db, actor, OFFICE, closed.id, id, { reason: "含有辱骂内容" });
  }
  await publishFeedback(db, actor, OFFICE, closed.id);
  await recordStage(db, actor, OFFICE, elevators.id, { stage: "risk_assessment", date: addDays(today, -25) });
  await recordStage(db, actor, OFFICE, elevators.id, { stage: "legality_review", date: addDays(today, -20) });

  const open = await createConsultation(db, actor, OFFICE, {
    unitId,
    title: "市中区基层医疗卫生机构服务时间调整方案（征求意见稿）",
    draft:
      "第一条 社区卫生服务中心工作日延长服务至 20 时。\n\n第二条 周末及法定节假日上午开设全科门诊。\n\n第三条 本方案自发布之日起实施。",
    explanation: "为方便上班族就医，拟调整基层医疗卫生机构服务时间。",
    opensAt: addDays(today, -10),
    closesAt: addDays(today, 20),
  });
  await insertComment(db, {
    consultationId: open.id,
    body: "建议周末全天开诊。",
    clause: "第二条",
    contact: "demo@example.com",
  });

  // Closed, its comments still waiting for the unit's disposition: the dashboard card's work.
  const waiting = await createConsultation(db, actor, OFFICE, {
    unitId,
    title: "市中区家庭医生签约服务包（征求意见稿）",
    draft: "第一条 基础服务包免费提供。\n\n第二条 个性化服务包按项目收费。",
    opensAt: addDays(today, -40),
    closesAt: addDays(today, -5),
  });
  for (const body of ["建议把慢病随访纳入基础包。", "个性化服务包价格应当公示。", "希望增加上门服务。"])
    await insertComment(db, {
      consultationId: waiting.id,
      body,
      createdAt: new Date(`${addDays(today, -20)}T09:00:00+08:00`),
    });
}
