import { describe, expect, it } from "vitest";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { ZReport } from "@/lib/report/report-schema";
import { checkReport, countBySeverity } from "./check-report";

describe("checkReport", () => {
  it("never lets an empty new report pass as official: its tables and 一、五、六 are errors", () => {
    const empty = ZReport.parse({ formatVersion: "2021", info: { agencyName: "某县人民政府", year: 2025 } });
    const results = checkReport(empty);
    expect(countBySeverity(results).errors).toBeGreaterThan(0);
    expect(
      results.filter((item) => item.severity === "error").map((item) => [item.ruleId, item.location?.sectionId ?? null]),
    ).toEqual([
      ["ledger.blank", null],
      ["ledger.blank", null],
      ["ledger.blank", null],
      ["structure.section_empty", "overview"],
      ["structure.section_empty", "problems"],
      ["structure.section_empty", "other_matters"],
    ]);
  });

  it("puts errors first and keeps each rule's order", () => {
    const seed004 = publishedSeedReports()[4]!.report;
    expect(checkReport(seed004).map((item) => [item.severity, item.ruleId])).toEqual([
      ["error", "ledger.blank"],
      ["warning", "narrative.figure_mismatch"],
    ]);
  });

  it("names a table the import found missing once, not also cell by cell", () => {
    const seed004 = publishedSeedReports()[4]!.report;
    const imported = { ...seed004, importedSections: { absent: ["reviews_litigation" as const], empty: [] } };
    expect(checkReport(imported).map((item) => item.ruleId)).toEqual(["structure.section_empty", "narrative.figure_mismatch"]);
  });
});
