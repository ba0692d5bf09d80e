// The few parts of lunar-javascript (which ships no types) that the statutory holidays use.
declare module "lunar-javascript" {
  export class Solar {
    /** The date `days` days later (earlier when negative). */
    next(days: number): Solar;
    /** YYYY-MM-DD. */
    toYmd(): string;
  }
  export class Lunar {
    /** A date of the Chinese calendar: lunar year, month (1–12) and day. */
    static fromYmd(year: number, month: number, day: number): Lunar;
    getSolar(): Solar;
    /** The solar terms around this lunar year, by Chinese name (清明, …). */
    getJieQiTable(): Record<string, Solar>;
  }
}
