import { describe, expect, it } from "vitest";
import { publishedSeedReports, seedReports } from "@/fixtures/seed-reports";
import { generateOpeningParagraph } from "@/lib/document/opening-paragraph";
import type { LedgerRuleId } from "@/lib/format/rule-catalogue";
import { type TReport, ZReport } from "@/lib/report/report-schema";
import { checkStructure } from "./structure";

/** Seed 001 as published: complete, its title standard; (六)2 逾期未缴费 is 14. */
const seed001 = publishedSeedReports()[1]!.report;
const copy = () => structuredClone(seed001);
const only = (report: TReport, ruleId: LedgerRuleId) => checkStructure(report).filter((item) => item.ruleId === ruleId);

describe("structure.section_empty", () => {
  it("passes a report with text in 一、五 and 六", () => {
    expect(only(seed001, "structure.section_empty")).toEqual([]);
  });

  it("finds 一、五 and 六 left empty in a new report, as errors at their fields", () => {
    const empty = ZReport.parse({ formatVersion: "2021", info: { agencyName: "某县人民政府", year: 2025 } });
    const found = only(empty, "structure.section_empty");
    expect(found.map((item) => [item.severity, item.location])).toEqual([
      ["error", { field: "narrative.overview.intro", sectionId: "overview" }],
      ["error", { field: "narrative.problems.body", sectionId: "problems" }],
      ["error", { field: "narrative.other_matters.body", sectionId: "other_matters" }],
    ]);
    expect(found[0]!.message).toMatch(/^一、总体情况：没有内容/);
  });

  it("counts 六's 信息处理费 sentence as content", () => {
    const report = copy();
    report.narrative.other_matters.body = "";
    expect(only(report, "structure.section_empty")).toHaveLength(1);
    report.narrative.other_matters.processingFees.noticesIssued = 14;
    expect(only(report, "structure.section_empty")).toEqual([]);
  });

  it("names a table section the import found missing while its table is still blank", () => {
    const report = seedReports()[4]!.report; // seed 004 published no 四
    expect(only(report, "structure.section_empty")).not.toContainEqual(
      expect.objectContaining({ location: { sectionId: "reviews_litigation" } }),
    );
    const imported = { ...report, importedSections: { absent: ["reviews_litigation" as const], empty: [] } };
    const [finding] = only(imported, "structure.section_empty").filter(
      (item) => item.location?.sectionId === "reviews_litigation",
    );
    expect(finding!.message).toBe("四、政府信息公开行政复议、行政诉讼情况：原报告缺少此部分，表四没有数字。请按国家格式填报表四");
    expect(finding!.cellIds).toHaveLength(12);
    // Once staff fill the table the marker no longer matters.
    const filled = { ...seed001, importedSections: { absent: ["reviews_litigation" as const], empty: [] } };
    expect(only(filled, "structure.section_empty")).toEqual([]);
  });
});

describe("structure.title", () => {
  it("accepts no title of its own, the standard title, or the standard title with a layout gap", () => {
    expect(only(seed001, "structure.title")).toEqual([]);
    const report = copy();
    report.info.title = "湘潭县人民政府2025年政府信息公开      工作年度报告";
    expect(only(report, "structure.title")).toEqual([]);
  });

  it("finds seed 000's 政府信息公开报告 as an error, unless staff confirm it as approved", () => {
    const report = copy();
    report.info.title = "湘潭县人民政府2025年度政府信息公开报告";
    const [finding] = only(report, "structure.title");
    expect(finding).toMatchObject({ severity: "error", location: { field: "info.title" } });
    expect(finding!.message).toContain("“湘潭县人民政府2025年政府信息公开工作年度报告”");
    report.info.titleApproved = true;
    expect(only(report, "structure.title")).toEqual([]);
  });
});

describe("structure.contents_list", () => {
  const withOpening = (openingParagraph: string) => ({ ...copy(), info: { ...seed001.info, openingParagraph } });

  it.each([
    "本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、因政府信息公开工作被申请行政复议与提起行政诉讼情况、政府信息公开工作存在的主要问题及改进情况、其他需要报告的事项等六个部分。",
    "全文由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议行政诉讼情况、存在的主要问题及改进措施、其他需要报告的事项等六部分组成。",
    "全文分为六大组成部分：\n总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告。",
    "全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、因政府信息公开工作被申请行政复议和提起行政诉讼情况、政府信息公开工作存在的主要问题及改进情况及其他需要报告的事项。",
    "本报告由湘潭县人民政府办公室编制。",
  ])("passes %s", (openingParagraph) => {
    expect(only(withOpening(openingParagraph), "structure.contents_list")).toEqual([]);
  });

  it("passes the opening paragraph the app generates", () => {
    expect(only(withOpening(generateOpeningParagraph(seed001.info)), "structure.contents_list")).toEqual([]);
  });

  it("finds a list of five parts that says 六部分 (domain §4.4 rule 13)", () => {
    const text =
      "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、存在问题及改进情况、其他需要报告的事项等六部分组成。";
    const [finding, ...rest] = only(withOpening(text), "structure.contents_list");
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      severity: "warning",
      expected: 6,
      actual: 6,
      location: { field: "info.openingParagraph", start: 0 },
    });
    expect(finding!.message).toContain("未列出四、政府信息公开行政复议、行政诉讼情况");
    expect(finding!.message).toContain("说共六部分，实际列出五部分");
  });

  it("finds a wrong count in the 导语 too", () => {
    const report = copy();
    report.narrative.overview.intro =
      "全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项，共五部分。";
    const [finding] = only(report, "structure.contents_list");
    expect(finding!.location?.field).toBe("narrative.overview.intro");
    expect(finding!.message).toContain("说共五部分，实际列出六部分");
  });
});

describe("structure.problems_none", () => {
  it.each(["无", "无。", "暂无", "没有。"])("finds 五 that says only “%s”", (body) => {
    const report = copy();
    report.narrative.problems.body = body;
    expect(only(report, "structure.problems_none")).toEqual([
      expect.objectContaining({ severity: "warning", location: { field: "narrative.problems.body", sectionId: "problems" } }),
    ]);
  });

  it("passes 五 that states problems and measures", () => {
    expect(only(seed001, "structure.problems_none")).toEqual([]);
  });
});

describe("s6.fee_notices", () => {
  it("warns when （六）2 逾期未缴费 is above 0 and 六 states no fee notices (seed 001)", () => {
    const [finding] = only(seed001, "s6.fee_notices");
    expect(finding).toMatchObject({ severity: "warning", expected: 14, actual: null, cellIds: ["s3.other.fee_unpaid.total"] });
    expect(finding!.message).toContain("2.逾期未缴费为 14 件");
  });

  it("passes when 六 states at least as many notices, in its text or the structured field", () => {
    const report = copy();
    report.narrative.other_matters.body = "本年度发出信息处理费收费通知十五件，申请人均未缴费。";
    expect(only(report, "s6.fee_notices")).toEqual([]);
    report.narrative.other_matters.body = "本年度发出收费通知12件。";
    expect(only(report, "s6.fee_notices")).toMatchObject([{ expected: 14, actual: 12 }]);
    report.narrative.other_matters.processingFees.noticesIssued = 14;
    expect(only(report, "s6.fee_notices")).toEqual([]);
  });

  it("never takes 表二's 行政事业性收费 for the 信息处理费", () => {
    const report = copy();
    report.ledger["s3.other.fee_unpaid.natural_person"] = 0;
    report.ledger["s3.other.fee_unpaid.total"] = 0;
    report.ledger["s3.other.other.natural_person"] = 20;
    report.ledger["s3.other.other.total"] = 20;
    report.narrative.other_matters.body = "无。";
    expect(report.ledger["s2.fees.amount"]).toBeGreaterThan(0);
    expect(only(report, "s6.fee_notices")).toEqual([]);
  });
});

describe("cross_year.narrative_unedited", () => {
  it("finds each text still marked 沿用上年内容, the 导语 included", () => {
    const report = copy();
    report.narrative.overview.introCarriedFromLastYear = true;
    report.narrative.overview.topics[2]!.carriedFromLastYear = true;
    report.narrative.problems.carriedFromLastYear = true;
    expect(only(report, "cross_year.narrative_unedited").map((item) => item.location)).toEqual([
      { field: "narrative.overview.intro", sectionId: "overview" },
      { field: "narrative.overview.topics.2.body", sectionId: "overview" },
      { field: "narrative.problems.body", sectionId: "problems" },
    ]);
  });

  it("passes edited text", () => {
    expect(only(seed001, "cross_year.narrative_unedited")).toEqual([]);
  });
});
