import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { OUTCOME_CODES, OUTCOMES, type TOutcome } from "../outcomes";
import { renderReplyDocx } from "./render-docx";
import { buildReplyLetter, RECONSIDERATION_FIRST, REPLY_LETTER_TITLE } from "./render-text";
import { ReplyLetterPrintPage } from "./reply-letter.page";
import {
  DEFAULT_REPLY_TEMPLATES,
  fillTemplate,
  formatChineseDate,
  type TReplyLetterModel,
} from "./templates";

const BODY = "某区人民政府";
const COURT = "某市某区人民法院";

function model(outcome: TOutcome, extra: Partial<TReplyLetterModel> = {}): TReplyLetterModel {
  return {
    agencyName: "某区住房和城乡建设局",
    receiptNo: "YSQ2025000012",
    applicantName: "张三",
    receivedAt: "2025-09-01",
    description: "2024年度某小区旧改项目的立项批复文件",
    outcome,
    reason: OUTCOMES[outcome].isRefusal ? "该信息涉及的事项依法属于不予公开的范围" : undefined,
    legalBasis: OUTCOMES[outcome].isRefusal ? "《中华人民共和国政府信息公开条例》有关规定" : undefined,
    provisionNote: "以电子邮件方式发送至您申请时提供的邮箱",
    replyDate: "2025-09-26",
    reconsiderationBody: BODY,
    courtName: COURT,
    contactPhone: "0531-12345678",
    ...extra,
  };
}

const text = (m: TReplyLetterModel) => buildReplyLetter(m).paragraphs.join("\n");

describe("reply letter: decision and article per outcome", () => {
  it.each<[TOutcome, string, string]>([
    ["disclosed", "决定予以公开", "第三十六条第（二）项"],
    ["partially_disclosed", "决定部分公开", "第三十七条"],
    ["withheld.state_secret", "国家秘密", "第十四条"],
    ["withheld.third_party", "第三方合法权益", "第十五条"],
    ["withheld.process_info", "过程性信息", "第十六条第二款"],
    ["withheld.administrative_inquiry", "特别规定", "第三十六条第（七）项"],
    ["unavailable.not_held", "不属于本机关负责公开", "第三十六条第（五）项"],
    ["unavailable.needs_creation", "加工、分析", "第三十八条"],
    ["unavailable.unclear_after_correction", "仍不明确", "第三十条"],
    ["not_processed.petition_complaint", "信访、投诉、举报", "第三十九条第一款"],
    ["not_processed.duplicate", "不予重复处理", "第三十六条第（六）项"],
    ["not_processed.publication", "公开出版物", "第三十九条第二款"],
    ["not_processed.excessive", "明显超过合理范围", "第三十五条"],
    ["other.no_correction", "视为您放弃申请", "第三十条"],
    ["other.no_fee", "视为您放弃申请", "《政府信息公开信息处理费管理办法》"],
  ])("%s says %s and cites %s", (outcome, decision, article) => {
    const t = text(model(outcome));
    expect(t).toContain(decision);
    expect(t).toContain(article);
    expect(t).toContain("《中华人民共和国政府信息公开条例》");
  });

  it("opens with the received date in Chinese and the description", () => {
    const letter = buildReplyLetter(model("disclosed"));
    expect(letter.paragraphs[0]).toContain("本机关于2025年9月1日收到您提出的政府信息公开申请");
    expect(letter.paragraphs[0]).toContain("“2024年度某小区旧改项目的立项批复文件”");
  });

  it("has the title, number, salutation, signature and date", () => {
    const letter = buildReplyLetter(model("disclosed"));
    expect(letter).toMatchObject({
      title: "政府信息公开申请答复告知书",
      docNo: "〔2025〕第YSQ2025000012号",
      salutation: "张三：",
      signature: "某区住房和城乡建设局",
      date: "2025年9月26日",
    });
  });

  it("says for a disclosure how the information is provided, and needs that said", () => {
    expect(text(model("disclosed"))).toContain("以电子邮件方式发送至您申请时提供的邮箱。");
    expect(() => buildReplyLetter(model("disclosed", { provisionNote: " " }))).toThrow(/提供方式/);
  });

  it("states a withdrawal's reason under other.other", () => {
    const t = text(model("other.other", { reason: "您已于2025年9月10日书面撤回申请。" }));
    expect(t).toContain("您已于2025年9月10日书面撤回申请。本机关对该政府信息公开申请不再继续办理。");
  });
});

describe("reply letter: refusals", () => {
  const refusals = OUTCOME_CODES.filter((o) => OUTCOMES[o].isRefusal);

  it.each(refusals)("%s states the reason and the legal basis", (outcome) => {
    const t = text(
      model(outcome, {
        reason: "该文件已依法定密为秘密级",
        legalBasis: "《中华人民共和国保守国家秘密法》第二条。",
      }),
    );
    expect(t).toContain("该文件已依法定密为秘密级");
    // The staff's own full stop is not doubled.
    expect(t).toContain("法律依据：《中华人民共和国保守国家秘密法》第二条。");
    expect(t).not.toContain("。。");
  });

  it.each(refusals)("%s throws without a reason or without a legal basis", (outcome) => {
    expect(() => buildReplyLetter(model(outcome, { reason: undefined }))).toThrow(/理由/);
    expect(() => buildReplyLetter(model(outcome, { legalBasis: "  " }))).toThrow(/法律依据/);
  });

  it("names the responsible agency for not_held, and says when it is unknown", () => {
    const named = text(
      model("unavailable.not_held", { otherAgency: "某区自然资源局（联系电话：0531-87654321）" }),
    );
    expect(named).toContain("负责公开该政府信息的行政机关为某区自然资源局（联系电话：0531-87654321）");
    const unknown = text(model("unavailable.not_held", { otherAgency: "" }));
    expect(unknown).toContain("无法确定负责公开该政府信息的行政机关");
  });
});

describe("reply letter: the case of Art. 36 the clerk chose", () => {
  const notHeld = (variant: TReplyLetterModel["variant"], extra: Partial<TReplyLetterModel> = {}) =>
    model("unavailable.not_held", {
      variant,
      reason: "经在本机关公文系统和档案中检索，未找到该文件",
      legalBasis: "《中华人民共和国政府信息公开条例》第三十六条",
      ...extra,
    });

  it("says, when the search found nothing, that the information does not exist, citing 36(四)", () => {
    const t = text(notHeld("not_found"));
    expect(t).toContain(
      "经检索，本机关没有您所申请公开的政府信息。根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第三十六条第（四）项的规定，现告知您该政府信息不存在。",
    );
    expect(t).toContain("具体理由：经在本机关公文系统和档案中检索，未找到该文件。");
    expect(t).not.toContain("第三十六条第（五）项");
    expect(t).not.toContain("不属于本机关负责公开");
    expect(t).not.toContain("负责公开该政府信息的行政机关");
  });

  it("says, when another agency is responsible, why and who, citing 36(五)", () => {
    const t = text(notHeld("not_ours", { otherAgency: "某区自然资源局（联系电话：0531-87654321）" }));
    expect(t).toContain(
      "您申请获取的政府信息不属于本机关负责公开的政府信息。根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第三十六条第（五）项的规定",
    );
    expect(t).toContain("负责公开该政府信息的行政机关为某区自然资源局（联系电话：0531-87654321）");
    expect(t).not.toContain("第三十六条第（四）项");
    expect(t).not.toContain("不存在");
  });

  it("tells where information already disclosed can be had, citing 36(一) and not 36(二)", () => {
    const m = model("disclosed", {
      variant: "already_public",
      whereToObtain: "登录某区人民政府门户网站 https://www.example.gov.cn/zfxxgk/ 查阅",
    });
    const t = text(m);
    expect(t).toContain(
      "您申请获取的政府信息本机关已经主动公开。根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第三十六条第（一）项的规定，现告知您获取该政府信息的方式、途径：登录某区人民政府门户网站 https://www.example.gov.cn/zfxxgk/ 查阅。",
    );
    expect(t).not.toContain("第三十六条第（二）项");
    expect(t).not.toContain("决定予以公开");
    expect(() => buildReplyLetter({ ...m, whereToObtain: " " })).toThrow(/获取方式、途径/);
  });

  it("prints and writes the DOCX of the chosen case", async () => {
    const letter = buildReplyLetter(notHeld("not_found"));
    const html = String(await ReplyLetterPrintPage({ letter }));
    expect(html).toContain("第三十六条第（四）项");
    expect(html).not.toContain("第三十六条第（五）项");
    const zip = await JSZip.loadAsync(await renderReplyDocx(notHeld("not_found")));
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    expect(xml).toContain("现告知您该政府信息不存在");
    expect(xml).not.toContain("第三十六条第（五）项");
    const already = await JSZip.loadAsync(
      await renderReplyDocx(
        model("disclosed", { variant: "already_public", whereToObtain: "区档案馆查阅室" }),
      ),
    );
    const xml2 = (await already.file("word/document.xml")?.async("string")) ?? "";
    expect(xml2).toContain("第三十六条第（一）项");
    expect(xml2).toContain("区档案馆查阅室");
  });

  it("keeps a not_held reply recorded without a case as it was sent (36(五))", () => {
    expect(text(model("unavailable.not_held"))).toContain("第三十六条第（五）项");
  });
});

describe("reply letter: remedies", () => {
  it.each(OUTCOME_CODES)("%s ends with the remedies paragraph", (outcome) => {
    const m = model(outcome, { reason: "申请人撤回申请" });
    const letter = buildReplyLetter(m);
    const last = letter.paragraphs.at(-1) ?? "";
    expect(last).toContain(`60日内向${BODY}申请行政复议`);
    expect(last).toContain(COURT);
    if (RECONSIDERATION_FIRST.has(outcome)) {
      // 复议前置 (行政复议法 Art. 23(1)(四)): no direct suit, 15 days after the reconsideration decision.
      expect(last).toContain("应当先申请行政复议");
      expect(last).toContain(`15日内向${COURT}提起行政诉讼`);
      expect(last).not.toContain("6个月");
    } else {
      expect(last).toContain(`6个月内向${COURT}提起行政诉讼`);
    }
  });

  it("takes the reconsideration-first route for every withholding and for partial disclosure", () => {
    const withheld = OUTCOME_CODES.filter((o) => o.startsWith("withheld."));
    expect([...RECONSIDERATION_FIRST].sort()).toEqual([...withheld, "partially_disclosed"].sort());
  });

  it("keeps the remedies even when an edited template leaves them out", () => {
    const templates = { ...DEFAULT_REPLY_TEMPLATES, disclosed: "经审查，予以公开：{provisionNote}。" };
    const letter = buildReplyLetter(model("disclosed"), templates);
    expect(letter.paragraphs).toHaveLength(3);
    expect(letter.paragraphs[1]).toBe(
      "如有疑问，请与本机关政府信息公开工作机构联系，联系电话：0531-12345678。",
    );
    expect(letter.paragraphs[2]).toContain("6个月");
  });

  it("refuses a letter without a reconsideration body or court", () => {
    expect(() => buildReplyLetter(model("disclosed", { reconsiderationBody: "" }))).toThrow(/行政复议机关/);
    expect(() => buildReplyLetter(model("disclosed", { courtName: " " }))).toThrow(/人民法院/);
  });
});

describe("fillTemplate", () => {
  it("leaves an unknown placeholder visible", () => {
    expect(fillTemplate("{applicantName}：{nosuchField}", model("disclosed"))).toBe("张三：{nosuchField}");
  });

  it("throws on a known placeholder without a value", () => {
    expect(() => fillTemplate("{otherAgency}", model("disclosed"))).toThrow(/负责公开的行政机关/);
  });

  it("does not expand placeholders inside the values it inserts", () => {
    expect(fillTemplate("{description}", model("disclosed", { description: "{reason}" }))).toBe("{reason}");
  });

  it("formats dates and rejects impossible ones", () => {
    expect(formatChineseDate("2025-10-01")).toBe("2025年10月1日");
    expect(() => formatChineseDate("2025-02-30")).toThrow(/日期/);
    expect(() => buildReplyLetter(model("disclosed", { replyDate: "2025/9/26" }))).toThrow(/日期/);
  });

  it("has a template for every outcome code and for each second case of Art. 36", () => {
    expect(Object.keys(DEFAULT_REPLY_TEMPLATES).sort()).toEqual(
      [...OUTCOME_CODES, "disclosed.already_public", "unavailable.not_held.not_found"].sort(),
    );
  });
});

describe("reply letter: DOCX", () => {
  it("is a valid Word file with the title, applicant, fonts and remedies", async () => {
    const buf = await renderReplyDocx(model("withheld.state_secret"));
    expect(buf.subarray(0, 2).toString("latin1")).toBe("PK");
    const zip = await JSZip.loadAsync(buf);
    const xml = await zip.file("word/document.xml")?.async("string");
    expect(xml).toBeDefined();
    expect(xml).toContain(REPLY_LETTER_TITLE);
    expect(xml).toContain("张三：");
    expect(xml).toContain(`60日内向${BODY}申请行政复议`);
    expect(xml).toContain(COURT);
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    // A4 in twips, and the body's two-character first-line indent.
    expect(xml).toMatch(/<w:pgSz[^>]*w:w="11906"[^>]*w:h="16838"/);
    expect(xml).toContain('w:firstLineChars="200"');
  });
});

describe("reply letter: print page", () => {
  it("is a standalone page with the letter and no inline style or script", async () => {
    const letter = buildReplyLetter(model("unavailable.not_held", { otherAgency: "某区自然资源局" }));
    const html = String(await ReplyLetterPrintPage({ letter }));
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<link rel="stylesheet" href="/static/print.css"/>');
    expect(html).toContain(`<h1 class="letter-title">${REPLY_LETTER_TITLE}</h1>`);
    expect(html).toContain("某区自然资源局");
    expect(html).toContain("6个月");
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/<script/i);
  });

  it("escapes what the applicant typed", async () => {
    const letter = buildReplyLetter(model("disclosed", { description: '<img src=x onerror="alert(1)">' }));
    const html = String(await ReplyLetterPrintPage({ letter }));
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img");
  });
});
