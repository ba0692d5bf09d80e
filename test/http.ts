import { DEMO_LAWS_DIR } from "../src/demo-documents";
import { importDocuments } from "../src/features/documents";
import { createUnit, createUser } from "../src/features/org";
import type { TActor } from "../src/platform/audit";
import type { TPrincipal, TRole } from "../src/platform/auth/permissions";
import type { Db } from "../src/platform/db";
import type { TTestApp } from "./test-db";

export const PASSWORD = "test-password-1";
const SETUP: TActor = { userId: null, name: "测试准备", ip: "", requestId: "" };

/** The office, and who acts, for tests that call a feature's functions directly rather than over HTTP. */
export const OFFICE_PRINCIPAL: TPrincipal = {
  userId: 0,
  username: "t",
  displayName: "测试",
  roles: [{ role: "office", unitId: null }],
  mustChangePassword: false,
};
export const TEST_ACTOR: TActor = { userId: null, name: "测试", ip: "", requestId: "" };

/** Two units and one user per role: enough to test scoping between units. */
export async function seedOrg(db: Db) {
  const base = { aliases: [], address: "", phone: "", duties: "", sortOrder: 0 };
  const unitA = await createUnit(db, SETUP, {
    ...base,
    name: "区卫生健康局",
    kind: "department",
    aliases: ["区卫健局"],
  });
  const unitB = await createUnit(db, SETUP, { ...base, name: "区财政局", kind: "department" });
  const users: Record<string, { role: TRole; unitId: number | null }[]> = {
    admin: [{ role: "admin", unitId: null }],
    office: [{ role: "office", unitId: null }],
    "a.head": [{ role: "unit_head", unitId: unitA.id }],
    "a.liaison": [{ role: "unit_liaison", unitId: unitA.id }],
    "a.editor": [{ role: "unit_editor", unitId: unitA.id }],
    "b.head": [{ role: "unit_head", unitId: unitB.id }],
  };
  for (const [username, roles] of Object.entries(users))
    await createUser(
      db,
      SETUP,
      { username, displayName: username, password: PASSWORD, roles },
      { mustChangePassword: false },
    );
  return { unitA, unitB };
}

type TReqOpts = { token?: string; json?: unknown; cookie?: string; headers?: Record<string, string> };

/** A JSON API call through app.request(), with an optional bearer token. */
export async function api(t: TTestApp, method: string, path: string, opts: TReqOpts = {}) {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.cookie) headers.cookie = opts.cookie;
  let body: string | undefined;
  if (opts.json !== undefined) {
    headers["content-type"] = "application/json";
    body = typeof opts.json === "string" ? opts.json : JSON.stringify(opts.json);
  }
  const res = await t.app.request(path, { method, headers, body });
  const text = await res.text();
  let data: unknown = text;
  try {
    data = JSON.parse(text);
  } catch {}
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON shapes
  return { status: res.status, data: data as any, res, text };
}

export async function tokenFor(t: TTestApp, username: string, password = PASSWORD): Promise<string> {
  const r = await api(t, "POST", "/api/v1/auth/token", { json: { username, password } });
  if (r.status !== 200) throw new Error(`login failed for ${username}: ${r.status} ${r.text}`);
  return r.data.token;
}

/** Cookies from Set-Cookie headers, merged into a cookie jar string. */
export function mergeCookies(jar: string, res: Response): string {
  const map = new Map(
    jar
      .split("; ")
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)] as const),
  );
  for (const sc of res.headers.getSetCookie()) {
    const [kv = ""] = sc.split(";");
    const name = kv.slice(0, kv.indexOf("="));
    const value = kv.slice(kv.indexOf("=") + 1);
    if (/Max-Age=0/i.test(sc) || value === "") map.delete(name);
    else map.set(name, value);
  }
  return [...map].map(([k, v]) => `${k}=${v}`).join("; ");
}

export const csrfFrom = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
export const formTokenFrom = (html: string) => /name="_formToken" value="([^"]+)"/.exec(html)?.[1] ?? "";

/** A browser-like visitor: keeps cookies and the page's CSRF token, posts forms. */
export class Visitor {
  cookie = "";
  csrf = "";
  /** The one-time token of the last page's form, posted like a browser would (see form-token.ts). */
  formToken = "";
  /** `headers` go with every request (an X-Forwarded-For address keeps rate limits apart). */
  constructor(
    private readonly t: TTestApp,
    private readonly headers: Record<string, string> = {},
  ) {}

  async get(path: string) {
    const res = await this.t.app.request(path, { headers: { ...this.headers, cookie: this.cookie } });
    this.cookie = mergeCookies(this.cookie, res);
    const text = await res.text();
    this.csrf = csrfFrom(text) || this.csrf;
    this.formToken = formTokenFrom(text);
    return { status: res.status, text, res };
  }

  async post(path: string, fields: Record<string, string | string[]>, opts: { csrf?: string | null } = {}) {
    const form = new URLSearchParams();
    const token = opts.csrf === undefined ? this.csrf : opts.csrf;
    if (token !== null) form.append("_csrf", token);
    if (this.formToken && !("_formToken" in fields)) form.append("_formToken", this.formToken);
    for (const [k, v] of Object.entries(fields))
      for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
    const res = await this.t.app.request(path, {
      method: "POST",
      headers: {
        ...this.headers,
        cookie: this.cookie,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: form.toString(),
    });
    this.cookie = mergeCookies(this.cookie, res);
    const text = await res.text();
    this.csrf = csrfFrom(text) || this.csrf;
    this.formToken = formTokenFrom(text) || this.formToken;
    return { status: res.status, text, res, location: res.headers.get("location") };
  }

  /** Signs in through the login form; afterwards the CSRF token is the session's. */
  async login(username: string, password = PASSWORD) {
    await this.get("/login");
    const r = await this.post("/login", { username, password });
    if (r.status !== 303) throw new Error(`login failed for ${username}: ${r.status}`);
    await this.get("/admin/account");
    return this;
  }
}

/** The demo library's laws (demo/documents, a subset of the corpus) imported as published documents of unit A. */
export async function importDemoLaws(db: Db) {
  const org = await seedOrg(db);
  await importDocuments(db, TEST_ACTOR, { root: DEMO_LAWS_DIR, unitId: org.unitA.id });
  return org;
}
