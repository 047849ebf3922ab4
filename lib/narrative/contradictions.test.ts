import { describe, expect, it } from "vitest";
import { seedReports } from "@/fixtures/seed-reports";
import { figureReference } from "@/lib/format/linked-figures";
import type { LedgerRuleId } from "@/lib/format/rule-catalogue";
import type { TReport } from "@/lib/report/report-schema";
import { checkNarrativeFigures, checkReferences } from "./contradictions";
import { topicField } from "./narrative-fields";
import { replaceWithReference } from "./references";
import { findStatedFigures } from "./stated-figures";

/*
 * Seed 001's tables: 本年新收 177, 上年结转 5 (收到 182), 办结 173 (予以公开 57, 部分公开 30,
 * 不予公开 14, 无法提供 48, 不予处理 1, 其他处理 23), 结转下年度 9; 自然人新收 174, 法人 3;
 * 复议 77 (维持 37, 纠正 19, 其他 4, 未审结 17); 诉讼 32 (直接起诉 22, 复议后 10; 维持 29,
 * 其他 2, 未审结 1); 行政规范性文件 制发 6 废止 12 有效 96; 许可 95133, 处罚 32199, 强制 5550;
 * 行政事业性收费 1779.2656 万元; （六）2 逾期未缴费 14.
 */
const seed001 = seedReports()[1]!.report;

/** Seed 001 with one paragraph in 一（二）依申请公开. */
function withText(text: string, base: TReport = seed001): TReport {
  const report = structuredClone(base);
  report.narrative.overview.topics[1]!.body = text;
  return report;
}

const findings = (text: string) => checkNarrativeFigures(withText(text));
const ruleIds = (text: string) => findings(text).map((item) => item.ruleId);

describe("figures that agree with the tables raise nothing", () => {
  it.each([
    "2025年，全县各行政机关共受理办理政府信息公开申请182件，包含上年度结转5件。",
    "全年共受理政府信息公开申请182件（含上年结转5件）。",
    "本年度新收政府信息公开申请177件，上年结转5件。",
    "本年度共收到政府信息公开申请182件，其中本年新收177件、上年结转5件；办结173件。",
    "收到政府信息公开申请177件，办结173件，结转下年度继续办理9件。",
    "其中，予以公开57件，部分公开30件，不予公开14件，无法提供48件，不予处理1件，其他处理23件。",
    "依申请公开方面，予以公开和部分公开共87件，占办结总数的50.3%。",
    "共收到自然人申请174件、法人或其他组织申请3件。",
    "全年收到政府信息公开申请一百七十七件。",
    "全年收到政府信息公开申请１７７件，占比无。",
    "依申请公开方面，全年共办理政府信息公开申请182件。",
    "本年度因政府信息公开工作被申请行政复议77件，其中结果维持37件，结果纠正19件，其他结果4件，尚未审结17件。",
    "因政府信息公开被提起行政诉讼32件，其中未经复议直接起诉22件、复议后起诉10件。",
    "本年度制发行政规范性文件6件，废止12件，现行有效96件。",
    "全年作出行政许可决定95133件，行政处罚决定32199件，行政强制5550件。",
    "本年度收取行政事业性收费1779.27万元。",
    "属于信访举报投诉类申请不予处理1件。",
    "共受理政府信息公开申请177件，答复173件。其中同意公开或部分公开共87件，公开率为50.29%。",
    "依申请公开方面，本年度全县共受理政府信息公开申请177件，上年度转结5件。",
  ])("%s", (text) => {
    expect(findings(text)).toEqual([]);
  });
});

describe("figures whose table counterpart is unclear are left alone", () => {
  it.each([
    ["letters, not requests", "全年收到群众来信359件，其中答复351件，正在处理8件。"],
    ["hotline tickets", "2025年政务中心共收到1084件投诉工单，其中12345热线工单1056件。"],
    ["a change, not a count", "全年政府信息公开申请数量较上年增加20件。"],
    ["last year's figure", "2024年收到政府信息公开申请150件。"],
    ["a channel's part", "其中通过网络渠道受理政府信息公开申请100件。"],
    ["one channel", "通过网上平台受理政府信息公开申请100件，当面提交申请77件。"],
    ["several years", "近三年共收到政府信息公开申请500件。"],
    ["an average", "月均收到政府信息公开申请15件。"],
    ["an approximation", "全年收到政府信息公开申请约180件，受理申请100余件。"],
    ["the agency as 复议机关", "本机关作为复议机关，办理政府信息公开类行政复议案件45件。"],
    ["reviews outside 政府信息公开", "全年办理行政复议案件120件，行政诉讼应诉30件。"],
    ["published, not issued", "主动公开规范性文件8件，清理规范性文件30件。"],
    ["two kinds of document in one figure", "刊登政府规章、规范性文件等112件。"],
    ["information about penalties", "公示行政处罚信息300件，公开行政许可事项目录200件。"],
    ["the information-processing fee", "收取信息处理费0.5万元。"],
    ["each", "行政复议、行政诉讼各1件，均涉及政府信息公开。"],
    ["a withdrawn review", "因政府信息公开被申请行政复议77件，申请人撤回31件。"],
    ["one thing done", "推进“高效办成一件事”，依申请公开件件有回音。"],
    ["parts of the published 规章", "主动公开市政府规章13件（含新制定5件，修改4件，废止4件），主动公开行政规范性文件42件。"],
    ["information items, not requests", "共制作政府信息3021件，其中依申请公开信息459件，不予公开信息1535件。"],
    ["half a year", "2025年上半年，共受理政府信息公开申请67件，答复63件。"],
    ["requests picked out by a fault", "依申请公开答复不规范的政府信息公开申请3件，逾期答复2件，办理不规范1件。"],
  ])("%s", (_, text) => {
    expect(findings(text)).toEqual([]);
  });
});

it("leaves other kinds of application alone outside 依申请公开", () => {
  const report = structuredClone(seed001);
  report.narrative.overview.topics[0]!.body = "全年办理政务服务事项申请12万件，受理行政许可申请1200件，收到人才补贴申请300件。";
  expect(checkNarrativeFigures(report)).toEqual([]);
});

describe("narrative.figure_mismatch", () => {
  it("quotes the sentence and both numbers, and locates the figure for 改为关联数字", () => {
    const text = "依申请公开方面，本年度收到政府信息公开申请180件，办结173件。";
    const [finding, ...rest] = findings(text);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      ruleId: "narrative.figure_mismatch",
      severity: "warning",
      expected: 177,
      actual: 180,
      cellIds: ["s3.new.total"],
      location: {
        field: topicField(1),
        start: text.indexOf("180"),
        end: text.indexOf("180") + 3,
        sectionId: "overview",
        figureId: "s3.new.total",
      },
    });
    expect(finding!.message).toContain(`“${text.slice(0, -1)}”`);
    expect(finding!.message).toContain("180 件");
    expect(finding!.message).toContain("177 件");
    expect(finding!.message).toContain("改为关联数字");
  });

  it.each([
    ["予以公开50件", "s3.granted.total", 57, 50],
    ["依申请公开：不予公开十二件", "s3.withheld.total", 14, 12],
    ["政府信息公开申请办结170件", "s3.results_total.total", 173, 170],
    ["依申请公开：结转下年度继续办理10件", "s3.carried_forward.total", 9, 10],
    ["依申请公开方面，共收到政府信息公开申请177件，上年结转4件", "s3.carried_over.total", 5, 4],
    ["依申请公开方面，收到自然人申请170件", "s3.new.natural_person", 174, 170],
    ["因政府信息公开被申请行政复议70件", "s4.review.total", 77, 70],
    ["因政府信息公开被申请行政复议77件，其中纠正9件", "s4.review.corrected", 19, 9],
    ["因政府信息公开被提起行政诉讼32件，其中复议后起诉12件", "s4.litigation_after_review.total", 10, 12],
    ["制发规范性文件8件", "s2.normative_documents.issued", 6, 8],
    ["行政规范性文件现行有效90件", "s2.normative_documents.in_force", 96, 90],
    ["作出行政处罚决定3万件", null, null, null],
    ["作出行政处罚决定32000件", "s2.penalties.decisions", 32199, 32000],
    ["收取行政事业性收费1800万元", "s2.fees.amount", 1779.2656, 1800],
  ] as const)("%s", (text, figureId, expected, actual) => {
    const found = findings(`${text}。`);
    if (figureId === null) {
      expect(found).toEqual([]);
      return;
    }
    expect(found.map((item) => [item.ruleId, item.location?.figureId, item.expected, item.actual])).toEqual([
      ["narrative.figure_mismatch", figureId, expected, actual],
    ]);
  });

  it("finds seed 004's 失效12件 against 本年废止 0", () => {
    const seed004 = seedReports()[4]!.report;
    const text = "2023年全县共制发规范性文件12件，失效12件，现行有效规范性文件共有70件。";
    const found = checkNarrativeFigures(withText(text, seed004));
    expect(found.map((item) => [item.ruleId, item.location?.figureId, item.expected, item.actual])).toEqual([
      ["narrative.figure_mismatch", "s2.normative_documents.repealed", 0, 12],
    ]);
    expect(found[0]!.location?.start).toBe(text.indexOf("失效12") + 2);
  });

  it("a narrower scope (one office for the government) still gets the warning", () => {
    expect(ruleIds("县政府办公室代表县政府共受理政府信息公开申请150件。")).toEqual(["narrative.figure_mismatch"]);
  });

  it("says nothing where the table cell is blank", () => {
    const report = withText("予以公开50件。");
    delete report.ledger["s3.granted.total"];
    for (const column of [
      "natural_person",
      "commercial_enterprise",
      "research_institution",
      "public_interest_organization",
      "legal_service_organization",
      "other_organization",
    ]) {
      delete report.ledger[`s3.granted.${column}`];
    }
    expect(checkNarrativeFigures(report)).toEqual([]);
  });
});

describe("narrative.received_includes_carried_over", () => {
  it("warns when 收到 states 本年新收 + 上年结转 without saying so", () => {
    const [finding, ...rest] = findings("本年度共收到政府信息公开申请182件，均按时答复。");
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ ruleId: "narrative.received_includes_carried_over", expected: 177, actual: 182 });
    expect(finding!.message).toContain("本年新收（177）加上年结转（5）");
    expect(finding!.message).toContain("含上年结转5件");
  });

  it("passes when the sentence says the total includes 上年结转", () => {
    expect(findings("本年度共收到政府信息公开申请182件，其中上年结转5件。")).toEqual([]);
  });
});

describe("narrative.share_mismatch", () => {
  it("checks 占N% against the count's share of 办结, 收到 or 新收", () => {
    expect(findings("予以公开57件，占32.9%。")).toEqual([]); // 57 / 173
    expect(findings("予以公开57件，占31.3%。")).toEqual([]); // 57 / 182
    expect(findings("不予公开14件，占8%。")).toEqual([]); // 14 / 173 = 8.09, cut to 8
    const [finding] = findings("予以公开57件，占40%。");
    expect(finding).toMatchObject({ ruleId: "narrative.share_mismatch", expected: 32.9, actual: 40 });
    expect(finding!.message).toContain("40%");
  });

  it("leaves the share to the count's own warning when the count is wrong", () => {
    const found = findings("予以公开50件，占40%。");
    expect(found.map((item) => item.ruleId)).toEqual(["narrative.figure_mismatch"]);
    expect(found[0]!.message).toContain("“占40%”也请一并核对");
  });
});

describe("narrative.outcome_claim", () => {
  it("finds 均获维持 against 纠正 and 尚未审结", () => {
    const [finding, ...rest] = findings("信息公开类行政复议77件，诉讼32件，均获维持。");
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ ruleId: "narrative.outcome_claim", expected: 0, actual: 19 + 17 + 1 });
    expect(finding!.message).toContain("行政复议结果纠正 19 件");
    expect(finding!.message).toContain("行政诉讼尚未审结 1 件");
  });

  it("passes when nothing was corrected or is pending", () => {
    const report = withText("因政府信息公开被申请行政复议2件，均获维持。");
    Object.assign(report.ledger, {
      "s4.review.upheld": 2,
      "s4.review.corrected": 0,
      "s4.review.other": 0,
      "s4.review.pending": 0,
      "s4.review.total": 2,
    });
    expect(checkNarrativeFigures(report)).toEqual([]);
  });

  it("checks 均已审结 against 尚未审结 only", () => {
    const report = withText("因政府信息公开被申请行政复议77件，均已审结。");
    report.ledger["s4.review.pending"] = 0;
    report.ledger["s4.review.upheld"] = 54;
    expect(checkNarrativeFigures(report)).toEqual([]);
    expect(ruleIds("因政府信息公开被申请行政复议77件，均已审结。")).toEqual(["narrative.outcome_claim"]);
  });
});

describe("narrative.outcome_claim: “none” claims", () => {
  it("finds 未发生行政复议、行政诉讼 against the cases in 表四", () => {
    const [finding, ...rest] = findings("本年度未发生因政府信息公开被申请行政复议、提起行政诉讼的情况。");
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ ruleId: "narrative.outcome_claim", actual: 77 + 32 });
    expect(finding!.message).toContain("但表四有行政复议总计 77 件、行政诉讼总计 32 件");
  });

  it("passes 未发生 where 表四 has no case, and 未发生败诉 whatever the cases", () => {
    const report = withText("本年度未发生政府信息公开行政复议和行政诉讼案件。");
    for (const id of Object.keys(report.ledger).filter((id) => id.startsWith("s4."))) report.ledger[id] = 0;
    expect(checkNarrativeFigures(report)).toEqual([]);
    expect(findings("信息公开类行政诉讼未发生败诉。")).toEqual([]);
  });

  it("finds 未收到政府信息公开申请 against 本年新收, and passes it at 0 (seed 000)", () => {
    expect(findings("全年未收到政府信息公开申请。").map((item) => [item.ruleId, item.actual])).toEqual([
      ["narrative.outcome_claim", 177],
    ]);
    const seed000 = seedReports()[0]!.report;
    expect(checkNarrativeFigures(withText("规范依申请公开工作机制，全年未有收到相关申请。", seed000))).toEqual([]);
  });
});

describe("linked figures are never stated figures", () => {
  it("skips a reference and keeps its wording as context", () => {
    const text = `本年度共收到政府信息公开申请${figureReference("s3.received.total")}件，其中上年结转4件。`;
    const found = findings(text);
    expect(found.map((item) => [item.ruleId, item.expected, item.actual])).toEqual([["narrative.figure_mismatch", 5, 4]]);
  });

  it("turns a stated figure into a reference with the result's location (改为关联数字)", () => {
    const text = "依申请公开方面，本年度收到政府信息公开申请180件。";
    const report = withText(text);
    const [finding] = checkNarrativeFigures(report);
    const { field, start, end, figureId } = finding!.location!;
    expect(field).toBe(topicField(1));
    const linked = replaceWithReference(text, start!, end!, figureId!);
    expect(linked).toBe(`依申请公开方面，本年度收到政府信息公开申请${figureReference("s3.new.total")}件。`);
    expect(checkNarrativeFigures(withText(linked))).toEqual([]);
  });
});

describe("narrative.reference_unknown", () => {
  it("is an error with the reference's range, not a crash", () => {
    const text = `收到申请${figureReference("s3.nowhere.total")}件。`;
    const results = checkReferences(withText(text));
    expect(results).toEqual([
      expect.objectContaining({
        ruleId: "narrative.reference_unknown" satisfies LedgerRuleId,
        severity: "error",
        location: { field: topicField(1), start: 4, end: 4 + figureReference("s3.nowhere.total").length, sectionId: "overview" },
      }),
    ]);
    expect(results[0]!.message).toContain("s3.nowhere.total");
  });

  it("accepts every known reference", () => {
    expect(checkReferences(withText(`收到申请${figureReference("s3.received.total")}件。`))).toEqual([]);
  });
});

describe("findStatedFigures", () => {
  it("reads Arabic, Chinese and full-width figures with their ranges", () => {
    const text = "依申请公开：收到政府信息公开申请１７７件，办结一百七十三件，结转下年度9件。";
    const { figures } = findStatedFigures(withText(text));
    expect(figures.map((figure) => [figure.text, figure.value, figure.figureId, text.slice(figure.start, figure.end)])).toEqual([
      ["１７７", 177, "s3.new.total", "１７７"],
      ["一百七十三", 173, "s3.results_total.total", "一百七十三"],
      ["9", 9, "s3.carried_forward.total", "9"],
    ]);
  });
});

describe("a quote with a linked figure in it", () => {
  it("shows the number the reference prints, not the reference", () => {
    const report = structuredClone(seedReports()[1]!.report);
    report.narrative.overview.topics[1]!.body = "本年度共收到政府信息公开申请{{fig:s3.new.total}}件，办结180件。";
    const [finding] = checkNarrativeFigures(report).filter((result) => result.ruleId === "narrative.figure_mismatch");
    expect(finding?.message).toContain("申请177件，办结180件");
    expect(finding?.message).not.toContain("{{fig:");
  });
});
