import { describe, expect, it } from "vitest";
import { isCalendarDate } from "./calendar-date";
import { checkInfo } from "./check-info";
import { parseReport } from "./parse-report";
import { FORMAT_VERSION, ZReport } from "./report-schema";

const report = (info: Record<string, unknown>) => ZReport.parse({ formatVersion: FORMAT_VERSION, info });

describe("checkInfo", () => {
  it("passes a named agency and a real year", () => {
    expect(checkInfo(report({ agencyName: "湘潭县人民政府", year: 2025 }))).toEqual([]);
  });

  it("names an empty 机关全称 and a missing or impossible 年度 at their fields", () => {
    const results = checkInfo(report({ agencyName: " ", year: null }));
    expect(results.map((result) => [result.ruleId, result.location?.field, result.severity])).toEqual([
      ["info.agency_name", "info.agencyName", "error"],
      ["info.year", "info.year", "error"],
    ]);
    expect(results[0]!.message).toMatch(/^机关全称未填写/);
    const [future] = checkInfo(report({ agencyName: "某县", year: 3025 }));
    expect(future?.message).toBe("年度 3025 不可能：年度报告从 2008 年起编制，请填写 2008—2100 之间的年份");
    expect(checkInfo(report({ agencyName: "某县", year: 2007 }))).toHaveLength(1);
  });
});

describe("the schema's messages", () => {
  it("says what is wrong in Chinese prose, naming the field, never zod's raw wording", () => {
    const parsed = parseReport({ formatVersion: FORMAT_VERSION, info: { agencyName: "某县", year: "2025" } });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message).toBe("不符合报告格式：年度（info.year）：应为数字，收到的是文字");
    const tooBig = parseReport({ formatVersion: FORMAT_VERSION, info: { agencyName: "某县", year: 20250 } });
    expect(!tooBig.ok && tooBig.message).toBe("不符合报告格式：年度（info.year）：不能大于 9,999");
    const nan = parseReport({ formatVersion: FORMAT_VERSION, info: { agencyName: "某县", year: Number.NaN } });
    expect(!nan.ok && nan.message).not.toMatch(/NaN|期望|<=/);
  });

  it("accepts only real calendar dates for 落款日期", () => {
    expect(isCalendarDate("2026-01-20")).toBe(true);
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2025-02-29")).toBe(false);
    expect(isCalendarDate("2025-13-45")).toBe(false);
    const parsed = parseReport({
      formatVersion: FORMAT_VERSION,
      info: { agencyName: "某县", year: 2025, issuedOn: "2025-13-45" },
    });
    expect(!parsed.ok && parsed.message).toContain("落款日期（info.issuedOn）：应为实际存在的日期");
  });
});
