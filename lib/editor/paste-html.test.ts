import { describe, expect, it } from "vitest";
import { spannedRowsToText } from "./paste-html";

describe("spannedRowsToText", () => {
  it("writes a merged cell's text once and blanks where it also spans, as a spreadsheet copies it", () => {
    const cell = (text: string, rowSpan = 1, colSpan = 1) => ({ text, rowSpan, colSpan });
    const text = spannedRowsToText([
      [cell("三、本年度办理结果", 2), cell("（一）予以公开", 1, 2), cell("1")],
      [cell("（三）不予公开"), cell("1.属于国家秘密"), cell("2")],
    ]);
    expect(text).toBe(["三、本年度办理结果\t（一）予以公开\t\t1", "\t（三）不予公开\t1.属于国家秘密\t2"].join("\n"));
  });
});
