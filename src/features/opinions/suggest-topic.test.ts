import { describe, expect, it } from "vitest";
import { suggestTopic } from "./suggest-topic";

const topics = [
  { id: 3, name: "工资拖欠", keywords: ["欠薪", "拖欠工资", "讨薪"], isActive: true },
  { id: 4, name: "生态环境污染", keywords: ["污染", "噪音", "异味"], isActive: true },
  { id: 11, name: "房地产市场", keywords: ["烂尾", "交房", "开发商"], isActive: true },
  { id: 20, name: "停用的主题", keywords: ["噪音"], isActive: false },
];

describe("topic suggestion from keyword rules", () => {
  it("picks the topic with the most matching keywords", () => {
    expect(suggestTopic("开发商逾期交房，楼盘成了烂尾楼，工地噪音扰民", topics)).toBe(11);
    expect(suggestTopic("小区旁工厂夜间噪音大，还有刺鼻异味", topics)).toBe(4);
  });
  it("suggests nothing when no keyword occurs, and ignores inactive topics", () => {
    expect(suggestTopic("咨询社保卡补办流程", topics)).toBeNull();
    expect(suggestTopic("噪音", [topics[3] as (typeof topics)[number]])).toBeNull();
  });
  it("breaks a tie by the longer keyword", () => {
    // One hit each: "拖欠工资" (4 characters) beats "污染" (2).
    expect(suggestTopic("工地拖欠工资，还造成污染", topics)).toBe(3);
  });
});
