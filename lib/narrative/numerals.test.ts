import { describe, expect, it } from "vitest";
import { decimalsOf, foldDigits, parseArabicFigure, parseChineseNumeral } from "./numerals";

describe("parseChineseNumeral", () => {
  it.each([
    ["十二", 12],
    ["一百零三", 103],
    ["两千三百", 2300],
    ["二十", 20],
    ["十", 10],
    ["五", 5],
    ["一千零五", 1005],
    ["三万五千", 35000],
    ["一〇三", 103],
    ["九十九", 99],
    ["一百二", 120],
    ["两", 2],
  ])("%s → %i", (text, value) => {
    expect(parseChineseNumeral(text)).toBe(value);
  });

  it.each(["", "十十", "百二", "二三", "件", "三千千"])("refuses %s", (text) => {
    expect(parseChineseNumeral(text)).toBeNull();
  });
});

describe("foldDigits", () => {
  it("folds full-width digits one character for one", () => {
    const text = "收到申请１８２件，占３３．９％";
    expect(foldDigits(text)).toBe("收到申请182件，占33.9%");
    expect(foldDigits(text)).toHaveLength(text.length);
  });
});

describe("parseArabicFigure", () => {
  it("reads thousands separators and decimals", () => {
    expect(parseArabicFigure("1,084")).toBe(1084);
    expect(parseArabicFigure("1779.2656")).toBe(1779.2656);
    expect(parseArabicFigure("1,08")).toBeNull();
    expect(decimalsOf("33.9")).toBe(1);
    expect(decimalsOf("35")).toBe(0);
  });
});
