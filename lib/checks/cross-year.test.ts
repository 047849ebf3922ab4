import { describe, expect, it } from "vitest";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { startFromLastYear } from "@/lib/report/carry-forward";
import type { TReport } from "@/lib/report/report-schema";
import { checkReport } from "./check-report";
import { checkInForceChain, checkTextRepeated } from "./cross-year";

/** Seed 001 (2025) as published; 行政规范性文件 制发 6, 废止 12, 现行有效 96. */
const seed001 = publishedSeedReports()[1]!.report;
const seed002 = publishedSeedReports()[2]!.report;

/** Next year's report: seed 001's figures and another seed's text, so only what a case changes repeats. */
function nextYear(changes: (report: TReport) => void = () => {}): TReport {
  const next = startFromLastYear(seed001);
  next.ledger = { ...seed001.ledger, ...next.ledger };
  next.narrative = structuredClone(seed002.narrative);
  changes(next);
  return next;
}

describe("cross_year.in_force_chain", () => {
  it("passes 现行有效 = last year's 现行有效 + 本年制发 − 本年废止", () => {
    const next = nextYear((report) => {
      Object.assign(report.ledger, {
        "s2.normative_documents.issued": 5,
        "s2.normative_documents.repealed": 3,
        "s2.normative_documents.in_force": 98,
      });
    });
    expect(checkInForceChain(next, seed001)).toEqual([]);
  });

  it("warns with the four figures and asks for the reason when the chain breaks", () => {
    const next = nextYear((report) => {
      Object.assign(report.ledger, {
        "s2.normative_documents.issued": 5,
        "s2.normative_documents.repealed": 3,
        "s2.normative_documents.in_force": 90,
      });
    });
    const [finding, ...rest] = checkInForceChain(next, seed001);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      ruleId: "cross_year.in_force_chain",
      severity: "warning",
      expected: 98,
      actual: 90,
      cellIds: ["s2.normative_documents.issued", "s2.normative_documents.repealed", "s2.normative_documents.in_force"],
    });
    expect(finding!.message).toContain("2025年报告的现行有效件数（96）+ 本年制发件数（5）− 本年废止件数（3）= 98");
    expect(finding!.message).toContain("请在文字中说明原因");
  });

  it("checks 规章 the same way and skips a row with a blank or “/”", () => {
    const next = nextYear((report) => {
      Object.assign(report.ledger, {
        "s2.regulations.issued": 1,
        "s2.regulations.in_force": 2,
        "s2.normative_documents.in_force": "/",
      });
    });
    expect(checkInForceChain(next, seed001).map((item) => [item.cellIds[2], item.expected, item.actual])).toEqual([
      ["s2.regulations.in_force", 1, 2],
    ]);
  });
});

describe("cross_year.text_repeated", () => {
  it("passes a body rewritten for the year", () => {
    expect(checkTextRepeated(nextYear(), seed001)).toEqual([]);
  });

  it("warns when more than half of the body repeats last year's, naming the sections", () => {
    const next = nextYear((report) => {
      report.narrative = structuredClone(seed001.narrative);
      // This year's figures in last year's sentences are still last year's text.
      report.narrative.overview.topics[1]!.body = report.narrative.overview.topics[1]!.body.replace("182件", "190件");
    });
    const [finding] = checkTextRepeated(next, seed001);
    expect(finding).toMatchObject({ ruleId: "cross_year.text_repeated", severity: "warning", expected: 50, actual: 100 });
    expect(finding!.message).toContain("与2025年报告相同");
    expect(finding!.message).toContain("五、存在的主要问题及改进情况（100%）");
  });
});

describe("checkReport with last year's report", () => {
  it("runs the cross-year rules only for the year before", () => {
    const copied = startFromLastYear(seed001);
    const ids = checkReport(copied, { previousYear: seed001 }).map((item) => item.ruleId);
    expect(ids).toContain("cross_year.narrative_unedited");
    expect(ids).toContain("cross_year.text_repeated");
    const other = { ...copied, info: { ...copied.info, year: 2030 } };
    expect(checkReport(other, { previousYear: seed001 }).map((item) => item.ruleId)).not.toContain("cross_year.text_repeated");
  });
});
