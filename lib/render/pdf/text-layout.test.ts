import { describe, expect, it } from "vitest";
import { type LayoutOptions, MAX_GAP_EM, type SetLine, setParagraph } from "./text-layout";

/** A face where a Chinese character is 1 em, a Latin letter or figure 0.5 em and a space 0.25 em. */
const measure = (codePoint: number) => (codePoint === 0x20 ? 4 : codePoint < 0x2e80 ? 8 : 16);
const options: LayoutOptions = { fontSize: 16, lineWidth: 160, firstLineIndent: 0, letterSpacing: 0, justify: true };
const text = (line: SetLine) => line.runs.map((run) => run.text).join("");

/** Gaps after each character of a line: its letter spacing, and the fixed width of a space. */
function gaps(line: SetLine): { after: string; gap: number }[] {
  return line.runs.flatMap((run) => Array.from(run.text).map((character) => ({ after: character, gap: run.letterSpacing })));
}

describe("setParagraph", () => {
  it("fills lines of ten characters and shares a short line's slack out over all its character gaps", () => {
    // “十，” may not be split (避头尾) and does not fit: the second line is 16 pt short, spread over its 8 gaps.
    const lines = setParagraph("一二三四五六七八九十一二三四五六七八九十，完", measure, options);
    expect(lines.map(text)).toEqual(["一二三四五六七八九十", "一二三四五六七八九", "十，完"]);
    const second = lines[1]!;
    expect(second.justified).toBe(true);
    const spacing = gaps(second)
      .slice(0, -1)
      .map(({ gap }) => gap);
    expect(new Set(spacing.map((gap) => gap.toFixed(6))).size).toBe(1);
    expect(spacing[0]).toBeCloseTo(16 / 8, 6);
    expect(lines[2]!.justified).toBe(false);
  });

  it("sets a space between Chinese and figures as a fixed gap of the space's width, never stretched", () => {
    const [line] = setParagraph("新增 50 条信息共计一百条整", measure, options);
    expect(text(line!)).toBe("新增 50 条信息共计一");
    // A space's own spacing cancels the character spacing before it: the gap across it is its width.
    const spaced = gaps(line!).filter(({ after }) => after === " ");
    for (const { gap } of spaced) expect(gap).toBe(0);
    // The figures inside “50” keep their own spacing; the slack goes to the gaps between Chinese characters.
    const inside = gaps(line!).find(({ after }) => after === "5")!;
    expect(inside.gap).toBe(0);
  });

  it("leaves a line ragged rather than open a gap wider than half a character", () => {
    // A token 8 em wide that cannot go on the first line: sharing 8 em over 1 gap would open a chasm.
    const [first] = setParagraph("一二 ABCDEFGHIJKLMNOP", measure, { ...options, lineWidth: 100 });
    expect(text(first!)).toBe("一二");
    expect(first!.justified).toBe(false);
    for (const { gap } of gaps(first!)) expect(gap).toBeLessThanOrEqual(MAX_GAP_EM * 16);
  });

  it("indents the first line and breaks a token longer than the line after its punctuation", () => {
    const lines = setParagraph("网址www.example.gov.cn/report/2025", measure, { ...options, firstLineIndent: 32 });
    expect(lines.map(text).join("")).toBe("网址www.example.gov.cn/report/2025");
    expect(lines[0]!.width).toBeLessThanOrEqual(160 - 32 + 1e-9);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(160 + 1e-9);
  });
});
