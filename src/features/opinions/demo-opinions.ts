// Demo data for 政务舆情: running items at every stage of their clocks, a published answer, a
// month of 12345 work orders, so that the board, 回应关切 and the trends page are not empty.

import type { TActor } from "../../platform/audit";
import type { TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { toChinaIso } from "./compute-clocks";
import { createOpinion } from "./create-opinion";
import { importWorkOrders } from "./import-work-orders";
import { publishResponse } from "./publish-response";
import { readWorkOrdersCsv } from "./read-work-orders";
import { recordOpinionEvent } from "./record-event";

const HOUR = 3_600_000;
const OFFICE: TPrincipal = {
  userId: 0,
  username: "demo",
  displayName: "演示数据",
  roles: [{ role: "office", unitId: null }],
  mustChangePassword: false,
};

const COMPLAINTS = [
  "反映小区开发商逾期交房，业主多次协商无果",
  "反映工地拖欠农民工工资",
  "反映餐馆油烟扰民、夜间噪音大",
  "反映学校周边交通拥堵",
  "反映超市销售过期食品",
  "咨询医保异地就医备案",
  "反映低保申请审核时间过长",
  "反映老旧小区电梯安全隐患",
];

/** Loads the demo items for two units (by name → id), dated around `now`. */
export async function loadDemoOpinions(
  db: Db,
  actor: TActor,
  health: number,
  finance: number,
  now = new Date(),
) {
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
  const make = (
    title: string,
    unitId: number,
    severity: "major_emergency" | "ordinary",
    hoursAgo: number,
    topic: string,
    source: "media" | "online" | "petition" = "online",
  ) =>
    createOpinion(db, actor, OFFICE, {
      title,
      body: "",
      source,
      topic,
      unitId,
      severity,
      discoveredAt: at(hoursAgo),
    });
  await make("某小区发生燃气泄漏，群众关注处置进展", health, "major_emergency", 4.5, "安全生产", "media");
  await make("网传学校食堂食品安全问题", health, "ordinary", 47.4, "食药安全");
  await make("群众反映养老服务补贴发放延迟", finance, "ordinary", 50, "养老服务", "petition");
  await make("疫情防控期间药店限购政策咨询集中", health, "ordinary", 6, "疫情防控");
  const answered = await make("关于老旧小区加装电梯补贴标准的关切", finance, "ordinary", 30, "房地产市场");
  await recordOpinionEvent(db, actor, OFFICE, answered.id, {
    type: "response",
    at: at(20),
    note: "在区政府网站发布解读",
  });
  await publishResponse(db, actor, OFFICE, answered.id, {
    question: "有市民关心老旧小区加装电梯的补贴标准和申请方式。",
    answer:
      "按现行政策，每部电梯补贴按楼层数核定，由所在街道受理申请，具体以区住房城乡建设部门公布的办事指南为准。",
  });
  // A month of 12345 orders up to now, about five a day.
  const lines = ["工单编号,受理时间,诉求内容,承办单位,办结时间,满意度"];
  for (let i = 0; i < 150; i++) {
    const accepted = at(6 + i * 4.7);
    const handled =
      i % 9 === 0
        ? ""
        : toChinaIso(new Date(accepted.getTime() + ((i * 7) % 60) * HOUR))
            .replace("T", " ")
            .slice(0, 19);
    const unit = i % 3 === 0 ? "区财政局" : "区卫生健康局";
    lines.push(
      `DEMO${String(i + 1).padStart(5, "0")},${toChinaIso(accepted).replace("T", " ").slice(0, 19)},${COMPLAINTS[i % COMPLAINTS.length]}（演示工单 ${i + 1}）,${unit},${handled},${handled ? ["满意", "基本满意", "不满意"][i % 3] : ""}`,
    );
  }
  await importWorkOrders(db, actor, OFFICE, readWorkOrdersCsv(lines.join("\n")), "演示工单.csv");
}
