import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { IMPORT_PROBLEMS, parseLegalText, supersededKeys } from "./parse-legal-text";

// Real corpus files with their bodies cut short; fixtures/README.md says where they come from.
const LAWS = new URL("./fixtures/laws/", import.meta.url);

function fixture(relPath: string): string {
  return readFileSync(new URL(relPath, LAWS), "utf8");
}

function parseFixture(relPath: string) {
  return parseLegalText(relPath, fixture(relPath));
}

const SHANDONG = "DLC/山东地方法规/地方性法规/山东";

describe("parseLegalText: identity, title and layout", () => {
  it("keys a file by its base name, reads the title line and the version date of the file name", () => {
    const parsed = parseFixture("行政法规/政府信息公开条例(2019-04-03).md");
    expect(parsed.sourceKey).toBe("政府信息公开条例(2019-04-03)");
    expect(parsed.title).toBe("中华人民共和国政府信息公开条例");
    expect(parsed.versionDate).toBe("2019-04-03");
    expect(parsed.history).toEqual([
      "2007年4月5日 中华人民共和国国务院令第492号公布",
      "2019年4月3日 中华人民共和国国务院令第711号修订",
      "2019年5月15日 施行",
    ]);
    expect(parsed.body.startsWith("## 第一章 总则")).toBe(true);
    expect(parsed.body).not.toContain("INFO END");
    expect(parsed.fatal).toBeNull();
  });

  it("keeps the same key when the file moves to another folder", () => {
    const text = fixture("行政法规/政府信息公开条例(2019-04-03).md");
    const moved = parseLegalText("别处/政府信息公开条例(2019-04-03).md", text);
    expect(moved.sourceKey).toBe(parseLegalText("行政法规/政府信息公开条例(2019-04-03).md", text).sourceKey);
  });

  it("reports a file name without a version date", () => {
    const parsed = parseFixture("DLC/上海地方法规/地方性法规/上海/上海市专利保护条例.md");
    expect(parsed.sourceKey).toBe("上海市专利保护条例");
    expect(parsed.versionDate).toBeNull();
    expect(parsed.problems).toContain(IMPORT_PROBLEMS.noVersionDate);
  });

  it("joins the two title lines of a part of the civil code", () => {
    const parsed = parseFixture("民法典/总则.md");
    expect(parsed.title).toBe("中华人民共和国民法典 总则");
    expect(parsed.issuer).toBe("全国人民代表大会");
    expect(parsed.writtenAt).toBe("2020-05-28");
    expect(parsed.effectiveAt).toBe("2021-01-01");
    expect(parsed.problems.some((p) => p.startsWith("沿革中有"))).toBe(false);
  });

  it("without the marker, takes only the leading dated lines as history and keeps the whole body", () => {
    const text = fixture(`${SHANDONG}/济南市12345市民服务热线条例(2018-07-27).md`).replace(
      "<!-- INFO END -->",
      "",
    );
    const parsed = parseLegalText(`${SHANDONG}/济南市12345市民服务热线条例(2018-07-27).md`, text);
    expect(parsed.problems).toContain(IMPORT_PROBLEMS.noMarker);
    expect(parsed.history).toHaveLength(2);
    expect(parsed.body.startsWith("第一条 为了加强12345市民服务热线建设和管理")).toBe(true);
    expect(parsed.issuer).toBe("济南市人民代表大会常务委员会");
    expect(parsed.writtenAt).toBe("2018-06-28");
  });

  it("without a title line, falls back to the file name and says so", () => {
    const text = fixture("行政法规/优化营商环境条例(2019-10-22).md").replace("# 优化营商环境条例\n", "");
    const parsed = parseLegalText("行政法规/优化营商环境条例(2019-10-22).md", text);
    expect(parsed.title).toBe("优化营商环境条例");
    expect(parsed.problems).toContain(IMPORT_PROBLEMS.noTitle);
    expect(parsed.fatal).toBeNull();
  });

  it("marks a file with an empty body as fatal", () => {
    const parsed = parseFixture(
      "DLC/广东地方法规/地方性法规/广东/汕头经济特区突发公共卫生事件应急条例(2022-05-30).md",
    );
    expect(parsed.body).toBe("");
    expect(parsed.fatal).toBe(IMPORT_PROBLEMS.emptyBody);
  });

  it("marks an empty file as fatal and still names it after the file", () => {
    const parsed = parseLegalText("行政法规/空文件(2020-01-01).md", "");
    expect(parsed.title).toBe("空文件");
    expect(parsed.fatal).toBe(IMPORT_PROBLEMS.emptyBody);
    expect(parsed.problems).toContain(IMPORT_PROBLEMS.noTitle);
  });

  it("accepts Windows line ends and a byte-order mark", () => {
    const text = `\uFEFF${fixture("行政法规/优化营商环境条例(2019-10-22).md").replace(/\n/g, "\r\n")}`;
    const parsed = parseLegalText("行政法规/优化营商环境条例(2019-10-22).md", text);
    expect(parsed.title).toBe("优化营商环境条例");
    expect(parsed.docNumber).toBe("国务院令第722号");
    expect(parsed.body).not.toContain("\r");
  });
});

describe("parseLegalText: 行政法规 and 部门规章", () => {
  it("takes the 文号 of the latest revision, and the organ from the 国务院令", () => {
    const parsed = parseFixture("行政法规/政府信息公开条例(2019-04-03).md");
    expect(parsed.level).toBe("行政法规");
    expect(parsed.kind).toBe("policy");
    expect(parsed.issuer).toBe("国务院");
    expect(parsed.docNumber).toBe("国务院令第711号");
    expect(parsed.writtenAt).toBe("2019-04-03");
    expect(parsed.publishedAt).toBe("2019-04-03");
    expect(parsed.effectiveAt).toBe("2019-05-15");
    expect(parsed.validity).toBe("valid");
    expect(parsed.problems).toEqual([]);
  });

  it("dates adoption by the 常务会议 and publication by the 国务院令", () => {
    const parsed = parseFixture("行政法规/优化营商环境条例(2019-10-22).md");
    expect(parsed.issuer).toBe("国务院");
    expect(parsed.writtenAt).toBe("2019-10-08");
    expect(parsed.publishedAt).toBe("2019-10-22");
    expect(parsed.effectiveAt).toBe("2020-01-01");
  });

  it("names both organs of a joint 国务院、中央军事委员会令", () => {
    const parsed = parseFixture("行政法规/国防专利条例(2004-09-17).md");
    expect(parsed.issuer).toBe("国务院、中央军事委员会");
    expect(parsed.docNumber).toBe("国务院、中央军事委员会令第418号");
  });

  it("takes the ministry that published a regulation the State Council only approved", () => {
    const parsed = parseFixture(
      "行政法规/关于不满300总吨船舶及沿海运输、沿海作业船舶海事赔偿限额的规定(1993-11-15).md",
    );
    expect(parsed.issuer).toBe("交通部");
    expect(parsed.docNumber).toBe("交通部令第5号");
    expect(parsed.effectiveAt).toBe("1994-01-01");
  });

  it("lists the organs written one per line, and reads 发布之日施行", () => {
    const parsed = parseFixture("行政法规/科学技术档案工作条例(1980-12-27).md");
    expect(parsed.issuer).toBe("国家经济委员会、国家基本建设委员会、国家科学技术委员会、国家档案局");
    expect(parsed.publishedAt).toBe("1980-12-27");
    expect(parsed.effectiveAt).toBe("1980-12-27");
  });

  it("does not date a text by history that stops before the version in its file name", () => {
    const parsed = parseFixture("行政法规/旅行社条例(2020-11-29).md");
    expect(parsed.writtenAt).toBeNull();
    expect(parsed.docNumber).toBeNull();
    expect(parsed.publishedAt).toBe("2020-11-29");
    expect(parsed.problems).toContain(IMPORT_PROBLEMS.historyBehind);
  });

  it("without any history, presumes the organ from the folder and the publication from the file name", () => {
    const parsed = parseFixture("行政法规/档案法实施条例(2024-01-12).md");
    expect(parsed.issuer).toBe("国务院");
    expect(parsed.problems).toContain(IMPORT_PROBLEMS.presumedIssuer);
    expect(parsed.writtenAt).toBeNull();
    expect(parsed.problems).toContain(IMPORT_PROBLEMS.noWrittenAt);
    expect(parsed.publishedAt).toBe("2024-01-12");
    expect(parsed.problems).toContain(IMPORT_PROBLEMS.publishedFromFileName);
    // The closing article: 本条例自2024年3月1日起施行.
    expect(parsed.effectiveAt).toBe("2024-03-01");
  });

  it("dates a rule amended by a decision, without taking the original order's number", () => {
    const parsed = parseFixture("部门规章/市场监督管理总局/市场监督管理投诉举报处理暂行办法(2022-03-24).md");
    expect(parsed.level).toBe("部门规章");
    expect(parsed.issuer).toBe("国家市场监督管理总局");
    expect(parsed.writtenAt).toBe("2022-03-24");
    expect(parsed.docNumber).toBeNull();
  });
});

describe("parseLegalText: laws and 司法解释", () => {
  it("reads a law amended by decisions of the standing committee", () => {
    const parsed = parseFixture("行政法/行政许可法(2019-04-23).md");
    expect(parsed.level).toBe("法律");
    expect(parsed.issuer).toBe("全国人民代表大会常务委员会");
    expect(parsed.writtenAt).toBe("2019-04-23");
    // The closing article keeps the 2004 date of the first version, which is not this version's.
    expect(parsed.effectiveAt).toBeNull();
    expect(parsed.problems).toContain(IMPORT_PROBLEMS.noEffectiveAt);
  });

  it("reads 主席团公告…公布施行 as publication and entry into force on the same day", () => {
    const parsed = parseFixture("宪法/宪法修正案（1988年）.md");
    expect(parsed.level).toBe("宪法");
    expect(parsed.issuer).toBe("全国人民代表大会");
    expect(parsed.writtenAt).toBe("1988-04-12");
    expect(parsed.effectiveAt).toBe("1988-04-12");
  });

  it("names both courts of a joint interpretation adopted on two dates", () => {
    const parsed = parseFixture(
      "司法解释/最高人民法院、最高人民检察院关于办理危害计算机信息系统安全刑事案件应用法律若干问题的解释(2011-08-01).md",
    );
    expect(parsed.level).toBe("司法解释");
    expect(parsed.issuer).toBe("最高人民法院、最高人民检察院");
    expect(parsed.writtenAt).toBe("2011-07-11");
    expect(parsed.publishedAt).toBe("2011-08-01");
    expect(parsed.effectiveAt).toBe("2011-09-01");
  });

  it("finds the 法释 number at the head of the body", () => {
    const parsed = parseFixture("司法解释/最高人民法院关于适用《公司法》时间效力的若干规定(2024-06-29).md");
    expect(parsed.issuer).toBe("最高人民法院");
    expect(parsed.docNumber).toBe("法释〔2024〕7号");
    expect(parsed.writtenAt).toBe("2024-06-27");
    expect(parsed.publishedAt).toBe("2024-06-29");
  });

  it("finds the 法释 number among the history lines without taking it for a step", () => {
    const parsed = parseFixture(
      "司法解释/最高人民法院关于知识产权侵权诉讼中被告以原告滥用权利为由请求赔偿合理开支问题的批复.md",
    );
    expect(parsed.docNumber).toBe("法释〔2021〕11号");
    expect(parsed.writtenAt).toBe("2021-05-31");
    expect(parsed.effectiveAt).toBe("2021-06-03");
    expect(parsed.problems.some((p) => p.startsWith("沿革中有"))).toBe(false);
  });
});

describe("parseLegalText: local regulations", () => {
  it("takes the city's standing committee as issuer, not the province that approved", () => {
    const parsed = parseFixture(`${SHANDONG}/济南市12345市民服务热线条例(2018-07-27).md`);
    expect(parsed.level).toBe("地方性法规");
    expect(parsed.issuer).toBe("济南市人民代表大会常务委员会");
    expect(parsed.writtenAt).toBe("2018-06-28");
    // Published after the province approved it on 2018-07-27.
    expect(parsed.publishedAt).toBe("2018-07-27");
    expect(parsed.effectiveAt).toBe("2018-09-01");
    expect(parsed.problems).toEqual([IMPORT_PROBLEMS.noDocNumber]);
  });

  it("dates an amendment by the city's adoption of the amending decision the province approved", () => {
    const parsed = parseFixture(`${SHANDONG}/济南市城市供水条例(2018-07-27).md`);
    expect(parsed.issuer).toBe("济南市人民代表大会常务委员会");
    expect(parsed.writtenAt).toBe("2018-06-28");
    expect(parsed.publishedAt).toBe("2018-07-27");
    // 自2012年5月1日起施行 belongs to the first version.
    expect(parsed.effectiveAt).toBeNull();
  });

  it("reads a date broken across two lines", () => {
    const parsed = parseFixture(`${SHANDONG}/济南市农村公路条例(2014-09-26).md`);
    expect(parsed.history).toContain("日山东省第十二届人民代表大会常务委员会第十次会议批准");
    expect(parsed.writtenAt).toBe("2014-07-23");
    expect(parsed.publishedAt).toBe("2014-09-26");
    expect(parsed.problems.some((p) => p.startsWith("沿革中有"))).toBe(false);
  });

  it("completes 市十四届人大常委会 with the city of the announcement, and takes its number", () => {
    const parsed = parseFixture("DLC/浙江地方法规/地方性法规/浙江/宁波杭州湾新区条例(2015-04-13).md");
    expect(parsed.issuer).toBe("宁波市人民代表大会常务委员会");
    expect(parsed.docNumber).toBe("宁波市人民代表大会常务委员会公告第12号");
    expect(parsed.writtenAt).toBe("2014-12-26");
    expect(parsed.publishedAt).toBe("2015-04-13");
    expect(parsed.effectiveAt).toBe("2015-05-01");
  });

  it("reads an autonomous county's congress, several steps on one line and 县…修改", () => {
    const parsed = parseFixture(
      "DLC/重庆地方法规/地方性法规/重庆/彭水苗族土家族自治县城乡建设管理条例(2013-05-31).md",
    );
    expect(parsed.issuer).toBe("彭水苗族土家族自治县人民代表大会");
    expect(parsed.writtenAt).toBe("2012-11-30");
    expect(parsed.problems.some((p) => p.startsWith("沿革中有"))).toBe(false);
  });

  it("files a government's own rules as 地方政府规章 even among the congress's regulations", () => {
    const parsed = parseFixture("DLC/北京地方法规/地方性法规/北京/北京市环境噪声污染防治办法.md");
    expect(parsed.issuer).toBe("北京市人民政府");
    expect(parsed.level).toBe("地方政府规章");
    expect(parsed.writtenAt).toBe("2006-11-17");
    expect(parsed.effectiveAt).toBe("2007-01-01");
  });

  it("does not guess the organ of a local regulation without history", () => {
    const parsed = parseFixture("DLC/上海地方法规/地方性法规/上海/上海市专利保护条例.md");
    expect(parsed.issuer).toBeNull();
    expect(parsed.problems).toContain(IMPORT_PROBLEMS.noIssuer);
    expect(parsed.publishedAt).toBeNull();
    expect(parsed.problems).toContain(IMPORT_PROBLEMS.noPublishedAt);
  });
});

describe("parseLegalText: other shapes", () => {
  const head = (history: string) => `# 某市测试条例\n\n${history}\n\n<!-- INFO END -->\n\n第一条 测试。\n`;

  it("reads dates written in Chinese numerals and full-width digits", () => {
    const parsed = parseLegalText(
      "地方性法规/某市测试条例(2019-04-03).md",
      head(
        "二〇一九年三月十五日 某市第十六届人民代表大会常务委员会第十次会议通过\n\n２０１９年５月１日 施行",
      ),
    );
    expect(parsed.writtenAt).toBe("2019-03-15");
    expect(parsed.effectiveAt).toBe("2019-05-01");
    expect(parsed.issuer).toBe("某市人民代表大会常务委员会");
  });

  it("marks a repealed or lapsed text", () => {
    const repealed = parseLegalText(
      "地方性法规/某市测试条例(2019-04-03).md",
      head(
        "2010年1月1日 某市第十三届人民代表大会常务委员会第一次会议通过\n\n2019年4月3日 某市第十五届人民代表大会常务委员会第二次会议决定废止",
      ),
    );
    expect(repealed.validity).toBe("repealed");
    const lapsed = parseLegalText(
      "行政法规/某办法（已失效）.md",
      "# 某办法（已失效）\n\n<!-- INFO END -->\n\n第一条 测试。",
    );
    expect(lapsed.validity).toBe("invalid");
  });

  it("does not take a decision that repeals other texts for a repealed text", () => {
    const parsed = parseLegalText(
      "行政法规/国务院关于废止部分行政法规的决定(2016-02-06).md",
      "# 国务院关于废止部分行政法规的决定\n\n<!-- INFO END -->\n\n决定废止下列行政法规。",
    );
    expect(parsed.validity).toBe("valid");
    expect(parsed.issuer).toBe("国务院");
  });

  it("derives the level from the issuer when the folder does not name one, and says so", () => {
    const parsed = parseLegalText(
      "导入/测试条例(2019-04-03).md",
      head("2019年4月3日 中华人民共和国国务院令第711号公布"),
    );
    expect(parsed.level).toBe("行政法规");
    expect(parsed.problems).toContain(IMPORT_PROBLEMS.noLevel);
  });

  it("says when the history records a change later than the version in the file name", () => {
    const parsed = parseLegalText(
      "地方性法规/某市测试条例(2017-11-30).md",
      head(
        "2014年5月28日 某市第十二届人民代表大会常务委员会第十次会议通过\n\n2021年3月26日 某市第十三届人民代表大会常务委员会第二十八次会议《关于修改〈某市测试条例〉的决定》修正",
      ),
    );
    expect(parsed.writtenAt).toBe("2021-03-26");
    expect(parsed.problems).toContain(IMPORT_PROBLEMS.historyAhead);
  });

  it("reports a history line it cannot read", () => {
    const parsed = parseLegalText("行政法规/测试条例(2019-04-03).md", head("某日某机关讨论"));
    expect(parsed.problems).toContain(IMPORT_PROBLEMS.unreadHistory("某日某机关讨论"));
  });

  it("calls court cases other, not policy", () => {
    const parsed = parseLegalText("案例/民法典/某案.md", "# 某案\n\n<!-- INFO END -->\n\n基本案情。");
    expect(parsed.kind).toBe("other");
    expect(parsed.level).toBe("其他");
  });
});

describe("supersededKeys", () => {
  const text = (sourceKey: string, title: string, versionDate: string | null, level = "法律" as const) => ({
    sourceKey,
    title,
    level,
    versionDate,
  });

  it("marks every version but the newest of the same title", () => {
    const keys = supersededKeys([
      text("公司法(2018-10-26)", "中华人民共和国公司法", "2018-10-26"),
      text("公司法(2023-12-29)", "中华人民共和国公司法", "2023-12-29"),
      text("公司法(2013-12-28)", "中华人民共和国公司法", "2013-12-28"),
      text("证券法(2019-12-28)", "中华人民共和国证券法", "2019-12-28"),
    ]);
    expect([...keys].sort()).toEqual(["公司法(2013-12-28)", "公司法(2018-10-26)"]);
  });

  it("leaves undated versions and same titles of other levels alone", () => {
    const keys = supersededKeys([
      text("宪法", "中华人民共和国宪法", null),
      text("宪法(2018-03-11)", "中华人民共和国宪法", "2018-03-11"),
      { sourceKey: "某条例(2010-01-01)", title: "某条例", level: "行政法规", versionDate: "2010-01-01" },
      { sourceKey: "某条例(2020-01-01)", title: "某条例", level: "地方性法规", versionDate: "2020-01-01" },
    ]);
    expect(keys.size).toBe(0);
  });
});
