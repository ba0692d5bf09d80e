import { describe, expect, it } from "vitest";
import { nextChinaMidnight, pickEncoding } from "./page-cache";

describe("nextChinaMidnight", () => {
  it("is the coming midnight in Beijing, 16:00 UTC", () => {
    // 2026-12-05 03:00 UTC is 11:00 in Beijing; midnight there is 2026-12-05 16:00 UTC.
    expect(new Date(nextChinaMidnight(Date.UTC(2026, 11, 5, 3, 0))).toISOString()).toBe(
      "2026-12-05T16:00:00.000Z",
    );
    // 23:59:59 in Beijing on 12-05 (15:59:59 UTC): one second to go.
    expect(nextChinaMidnight(Date.UTC(2026, 11, 5, 15, 59, 59))).toBe(Date.UTC(2026, 11, 5, 16, 0, 0));
    // At midnight itself the next one is a day later; 20:00 UTC is already 04:00 on 12-06 in Beijing.
    expect(nextChinaMidnight(Date.UTC(2026, 11, 5, 16, 0, 0))).toBe(Date.UTC(2026, 11, 6, 16, 0, 0));
    expect(nextChinaMidnight(Date.UTC(2026, 11, 5, 20, 0, 0))).toBe(Date.UTC(2026, 11, 6, 16, 0, 0));
  });
});

describe("pickEncoding", () => {
  const both = { br: true, gzip: true };
  it("prefers brotli, then gzip, and honours q=0", () => {
    expect(pickEncoding("gzip, deflate, br", both)).toBe("br");
    expect(pickEncoding("gzip", both)).toBe("gzip");
    expect(pickEncoding("br;q=0, gzip;q=0.5", both)).toBe("gzip");
    expect(pickEncoding("br;q=0, gzip;q=0", both)).toBe("identity");
    expect(pickEncoding("*", both)).toBe("gzip");
    expect(pickEncoding(undefined, both)).toBe("identity");
  });
  it("sends a small page as it is", () => {
    expect(pickEncoding("gzip, br", { br: false, gzip: false })).toBe("identity");
  });
});
