import { describe, expect, it } from "vitest";
import { seedReports } from "@/fixtures/seed-reports";
import { ledgerCells } from "@/lib/format";
import type { TReport } from "@/lib/report/report-schema";
import { diffReports, jsonEqual, sameReportContent } from "./report-diff";

const seed001 = () => structuredClone(seedReports()[1]!.report);

describe("diffReports", () => {
  it("finds nothing between a report and its copy", () => {
    const report = seed001();
    expect(diffReports(report, structuredClone(report))).toEqual({ changedCells: [], changedSections: [] });
    expect(sameReportContent(report, structuredClone(report))).toBe(true);
  });

  it("names each changed cell in the reading order of the tables", () => {
    const before = seed001();
    const after = structuredClone(before);
    after.ledger["s4.review.upheld"] = 7;
    after.ledger["s3.new.natural_person"] = 1234;
    delete after.ledger["s3.granted.natural_person"];
    expect(diffReports(before, after)).toEqual({
      changedCells: ["s3.new.natural_person", "s3.granted.natural_person", "s4.review.upheld"],
      changedSections: [],
    });
    expect(sameReportContent(before, after)).toBe(false);
  });

  it("treats a missing cell and null as the same blank, but 0 and “/” as values", () => {
    const before = seed001();
    const id = "s3.new.natural_person";
    delete before.ledger[id];
    const withNull = structuredClone(before);
    withNull.ledger[id] = null;
    expect(diffReports(before, withNull).changedCells).toEqual([]);
    expect(sameReportContent(before, withNull)).toBe(true);

    const withZero = structuredClone(before);
    withZero.ledger[id] = 0;
    const notApplicable = structuredClone(before);
    notApplicable.ledger[id] = "/";
    expect(diffReports(before, withZero).changedCells).toEqual([id]);
    expect(diffReports(withZero, notApplicable).changedCells).toEqual([id]);
  });

  it("names the changed sections", () => {
    const before = seed001();
    const info = structuredClone(before);
    info.info.compilingOffice.phone = "0731-57821234";
    expect(diffReports(before, info).changedSections).toEqual(["info"]);

    const narrative = structuredClone(before);
    narrative.narrative.overview.topics[0]!.body = "全年主动公开政府信息 1,234 条。";
    narrative.narrative.problems.carriedFromLastYear = true;
    narrative.narrative.other_matters.processingFees.noticesIssued = 0;
    expect(diffReports(before, narrative)).toEqual({
      changedCells: [],
      changedSections: ["overview", "problems", "other_matters"],
    });
  });

  it("names a confirmed imported figure (only the import review changes), so the save is not taken for no change", () => {
    const cellId = ledgerCells[0]!.id;
    const imported = {
      ...seed001(),
      importReview: {
        source: { fileName: "年报.pdf", fileType: "pdf" as const },
        detectedFormat: "2021" as const,
        notes: [],
        unconfirmedCellIds: [cellId],
      },
    };
    const confirmed = { ...imported, importReview: { ...imported.importReview, unconfirmedCellIds: [] } };
    expect(diffReports(imported, confirmed)).toEqual({ changedCells: [], changedSections: ["import_review"] });
    expect(sameReportContent(imported, confirmed)).toBe(false);
    expect(diffReports(null, imported).changedSections).toContain("import_review");
  });

  it("counts every filled cell and every section as changed for a new report", () => {
    const report = seed001();
    const filled = ledgerCells.map((cell) => cell.id).filter((id) => (report.ledger[id] ?? null) !== null);
    expect(filled.length).toBeGreaterThan(50);
    expect(diffReports(null, report)).toEqual({
      changedCells: filled,
      changedSections: ["info", "overview", "problems", "other_matters"],
    });
  });

  it("ignores key order, as jsonb does not keep it", () => {
    const report = seed001();
    const reordered = JSON.parse(
      JSON.stringify({
        ledger: report.ledger,
        narrative: report.narrative,
        info: report.info,
        formatVersion: report.formatVersion,
      }),
    ) as TReport;
    expect(sameReportContent(report, reordered)).toBe(true);
  });
});

describe("jsonEqual", () => {
  it("compares JSON values structurally", () => {
    expect(jsonEqual({ a: [1, { b: "x" }] }, { a: [1, { b: "x" }] })).toBe(true);
    expect(jsonEqual({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual(null, {})).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
    expect(jsonEqual(0, "0")).toBe(false);
  });
});
