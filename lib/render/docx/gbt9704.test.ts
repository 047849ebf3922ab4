import { describe, expect, it } from "vitest";
import {
  BODY_CHARACTER,
  BODY_CHARACTER_SPACING,
  CHARACTERS_PER_LINE,
  FOOTER_DISTANCE,
  GRID_CHARACTER_SPACE,
  LINE_PITCH,
  LINES_PER_PAGE,
  MARGIN,
  mmToTwips,
  PAGE,
  TYPE_AREA,
} from "./gbt9704";
import { distribute } from "./national-table";

describe("GB/T 9704-2012 measures", () => {
  it("converts millimetres as Word does, giving the 公文 template values", () => {
    expect([37, 35, 28, 26, 156, 225, 210, 297].map(mmToTwips)).toEqual([2098, 1984, 1588, 1474, 8844, 12756, 11906, 16838]);
  });

  it("fills the A4 page exactly with margins and 版心", () => {
    expect(MARGIN.left + TYPE_AREA.width + MARGIN.right).toBe(PAGE.width);
    expect(MARGIN.top + TYPE_AREA.height + MARGIN.bottom).toBe(PAGE.height);
  });

  it("fits 22 lines of 579 twips in the 版心", () => {
    expect(LINE_PITCH).toBe(579);
    expect(LINES_PER_PAGE * LINE_PITCH).toBeLessThanOrEqual(TYPE_AREA.height);
    expect((LINES_PER_PAGE + 1) * LINE_PITCH).toBeGreaterThan(TYPE_AREA.height);
  });

  it("fits 28 body characters to a line, and not 29", () => {
    const pitch = BODY_CHARACTER + BODY_CHARACTER_SPACING;
    expect(CHARACTERS_PER_LINE * pitch).toBeLessThanOrEqual(TYPE_AREA.width);
    expect((CHARACTERS_PER_LINE + 1) * pitch).toBeGreaterThan(TYPE_AREA.width);
  });

  it("declares a grid of 28 characters (charSpace −849, as the 公文 templates) whose characters the body's are narrower than", () => {
    expect(GRID_CHARACTER_SPACE).toBe(-849);
    // Word: 16 pt + charSpace/4096 pt, 28 to the 442.2 pt line; LibreOffice: the same in whole twips (315).
    const wordCharacter = BODY_CHARACTER + (GRID_CHARACTER_SPACE * 20) / 4096;
    expect(Math.floor(TYPE_AREA.width / wordCharacter)).toBe(CHARACTERS_PER_LINE);
    expect(BODY_CHARACTER + BODY_CHARACTER_SPACING).toBeLessThan(Math.floor(wordCharacter));
  });

  it("puts the page number's 一字线 (the middle of its 14 pt 宋体 line), not the line's top, 7 mm below the 版心", () => {
    const lineTopBelowTypeArea = 1984 - FOOTER_DISTANCE - 280;
    expect(lineTopBelowTypeArea + 280 / 2).toBe(mmToTwips(7));
    expect(FOOTER_DISTANCE).toBe(1448);
  });
});

describe("distribute", () => {
  it("splits a width in proportion, spreading the rounding a twip at a time", () => {
    expect(
      distribute(
        8844,
        Array.from({ length: 15 }, () => 1),
      ),
    ).toEqual([...Array.from({ length: 9 }, () => 590), ...Array.from({ length: 6 }, () => 589)]);
    expect(distribute(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(distribute(8844, [1, 2]).reduce((a, b) => a + b, 0)).toBe(8844);
  });
});
