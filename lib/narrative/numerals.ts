/** Full-width digits, ％ and ． as Chinese input methods type them (，stays: it separates clauses), folded one character for one. */
const FULL_WIDTH = /[０-９％．]/g;

/**
 * The text with full-width digits, ％ and ． folded to ASCII. Each character maps to
 * one character, so a position in the folded text is the same position in the original.
 */
export function foldDigits(text: string): string {
  return text.replace(FULL_WIDTH, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0));
}

const DIGIT_VALUES: Record<string, number> = {
  零: 0,
  〇: 0,
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
const UNIT_VALUES: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** The characters a Chinese numeral is written with, for a scanner's character class. */
export const CHINESE_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万";

/** Below 万: 三千零五, 一百零三, 十二, 二十, 一百二 (= 120, as spoken). */
function parseSection(text: string): number | null {
  if (text === "") return 0;
  const chars = [...text];
  if (!chars.some((char) => char in UNIT_VALUES)) {
    if (chars.length === 1) return DIGIT_VALUES[text]!;
    // 一〇三 is written digit by digit; 二三 is “two or three”, not a figure.
    if (!/[零〇]/.test(text) || chars.includes("两")) return null;
    return Number(chars.map((char) => DIGIT_VALUES[char]).join(""));
  }
  let total = 0;
  let digit: number | null = null;
  let zeroSinceUnit = false;
  let lastUnit = Infinity;
  for (const [index, char] of chars.entries()) {
    if (char === "零" || char === "〇") {
      if (digit !== null) return null;
      zeroSinceUnit = true;
      continue;
    }
    if (char in DIGIT_VALUES) {
      if (digit !== null) return null;
      digit = DIGIT_VALUES[char]!;
      continue;
    }
    const unit = UNIT_VALUES[char]!;
    if (unit >= lastUnit) return null;
    // Only 十 may stand without its digit, and only first: 十二 is 一十二.
    if (digit === null && !(unit === 10 && index === 0)) return null;
    total += (digit ?? 1) * unit;
    digit = null;
    zeroSinceUnit = false;
    lastUnit = unit;
  }
  if (digit === null) return total;
  return total + (zeroSinceUnit || lastUnit === 10 ? digit : (digit * lastUnit) / 10);
}

/** 十二 → 12, 一百零三 → 103, 两千三百 → 2300, 三万五千 → 35000; null when the text is not one numeral. */
export function parseChineseNumeral(text: string): number | null {
  if (text === "" || ![...text].every((char) => CHINESE_NUMERAL_CHARS.includes(char))) return null;
  const parts = text.split("万");
  if (parts.length > 2) return null;
  if (parts.length === 2) {
    const high = parseSection(parts[0]!);
    const low = parseSection(parts[1]!.replace(/^[零〇]/, ""));
    if (high === null || low === null || parts[0] === "") return null;
    return high * 10_000 + low;
  }
  return parseSection(text);
}

/** An Arabic figure as written in prose: 1,084 or 1779.2656 (after foldDigits). */
export function parseArabicFigure(text: string): number | null {
  if (!/^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$/.test(text)) return null;
  return Number(text.replace(/,/g, ""));
}

/** Digits after the decimal point, for comparing a rounded figure with the table's. */
export function decimalsOf(text: string): number {
  const point = text.indexOf(".");
  return point === -1 ? 0 : text.length - point - 1;
}
