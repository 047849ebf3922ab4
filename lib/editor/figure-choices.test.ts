import { describe, expect, it } from "vitest";
import { applicationsCellId, reviewsLitigationCellId } from "@/lib/format";
import { linkedFigures, namedFigureIds } from "@/lib/format/linked-figures";
import { FORMAT_VERSION, ZReport } from "@/lib/report/report-schema";
import { figureChoices, flatChoices, NAMED_GROUP_TITLE } from "./figure-choices";
import { currentFigureText } from "./figure-values";

describe("figure picker choices", () => {
  it("lists the named figures first, then every linked figure once, grouped by table and row", () => {
    const [named, ...rows] = figureChoices("");
    expect(named!.title).toBe(NAMED_GROUP_TITLE);
    expect(named!.figures.map((figure) => figure.id)).toEqual(namedFigureIds);
    const listed = rows.flatMap((group) => group.figures.map((figure) => figure.id));
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual(linkedFigures.map((figure) => figure.id).sort());
    expect(rows.map((group) => group.title)).toContain("表三「一、本年新收」行");
    expect(rows.map((group) => group.title)).toContain("表四 行政复议");
    expect(rows.map((group) => group.title)).toContain("表二「规章」");
  });

  it("puts a row's total first and a sum of rows before the rows it adds up", () => {
    const rows = figureChoices("").slice(1);
    const newRow = rows.find((group) => group.key === "s3.new")!;
    expect(newRow.figures[0]!.id).toBe(applicationsCellId("new", "total"));
    const keys = rows.map((group) => group.key);
    expect(keys.indexOf("s3.received")).toBe(keys.indexOf("s3.new") - 1);
    expect(keys.indexOf("s3.withheld")).toBe(keys.indexOf("s3.withheld.state_secret") - 1);
    expect(keys.indexOf("s4.litigation")).toBe(keys.indexOf("s4.litigation_direct") - 1);
  });

  it("finds a figure by its short name, best match first", () => {
    expect(flatChoices(figureChoices("办结"))[0]!.id).toBe(applicationsCellId("results_total", "total"));
    expect(flatChoices(figureChoices("结转下年度"))[0]!.id).toBe(applicationsCellId("carried_forward", "total"));
    expect(flatChoices(figureChoices(" 行政复议 总数 "))[0]!.id).toBe(reviewsLitigationCellId("review.total"));
  });

  it("falls back to the characters in order, and finds nothing for what names no figure", () => {
    expect(flatChoices(figureChoices("复议维持"))[0]!.id).toBe(reviewsLitigationCellId("review.upheld"));
    expect(figureChoices("天气预报")).toEqual([]);
  });
});

describe("chip texts", () => {
  it("shows the table's figure, a sum of cells, a blank or an unknown reference", () => {
    const report = ZReport.parse({ formatVersion: FORMAT_VERSION, info: { agencyName: "测试县人民政府", year: 2025 } });
    report.ledger[applicationsCellId("new", "natural_person")] = 7;
    report.ledger[applicationsCellId("carried_over", "natural_person")] = 2;
    expect(currentFigureText(report, applicationsCellId("new", "total"))).toBe("7");
    expect(currentFigureText(report, applicationsCellId("received", "total"))).toBe("9");
    expect(currentFigureText(report, reviewsLitigationCellId("review.upheld"))).toBe("〔空白〕");
    expect(currentFigureText(report, "s9.nothing")).toBe("〔无效的数字引用〕");
  });
});
