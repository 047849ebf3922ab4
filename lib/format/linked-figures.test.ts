import { describe, expect, it } from "vitest";
import { findLinkedFigure, getLinkedFigure, linkedFigures, namedFigures, stripOrdinal } from "./linked-figures";
import { ledgerCells } from "./national-tables";

describe("linked figures", () => {
  it("offers every cell of the three tables under its own id and name", () => {
    for (const cell of ledgerCells) {
      expect(findLinkedFigure(cell.id)).toMatchObject({ id: cell.id, name: cell.name, addends: [cell.id], isCell: true });
    }
    expect(new Set(linkedFigures.map((figure) => figure.id)).size).toBe(linkedFigures.length);
  });

  it("defines the named sums from the format's rows and columns", () => {
    expect(getLinkedFigure("s3.received.total")).toMatchObject({
      shortName: "收到申请总数",
      addends: ["s3.new.total", "s3.carried_over.total"],
      isCell: false,
    });
    expect(getLinkedFigure("s3.disclosed.total")).toMatchObject({
      shortName: "予以公开和部分公开",
      addends: ["s3.granted.total", "s3.partially_granted.total"],
    });
    expect(getLinkedFigure("s3.withheld.total").addends).toHaveLength(8);
    expect(getLinkedFigure("s3.withheld.total").shortName).toBe("不予公开");
    expect(getLinkedFigure("s3.unavailable.total").addends).toHaveLength(3);
    expect(getLinkedFigure("s3.not_processed.total").addends).toHaveLength(5);
    expect(getLinkedFigure("s3.other.total").addends).toEqual([
      "s3.other.no_correction.total",
      "s3.other.fee_unpaid.total",
      "s3.other.other.total",
    ]);
    expect(getLinkedFigure("s3.results_total.total")).toMatchObject({ shortName: "办结", isCell: true });
    expect(getLinkedFigure("s4.review.total").shortName).toBe("行政复议总数");
    expect(getLinkedFigure("s4.litigation.total")).toMatchObject({
      shortName: "行政诉讼总数",
      addends: ["s4.litigation_direct.total", "s4.litigation_after_review.total"],
    });
    expect(getLinkedFigure("s3.new.organizations").addends).toEqual([
      "s3.new.commercial_enterprise",
      "s3.new.research_institution",
      "s3.new.public_interest_organization",
      "s3.new.legal_service_organization",
      "s3.new.other_organization",
    ]);
  });

  it("lists the figures narratives state most for the picker, each a known figure", () => {
    expect(namedFigures.map((figure) => figure.shortName)).toEqual([
      "收到申请总数",
      "本年新收",
      "上年结转",
      "办结",
      "予以公开",
      "部分公开",
      "予以公开和部分公开",
      "不予公开",
      "无法提供",
      "不予处理",
      "其他处理",
      "结转下年度",
      "行政复议总数",
      "行政复议结果维持",
      "行政复议结果纠正",
      "行政复议其他结果",
      "行政复议尚未审结",
      "行政诉讼总数",
      "行政诉讼结果维持",
      "行政诉讼结果纠正",
      "行政诉讼其他结果",
      "行政诉讼尚未审结",
    ]);
  });

  it("strips the ordinal of a label", () => {
    expect(stripOrdinal("（三）不予公开")).toBe("不予公开");
    expect(stripOrdinal("一、本年新收")).toBe("本年新收");
    expect(stripOrdinal("1.属于国家秘密")).toBe("属于国家秘密");
  });
});
