import { describe, expect, it } from "vitest";
import { seedReports } from "@/fixtures/seed-reports";
import type { TReport } from "@/lib/report/report-schema";
import { PROBLEMS_FIELD, topicField } from "./narrative-fields";
import { checkOutline, findNumberingProblems, outlineHeadings } from "./outline";

const seed001 = seedReports()[1]!.report;

function withProblems(body: string): TReport {
  const report = structuredClone(seed001);
  report.narrative.problems.body = body;
  return report;
}

function withTopic(body: string): TReport {
  const report = structuredClone(seed001);
  report.narrative.overview.topics[1]!.body = body;
  return report;
}

const ids = (report: TReport) => checkOutline(report).map((result) => result.ruleId);

describe("outlineHeadings", () => {
  it("reads the four numbering styles at the start of paragraphs, and nothing else", () => {
    const text =
      "（一）存在问题\n1.公开不够及时。\n（1）个别单位\n一、总体情况\n全年收到1.5万元，一是加强，二是落实。\n2025年全年";
    expect(outlineHeadings(text).map((heading) => [heading.style, heading.ordinal])).toEqual([
      ["bracketed_chinese", 1],
      ["arabic", 1],
      ["bracketed_arabic", 1],
      ["chinese", 1],
    ]);
  });
});

describe("structure.heading_order", () => {
  it.each([
    ["out of order (一、二、四)", "（一）主要问题\n问题。\n（二）改进措施\n措施。\n（四）下一步\n计划。", "中间缺少序号"],
    ["twice (two （二）)", "（一）存在问题\n问题。\n（二）改进措施\n措施。\n（二）下一步打算\n计划。", "出现两次"],
    ["backwards", "1.公开不及时。\n2.解读不够。\n3.平台老旧。\n2.培训不足。", "顺序颠倒"],
  ])("warns when headings are %s", (_, body, words) => {
    const results = checkOutline(withProblems(body)).filter((result) => result.ruleId === "structure.heading_order");
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ severity: "warning", location: { field: PROBLEMS_FIELD, sectionId: "problems" } });
    expect(results[0]!.message).toContain(words);
  });

  it.each([
    // Seed 001's own 五: （一）存在问题 … （二）改进措施.
    ["the seeds' 五", seed001.narrative.problems.body],
    [
      "a list that starts again after its own words",
      "存在问题：\n1.公开不及时。\n2.解读不够。\n改进措施：\n1.加强培训。\n2.完善制度。",
    ],
    ["nested lists restarting under each heading", "（一）问题\n1.甲。\n2.乙。\n（二）措施\n1.丙。\n2.丁。"],
    ["一是、二是 inside a paragraph", "一是加强培训；二是完善制度；三是强化监督。"],
    ["figures at the start of a line", "2025年，全县收到申请182件。\n1.5万元用于平台建设。"],
  ])("leaves %s alone", (_, body) => {
    expect(ids(withProblems(body))).toEqual([]);
  });
});

describe("structure.heading_level", () => {
  it("warns when a section's sub-headings are promoted to 一、 (上海市科委 2024, as imported)", () => {
    const report = structuredClone(seed001);
    report.narrative.overview.intro =
      "上海市科委2024年深入贯彻《政府信息公开条例》。\n二、工作机制保障\n市科委设立政务公开工作协调小组。\n三、主动公开工作情况\n市科委积极做好政府信息主动公开工作。";
    const [result, ...rest] = checkOutline(report);
    expect(rest).toEqual([]);
    expect(result).toMatchObject({ ruleId: "structure.heading_level", severity: "warning" });
    expect(result!.message).toContain("“二、工作机制保障”、“三、主动公开工作情况”用了“一、”一级的序号");
  });

  it("warns when a topic of 一 numbers its paragraphs （一）（二） like the topics themselves", () => {
    expect(ids(withTopic("（一）规范办理流程。\n（二）提升答复质量。"))).toEqual(["structure.heading_level"]);
  });

  it("warns when one list is numbered in two systems: （一）存在问题 … 2.改进措施", () => {
    const results = checkOutline(withProblems("（一）存在问题\n公开不及时。\n2.改进措施\n加强培训。"));
    expect(results.map((result) => result.ruleId)).toEqual(["structure.heading_level"]);
    expect(results[0]!.message).toContain("同一层标题用了两种序号");
  });

  it("leaves 1. 2. under a topic and （一）（二） in 五 alone", () => {
    expect(ids(withTopic("1.规范办理流程。\n2.提升答复质量。"))).toEqual([]);
    expect(ids(withProblems("（一）存在问题\n问题。\n（二）改进措施\n1.加强培训。\n2.完善制度。"))).toEqual([]);
  });
});

describe("findNumberingProblems", () => {
  it("lets a heading of an outer level close the lists below it", () => {
    const headings = outlineHeadings("（一）甲\n1.子\n2.子\n（二）乙\n1.子\n（三）丙");
    expect(findNumberingProblems(headings)).toEqual([]);
  });
});

describe("text.repeated_word", () => {
  it("finds a word typed twice (上海市科委 2024: 科技计划资金资金分配结果) and marks the second one", () => {
    const report = withTopic("2023年上海市科技计划资金资金分配结果信息；加强信息发布审查管审查管理。");
    const results = checkOutline(report);
    expect(results.map((result) => result.ruleId)).toEqual(["text.repeated_word", "text.repeated_word"]);
    expect(results[0]!.message).toContain("“资金”连写了两次");
    const body = report.narrative.overview.topics[1]!.body;
    expect(body.slice(results[0]!.location!.start, results[0]!.location!.end)).toBe("资金");
    expect(results[0]!.location!.field).toBe(topicField(1));
    expect(results[1]!.message).toContain("“审查管”连写了两次");
  });

  it.each([
    "层层压实责任，事事有着落，件件有回音。",
    "一步一步推进，一件一件落实。",
    "认真研究研究群众诉求。",
    "家家户户都知晓，点点滴滴抓落实。",
    "政府信息公开、政府信息管理两手抓。",
  ])("leaves legitimate reduplication alone: %s", (text) => {
    expect(ids(withTopic(text))).toEqual([]);
  });

  it("raises nothing on the five seeds' texts", () => {
    for (const { report } of seedReports()) expect(checkOutline(report)).toEqual([]);
  });
});
