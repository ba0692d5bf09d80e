import { recordAudit, type TActor } from "../../platform/audit";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { findUnit } from "../org";
import {
  findEnterprise,
  findEnterpriseNamed,
  findReadingRoom,
  findReadingRoomNamed,
  insertEnterprise,
  insertReadingRoom,
  type TEnterprise,
  type TReadingRoom,
  updateEnterpriseRow,
  updateReadingRoomRow,
} from "./registries.repository";
import type { TEnterpriseForm, TReadingRoomForm } from "./registries.schemas";

const issue = (path: string, message: string) =>
  new AppError("validation_failed", MSG.validation, { issues: [{ path, message }] });

/** Adds (id undefined) or changes a public enterprise or institution; the supervisor must be a unit. */
export async function saveEnterprise(
  db: Db,
  actor: TActor,
  id: number | undefined,
  input: TEnterpriseForm,
): Promise<TEnterprise> {
  return db.transaction(async (tx) => {
    if (!(await findUnit(tx, input.supervisorUnitId))) throw issue("supervisorUnitId", MSG.unknownUnit);
    const clash = await findEnterpriseNamed(tx, input.name);
    if (clash && clash.id !== id) throw issue("name", "已登记同名单位。");
    const before = id === undefined ? undefined : await findEnterprise(tx, id);
    if (id !== undefined && !before) throw new AppError("not_found", MSG.notFound);
    const row =
      id === undefined ? await insertEnterprise(tx, input) : await updateEnterpriseRow(tx, id, input);
    await recordAudit(tx, actor, {
      action: before ? "enterprise.update" : "enterprise.create",
      entity: "public_enterprise",
      entityId: row.id,
      before,
      after: row,
    });
    return row;
  });
}

/** Adds (id undefined) or changes a 政府信息查阅点. */
export async function saveReadingRoom(
  db: Db,
  actor: TActor,
  id: number | undefined,
  input: TReadingRoomForm,
): Promise<TReadingRoom> {
  return db.transaction(async (tx) => {
    const clash = await findReadingRoomNamed(tx, input.name);
    if (clash && clash.id !== id) throw issue("name", "已有同名查阅点。");
    const before = id === undefined ? undefined : await findReadingRoom(tx, id);
    if (id !== undefined && !before) throw new AppError("not_found", MSG.notFound);
    const row =
      id === undefined ? await insertReadingRoom(tx, input) : await updateReadingRoomRow(tx, id, input);
    await recordAudit(tx, actor, {
      action: before ? "reading_room.update" : "reading_room.create",
      entity: "reading_room",
      entityId: row.id,
      before,
      after: row,
    });
    return row;
  });
}
