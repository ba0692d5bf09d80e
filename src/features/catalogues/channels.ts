// 公开渠道和载体: the channels a catalogue item names. The common ones have one spelling here, so that
// "政府门户网站", "区政府网站" and "政府网站" are the same channel when the coverage check compares them.

export const WEBSITE = "政府网站";

/** The usual channels of district catalogues, in the order the forms offer them. */
export const KNOWN_CHANNELS = [
  WEBSITE,
  "两微一端",
  "政务服务中心",
  "便民服务站",
  "公开查阅点",
  "公示栏",
  "精准推送",
  "入户告知",
  "广播电视",
  "报刊",
  "新闻发布会",
  "其他",
] as const;

const ALIASES: [RegExp, string][] = [
  [/(门户)?网站|政府网|信息公开(专栏|平台)/, WEBSITE],
  [/两微一端|政务新媒体|微信|微博|客户端|新媒体/, "两微一端"],
  [/政务服务(中心|大厅)|服务大厅/, "政务服务中心"],
  [/便民服务(站|中心)|社区服务/, "便民服务站"],
  [/查阅(点|场所|室)|档案馆|图书馆/, "公开查阅点"],
  [/公示栏|公告栏|公开栏|宣传栏|村务公开/, "公示栏"],
  [/精准推送|短信/, "精准推送"],
  [/入户|发放|告知/, "入户告知"],
  [/广播|电视/, "广播电视"],
  [/报刊|报纸|报/, "报刊"],
  [/发布会/, "新闻发布会"],
];

// A check over a district reads the same few channel names a hundred thousand times.
const normalized = new Map<string, string>();

/** One channel's usual name; a name the list does not know is kept as written. */
export function normalizeChannel(name: string): string {
  const known = normalized.get(name);
  if (known !== undefined) return known;
  const t = name.trim().replace(/^[□■☑√✓✔\s]+/, "");
  const out = ALIASES.find(([re]) => re.test(t))?.[1] ?? t;
  if (normalized.size < 10_000) normalized.set(name, out);
  return out;
}

/**
 * The channels in a cell such as "■政府网站 ■两微一端 □公示栏" or "政府网站、公开查阅点": an unticked
 * box (□) is not a channel; separators are 、，,；;/ and spaces. Duplicates are dropped.
 */
export function parseChannels(cell: string): string[] {
  const hasBoxes = /[□■☑]/.test(cell);
  const parts = hasBoxes
    ? [...cell.matchAll(/([□■☑])\s*([^□■☑]+)/g)].filter((m) => m[1] !== "□").map((m) => m[2] as string)
    : cell.split(/[、，,；;/／\s]+/);
  const out: string[] = [];
  for (const p of parts) {
    const c = p.trim().replace(/[、，,；;]+$/, "");
    if (!c) continue;
    const n = normalizeChannel(c);
    if (n && !out.includes(n)) out.push(n);
  }
  return out;
}
