import { count } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { seedOrg, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { formSubmissions } from "../../platform/db/tables";
import { requests } from "./requests.tables";

const ID_NUMBER = "11010519491231002X";
const PHONE = "13900001111";

const form = (extra: Record<string, string> = {}) => ({
  "applicant.kind": "natural_person",
  "applicant.name": "钱七",
  "applicant.idType": "resident_id",
  "applicant.idNumber": ID_NUMBER,
  "applicant.phone": PHONE,
  description: "申请公开本区 2025 年背街小巷整治项目清单",
  form: "online",
  delivery: "online",
  consent: "1",
  ...extra,
});

const receiptNoIn = (html: string) => /<dt>受理编号<\/dt><dd><strong>([^<]+)<\/strong>/.exec(html)?.[1];
const queryCodeIn = (html: string) => /<dt>查询码<\/dt><dd><strong>([^<]+)<\/strong>/.exec(html)?.[1];

describeDb("the public request form: one request per form, whatever is posted again", () => {
  let t: TTestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedOrg(t.db);
  });
  afterAll(() => t?.close());
  const requestCount = async () => (await t.db.select({ n: count() }).from(requests))[0]?.n ?? 0;
  const usedTokens = async () => (await t.db.select({ n: count() }).from(formSubmissions))[0]?.n ?? 0;

  it("redirects to the receipt; a refresh and a second post of the same form show the first receipt", async () => {
    const v = new Visitor(t, { "x-forwarded-for": "203.0.113.1" });
    await v.get("/requests/new");
    const token = v.formToken;
    const before = await requestCount();
    const first = await v.post("/requests/new", form());
    expect(first.status).toBe(303);
    expect(first.location).toBe("/requests/receipt");
    const receipt = await v.get("/requests/receipt");
    expect(receipt.status).toBe(200);
    const receiptNo = receiptNoIn(receipt.text);
    const queryCode = queryCodeIn(receipt.text);
    expect(receiptNo).toMatch(/^YSQ\d{10}$/);
    expect(queryCode).toMatch(/^[2-9A-Z]{8}$/);
    expect(receipt.text).not.toContain(ID_NUMBER);
    expect(receipt.text).not.toContain(PHONE);

    expect(receiptNoIn((await v.get("/requests/receipt")).text)).toBe(receiptNo);
    // The back button and submit again: the same token, even with changed (or now wrong) fields.
    const again = await v.post("/requests/new", {
      ...form({ description: "另一项内容，仍是同一张表" }),
      _formToken: token,
    });
    expect(again.location).toBe("/requests/receipt");
    const shown = await v.get("/requests/receipt");
    expect(receiptNoIn(shown.text)).toBe(receiptNo);
    expect(queryCodeIn(shown.text)).toBe(queryCode);
    expect(
      (await v.post("/requests/new", { ...form({ "applicant.name": "" }), _formToken: token })).location,
    ).toBe("/requests/receipt");
    expect(await requestCount()).toBe(before + 1);

    // The query code on the receipt is the one that opens the status page.
    const status = await v.post("/requests/status", {
      receiptNo: receiptNo ?? "",
      queryCode: queryCode ?? "",
    });
    expect(status.text).toContain("待确认受理");
  });

  it("gives the form back with the token already sent after a submission, and a new one on request", async () => {
    const v = new Visitor(t, { "x-forwarded-for": "203.0.113.50" });
    await v.get("/requests/new");
    const sent = v.formToken;
    await v.post("/requests/new", form());
    const receiptNo = receiptNoIn((await v.get("/requests/receipt")).text);
    const back = await v.get("/requests/new");
    expect(v.formToken).toBe(sent);
    expect(back.text).toContain(`受理编号 ${receiptNo}`);
    const before = await requestCount();
    expect((await v.post("/requests/new", form())).location).toBe("/requests/receipt");
    expect(await requestCount()).toBe(before);
    const another = await v.get("/requests/new?another=1");
    expect(v.formToken).not.toBe(sent);
    expect(another.text).not.toContain(`受理编号 ${receiptNo}`);
  });

  it("creates exactly one request from ten parallel posts of the same form", async () => {
    const v = new Visitor(t, { "x-forwarded-for": "203.0.113.2" });
    await v.get("/requests/new");
    const before = await requestCount();
    const body = new URLSearchParams({ _csrf: v.csrf, _formToken: v.formToken, ...form() }).toString();
    const posts = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.app.request("/requests/new", {
          method: "POST",
          headers: {
            cookie: v.cookie,
            "content-type": "application/x-www-form-urlencoded",
            "x-forwarded-for": "203.0.113.99",
          },
          body,
        }),
      ),
    );
    expect(
      await Promise.all(
        posts.map(async (r) => `${r.status} ${r.status === 303 ? "" : await r.clone().text()}`),
      ),
    ).toEqual(Array(10).fill("303 "));
    expect(await requestCount()).toBe(before + 1);
    const [row] = await t.database.query<{ receipt_no: string }>(
      "select receipt_no from requests order by id desc limit 1",
    );
    for (const r of posts) {
      const cookie = `${v.cookie}; ${r.headers.getSetCookie()[0]?.split(";")[0]}`;
      const page = await t.app.request("/requests/receipt", { headers: { cookie } });
      expect(receiptNoIn(await page.text())).toBe(row?.receipt_no);
    }
  });

  it("refuses a post without the form's token, or with one it did not issue, writing nothing", async () => {
    const v = new Visitor(t, { "x-forwarded-for": "203.0.113.3" });
    await v.get("/requests/new");
    const issued = v.formToken;
    const [nonce] = issued.split(".");
    const before = { requests: await requestCount(), tokens: await usedTokens() };
    const cases = ["", "x", `${nonce}.${"A".repeat(22)}`, `${"B".repeat(24)}.${issued.split(".")[1]}`];
    for (const token of cases) {
      const r = await v.post("/requests/new", { ...form(), _formToken: token });
      expect(r.status).toBe(400);
      expect(r.text).toContain("表单缺少有效的提交凭据，内容未保存");
    }
    // A token issued to another visitor (bound to their CSRF token) is not this visitor's.
    const other = new Visitor(t, { "x-forwarded-for": "203.0.113.4" });
    await other.get("/requests/new");
    expect((await v.post("/requests/new", { ...form(), _formToken: other.formToken })).status).toBe(400);
    expect({ requests: await requestCount(), tokens: await usedTokens() }).toEqual(before);
  });

  it("asks for the way of delivery without choosing one, and delivery online needs no address", async () => {
    const v = new Visitor(t, { "x-forwarded-for": "203.0.113.5" });
    const page = await v.get("/requests/new");
    const select = (name: string) =>
      new RegExp(`<select id="f-${name}"[^>]*>(.*?)</select>`, "s").exec(page.text)?.[1];
    for (const name of ["delivery", "form"]) {
      expect(select(name)).toContain('<option value="">请选择</option>');
      expect(select(name)).not.toContain("selected");
    }
    const missing = await v.post("/requests/new", form({ delivery: "" }));
    expect(missing.status).toBe(422);
    expect(missing.text).toMatch(/<a href="#f-delivery">获取信息的方式：[^<]+<\/a>/);
    const before = await requestCount();
    // Neither e-mail nor address given: a citizen who asks for the reply online is not sent back.
    expect((await v.post("/requests/new", form())).status).toBe(303);
    expect(await requestCount()).toBe(before + 1);
  });

  it("names each faulty field in the error summary, linking to it", async () => {
    const v = new Visitor(t, { "x-forwarded-for": "203.0.113.6" });
    await v.get("/requests/new");
    const r = await v.post("/requests/new", form({ "applicant.name": "", description: "", consent: "" }));
    expect(r.status).toBe(422);
    const summary = /<div class="error-summary"[^>]*>(.*?)<\/div>/s.exec(r.text)?.[1] ?? "";
    expect(summary).toContain('<a href="#f-applicant.name">姓名或名称：此项为必填项');
    expect(summary).toMatch(
      /<a href="#f-description">所需政府信息的名称、文号或者便于查询的其他特征性描述：/,
    );
    expect(summary).toContain('<a href="#f-consent">声明：请阅读并勾选声明。');
    expect(r.text).toContain('<fieldset id="f-consent"');
    // The form keeps its token, so the corrected post is still the first (and only) one.
    const before = await requestCount();
    expect((await v.post("/requests/new", form())).status).toBe(303);
    expect(await requestCount()).toBe(before + 1);
  });

  it("saves the receipt as a text file with the codes, and shows none to a browser without it", async () => {
    const v = new Visitor(t, { "x-forwarded-for": "203.0.113.7" });
    await v.get("/requests/new");
    await v.post("/requests/new", form());
    const page = await v.get("/requests/receipt");
    const file = await t.app.request("/requests/receipt.txt", { headers: { cookie: v.cookie } });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toMatch(/^attachment;/);
    const text = await file.text();
    expect(text).toContain(`受理编号：${receiptNoIn(page.text)}`);
    expect(text).toContain(`查询码：${queryCodeIn(page.text)}`);
    expect(text).not.toMatch(new RegExp(`${ID_NUMBER}|${PHONE}|钱七`));

    const stranger = new Visitor(t, { "x-forwarded-for": "203.0.113.8" });
    expect((await stranger.get("/requests/receipt")).status).toBe(404);
    expect((await t.app.request("/requests/receipt.txt")).status).toBe(404);
  });
});
