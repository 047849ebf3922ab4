/**
 * Chinese line breaking for react-pdf. Its line breaker only breaks at spaces and at
 * the syllable boundaries the hyphenation callback returns, inserting a hyphen at the
 * latter. Chinese has no spaces: a line may break after any character, except that
 * closing punctuation never starts a line and opening punctuation never ends one
 * (避头尾). Latin words and figures such as 1779.2656 stay whole.
 */

/** Never at the start of a line: they stay with the character before. */
const NO_BREAK_BEFORE = new Set(Array.from("，。、；：？！）］｝」』”’》〉】〕〗…—·%‰℃,.;:?!)]}"));
/** Never at the end of a line: they go with the character after. */
const NO_BREAK_AFTER = new Set(Array.from("（［｛「『“‘《〈【〔〖([{"));

/** Letters, digits and the marks inside figures and Latin words: no break between two of them. */
const LATIN = /^[\p{Script=Latin}\p{Nd}.,%+\-/:_@#&'’]$/u;

/**
 * The pieces of a space-free run of text between which a line may break, in order;
 * joined they give the text back.
 */
export function breakableSegments(word: string): string[] {
  const characters = Array.from(word);
  const segments: string[] = [];
  let current = "";
  characters.forEach((character, index) => {
    const previous = characters[index - 1];
    const mayBreakBefore =
      previous !== undefined &&
      !NO_BREAK_BEFORE.has(character) &&
      !NO_BREAK_AFTER.has(previous) &&
      !(LATIN.test(previous) && LATIN.test(character));
    if (mayBreakBefore) {
      segments.push(current);
      current = "";
    }
    current += character;
  });
  if (current !== "") segments.push(current);
  return segments;
}

/**
 * The syllables of words already broken: react-pdf asks again for every text it lays out anew
 * while paginating, and the figures of the tables repeat. Bounded, so a server never grows it without end.
 */
const syllables = new Map<string, readonly string[]>();
const MAX_REMEMBERED = 5_000;

/**
 * The hyphenation callback: the segments with an empty string between each two.
 * react-pdf turns an empty syllable into zero-width glue, a break point that adds no
 * hyphen, where a break between two non-empty syllables would print one.
 */
export function chineseHyphenation(word: string): string[] {
  // textkit hands the runs of spaces over as words of their own; they must stay glue.
  if (word.trim() === "") return [word];
  const known = syllables.get(word);
  if (known) return [...known];
  const found = breakableSegments(word).flatMap((segment, index) => (index === 0 ? [segment] : ["", segment]));
  if (syllables.size >= MAX_REMEMBERED) syllables.clear();
  syllables.set(word, found);
  return [...found];
}
