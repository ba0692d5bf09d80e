import type { WorkCalendar } from "../calendar";
import { normalizeChannel, WEBSITE } from "./channels";
import type { TTimeRule } from "./parse-time-limit";

// The coverage check (回头看) of one catalogue item over a period, as pure logic over what the
// repository read: the documents tagged with the item and the postings staff recorded.
//
// **Convention** (stated in docs/CATALOGUES.md): a publication counts in the period when its
// publication date lies in it; it is late when it came after the Nth working day following the day
// the information was made (成文日期 of a document; the date staff gave for a posting), that day
// itself not counted — the same counting as Art. 26 and the request clock. A document published
// here is on 政府网站; postings recorded for it add their channels.

export type TCoverageState = "ok" | "missing" | "late" | "wrong_channel" | "not_applicable";

export type TCoverageItemInput = {
  id: number;
  timeRule: TTimeRule | null;
  mode: "proactive" | "on_request";
  channels: string[];
};

export type TPublication = {
  documentId: number | null;
  postingId: number | null;
  title: string;
  formedOn: string | null;
  publishedOn: string;
  channels: string[];
};

export type TJudgedPublication = TPublication & {
  dueDate: string | null;
  isLate: boolean;
  isProvisional: boolean;
};

export type TItemCoverage = {
  itemId: number;
  state: TCoverageState;
  /** Every problem found, in the order missing, late, wrong_channel; `state` is the first. */
  problems: ("missing" | "late" | "wrong_channel")[];
  documents: TJudgedPublication[];
};

/** One item's state over the period from its publications (already limited to the period). */
export function judgeItem(
  item: TCoverageItemInput,
  publications: TPublication[],
  cal: WorkCalendar,
  dueCache: Map<string, { date: string; isProvisional: boolean }> = new Map(),
): TItemCoverage {
  const rule = item.timeRule;
  if (!rule || item.mode !== "proactive") {
    return {
      itemId: item.id,
      state: "not_applicable",
      problems: [],
      documents: publications.map((p) => ({ ...p, dueDate: null, isLate: false, isProvisional: false })),
    };
  }
  const documents = publications.map((p) => {
    if (!p.formedOn) return { ...p, dueDate: null, isLate: false, isProvisional: false };
    // Many publications share a formation date and rule: each due date is counted once per check.
    const key = `${p.formedOn}+${rule.days}`;
    let due = dueCache.get(key);
    if (!due) {
      due = cal.addWorkdays(p.formedOn, rule.days);
      dueCache.set(key, due);
    }
    return { ...p, dueDate: due.date, isLate: p.publishedOn > due.date, isProvisional: due.isProvisional };
  });
  const problems: TItemCoverage["problems"] = [];
  if (documents.length === 0) problems.push("missing");
  if (documents.some((d) => d.isLate)) problems.push("late");
  const wanted = new Set(item.channels.map(normalizeChannel));
  if (
    documents.length > 0 &&
    wanted.size > 0 &&
    !documents.some((d) => d.channels.some((c) => wanted.has(normalizeChannel(c))))
  )
    problems.push("wrong_channel");
  return { itemId: item.id, state: problems[0] ?? "ok", problems, documents };
}

/** The channels of a document published here: the portal, plus those of postings recorded for it. */
export const documentChannels = (postingChannels: string[]) => [
  WEBSITE,
  ...postingChannels.map(normalizeChannel).filter((c) => c !== WEBSITE),
];
