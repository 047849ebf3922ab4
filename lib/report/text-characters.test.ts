import { describe, expect, it } from "vitest";
import { seedReports } from "@/fixtures/seed-reports";
import { parseReport } from "./parse-report";
import { findIllegalCharacter, withoutIllegalCharacters } from "./text-characters";

describe("the report's text rule", () => {
  it("refuses U+FFFE, U+FFFF, C0 controls and a lone surrogate, naming the field and the character", () => {
    const cases: [string, (report: ReturnType<typeof seedReports>[number]["report"]) => void, string, string][] = [
      [
        "U+FFFE",
        (report) => (report.narrative.problems.body = "问题\uFFFE描述"),
        "五、存在的主要问题及改进情况 正文",
        "非字符（U+FFFE）",
      ],
      ["U+FFFF", (report) => (report.info.agencyName = "某某\uFFFF政府"), "机关全称", "非字符（U+FFFF）"],
      ["\\v", (report) => (report.info.compilingOffice.address = "某路\u000b1号"), "地址", "控制字符（U+000B）"],
      ["\\x02", (report) => (report.narrative.overview.intro = "概述\u0002"), "一、总体情况 导语", "控制字符（U+0002）"],
      ["lone surrogate", (report) => (report.narrative.problems.body = "a\uDC00b"), "正文", "不成对的代理码元（U+DC00）"],
    ];
    for (const [label, spoil, field, what] of cases) {
      const report = structuredClone(seedReports()[1]!.report);
      spoil(report);
      const parsed = parseReport(report);
      expect(parsed.ok, label).toBe(false);
      if (parsed.ok) continue;
      expect(parsed.message, label).toContain(field);
      expect(parsed.message, label).toContain(`无法保存的${what}`);
    }
  });

  it("accepts tabs, line breaks, an astral ideograph and ordinary punctuation", () => {
    expect(findIllegalCharacter("第一段\r\n第二段\t𠮷田，“引号”、ISO/IEC 27001")).toBeNull();
    expect(withoutIllegalCharacters("a\u0000b\uFFFEc\uD83D")).toBe("abc");
    expect(withoutIllegalCharacters("𠮷")).toBe("𠮷");
  });
});
