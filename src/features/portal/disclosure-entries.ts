/**
 * The 法定主动公开内容 of 《政府信息公开条例》第二十条, each with the catalogue view that holds it.
 * Topics in the catalogue follow the State Council's subject classes, which do not line up with the
 * article's items, so most entries are a search of the catalogue for the item's key term; 规范性文件
 * and 政策解读 are document kinds, and 机构职能 lives on the units page.
 */
export type TDisclosureEntry = { item: string; label: string; href: string };

const search = (q: string) => `/documents?q=${encodeURIComponent(q)}`;

export const DISCLOSURE_ENTRIES: TDisclosureEntry[] = [
  { item: "（一）", label: "规范性文件", href: "/documents?kind=normative" },
  { item: "（二）", label: "机构职能", href: "/units" },
  { item: "（三）", label: "规划", href: search("规划") },
  { item: "（四）", label: "统计信息", href: search("统计") },
  { item: "（五）", label: "行政许可", href: search("行政许可") },
  { item: "（六）", label: "行政处罚", href: search("行政处罚") },
  { item: "（六）", label: "行政强制", href: search("行政强制") },
  { item: "（七）", label: "财政预决算", href: search("预算") },
  { item: "（八）", label: "行政事业性收费", href: search("收费") },
  { item: "（九）", label: "政府采购", href: search("政府采购") },
  { item: "（十）", label: "重大建设项目", href: search("建设项目") },
  { item: "（十一）", label: "社会事业", href: search("社会保障") },
  { item: "（十二）", label: "突发公共事件", href: search("突发事件") },
  { item: "（十三）", label: "监督检查", href: search("监督检查") },
  { item: "（十四）", label: "公务员招考", href: search("公务员") },
];

/** 政策解读 sits beside the statutory items: every policy is published with its interpretation. */
export const INTERPRETATION_ENTRY = { label: "政策解读", href: "/documents?kind=interpretation" };
