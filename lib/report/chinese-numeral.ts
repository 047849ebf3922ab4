const DIGITS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"] as const;

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九: the ordinals of （一）（二）… and counts in prose. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new Error(`no Chinese numeral for ${n}`);
  const tens = Math.floor(n / 10);
  const units = n % 10;
  if (tens === 0) return DIGITS[units]!;
  return `${tens === 1 ? "" : DIGITS[tens]}十${DIGITS[units]}`;
}

/** （一）, （二）, …: the ordinal of a second-level heading. */
export function bracketOrdinal(n: number): string {
  return `（${chineseNumeral(n)}）`;
}
