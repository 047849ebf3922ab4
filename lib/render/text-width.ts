/**
 * Text widths estimated from characters alone, for layouts made without the font's
 * metrics (the DOCX, which Word sets with the PC's fonts, and the PDF tables' heights):
 * a Chinese character or full-width mark one em, a Latin letter or figure a little over
 * half (0.56 in Noto Serif SC, 0.5 in Times New Roman).
 */
export const FULL_WIDTH_CHARACTER =
  /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F\u2014\u2026\u201C\u201D\u2018\u2019\u{20000}-\u{3FFFF}]/u;
export const NARROW_EM = 0.6;

export const characterEm = (character: string, narrowEm = NARROW_EM) => (FULL_WIDTH_CHARACTER.test(character) ? 1 : narrowEm);

/** The width of a text in em of its font size. */
export const estimatedEm = (text: string, narrowEm = NARROW_EM) =>
  Array.from(text).reduce((sum, character) => sum + characterEm(character, narrowEm), 0);
