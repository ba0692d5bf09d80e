import { chineseNumber } from "../../platform/text";

/** A 公开时限 the platform can check: N working days after the information is made or changed. */
export type TTimeRule = { kind: "workdays_after_event"; days: number };

// "自信息形成或者变更之日起20个工作日内", "信息形成（变更）之日起二十个工作日内", "作出决定之日起7个工作日内":
// a count of working days counted from a day the information came into being. Anything else
// (calendar days, "每年3月底前", "实时", "长期公开", two different counts) is kept as text only.
const WORKDAYS =
  /(?:之日|之后|后|起)\s*(?:起\s*)?([0-9０-９]{1,3}|[〇零一二两三四五六七八九十百]{1,5})\s*个?\s*工作日/g;
const EVENT = /形成|变更|产生|制作|作出|制定|批准|公布|印发|收到|完成|签订|确定|调整|发生/;

/** The rule in a 公开时限, or null when the text does not say one exactly (never guessed). */
export function parseTimeLimit(text: string): TTimeRule | null {
  const t = text.normalize("NFKC").replace(/\s+/g, "");
  if (!EVENT.test(t)) return null;
  const counts = new Set<number>();
  for (const m of t.matchAll(WORKDAYS)) {
    const raw = m[1] as string;
    const n = /^\d+$/.test(raw) ? Number(raw) : chineseNumber(raw);
    if (n === null || !Number.isInteger(n)) return null;
    counts.add(n);
  }
  // Calendar days next to working days ("5日内…20个工作日内") would make the rule a guess.
  if (
    /\d+\s*(?:个自然日|日内|天内)|[一二三四五六七八九十]+\s*(?:个自然日|日内|天内)/.test(
      t.replace(WORKDAYS, ""),
    )
  )
    return null;
  if (counts.size !== 1) return null;
  const [days] = [...counts] as [number];
  return days >= 1 && days <= 365 ? { kind: "workdays_after_event", days } : null;
}
