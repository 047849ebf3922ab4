import { describe, expect, it } from "vitest";
import { publishedSeedReports, seedReports } from "@/fixtures/seed-reports";
import { getRule } from "@/lib/format/rule-catalogue";
import type { TReport } from "@/lib/report/report-schema";
import { checkTypography } from "./typography";

const withProblems = (body: string): TReport => {
  const report = structuredClone(seedReports()[1]!.report);
  report.narrative.problems.body = body;
  return report;
};

/** The field's text with the finding's one-click fix applied. */
const fixed = (report: TReport, ruleId: string): string => {
  const text = report.narrative.problems.body;
  const result = checkTypography(report).find((candidate) => candidate.ruleId === ruleId)!;
  const { start, end, replacement } = result.location!;
  return text.slice(0, start) + replacement + text.slice(end!);
};

describe("text.halfwidth_punctuation", () => {
  it("finds half-width marks in Chinese text, once per field, and fixes them all to full-width, spaces dropped", () => {
    const report = withProblems("编制机构地址：某某路1号楼 501 室 , 邮 编 : 411100;联系电话(0731)12345678。");
    const results = checkTypography(report);
    expect(results.map((result) => result.ruleId)).toEqual(["text.halfwidth_punctuation"]);
    expect(results[0]!.severity).toBe("warning");
    expect(results[0]!.message).toContain("等 5 处是半角标点");
    expect(fixed(report, "text.halfwidth_punctuation")).toBe(
      "编制机构地址：某某路1号楼 501 室，邮 编：411100；联系电话（0731）12345678。",
    );
    expect(getRule("text.halfwidth_punctuation").fix).toBe("改为全角标点");
  });

  it("leaves figures, web addresses, e-mails, ISO/IEC, English phrases and linked figures as written", () => {
    const text = [
      "全年受理1,234件，办理时限12:30前答复。",
      "网址：https://www.xiangtan.gov.cn/zwgk/index.html?a=1,2;b=3，邮箱：zwgk,office@xt.gov.cn。",
      "按照ISO/IEC 27001:2013要求，口号为“Open, transparent!”（英文）。",
      "本年新收{{fig:s3.new.total}}件。",
    ].join("\n");
    expect(checkTypography(withProblems(text))).toEqual([]);
  });

  it("raises no alarm on the published seeds that use full-width marks (001, 004), and finds them in those that do not (002, 003)", () => {
    const found = publishedSeedReports().map(
      ({ report }) => checkTypography(report).filter((result) => result.ruleId === "text.halfwidth_punctuation").length,
    );
    expect(found[1]).toBe(0);
    expect(found[4]).toBe(0);
    expect(found[2]).toBeGreaterThan(0);
    expect(found[3]).toBeGreaterThan(0);
  });
});

describe("text.markdown_marks", () => {
  it("finds **bold** and ## headings pasted from Markdown and fixes them to their text", () => {
    const report = withProblems("## 存在问题\n一是**公开内容不够全面**。二是__更新不及时__。");
    const results = checkTypography(report).filter((result) => result.ruleId === "text.markdown_marks");
    expect(results).toHaveLength(1);
    expect(results[0]!.message).toContain("是 Markdown 标记，会照样印出");
    expect(fixed(report, "text.markdown_marks")).toBe("存在问题\n一是公开内容不够全面。二是更新不及时。");
    expect(getRule("text.markdown_marks").fix).toBe("删去标记");
  });

  it("finds the ** seed 000 published literally, and leaves a lone * or a 5*8 alone", () => {
    expect(
      checkTypography(publishedSeedReports()[0]!.report).filter((result) => result.ruleId === "text.markdown_marks").length,
    ).toBeGreaterThan(0);
    expect(checkTypography(withProblems("共5*8=40项，*注：含下属单位。"))).toEqual([]);
  });
});
