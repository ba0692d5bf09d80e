import { sql } from "drizzle-orm";
import JSZip from "jszip";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api, seedOrg, tokenFor, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";

// A data set built by hand through the requests API, for unit A (区卫生健康局), report year 2025.
// Columns: np 自然人, ce 商业企业, ri 科研机构, pio 社会公益组织, lso 法律服务机构, oo 其他.
//
// key  kind  received    concluded    outcome                               counts in 2025 as
// P1   np    2024-03-04  2024-03-20   disclosed                             nothing (closed in 2024)
// P2   ce    2024-05-06  2024-05-10   not_processed.duplicate               nothing (closed in 2024)
// C1   np    2024-12-16  2025-01-10   disclosed                             二 + 三
// C2   ri    2024-12-18  2025-01-15   unavailable.not_held                  二 + 三
// C3   lso   2024-12-23  2025-01-06   other.other (withdrawn)               二 + 三
// C4   oo    2024-12-27  open (replied 2026-02-02 later in the test)        二 + 四, overdue check
// N1   np    2025-02-10  2025-02-20   disclosed                             一 + 三
// N2   np    2025-03-03  2025-03-20   partially_disclosed                   一 + 三
// N3   np    2025-04-01  2025-04-10   withheld.state_secret                 一 + 三
// N4   ce    2025-04-07  2025-04-20   withheld.third_party                  一 + 三
// N5   ce    2025-05-06  2025-05-15   disclosed                             一 + 三
// N6   pio   2025-05-12  2025-05-20   withheld.process_info                 一 + 三
// N7   oo    2025-06-02  2025-06-10   unavailable.needs_creation            一 + 三
// N8   lso   2025-06-09  2025-06-16   not_processed.petition_complaint      一 + 三
// N9   ri    2025-07-01  2025-07-10   disclosed                             一 + 三
// N10  np    2025-07-07  2025-07-21   other.no_correction (补正 by 07-18)    一 + 三
// N11  oo    2025-08-04  2025-08-12   withheld.administrative_inquiry       一 + 三
// N12  np    2025-09-01  2025-09-10   not_processed.excessive               一 + 三
// F1   np    2025-12-15  2026-01-08   disclosed                             一 + 四
// F2   ce    2025-12-22  open, due in 2026 (not overdue at year end)       一 + 四
// B1   np    2025-03-03  2025-03-10   disclosed — unit B: only in the district's report
//
// Expected table 三 of unit A, 2025 (np ce ri pio lso oo | total):
// 一 本年新收           6 3 1 1 1 2 | 14
// 二 上年结转           1 0 1 0 1 1 |  4
// （一）予以公开        2 1 1 0 0 0 |  4   (C1 N1 | N5 | N9)
// （二）部分公开        1 0 0 0 0 0 |  1
// （三）1 国家秘密      1 0 0 0 0 0 |  1
// （三）4 第三方        0 1 0 0 0 0 |  1
// （三）6 过程性信息    0 0 0 1 0 0 |  1
// （三）8 行政查询      0 0 0 0 0 1 |  1
// （四）1 不掌握        0 0 1 0 0 0 |  1
// （四）2 另行制作      0 0 0 0 0 1 |  1
// （五）1 信访举报      0 0 0 0 1 0 |  1
// （五）4 大量反复      1 0 0 0 0 0 |  1
// （六）1 逾期不补正    1 0 0 0 0 0 |  1
// （六）3 其他          0 0 0 0 1 0 |  1
// every other row       0 0 0 0 0 0 |  0
// （七）总计            6 2 2 1 2 2 | 15
// 四 结转下年度         1 1 0 0 0 1 |  3   (F1 | F2 | C4)
// Check per column: np 6+1=6+1, ce 3+0=2+1, ri 1+1=2+0, pio 1+0=1+0, lso 1+1=2+0, oo 2+1=2+1, 14+4=15+3.
//
// Appeals against unit A's replies (filed in 2025 unless noted; result known at 2025-12-31):
// reconsideration: on N3 corrected 2025-06-01; on N4 upheld 2025-07-01; on N6 filed 2025-11-10, no
//   decision; on N6 filed 2025-06-01 decided "other" 2026-01-15 (pending at year end); on P1 filed
//   2024-04-01 (not counted).                            → upheld 1, corrected 1, other 0, pending 2, total 4
// litigation_direct: on N2 corrected 2025-09-01; on N8 no decision → 0, 1, 0, 1, total 2
// litigation_after_reconsideration: on N4 upheld 2025-10-10; on N3 other 2025-12-01 → 1, 0, 1, 0, total 2
// Unit B: a reconsideration on B1, upheld (district report only).
//
// Documents of unit A (二, 第二十条第（一）项): D1 normative written 2025-03-01 valid; D2 normative written
// 2023-05-01 repealed 2025-06-30; D3 normative written 2024-02-01 valid; D4 normative 2025 draft (not
// counted); D5 normative written 2026-01-10; D6 地方政府规章 written 2025-04-01. Unit B: one normative 2025.
// → 规章 made 1, repealed 0, valid 1; 行政规范性文件 made 1 (D1), repealed 1 (D2), valid 2 (D1, D3).

const ROW = (np: number, ce: number, ri: number, pio: number, lso: number, oo: number) => ({
  natural_person: np,
  commercial_enterprise: ce,
  research_institution: ri,
  public_interest_org: pio,
  legal_service_org: lso,
  other_org: oo,
  total: np + ce + ri + pio + lso + oo,
});
const ZERO = ROW(0, 0, 0, 0, 0, 0);

const EXPECTED_OUTCOMES = {
  disclosed: ROW(2, 1, 1, 0, 0, 0),
  partially_disclosed: ROW(1, 0, 0, 0, 0, 0),
  "withheld.state_secret": ROW(1, 0, 0, 0, 0, 0),
  "withheld.prohibited_by_law": ZERO,
  "withheld.security_stability": ZERO,
  "withheld.third_party": ROW(0, 1, 0, 0, 0, 0),
  "withheld.internal_affairs": ZERO,
  "withheld.process_info": ROW(0, 0, 0, 1, 0, 0),
  "withheld.enforcement_file": ZERO,
  "withheld.administrative_inquiry": ROW(0, 0, 0, 0, 0, 1),
  "unavailable.not_held": ROW(0, 0, 1, 0, 0, 0),
  "unavailable.needs_creation": ROW(0, 0, 0, 0, 0, 1),
  "unavailable.unclear_after_correction": ZERO,
  "not_processed.petition_complaint": ROW(0, 0, 0, 0, 1, 0),
  "not_processed.duplicate": ZERO,
  "not_processed.publication": ZERO,
  "not_processed.excessive": ROW(1, 0, 0, 0, 0, 0),
  "not_processed.confirm_or_reissue": ZERO,
  "other.no_correction": ROW(1, 0, 0, 0, 0, 0),
  "other.no_fee": ZERO,
  "other.other": ROW(0, 0, 0, 0, 1, 0),
  total: ROW(6, 2, 2, 1, 2, 2),
};

describeDb("the annual report (年度报告)", () => {
  let t: TTestApp;
  let unitA: number;
  let unitB: number;
  let headA: string;
  let headB: string;
  let office: string;
  const ids: Record<string, number> = {};
  const receipts: Record<string, string> = {};

  const register = async (key: string, kind: string, receivedAt: string, unitId: number, token: string) => {
    const r = await api(t, "POST", "/api/v1/requests", {
      token,
      json: {
        applicant: { kind, name: `申请人${key}` },
        channel: "mail",
        receivedAt,
        description: `申请公开某项政府信息（${key}）`,
        unitId,
      },
    });
    expect(r.status, r.text).toBe(201);
    ids[key] = r.data.id;
    receipts[key] = r.data.receiptNo;
  };
  const act = async (key: string, json: object, token = headA) => {
    const r = await api(t, "POST", `/api/v1/requests/${ids[key]}/actions`, { token, json });
    expect(r.status, `${key} ${r.text}`).toBe(200);
  };
  const reply = (key: string, date: string, outcome: string, token = headA) =>
    act(
      key,
      {
        type: "reply",
        date,
        outcome,
        reason: "依法作出处理",
        legalBasis: "《政府信息公开条例》",
        // The clerk must say which case of Art. 36 a not_held reply is.
        ...(outcome === "unavailable.not_held" ? { variant: "not_found" } : {}),
      },
      token,
    );
  const appeal = async (key: string, json: object) => {
    const r = await api(t, "POST", `/api/v1/requests/${ids[key]}/appeals`, { token: headA, json });
    expect(r.status, `${key} ${r.text}`).toBe(201);
  };
  const document = async (json: object) => {
    const r = await api(t, "POST", "/api/v1/documents", { token: office, json });
    expect(r.status, r.text).toBe(201);
    return r.data.id as number;
  };
  const report = (year: number, unitId: number | null, token = headA) =>
    api(t, "GET", `/api/v1/reports/annual/${year}${unitId === null ? "" : `?unitId=${unitId}`}`, { token });

  beforeAll(async () => {
    t = await createTestApp();
    const s = await seedOrg(t.db);
    unitA = s.unitA.id;
    unitB = s.unitB.id;
    headA = await tokenFor(t, "a.head");
    headB = await tokenFor(t, "b.head");
    office = await tokenFor(t, "office");

    const plan: [string, string, string, string?][] = [
      ["P1", "natural_person", "2024-03-04", "2024-03-20 disclosed"],
      ["P2", "commercial_enterprise", "2024-05-06", "2024-05-10 not_processed.duplicate"],
      ["C1", "natural_person", "2024-12-16", "2025-01-10 disclosed"],
      ["C2", "research_institution", "2024-12-18", "2025-01-15 unavailable.not_held"],
      ["C3", "legal_service_org", "2024-12-23"],
      ["C4", "other_org", "2024-12-27"],
      ["N1", "natural_person", "2025-02-10", "2025-02-20 disclosed"],
      ["N2", "natural_person", "2025-03-03", "2025-03-20 partially_disclosed"],
      ["N3", "natural_person", "2025-04-01", "2025-04-10 withheld.state_secret"],
      ["N4", "commercial_enterprise", "2025-04-07", "2025-04-20 withheld.third_party"],
      ["N5", "commercial_enterprise", "2025-05-06", "2025-05-15 disclosed"],
      ["N6", "public_interest_org", "2025-05-12", "2025-05-20 withheld.process_info"],
      ["N7", "other_org", "2025-06-02", "2025-06-10 unavailable.needs_creation"],
      ["N8", "legal_service_org", "2025-06-09", "2025-06-16 not_processed.petition_complaint"],
      ["N9", "research_institution", "2025-07-01", "2025-07-10 disclosed"],
      ["N10", "natural_person", "2025-07-07"],
      ["N11", "other_org", "2025-08-04", "2025-08-12 withheld.administrative_inquiry"],
      ["N12", "natural_person", "2025-09-01", "2025-09-10 not_processed.excessive"],
      ["F1", "natural_person", "2025-12-15", "2026-01-08 disclosed"],
      ["F2", "commercial_enterprise", "2025-12-22"],
    ];
    for (const [key, kind, receivedAt, done] of plan) {
      await register(key, kind, receivedAt, unitA, headA);
      if (done) {
        const [date = "", outcome = ""] = done.split(" ");
        await reply(key, date, outcome);
      }
    }
    await act("C3", { type: "withdraw", date: "2025-01-06", note: "申请人撤回" });
    await act("N10", { type: "request_correction", date: "2025-07-08", correctBy: "2025-07-18" });
    await act("N10", { type: "abandon_no_correction", date: "2025-07-21" });
    await register("B1", "natural_person", "2025-03-03", unitB, headB);
    await reply("B1", "2025-03-10", "disclosed", headB);

    await appeal("P1", {
      kind: "reconsideration",
      filedAt: "2024-04-01",
      result: "upheld",
      decidedAt: "2024-05-01",
    });
    await appeal("N3", {
      kind: "reconsideration",
      filedAt: "2025-04-20",
      result: "corrected",
      decidedAt: "2025-06-01",
    });
    await appeal("N4", {
      kind: "reconsideration",
      filedAt: "2025-05-01",
      result: "upheld",
      decidedAt: "2025-07-01",
    });
    await appeal("N6", { kind: "reconsideration", filedAt: "2025-11-10" });
    await appeal("N6", {
      kind: "reconsideration",
      filedAt: "2025-06-01",
      result: "other",
      decidedAt: "2026-01-15",
    });
    await appeal("N2", {
      kind: "litigation_direct",
      filedAt: "2025-04-01",
      result: "corrected",
      decidedAt: "2025-09-01",
    });
    await appeal("N8", { kind: "litigation_direct", filedAt: "2025-07-01" });
    await appeal("N4", {
      kind: "litigation_after_reconsideration",
      filedAt: "2025-08-01",
      result: "upheld",
      decidedAt: "2025-10-10",
    });
    await appeal("N3", {
      kind: "litigation_after_reconsideration",
      filedAt: "2025-07-01",
      result: "other",
      decidedAt: "2025-12-01",
    });
    const b = await api(t, "POST", `/api/v1/requests/${ids.B1}/appeals`, {
      token: headB,
      json: { kind: "reconsideration", filedAt: "2025-04-01", result: "upheld", decidedAt: "2025-05-01" },
    });
    expect(b.status).toBe(201);

    const normative = { kind: "normative", unitId: unitA, status: "published" };
    await document({ ...normative, title: "文件D1", writtenAt: "2025-03-01", publishedAt: "2025-03-05" });
    await document({
      ...normative,
      title: "文件D2",
      writtenAt: "2023-05-01",
      publishedAt: "2023-05-05",
      repealedAt: "2025-06-30",
    });
    await document({ ...normative, title: "文件D3", writtenAt: "2024-02-01", publishedAt: "2024-02-05" });
    await document({ ...normative, title: "文件D4", writtenAt: "2025-08-01", status: "draft" });
    await document({ ...normative, title: "文件D5", writtenAt: "2026-01-10", publishedAt: "2026-01-12" });
    await document({
      kind: "other",
      level: "地方政府规章",
      unitId: unitA,
      status: "published",
      title: "规章D6",
      writtenAt: "2025-04-01",
      publishedAt: "2025-04-10",
    });
    await document({
      ...normative,
      unitId: unitB,
      title: "文件B",
      writtenAt: "2025-02-01",
      publishedAt: "2025-02-02",
    });

    const csv = [
      "no,section,group,requirement,units,deadline",
      "1,一、重点领域,（一）信息公开,公开卫生健康领域信息,区卫生健康局,2025年6月底前",
      "2,一、重点领域,（一）信息公开,公开财政预决算信息,区财政局,2025年9月底前",
    ].join("\n");
    const imported = await t.app.request(
      `/api/v1/ledger/plans/import?${encodeURI("title=2025年政务公开工作要点&issuedAt=2025-02-01&year=2025")}`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${office}`, "content-type": "text/csv" },
        body: csv,
      },
    );
    expect(imported.status).toBe(201);
  });
  afterAll(() => t?.close());

  it("counts every cell of tables 三 and 四 of a unit by the conventions of STATUTES §7", async () => {
    const r = await report(2025, unitA);
    expect(r.status, r.text).toBe(200);
    expect(r.data.year).toBe(2025);
    expect(r.data.unitId).toBe(unitA);
    expect(r.data.requests.newThisYear).toEqual(ROW(6, 3, 1, 1, 1, 2));
    expect(r.data.requests.carriedOver).toEqual(ROW(1, 0, 1, 0, 1, 1));
    expect(r.data.requests.outcomes).toEqual(EXPECTED_OUTCOMES);
    expect(r.data.requests.carriedForward).toEqual(ROW(1, 1, 0, 0, 0, 1));
    expect(r.data.appeals).toEqual({
      reconsideration: { upheld: 1, corrected: 1, other: 0, pending: 2, total: 4 },
      litigation_direct: { upheld: 0, corrected: 1, other: 0, pending: 1, total: 2 },
      litigation_after_reconsideration: { upheld: 1, corrected: 0, other: 1, pending: 0, total: 2 },
    });
    expect(r.data.proactive).toEqual({
      regulations: { made: 1, repealed: 0, valid: 1 },
      normative: { made: 1, repealed: 1, valid: 2 },
      licensing: 0,
      penalties: 0,
      enforcement: 0,
      feeAmount: 0,
    });
    // 一 + 二 = 三（七） + 四 in every column.
    expect(r.data.checks.unbalanced).toEqual([]);
    expect(r.data.checks.withoutOutcome).toEqual([]);
    // The plan's task of unit A was due 2025-06-30 and is not done: overdue at the end of 2025.
    expect(r.data.planProgress).toMatchObject({ total: 1, byStatus: [{ status: "overdue", count: 1 }] });
  });

  it("fails the check for a request still open past its due date, listing it, and refuses to publish", async () => {
    const r = await report(2025, unitA);
    expect(r.data.checks.isPassing).toBe(false);
    expect(r.data.checks.overdueOpen).toEqual([
      expect.objectContaining({ receiptNo: receipts.C4, unitName: "区卫生健康局", requestId: ids.C4 }),
    ]);
    expect(r.data.checks.overdueOpen[0].date < "2025-12-31").toBe(true);
    const refused = await api(t, "POST", `/api/v1/reports/annual/2025/publish?unitId=${unitA}`, {
      token: headA,
    });
    expect(refused.status).toBe(422);
    expect(refused.data.error.issues).toEqual([
      expect.objectContaining({ path: `checks.overdueOpen.${receipts.C4}` }),
    ]);
    expect(refused.data.error.issues[0].message).toContain(receipts.C4);
    expect((await report(2025, unitA)).data.narrative.status).toBe("new");
  });

  it("pre-fills a new year's sections from last year's report, and keeps the entered figures per year", async () => {
    const last = {
      issuerName: "济南市市中区卫生健康局",
      overview: "2024年，本局认真贯彻《政府信息公开条例》。",
      problems: "2024年存在的问题：解读形式单一。",
      otherMatters: "2024年未收取信息处理费。",
      includePlanProgress: false,
      licensingCount: 7,
      penaltyCount: 1,
      enforcementCount: 0,
      feeAmount: 0.5,
    };
    const saved = await api(t, "PUT", `/api/v1/reports/annual/2024/narrative?unitId=${unitA}`, {
      token: headA,
      json: last,
    });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.data).toMatchObject({ ...last, status: "draft", isCarriedOver: false });
    const next = (await report(2025, unitA)).data.narrative;
    expect(next).toMatchObject({
      issuerName: last.issuerName,
      overview: last.overview,
      problems: last.problems,
      otherMatters: last.otherMatters,
      licensingCount: 0,
      feeAmount: 0,
      status: "new",
      isCarriedOver: true,
    });
    const audit = await t.database.query<{ n: number }>(
      "select count(*)::int as n from audit_log where action = 'report.save'",
    );
    expect(audit[0]?.n).toBe(1);
  });

  it("saves the year's sections and figures, which then appear in 二", async () => {
    const r = await api(t, "PUT", `/api/v1/reports/annual/2025/narrative?unitId=${unitA}`, {
      token: headA,
      json: {
        issuerName: "济南市市中区卫生健康局",
        overview: "2025年，本局坚持以公开为常态。",
        problems: "部分答复说理不够充分。",
        otherMatters: "本年度未收取信息处理费。",
        includePlanProgress: true,
        licensingCount: 120,
        penaltyCount: 35,
        enforcementCount: 4,
        feeAmount: 1.25,
      },
    });
    expect(r.status, r.text).toBe(200);
    const p = (await report(2025, unitA)).data.proactive;
    expect(p).toMatchObject({ licensing: 120, penalties: 35, enforcement: 4, feeAmount: 1.25 });
    const bad = await api(t, "PUT", `/api/v1/reports/annual/2025/narrative?unitId=${unitA}`, {
      token: headA,
      json: { issuerName: "某局", overview: "", problems: "", otherMatters: "", licensingCount: -1 },
    });
    expect(bad.status).toBe(400);
  });

  it("lists a request concluded with an outcome the report does not know, and still balances", async () => {
    // An imported legacy record: concluded in 2023 with a code that is not one of table 三's rows.
    await register("L1", "natural_person", "2023-03-01", unitB, headB);
    await reply("L1", "2023-03-10", "disclosed", headB);
    await t.database.query("update requests set outcome = 'legacy.answered' where id = $1", [ids.L1]);
    const r = await report(2023, unitB, office);
    expect(r.data.checks.isPassing).toBe(false);
    expect(r.data.checks.withoutOutcome).toEqual([
      { requestId: ids.L1, receiptNo: receipts.L1, unitName: "区财政局", date: "2023-03-10" },
    ]);
    expect(r.data.requests.outcomes.disclosed.total).toBe(0);
    expect(r.data.requests.outcomes.total).toEqual(ROW(1, 0, 0, 0, 0, 0));
    expect(r.data.checks.unbalanced).toEqual([]);
  });

  it("describes the report endpoints in the OpenAPI document", async () => {
    const r = await api(t, "GET", "/api/v1/openapi.json");
    expect(r.status).toBe(200);
    expect(Object.keys(r.data.paths)).toEqual(
      expect.arrayContaining([
        "/reports/annual/{year}",
        "/reports/annual/{year}.docx",
        "/reports/annual/{year}/narrative",
        "/reports/annual/{year}/publish",
      ]),
    );
    const schema =
      r.data.paths["/reports/annual/{year}"].get.responses["200"].content["application/json"].schema;
    expect(JSON.stringify(schema)).toContain("withheld.state_secret");
  });

  it("keeps a unit's report from another unit's head (404) and scopes a head to their unit by default", async () => {
    expect((await report(2025, unitA, headB)).status).toBe(404);
    expect(
      (
        await api(t, "PUT", `/api/v1/reports/annual/2025/narrative?unitId=${unitA}`, {
          token: headB,
          json: { issuerName: "区财政局", overview: "越权", problems: "", otherMatters: "" },
        })
      ).status,
    ).toBe(404);
    expect(
      (await api(t, "POST", `/api/v1/reports/annual/2025/publish?unitId=${unitA}`, { token: headB })).status,
    ).toBe(404);
    expect(
      (await api(t, "GET", `/api/v1/reports/annual/2025.docx?unitId=${unitA}`, { token: headB })).status,
    ).toBe(404);
    const own = await report(2025, null, headB);
    expect(own.data.unitId).toBe(unitB);
    expect(own.data.requests.newThisYear).toEqual(ROW(1, 0, 0, 0, 0, 0));
    expect((await report(2025, unitA, office)).status).toBe(200);
  });

  it("adds up every unit in the district's report", async () => {
    const r = await report(2025, null, office);
    expect(r.status).toBe(200);
    expect(r.data.unitId).toBe(null);
    expect(r.data.requests.newThisYear).toEqual(ROW(7, 3, 1, 1, 1, 2));
    expect(r.data.requests.outcomes.disclosed).toEqual(ROW(3, 1, 1, 0, 0, 0));
    expect(r.data.requests.outcomes.total).toEqual(ROW(7, 2, 2, 1, 2, 2));
    expect(r.data.appeals.reconsideration).toEqual({
      upheld: 2,
      corrected: 1,
      other: 0,
      pending: 2,
      total: 5,
    });
    expect(r.data.proactive.normative).toEqual({ made: 2, repealed: 1, valid: 3 });
    expect(r.data.planProgress).toMatchObject({ total: 2, byStatus: [{ status: "overdue", count: 2 }] });
  });

  it("counts only what the district made: national and provincial texts reprinted in the library are left out", async () => {
    // Unit B in 2024 (no other document of unit B is made or valid in 2024 at this point). The law
    // library files national and provincial texts under a district unit; the last one is the
    // district's own and the only one to count.
    const inLibrary = {
      unitId: unitB,
      status: "published",
      writtenAt: "2024-03-01",
      publishedAt: "2024-03-05",
    };
    await document({
      ...inLibrary,
      kind: "policy",
      level: "部门规章",
      issuer: "国家市场监督管理总局",
      title: "市场监督管理行政处罚程序规定",
    });
    await document({
      ...inLibrary,
      kind: "normative",
      level: "法律",
      issuer: "全国人民代表大会常务委员会",
      title: "中华人民共和国行政许可法",
    });
    await document({
      ...inLibrary,
      kind: "normative",
      level: "地方性法规",
      issuer: "山东省人民代表大会常务委员会",
      title: "山东省优化营商环境条例",
    });
    // A city government's 规章 has the same level as a rule the government itself made; it came in
    // through the legal-text import (it has a source key), so it is a reprint too.
    const cityRule = await document({
      ...inLibrary,
      kind: "normative",
      level: "地方政府规章",
      issuer: "济南市人民政府",
      title: "济南市城市市容和环境卫生管理规定",
    });
    await t.db.execute(
      sql`update documents set source_key = '地方政府规章/济南市城市市容和环境卫生管理规定.md' where id = ${cityRule}`,
    );
    await document({ ...inLibrary, kind: "normative", title: "区财政局关于规范政府采购管理的通知" });
    const r = await report(2024, unitB, headB);
    expect(r.status, r.text).toBe(200);
    expect(r.data.proactive.regulations).toEqual({ made: 0, repealed: 0, valid: 0 });
    expect(r.data.proactive.normative).toEqual({ made: 1, repealed: 0, valid: 1 });
  });

  it("counts an amended document as 现行有效, not as 本年废止 (修改 is not 废止)", async () => {
    // Unit B in 2021–2022: after the district's 2025 totals above, which these would change.
    const normativeB = { kind: "normative", unitId: unitB, status: "published" };
    const e1 = await document({
      ...normativeB,
      title: "文件E1",
      writtenAt: "2021-06-01",
      publishedAt: "2021-06-02",
    });
    await document({
      ...normativeB,
      title: "关于修改文件E1的决定",
      writtenAt: "2022-04-01",
      publishedAt: "2022-04-02",
      effectiveAt: "2022-05-01",
      relations: [{ kind: "amends", documentId: e1 }],
    });
    const r = await report(2022, unitB, headB);
    expect(r.data.proactive.normative).toEqual({ made: 1, repealed: 0, valid: 2 });
  });

  it("exports the report as a Word file with the official labels, merged headers and the numbers", async () => {
    const res = await t.app.request(`/api/v1/reports/annual/2025.docx?unitId=${unitA}`, {
      headers: { authorization: `Bearer ${headA}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("wordprocessingml");
    const zip = await JSZip.loadAsync(await res.arrayBuffer());
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    const texts = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]);
    for (const label of [
      "济南市市中区卫生健康局2025年政府信息公开工作年度报告",
      "一、总体情况",
      "二、主动公开政府信息情况",
      "第二十条第（一）项",
      "本年收费金额（单位：万元）",
      "三、收到和处理政府信息公开申请情况",
      "申请人情况",
      "法人或其他组织",
      "一、本年新收政府信息公开申请数量",
      "二、上年结转政府信息公开申请数量",
      "三、本年度办理结果",
      "1.属于国家秘密",
      "四、结转下年度继续办理",
      "四、政府信息公开行政复议、行政诉讼情况",
      "未经复议直接起诉",
      "复议后起诉",
      "尚未审结",
      "五、存在的主要问题及改进情况",
      "六、其他需要报告的事项",
    ])
      expect(texts, label).toContain(label);
    expect(xml).toContain('<w:gridSpan w:val="7"/>');
    expect(xml).toMatch(/<w:vMerge w:val="restart"\/>/);
    const after = (label: string, n: number) =>
      texts.slice(texts.indexOf(label) + 1, texts.indexOf(label) + 1 + n);
    expect(after("（七）总计", 7)).toEqual(["6", "2", "2", "1", "2", "2", "15"]);
    expect(after("一、本年新收政府信息公开申请数量", 7)).toEqual(["6", "3", "1", "1", "1", "2", "14"]);
    expect(after("四、结转下年度继续办理", 7)).toEqual(["1", "1", "0", "0", "0", "1", "3"]);
    expect(after("行政事业性收费", 1)).toEqual(["1.25"]);
    expect(texts.join("")).toContain("共分解任务 1 项：已逾期 1 项");
  });

  it("shows the official tables on the page with accessible headers", async () => {
    const v = await new Visitor(t).login("a.head");
    const page = await v.get(`/admin/reports/2025?unitId=${unitA}`);
    expect(page.status).toBe(200);
    // The format has no 表一/二/三: each table is labelled by its section's heading.
    expect(page.text).not.toContain("<caption>表");
    expect(page.text).toContain('<h2 id="s-requests">三、收到和处理政府信息公开申请情况</h2>');
    expect(page.text).toContain('<table class="table report-table" aria-labelledby="s-requests">');
    expect(page.text).toContain('<th id="c-org" colspan="5" scope="colgroup">法人或其他组织</th>');
    expect(page.text).toMatch(/<td headers="c-group c-total r-results r-total">15<\/td>/);
    expect(page.text).toMatch(/<td headers="c-group c-org c-commercial_enterprise r-new">3<\/td>/);
    expect(page.text).toContain(receipts.C4);
    const list = await v.get("/admin/reports?year=2025");
    expect(list.text).toContain("区卫生健康局");
    expect(list.text).not.toContain("区财政局");
    expect(list.text).toContain("草稿");
  });

  it("publishes once the overdue request is answered: a notice in the catalogue, and the report is final", async () => {
    await act("C4", { type: "reply", date: "2026-02-02", outcome: "disclosed" });
    const r = await report(2025, unitA);
    expect(r.data.checks).toMatchObject({ isPassing: true, overdueOpen: [] });
    // Concluded after the year's end: still 结转下年度 for 2025.
    expect(r.data.requests.carriedForward).toEqual(ROW(1, 1, 0, 0, 0, 1));
    const published = await api(t, "POST", `/api/v1/reports/annual/2025/publish?unitId=${unitA}`, {
      token: headA,
    });
    expect(published.status, published.text).toBe(200);
    const doc = await api(t, "GET", `/api/v1/documents/${published.data.documentId}`, { token: office });
    expect(doc.data).toMatchObject({
      title: "济南市市中区卫生健康局2025年政府信息公开工作年度报告",
      kind: "notice",
      status: "published",
      unitId: unitA,
    });
    expect(doc.data.body).toContain("| 三、本年度办理结果 （七）总计 | 6 | 2 | 2 | 1 | 2 | 2 | 15 |");
    expect(doc.data.body).toContain("2025年，本局坚持以公开为常态。");
    // The catalogue page shows the official tables with their merged headers, and the Word file.
    const pageHtml = (await api(t, "GET", `/documents/${published.data.documentId}`)).text;
    expect(pageHtml).toContain('<table class="table report-table" aria-labelledby="report-requests">');
    expect(pageHtml).toContain('<th id="c-org" colspan="5" scope="colgroup">法人或其他组织</th>');
    expect(pageHtml).toMatch(/<td headers="c-group c-total r-results r-total">15<\/td>/);
    expect(pageHtml).not.toContain("| 三、本年度办理结果");
    expect(doc.data.attachments).toEqual([
      expect.objectContaining({
        name: "济南市市中区卫生健康局2025年政府信息公开工作年度报告.docx",
        mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      }),
    ]);
    const docx = await t.app.request(doc.data.attachments[0].url);
    expect(docx.status).toBe(200);
    const xml = await (await JSZip.loadAsync(await docx.arrayBuffer()))
      .file("word/document.xml")
      ?.async("string");
    expect(xml).toContain("法人或其他组织");
    const list = await api(t, "GET", "/api/v1/documents?kind=notice");
    expect(list.data.items.map((i: { id: number }) => i.id)).toContain(published.data.documentId);
    expect((await report(2025, unitA)).data.narrative).toMatchObject({
      status: "published",
      documentId: published.data.documentId,
    });
    const again = await api(t, "POST", `/api/v1/reports/annual/2025/publish?unitId=${unitA}`, {
      token: headA,
    });
    expect(again.status).toBe(409);
    const edit = await api(t, "PUT", `/api/v1/reports/annual/2025/narrative?unitId=${unitA}`, {
      token: headA,
      json: { issuerName: "某局", overview: "", problems: "", otherMatters: "" },
    });
    expect(edit.status).toBe(409);
  });
});
