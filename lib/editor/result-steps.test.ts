import { describe, expect, it } from "vitest";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { checkReport } from "@/lib/checks/check-report";
import { FORMAT_VERSION, ZReport } from "@/lib/report/report-schema";
import { countResultsByStep, resultStep } from "./result-steps";

describe("the step a result is counted and shown in", () => {
  it("counts an empty report's missing 一、五、六 in those steps and its blank tables in theirs", () => {
    const empty = ZReport.parse({ formatVersion: FORMAT_VERSION, info: { agencyName: "测试县人民政府", year: 2025 } });
    const counts = countResultsByStep(checkReport(empty));
    for (const step of [
      "overview",
      "problems",
      "other_matters",
      "active_disclosure",
      "applications",
      "reviews_litigation",
    ] as const) {
      expect(counts[step].errors, step).toBe(1);
    }
    expect(counts.info.errors).toBe(0);
  });

  it("shows a sentence contradicting 表三 in the step of its text, not of the table", () => {
    const report = structuredClone(publishedSeedReports()[1]!.report);
    report.narrative.overview.topics[1]!.body = "本年度共收到政府信息公开申请999件。";
    const mismatch = checkReport(report).find((result) => result.ruleId === "narrative.figure_mismatch")!;
    expect(mismatch.cellIds.length).toBeGreaterThan(0);
    expect(resultStep(mismatch)).toBe("overview");
  });

  it("shows a table's own rule results and a section's structural results in their sections", () => {
    expect(
      resultStep({ ruleId: "s3.balance", severity: "error", cellIds: ["s3.new.total"], expected: 0, actual: 1, message: "" }),
    ).toBe("applications");
    expect(
      resultStep({
        ruleId: "structure.section_empty",
        severity: "error",
        cellIds: [],
        expected: null,
        actual: null,
        message: "",
        location: { sectionId: "reviews_litigation" },
      }),
    ).toBe("reviews_litigation");
    expect(
      resultStep({
        ruleId: "structure.title",
        severity: "error",
        cellIds: [],
        expected: null,
        actual: null,
        message: "",
        location: { field: "info.title" },
      }),
    ).toBe("info");
  });
});
