import { Lunar } from "lunar-javascript";

// The public holidays fixed by 《全国年节及纪念日放假办法》, known years ahead of the State Council's
// yearly notice. They stand in for a year whose notice is not loaded yet, so that a provisional due
// date never lands on 元旦 or inside 春节. The notice's own extras (补休, 调休上班) cannot be guessed.

/** Shown wherever a result rests on the statutory holidays instead of a loaded State Council notice. */
export const PROVISIONAL_LABEL = "临时：尚未公布当年安排，已按法定节日推定";

/** The lunar date's day in the Gregorian calendar, `offset` days later. Lunar year N starts in Jan/Feb of N. */
const lunar = (year: number, month: number, day: number, offset = 0) =>
  Lunar.fromYmd(year, month, day).getSolar().next(offset).toYmd();

/**
 * Every statutory holiday of `year`, weekends included, sorted. From 2025 (国务院令第795号) 春节 starts
 * on 除夕 and 劳动节 has two days; from 2014 to 2024 (国务院令第644号) 春节 was 正月初一至初三 and
 * 劳动节 one day. Years before 2014 are not covered: every year since 2020 is shipped.
 */
export function statutoryHolidays(year: number): string[] {
  const from2025 = year >= 2025;
  const days = [
    `${year}-01-01`, // 元旦
    ...(from2025 ? [lunar(year, 1, 1, -1)] : []), // 除夕, the day before 正月初一 (腊月 has 29 or 30 days)
    lunar(year, 1, 1),
    lunar(year, 1, 2),
    lunar(year, 1, 3), // 春节
    qingming(year), // 清明节
    `${year}-05-01`,
    ...(from2025 ? [`${year}-05-02`] : []), // 劳动节
    lunar(year, 5, 5), // 端午节
    lunar(year, 8, 15), // 中秋节
    `${year}-10-01`,
    `${year}-10-02`,
    `${year}-10-03`, // 国庆节
  ];
  return [...new Set(days)].sort();
}

/** 清明 is the day of the solar term (4–6 April), computed astronomically for Beijing time by the library. */
function qingming(year: number): string {
  const day = Lunar.fromYmd(year, 1, 1).getJieQiTable()["清明"]?.toYmd();
  if (!day?.startsWith(`${year}-04-`)) throw new Error(`清明 of ${year} not found`);
  return day;
}

/** The statutory holidays of `year` that fall Monday to Friday: the days off of a provisional year. */
export function provisionalHolidays(year: number): string[] {
  return statutoryHolidays(year).filter((d) => {
    const [y, m, dd] = d.split("-").map(Number) as [number, number, number];
    const weekday = new Date(Date.UTC(y, m - 1, dd)).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  });
}
