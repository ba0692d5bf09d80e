// A few progress reports on the demo plan, so that its boards show every state: accepted, returned,
// awaiting review, finished and not.

import type { TActor } from "../../platform/audit";
import type { TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { listUnits } from "../org";
import { tasksOf } from "./ledger.repository";
import { reviewReport, submitReport } from "./report-progress";

type TDemoReport = {
  no: number;
  unit: string;
  body: string;
  reportedOn: string;
  isComplete: boolean;
  review?: { decision: "accept" | "return"; comment: string };
};

const DEMO_REPORTS: TDemoReport[] = [
  {
    no: 3,
    unit: "区财政局",
    body: "2022 年区级预决算、“三公”经费预决算已在政府网站财政预决算专栏集中公开，部门预决算同步公开。",
    reportedOn: "2022-12-20",
    isComplete: true,
    review: { decision: "accept", comment: "" },
  },
  {
    no: 21,
    unit: "区民政局",
    body: "社会救助政策、救助标准和资金发放情况按季度公开，已完成全年任务。",
    reportedOn: "2022-11-30",
    isComplete: true,
    review: { decision: "accept", comment: "" },
  },
  {
    no: 22,
    unit: "区卫生健康局",
    body: "已梳理医疗卫生领域公开事项，第三季度公开监督检查结果 3 批次。",
    reportedOn: "2022-08-10",
    isComplete: false,
    review: { decision: "accept", comment: "" },
  },
  {
    no: 19,
    unit: "区教育和体育局",
    body: "招生入学政策已公开。",
    reportedOn: "2022-09-05",
    isComplete: true,
    review: { decision: "return", comment: "请补充公开网址和义务教育阶段划片信息。" },
  },
  {
    no: 18,
    unit: "区人力资源和社会保障局",
    body: "就业创业补贴政策和发放名单已按月公开。",
    reportedOn: "2022-12-15",
    isComplete: true,
  },
];

/** Loads the demo reports on the demo plan, as the units' liaisons and the office would. */
export async function loadDemoProgress(db: Db, actor: TActor, planId: number): Promise<void> {
  const units = await listUnits(db);
  const tasks = await tasksOf(db, planId);
  const office: TPrincipal = {
    userId: 0,
    username: "demo-office",
    displayName: "公开办",
    roles: [{ role: "office", unitId: null }],
    mustChangePassword: false,
  };
  for (const r of DEMO_REPORTS) {
    const unit = units.find((u) => u.name === r.unit);
    const task = tasks.find((t) => t.no === r.no);
    if (!unit || !task) throw new Error(`demo report: no unit ${r.unit} or task ${r.no}`);
    const liaison: TPrincipal = { ...office, roles: [{ role: "unit_liaison", unitId: unit.id }] };
    const report = await submitReport(db, actor, liaison, task.id, {
      body: r.body,
      reportedOn: r.reportedOn,
      isComplete: r.isComplete,
      documentIds: [],
      urls: [],
    });
    if (r.review) await reviewReport(db, actor, office, report.id, r.review);
  }
}
