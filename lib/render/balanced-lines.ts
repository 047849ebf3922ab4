/**
 * Breaking a name or a title that does not fit one line (GB/T 9704-2012 7.3.1: 回行时要
 * 做到词意完整，排列对称). Breaks fall only between words, the lines are as even as the
 * words allow, and a break after an organ's name (…片区 / 管理委员会办公室) is preferred
 * to one inside it.
 */

/** Words an agency name is built from that a dictionary segmenter cuts in two (委员|会, 办公|室). */
const UNITS = [
  "管理委员会",
  "常务委员会",
  "委员会",
  "办公室",
  "办公厅",
  "人民政府",
  "人民代表大会",
  "领导小组",
  "工作领导小组",
  "服务中心",
  "试验区",
  "开发区",
  "高新区",
  "示范区",
  "新区",
  "片区",
  "自治区",
  "自治州",
  "自治县",
  "街道办事处",
  "办事处",
  "政府信息公开工作年度报告",
  "年度报告",
];

/** A word ending in one of these closes an organ or a place: the best place for a break. */
const STRONG_END =
  /(省|市|县|区|州|盟|旗|镇|乡|街道|片区|委员会|办公室|办公厅|人民政府|政府|小组|中心|局|厅|委|办|部|署|院|所|站|队|）|\)|年)$/u;

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
const OPENING = /[（(《“〔【]/u;
const CLOSING = /[）)》”〕】，、。；：]/u;

/** The text as words: the segmenter's words, glued back where it cut a unit, a bracket or a figure off. */
export function nameWords(text: string): string[] {
  const characters = Array.from(text);
  // Boundaries (between character i-1 and i) that must not break.
  const forbidden = new Set<number>();
  for (const unit of UNITS) {
    const unitLength = Array.from(unit).length;
    for (let at = text.indexOf(unit); at !== -1; at = text.indexOf(unit, at + 1)) {
      const start = Array.from(text.slice(0, at)).length;
      for (let i = start + 1; i < start + unitLength; i += 1) forbidden.add(i);
    }
  }
  characters.forEach((character, i) => {
    if (i === 0) return;
    const previous = characters[i - 1]!;
    if (OPENING.test(previous) || CLOSING.test(character) || /\d/u.test(previous) || /\d/u.test(character)) forbidden.add(i);
  });
  const words: string[] = [];
  let position = 0;
  for (const { segment } of segmenter.segment(text)) {
    if (words.length > 0 && forbidden.has(position)) words[words.length - 1] += segment;
    else words.push(segment);
    position += Array.from(segment).length;
  }
  return words;
}

/**
 * The fewest lines, each at most `capacity` wide (by `width`), broken between words:
 * of those, the breaking whose longest line is shortest, a break inside an organ's or a
 * place's name counting as a longer line.
 */
export function balancedLines(text: string, capacity: number, width: (text: string) => number): string[] {
  // A break inside an organ's or a place's name costs as much as a line three and a half characters longer.
  const weakPenalty = 3.5 * width("国");
  if (width(text) <= capacity) return [text];
  const words = nameWords(text);
  const n = words.length;
  const span = (from: number, to: number) => words.slice(from, to).join("");
  type Best = { lines: number; longest: number; weak: number; breaks: number[] };
  const cost = (b: Best) => b.longest + weakPenalty * b.weak;
  // best[i]: the best breaking of words[0..i).
  const best: (Best | null)[] = Array.from({ length: n + 1 }, () => null);
  best[0] = { lines: 0, longest: 0, weak: 0, breaks: [] };
  for (let to = 1; to <= n; to += 1) {
    for (let from = 0; from < to; from += 1) {
      const before = best[from];
      if (!before) continue;
      const line = span(from, to);
      const lineWidth = width(line);
      if (lineWidth > capacity && to - from > 1) continue;
      const weak = before.weak + (to < n && !STRONG_END.test(line) ? 1 : 0);
      const candidate: Best = {
        lines: before.lines + 1,
        longest: Math.max(before.longest, lineWidth),
        weak,
        breaks: [...before.breaks, to],
      };
      const current = best[to];
      const better =
        !current ||
        candidate.lines < current.lines ||
        (candidate.lines === current.lines && cost(candidate) < cost(current) - 1e-6);
      if (better) best[to] = candidate;
    }
  }
  const result = best[n]!;
  const starts = [0, ...result.breaks];
  return result.breaks.map((end, index) => span(starts[index]!, end));
}

/** The title's lines (the agency, then {年}年政府信息公开工作年度报告), each too long for a line broken at words. */
export function titleLines(title: readonly string[], capacity: number, width: (text: string) => number): string[] {
  return title.flatMap((line) => balancedLines(line, capacity, width));
}
