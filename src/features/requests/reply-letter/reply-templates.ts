import { recordAudit, type TActor } from "../../../platform/audit";
import { createDbCache } from "../../../platform/cache";
import type { Db } from "../../../platform/db";
import { readSetting, writeSetting } from "../../../platform/db/settings";
import { DEFAULT_REPLY_TEMPLATES, type TReplyTemplateKey, type TReplyTemplates } from "./templates";

const KEY = "reply_templates";
const cache = createDbCache<TReplyTemplates>(10_000);

async function savedOverrides(db: Db): Promise<Partial<TReplyTemplates>> {
  return (await readSetting<Partial<TReplyTemplates>>(db, KEY)) ?? {};
}

/** The office's reply templates: its own text where it wrote one, the shipped text elsewhere. */
export function loadReplyTemplates(db: Db): Promise<TReplyTemplates> {
  return cache.get(db, async () => ({ ...DEFAULT_REPLY_TEMPLATES, ...(await savedOverrides(db)) }));
}

/** Saves the office's text for one outcome or variant; an empty text goes back to the shipped one. Audited. */
export async function saveReplyTemplate(
  db: Db,
  actor: TActor,
  outcome: TReplyTemplateKey,
  text: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await savedOverrides(tx);
    const after = { ...before };
    if (text.trim()) after[outcome] = text.trim();
    else delete after[outcome];
    await writeSetting(tx, KEY, after);
    await recordAudit(tx, actor, {
      action: "reply_template.update",
      entity: "setting",
      entityId: `${KEY}.${outcome}`,
      before: before[outcome] ?? null,
      after: after[outcome] ?? null,
    });
  });
  cache.invalidate(db);
}
