import { describe, expect, it } from "vitest";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { checkReport } from "@/lib/checks/check-report";
import { checkTrends } from "@/lib/checks/cross-year";
import { startFromLastYear } from "./carry-forward";
import type { TReport } from "./report-schema";
import { compareKeyFigures, describeChange, judgeTrend, keyFigures, trendSentence } from "./year-comparison";

/** Seed 001 (湘潭县人民政府 2025): 本年新收 177, 行政许可 95133, 行政复议 77, 收费 1779.2656 万元. */
const seed001 = publishedSeedReports()[1]!.report;

/** Next year's report with seed 001's figures (and its carried-over requests), then the case's changes. */
function nextYear(ledger: TReport["ledger"] = {}): TReport {
  const next = startFromLastYear(seed001);
  next.ledger = { ...seed001.ledger, ...next.ledger, ...ledger };
  return next;
}

describe("judgeTrend", () => {
  it("marks a change beyond ×5 or below ×0.2 once either year reaches the floor", () => {
    expect(judgeTrend(200, 20, "count")).toBe("jump");
    expect(judgeTrend(20, 200, "count")).toBe("jump");
    expect(judgeTrend(40, 0, "count")).toBe("jump");
    expect(judgeTrend(0, 5000, "count")).toBe("zero");
    expect(judgeTrend(120, 10, "amount")).toBe("jump");
  });

  it("leaves small figures, ordinary changes and a small fall to 0 alone", () => {
    // 1 → 6 is ×6, but six requests are no trend.
    expect(judgeTrend(6, 1, "count")).toBeNull();
    expect(judgeTrend(25, 4, "count")).toBeNull();
    expect(judgeTrend(0, 12, "count")).toBeNull();
    expect(judgeTrend(3, 0, "count")).toBeNull();
    // ×2.4 and ×0.5 are ordinary years.
    expect(judgeTrend(60, 25, "count")).toBeNull();
    expect(judgeTrend(88, 177, "count")).toBeNull();
    expect(judgeTrend(0, 0, "count")).toBeNull();
    // 0.5 → 3 万元 of fees.
    expect(judgeTrend(3, 0.5, "amount")).toBeNull();
  });
});

describe("compareKeyFigures", () => {
  it("lists 表二's four counts and 收费, 表三's flow and result groups, 表四's two totals", () => {
    expect(keyFigures.map((figure) => figure.shortName)).toEqual([
      "行政规范性文件现行有效件数",
      "行政许可",
      "行政处罚",
      "行政强制",
      "行政事业性收费",
      "本年新收",
      "上年结转",
      "予以公开",
      "部分公开",
      "不予公开",
      "无法提供",
      "不予处理",
      "其他处理",
      "结转下年度",
      "行政复议总数",
      "行政诉讼总数",
    ]);
  });

  it("gives each figure both years, the change and its mark; a group is summed from its rows", () => {
    const changes = compareKeyFigures(
      nextYear({ "s3.new.total": 1800, "s2.licensing.decisions": 0, "s2.fees.amount": 1779.2656 }).ledger,
      seed001.ledger,
    );
    const byName = new Map(changes.map((change) => [change.figure.shortName, change]));
    expect(byName.get("本年新收")).toMatchObject({
      thisYear: 1800,
      lastYear: 177,
      difference: 1623,
      percent: 917,
      trend: "jump",
    });
    expect(byName.get("行政许可")).toMatchObject({ thisYear: 0, lastYear: 95133, percent: -100, trend: "zero" });
    expect(byName.get("行政事业性收费")).toMatchObject({ difference: 0, percent: 0, trend: null });
    expect(describeChange(byName.get("本年新收")!)).toBe("增长 917%");
    expect(describeChange(byName.get("行政事业性收费")!)).toBe("持平");
    expect(byName.get("不予处理")!.lastYear).toBe(
      ["petition_complaint", "duplicate", "publication", "excessive_repeated", "confirm_or_reissue"].reduce(
        (total, key) => total + (seed001.ledger[`s3.not_processed.${key}.total`] as number),
        0,
      ),
    );
  });

  it("compares nothing where a year is blank or “/”", () => {
    const [inForce] = compareKeyFigures(nextYear({ "s2.normative_documents.in_force": "/" }).ledger, seed001.ledger);
    expect(inForce).toMatchObject({ thisYear: null, lastYear: 96, difference: null, trend: null });
  });
});

describe("trendSentence", () => {
  it("links this year's figure and states the change in percent", () => {
    const [change] = compareKeyFigures(nextYear({ "s3.new.total": 1800 }).ledger, seed001.ledger).filter(
      (item) => item.figure.shortName === "本年新收",
    );
    expect(trendSentence(change!)).toBe("本年新收政府信息公开申请{{fig:s3.new.total}}件，比上年增长917%，主要原因是……。");
    expect(trendSentence(change!, { linked: false })).toBe("本年新收政府信息公开申请1800件，比上年增长917%，主要原因是……。");
  });

  it("names a decision and a fall to 0, and counts up from a year of 0", () => {
    const changes = compareKeyFigures(
      nextYear({ "s2.licensing.decisions": 0, "s4.review.upheld": 0, "s4.review.corrected": 0, "s4.review.other": 0 }).ledger,
      { ...seed001.ledger, "s4.review.total": 0 },
    );
    const licensing = changes.find((item) => item.figure.shortName === "行政许可")!;
    expect(trendSentence(licensing, { linked: false })).toBe("作出行政许可决定0件，比上年下降100%，主要原因是……。");
    const review = changes.find((item) => item.figure.shortName === "行政复议总数")!;
    expect(review.percent).toBeNull();
    expect(describeChange(review)).toMatch(/^增加 \d+ 件$/);
  });
});

describe("trend.jump and trend.zero", () => {
  it("warns for 本年新收 177 → 1800 with both years' figures and the sentence to write", () => {
    const findings = checkTrends(nextYear({ "s3.new.natural_person": 1800, "s3.new.total": 1800 }), seed001);
    const jump = findings.find((item) => item.cellIds.includes("s3.new.total"));
    expect(jump).toMatchObject({ ruleId: "trend.jump", severity: "warning", expected: 177, actual: 1800 });
    expect(jump!.message).toContain("2026年 1800 件，2025年 177 件，增长 917%（超过上年的 5 倍）");
    expect(jump!.message).toContain("“本年新收政府信息公开申请1800件，比上年增长917%，主要原因是……。”");
  });

  it("warns for 行政许可 95133 → 0 as trend.zero", () => {
    const [finding, ...rest] = checkTrends(nextYear({ "s2.licensing.decisions": 0 }), seed001);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ ruleId: "trend.zero", severity: "warning", expected: 95133, actual: 0 });
    expect(finding!.message).toContain("本年为 0，上年有 95133 件");
    expect(finding!.location).toEqual({ sectionId: "active_disclosure" });
  });

  it("says nothing for an ordinary year: the same figures, halved requests, 3 more reviews", () => {
    expect(checkTrends(nextYear(), seed001)).toEqual([]);
    expect(checkTrends(nextYear({ "s3.new.total": 88, "s4.review.total": 80 }), seed001)).toEqual([]);
  });

  it("runs in checkReport only with the year before, and never as an error", () => {
    const jumped = nextYear({ "s2.licensing.decisions": 0 });
    const ids = (report: TReport, previous: TReport) =>
      checkReport(report, { previousYear: previous })
        .filter((item) => item.ruleId.startsWith("trend."))
        .map((item) => item.severity);
    expect(ids(jumped, seed001)).toEqual(["warning"]);
    expect(ids({ ...jumped, info: { ...jumped.info, year: 2030 } }, seed001)).toEqual([]);
  });
});
