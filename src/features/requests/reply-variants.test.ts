import { describe, expect, it } from "vitest";
import { replyVariantIssues } from "./reply-variants";
import { ZAction } from "./requests.schemas";

describe("reply variants (Art. 36)", () => {
  it("makes the clerk choose for not_held, and only lets a variant go with its outcome", () => {
    expect(replyVariantIssues({ outcome: "unavailable.not_held" })).toEqual([
      { path: "variant", message: expect.stringContaining("经检索没有所申请的信息") },
    ]);
    expect(replyVariantIssues({ outcome: "unavailable.not_held", variant: "not_found" })).toEqual([]);
    expect(replyVariantIssues({ outcome: "unavailable.not_held", variant: "not_ours" })).toEqual([]);
    expect(replyVariantIssues({ outcome: "disclosed", variant: "not_found" })).toEqual([
      { path: "variant", message: "该答复情形只适用于处理结果“无法提供：本机关不掌握相关政府信息”。" },
    ]);
    expect(replyVariantIssues({ outcome: "disclosed" })).toEqual([]);
  });

  it("needs where to get information already disclosed", () => {
    expect(
      replyVariantIssues({ outcome: "disclosed", variant: "already_public", whereToObtain: " " }),
    ).toEqual([{ path: "whereToObtain", message: expect.stringContaining("网址或查阅场所") }]);
    expect(
      replyVariantIssues({
        outcome: "disclosed",
        variant: "already_public",
        whereToObtain: "区政务服务中心",
      }),
    ).toEqual([]);
  });

  it("is checked by the action schema both doors validate with", () => {
    const r = ZAction.safeParse({
      type: "reply",
      date: "2025-09-10",
      outcome: "unavailable.not_held",
      reason: "x",
      legalBasis: "y",
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["variant"]);
  });
});
