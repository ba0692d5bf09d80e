import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REQUEST_ACTION_LABELS } from "../requests";
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from "./audit-labels";

const SRC = join(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** The `action:` and `entity:` expressions of every recordAudit call in the application's source. */
function auditCalls() {
  const calls: { file: string; action: string; entity: string }[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/recordAudit\(\s*\w+,[^{]*\{([\s\S]*?)\bentity:\s*("[^"]*")/g)) {
      const action = /action:\s*([\s\S]*?),\s*$/.exec(m[1] ?? "")?.[1] ?? "";
      calls.push({ file: file.slice(SRC.length), action, entity: m[2] ?? "" });
    }
  }
  return calls;
}

// Literals in a conditional action ("a.b" : "a.c") count; compared values ("review") do not.
// The one action built at run time: a request's workflow step, named after the step's type.
const DYNAMIC: Record<string, string[]> = {
  "`request.${type}`": Object.keys(REQUEST_ACTION_LABELS).map((k) => `request.${k}`),
};

describe("audit labels", () => {
  const calls = auditCalls();

  it("finds the audit calls of every feature", () => {
    // A guard on the scanner itself: if the pattern stopped matching, the checks below would pass empty.
    expect(calls.length).toBeGreaterThan(50);
    expect(calls.every((c) => c.action !== "")).toBe(true);
  });

  it("has a Chinese label for every action recorded anywhere", () => {
    const missing: string[] = [];
    for (const c of calls) {
      const names =
        DYNAMIC[c.action] ?? [...c.action.matchAll(/"([a-z_]+\.[a-z_]+)"/g)].map((m) => m[1] ?? "");
      if (names.length === 0) missing.push(`${c.file}: ${c.action} (not a literal; add it to DYNAMIC)`);
      for (const n of names) if (!AUDIT_ACTION_LABELS[n]) missing.push(`${c.file}: ${n}`);
    }
    expect(missing).toEqual([]);
  });

  it("has a Chinese label for every object type", () => {
    const missing = calls.map((c) => JSON.parse(c.entity) as string).filter((e) => !AUDIT_ENTITY_LABELS[e]);
    expect(missing).toEqual([]);
  });

  it("labels every workflow step of a request", () => {
    expect(AUDIT_ACTION_LABELS["request.extend"]).toBe("延长答复期限");
    expect(AUDIT_ACTION_LABELS["request.cohandle"]).toBe(REQUEST_ACTION_LABELS.cohandle);
  });
});
