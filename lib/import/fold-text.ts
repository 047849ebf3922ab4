/**
 * Text folded for matching printed labels: full-width forms to ASCII (NFKC), spacing,
 * quotes and table rules dropped, the ordinal punctuation of 1、/1．/1。 made 1., and
 * characters that OCR and input methods confuse mapped to one form. Figures are dropped
 * too (a leaf's ordinal “2.” kept), so a label broken over lines with a row's figures
 * printed between its halves is still found whole. Each folded character remembers
 * where it came from, so a match maps back to the original text.
 */

/** Pairs that OCR output and hurried typing confuse; both sides fold to the first. */
const LOOKALIKES: Readonly<Record<string, string>> = {
  己: "已",
  巳: "已",
  末: "未",
  曰: "日",
  入: "人",
  士: "土",
  干: "千",
  戍: "戊",
  戌: "戊",
  釆: "采",
  祕: "秘",
  於: "于",
  "【": "(",
  "】": ")",
  "〔": "(",
  "〕": ")",
  "[": "(",
  "]": ")",
  "︵": "(",
  "︶": ")",
};

/** Characters that never take part in a label: spacing, quotes, table rules, markdown marks. */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: zero-width characters (the joiner too) are skipped one by one, never as part of a sequence
const SKIPPED = /[\s\u200b\u200c\u200d\ufeff|“”"'‘’「」『』`*#_~·•▪●◆■□]/u;
const HAN = /\p{Script=Han}/u;
const ORDINAL_STOPS = new Set(["、", ".", "。", "．", ",", "，"]);

export type FoldedText = {
  /** The folded characters, spacing and figures removed. */
  text: string;
  /** For each folded character, its index in the original string. */
  origin: number[];
};

/** The index of the next character at or after `from` that is not spacing, or -1. */
function nextVisible(characters: readonly string[], from: number): number {
  for (let at = from; at < characters.length; at += 1) {
    const character = characters[at]!;
    if (
      character !== " " &&
      character !== "\t" &&
      character !== "\n" &&
      character !== "\r" &&
      character !== "\u3000" &&
      character !== "\u00a0"
    )
      return at;
  }
  return -1;
}

/** Characters NFKC leaves alone: ASCII and the unified ideographs; others are normalised one by one. */
const needsNormalising = (code: number) => code >= 0x80 && !(code >= 0x4e00 && code <= 0x9fff);
const isSkipped = (character: string) => {
  const code = character.charCodeAt(0);
  if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) return true;
  if (code < 0x80 && !"|\"'`*#_~".includes(character)) return false;
  if (code >= 0x4e00 && code <= 0x9fff) return false;
  return SKIPPED.test(character);
};
const isDigit = (character: string) => character >= "0" && character <= "9";

/** The last few texts folded: each table reader folds the same stretch of the report again. */
const recent: { original: string; folded: FoldedText }[] = [];

export function foldText(original: string): FoldedText {
  const known = recent.find((entry) => entry.original === original);
  if (known) return known.folded;
  const folded = foldTextUncached(original);
  if (original.length > 200) {
    recent.unshift({ original, folded });
    recent.length = Math.min(recent.length, 4);
  }
  return folded;
}

function foldTextUncached(original: string): FoldedText {
  const characters = [...original];
  // Keep UTF-16 offsets: a character outside the BMP takes two.
  const offsets: number[] = [];
  let offset = 0;
  for (const character of characters) {
    offsets.push(offset);
    offset += character.length;
  }
  let text = "";
  const origin: number[] = [];
  let keptOrdinalDigit = false;
  for (let at = 0; at < characters.length; at += 1) {
    const character = characters[at]!;
    if (isSkipped(character)) continue;
    const normalised = needsNormalising(character.charCodeAt(0)) ? character.normalize("NFKC") : character;
    for (const piece of normalised) {
      if (normalised !== character && isSkipped(piece)) continue;
      let folded = LOOKALIKES[piece] ?? piece;
      if (isDigit(folded)) {
        // A digit is a figure unless it is a leaf's ordinal: “2.” or “2、” before words.
        const stopAt = nextVisible(characters, at + 1);
        const stop = stopAt === -1 ? "" : characters[stopAt]!.normalize("NFKC");
        const wordAt = stopAt === -1 ? -1 : nextVisible(characters, stopAt + 1);
        if (!(ORDINAL_STOPS.has(stop) && wordAt !== -1 && HAN.test(characters[wordAt]!))) {
          keptOrdinalDigit = false;
          continue;
        }
        keptOrdinalDigit = true;
      } else if (ORDINAL_STOPS.has(folded)) {
        if (keptOrdinalDigit) folded = ".";
        else if (folded === "." || folded === "．") {
          // A decimal point between dropped figures is no part of any label.
          continue;
        }
        keptOrdinalDigit = false;
      } else {
        keptOrdinalDigit = false;
      }
      if (folded === "," || folded === "，") folded = "、";
      text += folded;
      origin.push(offsets[at]!);
    }
  }
  return { text, origin };
}

/** The folded form alone, for comparing two short strings. */
export const fold = (text: string): string => foldText(text).text;

/** Whether a character is a CJK ideograph (used to decide where a label can start or end). */
export const isIdeograph = (character: string | undefined): boolean => character !== undefined && HAN.test(character);

/** The text with the characters of the given folded ranges blanked out, line and cell breaks kept. */
export function blankOut(original: string, folded: FoldedText, ranges: readonly { from: number; to: number }[]): string {
  const units = original.split("");
  for (const { from, to } of ranges) {
    for (let at = from; at < to; at += 1) {
      const index = folded.origin[at]!;
      units[index] = " ";
      // The second half of a character outside the BMP goes with the first.
      if (/[\ud800-\udbff]/.test(original[index]!)) units[index + 1] = " ";
    }
  }
  return units.join("");
}
