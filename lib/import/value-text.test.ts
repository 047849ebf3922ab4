import { describe, expect, it } from "vitest";
import { activeDisclosureCellId, NOT_APPLICABLE } from "@/lib/format";
import { importPublishedReport } from "./import-report";
import { readValueLines } from "./value-text";

describe("不适用 written in a cell", () => {
  it("reads as “/”, like a dash", () => {
    expect(readValueLines("规章\t不适用\t不适用\t0")[0]!.tokens.map((token) => token.kind)).toEqual([
      "not_applicable",
      "not_applicable",
      "number",
    ]);
  });

  it("keeps a 表二 row of 不适用 alone as the row's “/”, not a dropped row and a blank", async () => {
    const text = [
      "某县人民政府2024年政府信息公开工作年度报告",
      "二、主动公开政府信息情况",
      "第二十条第（一）项",
      "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
      "规章\t不适用\t不适用\t不适用",
      "行政规范性文件\t6\t12\t96",
      "第二十条第（五）项",
      "信息内容\t本年处理决定数量",
      "行政许可\t不适用",
      "第二十条第（六）项",
      "信息内容\t本年处理决定数量",
      "行政处罚\t15",
      "行政强制\t不适用",
      "第二十条第（八）项",
      "信息内容\t本年收费金额（单位：万元）",
      "行政事业性收费\t不适用",
      "三、收到和处理政府信息公开申请情况",
    ].join("\n");
    const outcome = await importPublishedReport(new TextEncoder().encode(text), "page.txt");
    if (!outcome.ok) throw new Error(outcome.message);
    const cell = (row: string, column: string) => outcome.report.ledger[activeDisclosureCellId(row, column)];
    expect(["issued", "repealed", "in_force"].map((column) => cell("regulations", column))).toEqual([
      NOT_APPLICABLE,
      NOT_APPLICABLE,
      NOT_APPLICABLE,
    ]);
    expect(cell("normative_documents", "in_force")).toBe(96);
    expect(cell("licensing", "decisions")).toBe(NOT_APPLICABLE);
    expect(cell("penalties", "decisions")).toBe(15);
    expect(cell("enforcement", "decisions")).toBe(NOT_APPLICABLE);
    expect(cell("fees", "amount")).toBe(NOT_APPLICABLE);
  });
});
