/**
 * How much of one text repeats another, the way duplicate checkers used in 年报 assessments
 * count it: a character belongs to a repeated stretch when it lies in a run of
 * REPEAT_RUN characters that also occurs in the other text. Figures are compared as
 * digits only (a copied sentence with this year's numbers is still copied).
 */
export const REPEAT_RUN = 13;

/** Characters that carry the wording: CJK and Latin letters and digits; every digit counts as 0. */
export function wordingOf(text: string): string {
  return text
    .replace(/\{\{fig:[^{}]*\}\}/g, "0")
    .normalize("NFKC")
    .replace(/[^\p{Script=Han}\p{L}\p{N}]/gu, "")
    .replace(/\p{N}/gu, "0");
}

/** Last year's runs, kept while the same report is checked keystroke after keystroke. */
let lastRuns: { wording: string; runs: Set<string> } | null = null;

function runsOf(wording: string): Set<string> {
  if (lastRuns?.wording === wording) return lastRuns.runs;
  const runs = new Set<string>();
  for (let index = 0; index + REPEAT_RUN <= wording.length; index += 1) runs.add(wording.slice(index, index + REPEAT_RUN));
  lastRuns = { wording, runs };
  return runs;
}

/** Share (0–1) of `text`'s wording that lies in a run of REPEAT_RUN characters also found in `earlier`. */
export function repeatedShare(text: string, earlier: string): number {
  const current = wordingOf(text);
  const before = wordingOf(earlier);
  if (current.length === 0) return 0;
  if (current.length < REPEAT_RUN || before.length < REPEAT_RUN) return current === before ? 1 : 0;
  const runs = runsOf(before);
  const covered = new Uint8Array(current.length);
  for (let index = 0; index + REPEAT_RUN <= current.length; index += 1) {
    if (runs.has(current.slice(index, index + REPEAT_RUN))) covered.fill(1, index, index + REPEAT_RUN);
  }
  let count = 0;
  for (const flag of covered) count += flag;
  return count / current.length;
}
