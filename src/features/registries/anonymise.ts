import { findPersonalData } from "../../platform/text";

export const REDACTED = "［已隐去］";

/**
 * A text fit for the staff case library: every ID, mobile and bank card number the personal-data
 * finder sees, and every occurrence of the source request's applicant fields (name, contact person,
 * phone, e-mail, address, ID number, …), replaced by ［已隐去］. A name is also replaced where it
 * is followed by 先生/女士 or the like, since the replacement takes every occurrence.
 */
export function anonymise(text: string, applicantTexts: string[] = []): string {
  let out = text;
  // Longest first, so that an address is replaced before a shorter field that it contains.
  const fields = [...new Set(applicantTexts.map((s) => s.trim()).filter((s) => s.length >= 2))].sort(
    (a, b) => b.length - a.length,
  );
  for (const f of fields) out = out.split(f).join(REDACTED);
  const found = findPersonalData(out);
  for (const f of [...found].reverse()) out = out.slice(0, f.start) + REDACTED + out.slice(f.end);
  return out;
}
