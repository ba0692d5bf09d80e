import type { Child } from "hono/jsx";
import type { TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import type { TDocumentRow } from "./documents.repository";

/**
 * What happened to a document. `published` and `withdrawn` are status changes; `validity_changed`
 * is a repeal or amendment by another document taking effect or being undone; `updated` is an edit.
 */
export type TDocumentEvent = {
  kind: "published" | "withdrawn" | "validity_changed" | "updated";
  document: TDocumentRow;
};

/**
 * How another feature takes part in a document's life without the documents feature knowing it:
 * sign-offs that must precede publication, indexes and mail queues kept in step, and a section of
 * the back-office document page.
 */
export type TDocumentHooks = {
  /** Runs in the publishing transaction before the change; throws an AppError to refuse it. */
  beforePublish?: (tx: Db, document: TDocumentRow) => Promise<void>;
  /** Runs in the same transaction after a change, so what it writes commits or rolls back with it. */
  afterChange?: (tx: Db, event: TDocumentEvent) => Promise<void>;
  /** A section of the back-office page of one document, or null when there is nothing to show. */
  staffPanel?: (args: {
    db: Db;
    principal: TPrincipal;
    document: TDocumentRow;
    csrfToken: string;
  }) => Promise<Child | null>;
};

// Keyed by feature name, so building the app twice (as tests do) does not run a hook twice.
const registry = new Map<string, TDocumentHooks>();

/** Registers (or replaces) one feature's document hooks; app.ts calls this for each feature. */
export function registerDocumentHooks(feature: string, hooks: TDocumentHooks): void {
  registry.set(feature, hooks);
}

/** Every registered publication check, in registration order. */
export async function runBeforePublish(tx: Db, document: TDocumentRow): Promise<void> {
  for (const hooks of registry.values()) await hooks.beforePublish?.(tx, document);
}

/** Tells every registered feature about a change, inside the transaction that made it. */
export async function announceDocumentChange(tx: Db, event: TDocumentEvent): Promise<void> {
  for (const hooks of registry.values()) await hooks.afterChange?.(tx, event);
}

/** The sections other features add to the back-office document page. */
export async function staffPanelsFor(args: Parameters<NonNullable<TDocumentHooks["staffPanel"]>>[0]) {
  const panels: Child[] = [];
  for (const hooks of registry.values()) {
    const panel = await hooks.staffPanel?.(args);
    if (panel) panels.push(panel);
  }
  return panels;
}
