import { describe, expect, it } from "vitest";
import { parseChannels } from "./channels";
import { parseTimeLimit } from "./parse-time-limit";
import { suggestItems } from "./suggest-items";

describe("公开时限 parsed into a rule only when the text says one exactly", () => {
  it.each([
    ["信息形成或者变更之日起20个工作日内", 20],
    ["自信息形成（变更）之日起二十个工作日内", 20],
    ["信息形成之日起 5 个工作日内", 5],
    ["作出决定之日起７个工作日内公开", 7],
    ["自批准之日起十五个工作日内", 15],
  ])("%s → %i working days", (text, days) => {
    expect(parseTimeLimit(text)).toEqual({ kind: "workdays_after_event", days });
  });

  it.each([
    "每年3月底前",
    "长期公开",
    "实时更新",
    "信息形成之日起7日内",
    "20个工作日内", // no event to count from
    "信息形成之日起5日内公示，变更之日起20个工作日内更新",
    "形成之日起10个工作日内，变更之日起20个工作日内",
    "",
  ])("%s → no rule (kept as text)", (text) => {
    expect(parseTimeLimit(text)).toBeNull();
  });
});

describe("公开渠道和载体 cells", () => {
  it("reads ticked boxes only and gives common channels one name", () => {
    expect(parseChannels("■政府网站 ■政务新媒体 □公开查阅点 ☑村务公开栏")).toEqual([
      "政府网站",
      "两微一端",
      "公示栏",
    ]);
    expect(parseChannels("区政府门户网站、两微一端，便民服务站；其他")).toEqual([
      "政府网站",
      "两微一端",
      "便民服务站",
      "其他",
    ]);
    expect(parseChannels("")).toEqual([]);
  });
});

describe("tag suggestions", () => {
  const items = [
    { id: 1, areaName: "社会救助", level1: "最低生活保障", level2: "审核确认结果", keywords: ["低保"] },
    { id: 2, areaName: "养老服务", level1: "养老机构", level2: "机构名录", keywords: [] },
    { id: 3, areaName: "社会救助", level1: "临时救助", level2: "救助结果", keywords: [] },
  ];
  it("ranks items sharing the document's words and leaves out unrelated ones", () => {
    const doc = {
      title: "2025年第二季度最低生活保障审核确认结果公示",
      topics: ["民政、扶贫、救灾"],
      keywords: [],
    };
    // item 1 shares 审核/核确/确认/认结/结果 of its 二级事项 (2 each = 10) and 最低/低生/生活/活保/保障
    // of its 一级事项 (1 each = 5) → 15; item 3 shares only 结果 (2) → 2, just enough; item 2 → 0.
    expect(suggestItems(doc, items)).toEqual([1, 3]);
  });
});
