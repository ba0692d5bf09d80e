import { findPersonalData } from "../../platform/text";

export const REDACTED = "［已隐去］";

/**
 * A text fit for the staff case library: every ID, mobile and bank card number the personal-data
 * finder sees, and every occurrence of the source request's applicant fields (name, contact person,
 * phone, e-mail, address, ID number, …), replaced by ［已隐去］. A name is also replaced where it
 * is followed by 先生/女士 or the like, since the replacement takes every occurrence. An address is
 * also taken out as people write it short: without its province, city or district in front.
 */
export function anonymise(text: string, applicantTexts: string[] = []): string {
  let out = text;
  // Longest first, so that an address is replaced before a shorter field that it contains.
  const fields = [
    ...new Set(applicantTexts.flatMap((s) => withShorterForms(s.trim())).filter((s) => s.length >= 2)),
  ].sort((a, b) => b.length - a.length);
  for (const f of fields) out = out.split(f).join(REDACTED);
  const found = findPersonalData(out);
  for (const f of [...found].reverse()) out = out.slice(0, f.start) + REDACTED + out.slice(f.end);
  return out;
}

/** "济南市市中区英雄山路88号" → itself, "市中区英雄山路88号" and "英雄山路88号" (each at least 4 characters). */
function withShorterForms(text: string): string[] {
  const forms = [text];
  for (const m of text.matchAll(/(?:省|自治区|市|区|县|旗|镇|乡|街道)/g)) {
    const rest = text.slice((m.index ?? 0) + m[0].length);
    if (rest.length >= 4) forms.push(rest);
  }
  return forms;
}
