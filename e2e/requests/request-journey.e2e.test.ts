import { readFile } from "node:fs/promises";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  describeBrowser,
  expectNoAxeViolations,
  launchBrowser,
  logIn,
  newPage,
  startServer,
  submitAndWait,
  type TTestServer,
} from "../server";

// One application followed from the citizen's form to the reply letter. The tests run in order and
// share the request: each step starts from the state the previous one left.

const APPLICANT = {
  name: "张明远",
  idNumber: "11010519491231002X",
  phone: "13912345678",
  email: "zhang.mingyuan@example.com",
  address: "济南市市中区经四路 100 号",
  description: "2023 年度本区医疗机构监督检查结果的汇总表。",
};

/** Today in China, as the app counts dates. */
const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

const pathOf = (page: Page) => new URL(page.url()).pathname;

/** The <dd> after the <dt> with exactly this text, within `scope`. */
const fact = (scope: Page | Locator, term: string) =>
  scope.locator("dt", { hasText: new RegExp(`^${term}$`) }).locator("xpath=following-sibling::dd[1]");

const text = async (l: Locator) => ((await l.textContent()) ?? "").trim();

/** The error shown beside the field with this label. */
const errorBeside = (page: Page, label: string) =>
  page.locator("div.field", { has: page.getByLabel(label) }).locator(".field-error");

async function fillApplication(page: Page, a: typeof APPLICANT) {
  await page.getByLabel("申请人类型").selectOption({ label: "自然人" });
  await page.getByLabel("姓名或名称").fill(a.name);
  await page.getByLabel("证件类型").selectOption({ label: "居民身份证" });
  await page.getByLabel("证件号码").fill(a.idNumber);
  await page.getByLabel("联系电话").fill(a.phone);
  await page.getByLabel("电子邮箱").fill(a.email);
  await page.getByLabel("通信地址").fill(a.address);
  await page.getByLabel("向哪个机关申请").selectOption({ label: "区卫生健康局" });
  await page.getByLabel("所需政府信息的名称、文号或者便于查询的其他特征性描述").fill(a.description);
  await page.getByLabel("获取信息的形式").selectOption({ label: "电子邮件" });
  await page.getByLabel("获取信息的方式").selectOption({ label: "电子邮件" });
  await page.getByRole("group", { name: "声明" }).getByRole("checkbox").check();
}

/** Submits the status lookup form and returns the HTTP status of the answer. */
async function lookUp(page: Page, receiptNo: string, queryCode: string): Promise<number | undefined> {
  await page.goto("/requests/status");
  await page.getByLabel("受理编号").fill(receiptNo);
  await page.getByLabel("查询码").fill(queryCode);
  const response = page.waitForResponse(
    (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/requests/status",
  );
  await submitAndWait(page, () => page.getByRole("button", { name: "查询" }).click());
  return (await response).status();
}

/** The public status page must never carry the applicant's ID number or phone, not even hidden. */
async function expectNoPersonalData(page: Page) {
  const html = await page.content();
  expect(html).not.toContain(APPLICANT.idNumber);
  expect(html).not.toContain(APPLICANT.phone);
}

describeBrowser("依申请公开：从网上申请到答复告知书", () => {
  let server: TTestServer;
  let browser: Browser;
  /** The citizen: never logged in. */
  let citizen: Page;
  /** The unit head of 区卫生健康局. */
  let staff: Page;
  // bypassCSP only for axe, which is injected as an inline script the app's CSP rightly forbids.
  let axeCitizenContext: BrowserContext;
  let axeStaffContext: BrowserContext;
  let axeCitizen: Page;
  let axeStaff: Page;

  let receiptNo = "";
  let queryCode = "";
  let detailPath = "";
  /** The second application, made from the axe context to reach its receipt page. */
  let otherReceiptNo = "";

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    citizen = await newPage(browser, server.baseUrl);
    staff = await newPage(browser, server.baseUrl);
    const axeOpts = { baseURL: server.baseUrl, locale: "zh-CN", bypassCSP: true };
    [axeCitizenContext, axeStaffContext] = await Promise.all([
      browser.newContext(axeOpts),
      browser.newContext(axeOpts),
    ]);
    [axeCitizen, axeStaff] = await Promise.all([axeCitizenContext.newPage(), axeStaffContext.newPage()]);
    await logIn(axeStaff, "wj.head");
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("提交空表单：错误显示在字段旁并在页首汇总，不创建申请", async () => {
    await citizen.goto("/requests/new");
    expect(await text(citizen.getByRole("heading", { level: 1 }))).toBe("政府信息公开申请");
    const response = citizen.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/requests/new",
    );
    await submitAndWait(citizen, () => citizen.getByRole("button", { name: "提交申请" }).click());
    expect((await response).status()).toBe(422);

    // Still the form, not a receipt.
    expect(pathOf(citizen)).toBe("/requests/new");
    expect(await text(citizen.getByRole("heading", { level: 1 }))).toBe("政府信息公开申请");
    expect(await citizen.locator("dl.receipt").count()).toBe(0);
    expect(await citizen.getByRole("heading", { name: "申请已提交" }).count()).toBe(0);

    const name = citizen.getByLabel("姓名或名称");
    const nameError = errorBeside(citizen, "姓名或名称");
    expect(await text(nameError)).toContain("此项为必填项。");
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    expect((await name.getAttribute("aria-describedby"))?.split(" ")).toContain(
      await nameError.getAttribute("id"),
    );
    expect(await text(errorBeside(citizen, "所需政府信息的名称"))).not.toBe("");
    expect(await text(errorBeside(citizen, "证件号码"))).toContain("请填写证件号码。");
    const consentError = citizen.getByRole("group", { name: "声明" }).locator(".field-error");
    expect(await text(consentError)).toContain("请阅读并勾选声明。");

    // The summary lists every error, each a link to its field.
    const summary = citizen.locator(".error-summary");
    expect(await summary.getAttribute("role")).toBe("alert");
    const count = await citizen.locator(".field-error").count();
    expect(await text(summary.getByRole("heading"))).toBe(`提交的内容有 ${count} 处需要修改`);
    expect(await summary.getByRole("link").count()).toBe(count);
    expect(await text(summary.locator('a[href="#f-applicant.name"]'))).toBe("姓名或名称：此项为必填项。");
    expect(await text(summary.locator('a[href="#f-consent"]'))).toBe("声明：请阅读并勾选声明。");
  });

  it("申请表（空白和显示错误时）没有无障碍问题", async () => {
    const res = await axeCitizen.goto("/requests/new");
    expect(res?.status()).toBe(200);
    await expectNoAxeViolations(axeCitizen);

    await submitAndWait(axeCitizen, () => axeCitizen.getByRole("button", { name: "提交申请" }).click());
    await axeCitizen.locator(".error-summary").waitFor();
    expect(await axeCitizen.locator(".field-error").count()).toBeGreaterThan(0);
    await expectNoAxeViolations(axeCitizen);
  });

  it("填写并提交申请，回执显示受理编号和查询码", async () => {
    await citizen.goto("/requests/new");
    await fillApplication(citizen, APPLICANT);
    const response = citizen.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/requests/new",
    );
    await submitAndWait(citizen, () => citizen.getByRole("button", { name: "提交申请" }).click());
    expect((await response).status()).toBe(303);

    expect(pathOf(citizen)).toBe("/requests/receipt");
    expect(await text(citizen.getByRole("heading", { level: 1 }))).toBe("申请已提交");
    receiptNo = await text(fact(citizen, "受理编号"));
    queryCode = await text(fact(citizen, "查询码"));
    expect(receiptNo).toMatch(new RegExp(`^YSQ${today().slice(0, 4)}\\d{6}$`));
    expect(queryCode).toMatch(/^[0-9A-Z]{8}$/);
    await expectNoPersonalData(citizen);
  });

  it("回执页没有无障碍问题", async () => {
    // A second application from its own (axe) context: the receipt page is shown to its sender only.
    await axeCitizen.goto("/requests/new");
    await fillApplication(axeCitizen, { ...APPLICANT, name: "李华" });
    await submitAndWait(axeCitizen, () => axeCitizen.getByRole("button", { name: "提交申请" }).click());
    expect(await text(axeCitizen.getByRole("heading", { level: 1 }))).toBe("申请已提交");
    otherReceiptNo = await text(fact(axeCitizen, "受理编号"));
    expect(otherReceiptNo).toMatch(/^YSQ\d{10}$/);
    await expectNoAxeViolations(axeCitizen);
  });

  it("申请人凭受理编号和查询码查询：待确认受理", async () => {
    expect(await lookUp(citizen, receiptNo, queryCode)).toBe(200);
    expect(await text(citizen.getByRole("heading", { level: 2, name: `受理编号 ${receiptNo}` }))).toBe(
      `受理编号 ${receiptNo}`,
    );
    expect(await text(fact(citizen, "办理状态"))).toBe("待确认受理");
    expect(await text(fact(citizen, "受理日期"))).toBe("待确认");
    expect(await citizen.getByRole("button", { name: "下载答复告知书（Word）" }).count()).toBe(0);
    await expectNoPersonalData(citizen);
  });

  it("查询页和查询结果页没有无障碍问题", async () => {
    const res = await axeCitizen.goto("/requests/status");
    expect(res?.status()).toBe(200);
    await expectNoAxeViolations(axeCitizen);

    expect(await lookUp(axeCitizen, receiptNo, queryCode)).toBe(200);
    expect(await text(fact(axeCitizen, "办理状态"))).toBe("待确认受理");
    await expectNoAxeViolations(axeCitizen);
  });

  it("单位负责人在“依申请公开”中打开申请并确认受理：办理中，有答复期限", async () => {
    await logIn(staff, "wj.head");
    await staff
      .getByRole("navigation", { name: "工作台导航" })
      .getByRole("link", { name: "依申请公开" })
      .click();
    await staff.waitForURL((u) => u.pathname === "/admin/requests");
    expect(await text(staff.getByRole("heading", { level: 1 }))).toBe("依申请公开");

    await staff.getByRole("link", { name: receiptNo, exact: true }).click();
    await staff.waitForURL((u) => /^\/admin\/requests\/\d+$/.test(u.pathname));
    detailPath = pathOf(staff);
    expect(await text(staff.getByRole("heading", { level: 1 }))).toBe(`申请 ${receiptNo}`);
    expect(await text(fact(staff, "状态"))).toBe("待确认受理");
    expect(await text(fact(staff, "办理单位"))).toBe("区卫生健康局");
    expect(await text(fact(staff, "姓名或名称"))).toBe(APPLICANT.name);

    await staff.getByRole("link", { name: "确认受理" }).click();
    await staff.waitForURL((u) => u.searchParams.get("action") === "confirm_receipt");
    await staff.getByLabel("日期").fill(today());
    await submitAndWait(staff, () => staff.getByRole("button", { name: "确认受理" }).click());

    expect(pathOf(staff)).toBe(detailPath);
    expect(await staff.locator(".error-summary").count()).toBe(0);
    expect(await text(fact(staff, "状态"))).toBe("办理中");
    expect(await text(fact(staff, "收到日期"))).toBe(today());
    const due = await text(fact(staff, "答复期限"));
    expect(due).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(due.slice(0, 10) > today()).toBe(true);
  });

  it("申请列表和打开办理表单的详情页没有无障碍问题", async () => {
    const res = await axeStaff.goto("/admin/requests");
    expect(res?.status()).toBe(200);
    await expectNoAxeViolations(axeStaff);

    // The second application still awaits confirmation: its page with the 确认受理 form open.
    await axeStaff.getByRole("link", { name: otherReceiptNo, exact: true }).click();
    await axeStaff.waitForURL((u) => /^\/admin\/requests\/\d+$/.test(u.pathname));
    await axeStaff.getByRole("link", { name: "确认受理" }).click();
    await axeStaff.waitForURL((u) => u.searchParams.get("action") === "confirm_receipt");
    expect(await axeStaff.getByLabel("日期").count()).toBe(1);
    await expectNoAxeViolations(axeStaff);

    // The journey's application, now running: its page with the 作出答复 form open.
    await axeStaff.goto(`${detailPath}?action=reply`);
    expect(await axeStaff.getByLabel("处理结果").count()).toBe(1);
    await expectNoAxeViolations(axeStaff);
  });

  it("作出答复（予以公开）：已办结，可打印答复告知书", async () => {
    await staff.getByRole("link", { name: "作出答复" }).click();
    await staff.waitForURL((u) => u.searchParams.get("action") === "reply");
    await staff.getByLabel("处理结果").selectOption({ label: "予以公开" });
    await staff.getByLabel("日期").fill(today());
    await submitAndWait(staff, () => staff.getByRole("button", { name: "作出答复" }).click());

    expect(pathOf(staff)).toBe(detailPath);
    expect(await staff.locator(".error-summary").count()).toBe(0);
    expect(await text(fact(staff, "状态"))).toBe("已办结");
    expect(await text(fact(staff, "处理结果"))).toBe(`予以公开（${today()}）`);

    await staff.getByRole("link", { name: "打印答复告知书" }).click();
    await staff.waitForURL((u) => u.pathname === `${detailPath}/reply`);
    expect(await text(staff.getByRole("heading", { level: 1 }))).toBe("政府信息公开申请答复告知书");
    expect(await text(staff.locator(".letter-salutation"))).toBe(`${APPLICANT.name}：`);
    expect(await text(staff.locator(".letter-no"))).toContain(receiptNo);
  });

  it("答复告知书打印页没有无障碍问题", async () => {
    const res = await axeStaff.goto(`${detailPath}/reply`);
    expect(res?.status()).toBe(200);
    expect(await text(axeStaff.getByRole("heading", { level: 1 }))).toBe("政府信息公开申请答复告知书");
    await expectNoAxeViolations(axeStaff);
  });

  it("申请人再次查询：已办结、予以公开，显示答复告知书全文，可下载 Word 文件", async () => {
    expect(await lookUp(citizen, receiptNo, queryCode)).toBe(200);
    expect(await text(fact(citizen, "办理状态"))).toBe("已办结");
    expect(await text(fact(citizen, "处理结果"))).toBe("予以公开");
    expect(await text(fact(citizen, "答复日期"))).toBe(today());

    const letter = citizen.locator("section.letter");
    expect(await text(letter.getByRole("heading"))).toBe("政府信息公开申请答复告知书");
    const letterText = await text(letter);
    expect(letterText).toContain(`${APPLICANT.name}：`);
    expect(letterText).toContain("行政复议");
    expect(letterText).toContain("行政诉讼");
    await expectNoPersonalData(citizen);

    const [download] = await Promise.all([
      citizen.waitForEvent("download"),
      citizen.getByRole("button", { name: "下载答复告知书（Word）" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const file = await readFile(await download.path());
    expect(file.subarray(0, 2).toString("latin1")).toBe("PK");
  });

  it("显示答复告知书的查询结果页没有无障碍问题", async () => {
    expect(await lookUp(axeCitizen, receiptNo, queryCode)).toBe(200);
    expect(await axeCitizen.locator("section.letter").count()).toBe(1);
    await expectNoAxeViolations(axeCitizen);
  });
});
