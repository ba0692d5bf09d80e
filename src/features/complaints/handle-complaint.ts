import { recordAudit, type TActor } from "../../platform/audit";
import { can, type TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { findPersonalData } from "../../platform/text";
import { todayInChina } from "../calendar";
import { findUnit } from "../org";
import { findComplaint, lockComplaint, type TComplaintRow, updateComplaint } from "./complaints.repository";
import type { TComplaintAction } from "./complaints.schemas";

const refuse = (path: string, message: string) =>
  new AppError("unprocessable", message, { issues: [{ path, message }] });

/**
 * The complaint if the caller handles it: the office (district-wide) every one, a unit those routed
 * to it. Anything else is 404.
 */
export async function visibleComplaint(db: Db, p: TPrincipal, id: number): Promise<TComplaintRow> {
  const row = await findComplaint(db, id);
  if (
    !row ||
    !(can(p, "complaints.handle") || (row.unitId !== null && can(p, "complaints.handle", row.unitId)))
  )
    throw new AppError("not_found", MSG.notFound);
  return row;
}

const conflict = (message: string) => new AppError("conflict", message);

/**
 * One step of handling: the office routes it to the supervising department; the department orders
 * rectification by a date (限期整改) and concludes with its finding, the result, and — when it is
 * published — a public summary free of personal data. A step the state does not allow → 409.
 */
export async function applyComplaintAction(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  id: number,
  action: TComplaintAction,
): Promise<TComplaintRow> {
  return db.transaction(async (tx) => {
    await visibleComplaint(tx, p, id);
    const row = await lockComplaint(tx, id);
    if (!row) throw new AppError("not_found", MSG.notFound);
    const today = todayInChina();
    let set: Partial<TComplaintRow>;
    switch (action.type) {
      case "assign": {
        if (!can(p, "complaints.handle")) throw new AppError("forbidden", "只有区政府办公室可以转办投诉。");
        if (row.status !== "submitted" && row.status !== "assigned")
          throw conflict("已责令整改或已办结的投诉不能改转其他部门。");
        if (!(await findUnit(tx, action.unitId))) throw refuse("unitId", MSG.unknownUnit);
        set = { unitId: action.unitId, status: "assigned" };
        break;
      }
      case "order_rectification": {
        if (row.status !== "assigned") throw conflict("只有已转主管部门、尚未整改的投诉可以责令整改。");
        if (action.date > today) throw refuse("date", "日期不能晚于今天。");
        if (action.date < row.submittedOn) throw refuse("date", `日期不能早于投诉日期 ${row.submittedOn}。`);
        if (action.rectifyBy <= action.date) throw refuse("rectifyBy", "整改期限应晚于责令整改的日期。");
        set = { status: "rectifying", rectifyBy: action.rectifyBy };
        break;
      }
      case "conclude": {
        if (row.status === "submitted" || row.status === "concluded")
          throw conflict(row.status === "concluded" ? "投诉已办结。" : "投诉尚未转主管部门。");
        if (action.finding !== "unfounded" && row.status !== "rectifying")
          throw refuse("finding", "尚未责令整改的投诉只能以“投诉事项不成立”办结。");
        if (action.date > today) throw refuse("date", "日期不能晚于今天。");
        if (action.date < row.submittedOn) throw refuse("date", `日期不能早于投诉日期 ${row.submittedOn}。`);
        // 按期 means on or before the deadline; reported later it is not "rectified" but late.
        if (action.finding === "rectified" && row.rectifyBy && action.date > row.rectifyBy)
          throw refuse("finding", `整改期限 ${row.rectifyBy} 已过，请选择“逾期未整改”并说明情况。`);
        const summary = action.publicSummary?.trim() ?? "";
        if (action.publish && !summary) throw refuse("publicSummary", "公开办理结果须填写公开摘要。");
        const personal = findPersonalData(summary);
        if (personal.length > 0)
          throw refuse(
            "publicSummary",
            `公开摘要中疑似含有个人信息（${personal.map((f) => f.masked).join("、")}），请删除。`,
          );
        set = {
          status: "concluded",
          finding: action.finding,
          result: action.result,
          concludedOn: action.date,
          publicSummary: summary,
          isPublished: action.publish,
          publishedAt: action.publish ? new Date() : null,
        };
        break;
      }
    }
    const updated = await updateComplaint(tx, row.id, set);
    if (!updated) throw new AppError("not_found", MSG.notFound);
    await recordAudit(tx, actor, {
      action:
        action.type === "assign"
          ? "complaint.assign"
          : action.type === "order_rectification"
            ? "complaint.order_rectification"
            : "complaint.conclude",
      entity: "complaint",
      entityId: row.id,
      unitId: updated.unitId,
      before: { status: row.status, unitId: row.unitId, rectifyBy: row.rectifyBy },
      after: { ...set, publishedAt: undefined },
    });
    return updated;
  });
}
