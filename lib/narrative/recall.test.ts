import { describe, expect, it } from "vitest";
import { seedReports } from "@/fixtures/seed-reports";
import type { TReport } from "@/lib/report/report-schema";
import { checkNarrativeFigures } from "./contradictions";

/*
 * 复议/诉讼 and 答复/办结 counts read from their paragraph or topic (issue 24), on seed 001's
 * tables: 办结 173, 结转下年度 9; 行政复议 77; 行政诉讼 32. Topic 1 is 依申请公开规范有序,
 * topic 0 主动公开提质增效.
 */
const seed001 = seedReports()[1]!.report;

function withText(text: string, topic = 1): TReport {
  const report = structuredClone(seed001);
  report.narrative.overview.topics[topic]!.body = text;
  return report;
}

const found = (text: string, topic = 1) =>
  checkNarrativeFigures(withText(text, topic)).map((item) => [
    item.ruleId,
    item.location?.figureId ?? null,
    item.expected,
    item.actual,
  ]);

describe("复议/诉讼 and 答复/办结 counts in sentences about 依申请公开 or 复议诉讼", () => {
  it.each([
    ["under the 依申请公开 topic", "全年发生行政诉讼案件9件。", 1, "s4.litigation.total", 32, 9],
    ["with 政府信息公开 in the paragraph", "持续规范政府信息公开工作。全年发生行政复议案件9件。", 0, "s4.review.total", 77, 9],
    [
      "答复 after the requests' sentence",
      "全年收到政府信息公开申请177件。答复12件，均在法定期限内。",
      0,
      "s3.results_total.total",
      173,
      12,
    ],
    ["办结 under the 依申请公开 topic", "全年办结170件。", 1, "s3.results_total.total", 173, 170],
    // 上海市科委 2024: “涉及的行政诉讼数为0件” after a sentence on its 政府信息公开 review.
    [
      "a count stated as 数为",
      "2024年市科委有1件涉及政府信息公开工作的行政复议，该行政复议件未被复议审查机关纠错。涉及的行政诉讼数为0件。",
      0,
      "s4.litigation.total",
      32,
      0,
    ],
  ] as const)("reads %s", (_, text, topic, figureId, expected, actual) => {
    expect(found(text, topic)).toEqual([["narrative.figure_mismatch", figureId, expected, actual]]);
  });

  it.each([
    ["last year's figures", "上年度发生行政诉讼案件9件，2024年答复120件。"],
    ["totals over three years", "近三年共发生行政复议案件30件；2023年至2025年累计答复500件。"],
    ["monthly averages", "月均答复15件，年均发生行政诉讼案件3件。"],
    ["约 and 左右", "全年答复约180件，发生行政诉讼案件10件左右。"],
    ["the agency as 复议机关", "本机关作为复议机关，全年受理行政复议案件45件，行政诉讼应诉12件。"],
    ["a 复议委员会's cases", "县政府行政复议委员会全年审结行政复议案件86件，发生行政诉讼案件9件。"],
    ["letters and proposals", "答复人大代表建议12件、政协提案8件，答复网民留言56件。"],
    ["a topic on something else, without 信息公开", "全年发生行政诉讼案件9件，答复12件。", 4],
    // 上海市科委 2024: results worded with 答复, and the requests carried forward.
    [
      "答复 after a result or 结转 (上海市科委 2024)",
      "所有办结的信息公开申请中同意公开答复57件，部分公开答复30件，不予公开答复14件，无法提供的48件，转下一年度办理答复的有9件。",
    ],
    // 上海市人民政府办公厅 2025: 办结 with the carried-over requests named.
    ["办结 including 上年结转", "市政府共受理政府信息公开申请177件，办结173件（含上年结转5件），均在法定期限内答复。"],
  ] as [string, string, number?][])("keeps silent on %s", (_, text, topic = 1) => {
    expect(found(text, topic)).toEqual([]);
  });
});

describe("所有申请均已办理完成 against 结转下年度", () => {
  it("warns when 结转下年度 is not 0 (上海市科委 2024: 结转 1)", () => {
    const text = "全年收到政府信息公开申请177件，上年结转政府信息公开申请5件，所有申请均已按要求办理完成。";
    const [finding, ...rest] = checkNarrativeFigures(withText(text));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ ruleId: "narrative.outcome_claim", severity: "warning", actual: 9 });
    expect(finding!.message).toContain("文中说“申请均已按要求办理完成”，但表三有结转下年度 9 件");
  });

  it("says nothing when nothing is carried forward", () => {
    const report = withText("全年收到政府信息公开申请177件，所有申请均已办结。");
    report.ledger["s3.carried_forward.total"] = 0;
    report.ledger["s3.carried_forward.natural_person"] = 0;
    expect(checkNarrativeFigures(report)).toEqual([]);
  });

  it.each([
    "所有申请均已按时办结。",
    "上年结转的申请均已办结。",
    "申请均在法定期限内答复。",
    "群众来信申请均已办理完毕。",
    "除结转下年度的9件外，其余申请均已办结。",
  ])("leaves %s alone", (text) => {
    expect(checkNarrativeFigures(withText(`全年收到政府信息公开申请177件。${text}`))).toEqual([]);
  });
});
