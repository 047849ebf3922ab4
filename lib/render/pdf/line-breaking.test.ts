import { describe, expect, it } from "vitest";
import { breakableSegments, chineseHyphenation } from "./line-breaking";

describe("Chinese line breaking", () => {
  it("lets a line break after any Chinese character", () => {
    expect(breakableSegments("主动公开")).toEqual(["主", "动", "公", "开"]);
  });

  it("keeps closing punctuation with the character before and opening punctuation with the one after", () => {
    expect(breakableSegments("公开，编制。")).toEqual(["公", "开，", "编", "制。"]);
    expect(breakableSegments("《条例》和（一）")).toEqual(["《条", "例》", "和", "（一）"]);
    expect(breakableSegments("“三安全一稳定”")).toEqual(["“三", "安", "全", "一", "稳", "定”"]);
  });

  it("keeps figures and Latin words whole", () => {
    expect(breakableSegments("收费1779.2656万元")).toEqual(["收", "费", "1779.2656", "万", "元"]);
    expect(breakableSegments("〔2021〕30号")).toEqual(["〔2021〕", "30", "号"]);
    expect(breakableSegments("gov.cn网站")).toEqual(["gov.cn", "网", "站"]);
  });

  it("gives react-pdf the segments with empty syllables between them, losing no character", () => {
    const word = "根据《中华人民共和国政府信息公开条例》，编制本报告。";
    const parts = chineseHyphenation(word);
    expect(parts.join("")).toBe(word);
    expect(parts.filter((_, index) => index % 2 === 1).every((part) => part === "")).toBe(true);
    expect(parts.filter((_, index) => index % 2 === 0).every((part) => part !== "")).toBe(true);
  });

  it("leaves spaces to react-pdf", () => {
    expect(chineseHyphenation("  ")).toEqual(["  "]);
    expect(chineseHyphenation("—")).toEqual(["—"]);
  });
});
