import { asc, desc, eq, gte } from "drizzle-orm";
import { pgTable, serial, text } from "drizzle-orm/pg-core";
import { z } from "zod";
import { recordAudit, type TActor } from "../../platform/audit";
import type { Db } from "../../platform/db";
import { day, ts } from "../../platform/db/columns";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { todayInChina } from "../calendar";

// Drizzle mirror of migrations/0022_portal_notices.sql (the SQL file is the source of truth).
export const portalNotices = pgTable("portal_notices", {
  id: serial("id").primaryKey(),
  text: text("text").notNull(),
  link: text("link").notNull().default(""),
  endsOn: day("ends_on").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});
export type TNotice = typeof portalNotices.$inferSelect;

/** A pinned notice as the office enters it; the link is a page of this site or an http(s) address. */
export const ZNotice = z.object({
  text: z.string().trim().min(2, "请填写公告内容（至少 2 个字）。").max(200, "公告内容不能超过 200 个字。"),
  link: z
    .string()
    .trim()
    .max(500, "链接不能超过 500 个字符。")
    .regex(/^(\/(?!\/)\S*|https?:\/\/\S+)?$/, "链接应为本站路径（以 / 开头）或 http(s):// 开头的网址。")
    .default(""),
  endsOn: z.iso.date("请按 YYYY-MM-DD 填写截止日期。"),
});
export type TNoticeInput = z.infer<typeof ZNotice>;

/** What the home page pins: notices whose last day has not passed, the soonest to end last. */
export function activeNotices(db: Db, today = todayInChina()): Promise<TNotice[]> {
  return db
    .select()
    .from(portalNotices)
    .where(gte(portalNotices.endsOn, today))
    .orderBy(desc(portalNotices.endsOn), desc(portalNotices.id));
}

/** Every notice, expired ones included, for the office's list. */
export function allNotices(db: Db): Promise<TNotice[]> {
  return db.select().from(portalNotices).orderBy(desc(portalNotices.endsOn), asc(portalNotices.id));
}

export async function findNotice(db: Db, id: number): Promise<TNotice | undefined> {
  return (await db.select().from(portalNotices).where(eq(portalNotices.id, id)))[0];
}

function refuseBygone(input: TNoticeInput) {
  // A notice ending before today would never show: almost certainly a typing mistake.
  if (input.endsOn < todayInChina())
    throw new AppError("validation_failed", "截止日期不能早于今天。", {
      issues: [{ path: "endsOn", message: "截止日期不能早于今天。" }],
    });
}

export async function createNotice(db: Db, actor: TActor, input: TNoticeInput): Promise<TNotice> {
  refuseBygone(input);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(portalNotices).values(input).returning();
    if (!row) throw new Error("insert returned nothing");
    await recordAudit(tx, actor, {
      action: "notice.create",
      entity: "portal_notice",
      entityId: row.id,
      after: input,
    });
    return row;
  });
}

export async function updateNotice(db: Db, actor: TActor, id: number, input: TNoticeInput): Promise<void> {
  refuseBygone(input);
  await db.transaction(async (tx) => {
    const before = await findNotice(tx, id);
    if (!before) throw new AppError("not_found", MSG.notFound);
    await tx
      .update(portalNotices)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(portalNotices.id, id));
    await recordAudit(tx, actor, {
      action: "notice.update",
      entity: "portal_notice",
      entityId: id,
      before: { text: before.text, link: before.link, endsOn: before.endsOn },
      after: input,
    });
  });
}

export async function deleteNotice(db: Db, actor: TActor, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const [removed] = await tx.delete(portalNotices).where(eq(portalNotices.id, id)).returning();
    if (!removed) throw new AppError("not_found", MSG.notFound);
    await recordAudit(tx, actor, {
      action: "notice.delete",
      entity: "portal_notice",
      entityId: id,
      before: { text: removed.text, link: removed.link, endsOn: removed.endsOn },
    });
  });
}
