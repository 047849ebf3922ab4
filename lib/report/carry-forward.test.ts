import { describe, expect, it } from "vitest";
import { seedReports } from "@/fixtures/seed-reports";
import { checkReport } from "@/lib/checks/check-report";
import { applicantColumns, applicationsCellId } from "@/lib/format";
import { CARRIED_FORWARD_ROW, CARRIED_OVER_ROW } from "./carried-over";
import { startFromLastYear } from "./carry-forward";

const seed001 = seedReports()[1]!.report;

describe("startFromLastYear", () => {
  const next = startFromLastYear({
    ...seed001,
    narrative: {
      ...seed001.narrative,
      problems: { body: "一是……二是……", carriedFromLastYear: false },
    },
  });

  it("moves to the next year and keeps the agency", () => {
    expect(next.info.year).toBe(2026);
    expect(next.info.agencyName).toBe(seed001.info.agencyName);
  });

  it("fills all seven 上年结转 columns from last year's 结转下年度继续办理", () => {
    for (const column of applicantColumns) {
      expect(next.ledger[applicationsCellId(CARRIED_OVER_ROW, column.key)]).toBe(
        seed001.ledger[applicationsCellId(CARRIED_FORWARD_ROW, column.key)],
      );
    }
    expect(next.ledger[applicationsCellId(CARRIED_OVER_ROW, "natural_person")]).toBe(9);
    expect(next.ledger[applicationsCellId("new", "natural_person")]).toBeUndefined();
  });

  it("copies narrative text as drafts marked 沿用上年内容", () => {
    expect(next.narrative.problems).toEqual({ body: "一是……二是……", carriedFromLastYear: true });
    expect(next.narrative.other_matters.carriedFromLastYear).toBe(false);
  });

  it("marks the 导语 沿用上年内容 too, and drops last year's own title", () => {
    const withIntro = startFromLastYear({
      ...seed001,
      info: { ...seed001.info, title: "湘潭县人民政府2025年政府信息公开工作年度报告", titleApproved: true },
      narrative: { ...seed001.narrative, overview: { ...seed001.narrative.overview, intro: "2025年是……" } },
    });
    expect(withIntro.narrative.overview).toMatchObject({ intro: "2025年是……", introCarriedFromLastYear: true });
    expect(withIntro.info).toMatchObject({ title: null, titleApproved: false });
    expect(next.narrative.overview.introCarriedFromLastYear).toBe(false); // seed 001 here has no 导语
  });
});

describe("cross-year carry-over rule", () => {
  it("passes when 上年结转 equals last year's 结转下年度", () => {
    const next = startFromLastYear(seed001);
    const results = checkReport(next, { previousYear: seed001 });
    expect(results.filter((item) => item.ruleId === "cross_year.carried_over")).toEqual([]);
  });

  it("reports each column that differs, with both numbers", () => {
    const next = startFromLastYear(seed001);
    next.ledger[applicationsCellId(CARRIED_OVER_ROW, "natural_person")] = 7;
    next.ledger[applicationsCellId(CARRIED_OVER_ROW, "total")] = 7;
    const results = checkReport(next, { previousYear: seed001 }).filter((item) => item.ruleId === "cross_year.carried_over");
    expect(results.map((item) => [item.cellIds, item.expected, item.actual])).toEqual([
      [[applicationsCellId(CARRIED_OVER_ROW, "natural_person")], 9, 7],
      [[applicationsCellId(CARRIED_OVER_ROW, "total")], 9, 7],
    ]);
    expect(results[0]!.severity).toBe("error");
    expect(results[0]!.message).toBe("表三 自然人列 跨年度衔接：二、上年结转（7）不等于2025年报告的四、结转下年度（9），相差 2");
  });

  it("ignores a report that is not the year before", () => {
    const next = startFromLastYear(seed001);
    next.info.year = 2030;
    next.ledger[applicationsCellId(CARRIED_OVER_ROW, "natural_person")] = 1;
    expect(checkReport(next, { previousYear: seed001 }).some((item) => item.ruleId === "cross_year.carried_over")).toBe(false);
  });
});
