const DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

// 一千零五 / 一百二十 / 三十一 / 十五 — the structured form; anything else (十十, 三百百) is left unread.
const STRUCTURED =
  /^(?:([一二两三四五六七八九])千)?(零)?(?:([一二两三四五六七八九])百)?(零)?(?:([一二两三四五六七八九])?(十))?([一二三四五六七八九])?$/;

/**
 * A number written in ASCII or Chinese digits: positional (二〇二二, 七一一 — how years and some
 * order numbers are written) or structured (一百二十, 三十一, 十五); null when it is neither.
 */
export function chineseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (text === "" || !/^[〇零一二两三四五六七八九十百千]+$/.test(text)) return null;
  if (!/[十百千]/.test(text)) return Number([...text].map((c) => DIGITS[c]).join(""));
  const m = STRUCTURED.exec(text);
  if (!m) return null;
  const [, thousands, zero1, hundreds, zero2, tens, ten, units] = m;
  // A 零 stands for a skipped place, so something larger must come before it.
  if ((zero1 && !thousands) || (zero2 && !thousands && !hundreds)) return null;
  const digit = (c: string | undefined) => (c ? (DIGITS[c] ?? 0) : 0);
  return (
    digit(thousands) * 1000 + digit(hundreds) * 100 + (ten ? (tens ? digit(tens) : 1) * 10 : 0) + digit(units)
  );
}
