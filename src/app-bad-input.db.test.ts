import { afterAll, beforeAll, expect, it } from "vitest";
import { api, seedOrg, tokenFor, Visitor } from "../test/http";
import { createTestApp, describeDb, type TTestApp } from "../test/test-db";
import { verifyAuditChain } from "./platform/audit";

/**
 * Bad input, generated: every operation of the OpenAPI document and every HTML form the pages show
 * (to a visitor, the office, a unit editor, the administrator) gets NUL characters, ids beyond any
 * column, numbers JSON cannot hold, 100 000-character strings, wrong types, arrays for scalars,
 * repeated parameters, broken percent-encodings, empty and mistyped bodies. No answer may be a 5xx,
 * and a refused request changes no table.
 */

// JSON texts that JSON.stringify cannot write: a number beyond 2^63 and one beyond a double.
const RAW = { big: "__RAW_BIG__", inf: "__RAW_INF__" };
const rawJson = (v: unknown) =>
  (JSON.stringify(v) ?? "")
    .replaceAll(`"${RAW.big}"`, "9223372036854775808")
    .replaceAll(`"${RAW.inf}"`, "1e309");

const LONG = "长".repeat(100_000);
const BAD_JSON_VALUES: unknown[] = [
  "a\u0000b",
  LONG,
  2147483648,
  RAW.big,
  RAW.inf,
  -1,
  "abc",
  [1],
  {},
  null,
  true,
];
const BAD_TEXT_VALUES = ["2147483648", "9223372036854775808", "1e309", "-1", "abc", "%00", "%FF", "%E4%B8"];
const BAD_FORM_VALUES = [LONG, "2147483648", "-1", "abc", "1e309"];
// Tables a refused request may still touch: login throttling, rate limits, sessions and tokens.
const VOLATILE = /session|token|rate|login|throttl|attempt/;

type TSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, TSchema>;
  required?: string[];
  items?: TSchema;
  enum?: unknown[];
  format?: string;
  anyOf?: TSchema[];
  oneOf?: TSchema[];
  allOf?: TSchema[];
  minimum?: number;
  default?: unknown;
};
type TOperation = {
  parameters?: { name: string; in: string; schema?: TSchema }[];
  requestBody?: { content: Record<string, { schema?: TSchema }> };
  security?: unknown[];
};

describeDb("bad input, generated from the OpenAPI document and the pages' forms", () => {
  let t: TTestApp;
  let office: string;
  let components: Record<string, TSchema> = {};
  let tables: string[] = [];
  let n = 0;
  const failures: string[] = [];
  let sent = 0;

  beforeAll(async () => {
    t = await createTestApp();
    const { unitA } = await seedOrg(t.db);
    office = await tokenFor(t, "office");
    // One record of the main kinds, so that id 1 names something and the pages show their forms.
    const doc = await api(t, "POST", "/api/v1/documents", {
      token: office,
      json: { unitId: unitA.id, title: "边界输入测试文件" },
    });
    expect(doc.status, doc.text).toBe(201);
    const req = await api(t, "POST", "/api/v1/requests", {
      token: office,
      json: {
        applicant: {
          kind: "natural_person",
          name: "张三",
          idType: "resident_id",
          idNumber: "11010519491231002X",
        },
        channel: "mail",
        receivedAt: "2025-09-01",
        description: "申请公开某项目的环评批复文件",
      },
    });
    expect(req.status, req.text).toBe(201);
    const rows = await t.database.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
    );
    tables = rows.map((r) => r.table_name).filter((name) => !VOLATILE.test(name));
  });
  afterAll(() => t?.close());

  const counts = async () =>
    JSON.stringify(
      await t.database.query(
        `select ${tables.map((name) => `(select count(*) from "${name}") as "${name}"`).join(", ")}`,
      ),
    );

  /**
   * The tables' row counts are compared around each group of requests (one route or form) in which
   * every write was refused; a group with an accepted write starts a new comparison.
   */
  let group = { before: "", label: "", isClean: true };
  const startGroup = async (label: string) => {
    if (group.label && group.isClean && (await counts()) !== group.before)
      failures.push(`${group.label}: refused writes changed a table`);
    group = { before: await counts(), label, isClean: true };
  };

  /** Sends one request; records a 5xx, and whether a write was accepted. */
  const send = async (
    label: string,
    path: string,
    init: RequestInit & { headers?: Record<string, string> },
  ) => {
    const method = init.method ?? "GET";
    const isWrite = method !== "GET" && method !== "HEAD";
    // Each request from its own address, so the limit on anonymous posts does not hide the routes.
    n++;
    const headers = {
      "x-forwarded-for": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
      ...init.headers,
    };
    let res: Response;
    try {
      res = await t.app.request(path, { ...init, headers });
    } catch (err) {
      failures.push(`${method} ${path.slice(0, 120)} [${label}] threw ${String(err)}`);
      return;
    }
    sent++;
    const text = await res.text();
    if (res.status >= 500) failures.push(`${method} ${path.slice(0, 120)} [${label}] → ${res.status}`);
    if (isWrite && res.status < 400) group.isClean = false;
    return { status: res.status, text };
  };

  const resolve = (s: TSchema | undefined): TSchema => {
    let x = s ?? {};
    for (let i = 0; x.$ref && i < 10; i++) x = components[x.$ref.split("/").pop() as string] ?? {};
    if (x.allOf?.length === 1) return resolve(x.allOf[0]);
    return x;
  };

  /** A plausible value for a schema: what the bad values replace one field at a time. */
  const sample = (s0: TSchema | undefined, depth = 0): unknown => {
    const s = resolve(s0);
    if (s.default !== undefined) return s.default;
    if (s.enum?.length) return s.enum[0];
    const alt = s.anyOf ?? s.oneOf;
    if (alt?.length) return sample(alt.find((a) => resolve(a).type !== "null") ?? alt[0], depth);
    const type = Array.isArray(s.type) ? s.type.find((x) => x !== "null") : s.type;
    if (type === "integer" || type === "number") return Math.max(1, s.minimum ?? 1);
    if (type === "boolean") return true;
    if (type === "array") return depth > 3 ? [] : [sample(s.items, depth + 1)];
    if (type === "object" || s.properties) {
      const out: Record<string, unknown> = {};
      if (depth > 3) return out;
      for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = sample(v, depth + 1);
      return out;
    }
    if (s.format === "date") return "2025-09-01";
    if (s.format === "email") return "a@example.com";
    return "测试内容一二三";
  };

  it("answers every API operation's bad input with 4xx, and refusals write nothing", {
    timeout: 300_000,
  }, async () => {
    const doc = (await api(t, "GET", "/api/v1/openapi.json")).data as {
      paths: Record<string, Record<string, TOperation>>;
      components?: { schemas?: Record<string, TSchema> };
    };
    components = doc.components?.schemas ?? {};
    let operations = 0;
    for (const [template, ops] of Object.entries(doc.paths))
      for (const [method0, op] of Object.entries(ops)) {
        operations++;
        await startGroup(`${method0.toUpperCase()} ${template}`);
        const method = method0.toUpperCase();
        const params = op.parameters ?? [];
        const pathParams = params.filter((p) => p.in === "path");
        const queryParams = params.filter((p) => p.in === "query");
        const fill = (overrides: Record<string, string> = {}) =>
          `/api/v1${template.replace(/\{(\w+)\}/g, (_m, name: string) => overrides[name] ?? (name === "year" ? "2025" : "1"))}`;
        // Public operations are tried as a visitor too; every one with the office's token.
        const who: Record<string, string>[] = [{ authorization: `Bearer ${office}` }];
        if (!op.security) who.push({});
        const json = op.requestBody?.content["application/json"];
        const body = json ? sample(json.schema) : undefined;
        const jsonInit = (text: string, auth: Record<string, string>, type = "application/json") => ({
          method,
          headers: { ...auth, "content-type": type },
          body: text,
        });
        const base = () =>
          json ? jsonInit(rawJson(body), who[0] as Record<string, string>) : { method, headers: who[0] };

        for (const p of pathParams)
          for (const bad of BAD_TEXT_VALUES)
            await send(`path ${p.name}=${bad}`, fill({ [p.name]: bad }), base());
        // Query parameters and body fields each get half the bad values, alternating, so that
        // every value meets every route while the test stays quick.
        const half = <T>(values: T[], i: number) => values.filter((_, j) => (i + j) % 2 === 0);
        for (const [i, q] of queryParams.entries())
          for (const bad of half([...BAD_TEXT_VALUES, LONG.slice(0, 20_000)], i))
            await send(`query ${q.name}`, `${fill()}?${q.name}=${bad}`, base());
        if (queryParams[0])
          await send("repeated query", `${fill()}?${queryParams[0].name}=1&${queryParams[0].name}=2`, base());

        for (const auth of who) {
          if (!json && !op.requestBody) {
            await send("plain", fill(), { method, headers: auth });
            continue;
          }
          for (const text of ["", "{", "null", "[]", '"s"', "1e309", '{"a":"\\u0000"}'])
            await send(`body ${text || "empty"}`, fill(), jsonInit(text, auth));
          await send("text/plain body", fill(), jsonInit(rawJson(body), auth, "text/plain"));
          await send("form body", fill(), jsonInit("a=%FF&b=%00", auth, "application/x-www-form-urlencoded"));
          await send("no content type", fill(), { method, headers: auth, body: rawJson(body) });
          const multipart = new FormData();
          multipart.set(
            "file",
            new File([new Uint8Array([0, 0xff, 0])], "空.pdf", { type: "application/pdf" }),
          );
          multipart.set("note", "a\u0000");
          await send("multipart", fill(), { method, headers: auth, body: multipart });
          await send(
            "broken multipart",
            fill(),
            jsonInit("--x\r\nbroken", auth, "multipart/form-data; boundary=x"),
          );
          if (body && typeof body === "object" && !Array.isArray(body)) {
            const fields = Object.entries(body as Record<string, unknown>);
            for (const [i, [k, v]] of fields.entries()) {
              const { [k]: _dropped, ...missing } = body as Record<string, unknown>;
              await send(`missing ${k}`, fill(), jsonInit(rawJson(missing), auth));
              const nested = v && typeof v === "object" && !Array.isArray(v) ? Object.keys(v) : [];
              for (const bad of half(BAD_JSON_VALUES, i)) {
                await send(
                  `${k}=${String(bad).slice(0, 12)}`,
                  fill(),
                  jsonInit(rawJson({ ...body, [k]: bad }), auth),
                );
                // One level down (applicant.name and the like), with a sample of the values.
                for (const [j, sub] of nested.slice(0, 8).entries())
                  if ((BAD_JSON_VALUES.indexOf(bad) + j) % 4 === 0)
                    await send(
                      `${k}.${sub}=${String(bad).slice(0, 12)}`,
                      fill(),
                      jsonInit(rawJson({ ...body, [k]: { ...(v as object), [sub]: bad } }), auth),
                    );
              }
            }
          }
        }
      }
    await startGroup("");
    expect(operations).toBeGreaterThan(40);
    expect(failures, failures.slice(0, 40).join("\n")).toEqual([]);
  });

  type TForm = { method: string; action: string; multipart: boolean; fields: [string, string][] };

  /** The forms on a page: method, action, and each named field with the value it would send. */
  const formsOf = (html: string, page: string): TForm[] =>
    [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].map(([, attrs = "", inner = ""]) => {
      const attr = (src: string, name: string) =>
        new RegExp(`\\b${name}="([^"]*)"`).exec(src)?.[1]?.replaceAll("&amp;", "&");
      const fields: [string, string][] = [];
      for (const [tag = ""] of inner.matchAll(/<input\b[^>]*>/g)) {
        const name = attr(tag, "name");
        const type = attr(tag, "type") ?? "text";
        if (!name || type === "file" || type === "submit") continue;
        if ((type === "checkbox" || type === "radio") && !/\bchecked\b/.test(tag)) continue;
        fields.push([name, attr(tag, "value") ?? ""]);
      }
      for (const [, sAttrs = "", options = ""] of inner.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
        const name = attr(sAttrs, "name");
        const chosen =
          /<option\b[^>]*\bselected\b[^>]*>/.exec(options)?.[0] ?? /<option\b[^>]*>/.exec(options)?.[0];
        if (name) fields.push([name, (chosen && attr(chosen, "value")) ?? ""]);
      }
      for (const [, tAttrs = "", text = ""] of inner.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
        const name = attr(tAttrs, "name");
        if (name) fields.push([name, text]);
      }
      return {
        method: (attr(attrs, "method") ?? "get").toUpperCase(),
        action: attr(attrs, "action") ?? page,
        multipart: /multipart\/form-data/.test(attrs),
        fields,
      };
    });

  /** Pages reachable from the home page and the back office, one per path shape (ids replaced). */
  const crawl = async (v: Visitor, limit: number) => {
    const seen = new Set<string>();
    const queue = ["/", "/admin", "/requests/new", "/requests/status", "/login"];
    const forms = new Map<string, TForm>();
    while (queue.length && seen.size < limit) {
      const path = queue.shift() as string;
      const shape = path.replace(/\d+/g, "N").replace(/\?.*/, "");
      if (seen.has(shape)) continue;
      seen.add(shape);
      const page = await v.get(path);
      if (page.status >= 500) failures.push(`GET ${path} [crawl] → ${page.status}`);
      if (!(page.res.headers.get("content-type") ?? "").startsWith("text/html")) continue;
      for (const f of formsOf(page.text, path)) {
        const key = `${f.method} ${f.action.replace(/\d+/g, "N")} ${f.fields.map(([k]) => k).join(",")}`;
        if (!forms.has(key)) forms.set(key, f);
      }
      for (const [, href = ""] of page.text.matchAll(/href="(\/[^"#]*)"/g)) {
        const link = href.replaceAll("&amp;", "&");
        if (!/^\/(static|logout)/.test(link) && !/\.(docx|xlsx|csv|pdf)\b/.test(link)) queue.push(link);
      }
    }
    return [...forms.values()].filter((f) => !/logout/.test(f.action));
  };

  it("answers every form's bad input with 4xx, and refusals write nothing", {
    timeout: 300_000,
  }, async () => {
    const visitors: [string, Visitor][] = [["visitor", new Visitor(t)]];
    for (const who of ["office", "a.editor", "admin"]) visitors.push([who, await new Visitor(t).login(who)]);
    // Crawl first, then post: a post may change what later pages show.
    const plans: [Visitor, TForm[]][] = [];
    for (const [, v] of visitors) plans.push([v, await crawl(v, 60)]);
    expect(plans.reduce((sum, [, f]) => sum + f.length, 0)).toBeGreaterThan(15);

    const done = new Set<string>();
    for (const [v, forms] of plans)
      for (const form of forms) {
        // A form met by several users (search, the elder-mode switch) is tried once.
        const key = `${form.method} ${form.action.replace(/\d+/g, "N")} ${form.fields.map(([k]) => k).join(",")}`;
        if (done.has(key)) continue;
        done.add(key);
        await startGroup(key);
        const submit = (
          fields: [string, string][],
          label: string,
          extra: { type?: string; raw?: string } = {},
        ) => {
          const headers: Record<string, string> = { cookie: v.cookie };
          if (form.method === "GET") {
            const q = new URLSearchParams(fields.filter(([k]) => k !== "_csrf")).toString();
            return send(label, `${form.action}${form.action.includes("?") ? "&" : "?"}${q}`, { headers });
          }
          let body: BodyInit;
          if (extra.raw !== undefined) {
            body = extra.raw;
            headers["content-type"] = extra.type ?? "application/x-www-form-urlencoded";
          } else if (form.multipart) {
            const fd = new FormData();
            for (const [k, x] of fields) fd.append(k, x);
            body = fd;
          } else {
            body = new URLSearchParams(fields).toString();
            headers["content-type"] = "application/x-www-form-urlencoded";
          }
          return send(label, form.action, { method: "POST", headers, body });
        };
        const csrf = form.fields.find(([k]) => k === "_csrf")?.[1] ?? v.csrf;
        const token = `_csrf=${encodeURIComponent(csrf)}`;
        await submit([["_csrf", csrf]], "empty form");
        if (form.method === "POST") {
          await submit([], "broken encoding", { raw: `${token}&${form.fields[1]?.[0] ?? "x"}=%FF%FE%E4%B8` });
          await submit([], "json instead of form", { raw: `{"_csrf":"${csrf}"}`, type: "application/json" });
          await submit([], "broken multipart", {
            raw: "--x\r\nbroken",
            type: "multipart/form-data; boundary=x",
          });
        }
        for (const [i, [name, value]] of form.fields.entries()) {
          if (name === "_csrf") continue;
          const others = form.fields.filter((_, j) => j !== i);
          await submit(others, `missing ${name}`);
          await submit([...form.fields, [name, `${value}x`]], `repeated ${name}`);
          await submit([...others, [name, "a\u0000b"]], `${name} with NUL`);
          // One of the other bad values per field, in turn: every kind is tried on every form.
          const bad = BAD_FORM_VALUES[i % BAD_FORM_VALUES.length] as string;
          await submit([...others, [name, bad]], `${name}=${bad.slice(0, 12)}`);
        }
      }
    await startGroup("");
    expect(failures, failures.slice(0, 40).join("\n")).toEqual([]);
  });

  it("leaves the audit chain intact", async () => {
    expect(sent).toBeGreaterThan(1000);
    expect((await verifyAuditChain(t.db)).firstBroken).toBeNull();
  });
});
