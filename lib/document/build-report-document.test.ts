import { describe, expect, it } from "vitest";
import { seedReports } from "@/fixtures/seed-reports";
import {
  buildReportDocument,
  type DocumentBlock,
  formatChineseDate,
  type ReportDocument,
  splitParagraphs,
  type TableBlock,
} from "@/lib/document";
import {
  applicantColumns,
  applicationRows,
  applicationsCellId,
  NOT_APPLICABLE,
  overviewTopics,
  reportSections,
  reviewsLitigationCellId,
  reviewsLitigationColumns,
  sectionHeading,
  type TableId,
  tableGrids,
} from "@/lib/format";
import type { TReport } from "@/lib/report/report-schema";
import { processingFeesSentence } from "@/lib/report/report-wording";

const seed001 = seedReports()[1]!;
const report001 = seed001.report;

const clone = (report: TReport): TReport => structuredClone(report);
const headings = (doc: ReportDocument, level: number) =>
  doc.blocks
    .filter((block) => block.type === "heading" && block.level === level)
    .map((block) => (block as { text: string }).text);
const table = (doc: ReportDocument, tableId: TableId): TableBlock => {
  const found = doc.blocks.find((block): block is TableBlock => block.type === "table" && block.tableId === tableId);
  if (!found) throw new Error(`no table ${tableId}`);
  return found;
};
/** The blocks between a section's heading and the next section's heading. */
const sectionBlocks = (doc: ReportDocument, index: number): DocumentBlock[] => {
  const starts = doc.blocks.flatMap((block, i) => (block.type === "heading" && block.level === 1 ? [i] : []));
  return doc.blocks.slice(starts[index]! + 1, starts[index + 1] ?? doc.blocks.length);
};
const texts = (blocks: readonly DocumentBlock[]) =>
  blocks.map((block) => (block.type === "table" ? `[${block.tableId}]` : block.text));

describe("buildReportDocument on seed 001", () => {
  const doc = buildReportDocument(report001, { isDraft: false });

  it("names the file and titles the report after the agency and year", () => {
    expect(doc.fileBaseName).toBe("湘潭县人民政府2025年政府信息公开工作年度报告");
    expect(doc.title).toEqual(["湘潭县人民政府", "2025年政府信息公开工作年度报告"]);
  });

  it("has the six section headings of the format, in order", () => {
    expect(headings(doc, 1)).toEqual(reportSections.map(sectionHeading));
  });

  it("prints each national table in its section, with the format's grid", () => {
    reportSections.forEach((section, index) => {
      const tables = sectionBlocks(doc, index).filter((block) => block.type === "table");
      expect(tables.map((block) => block.tableId)).toEqual(section.tableId ? [section.tableId] : []);
      if (section.tableId) expect(table(doc, section.tableId).grid).toBe(tableGrids[section.tableId]);
    });
  });

  it("uses the generated opening paragraph, listing all six section titles and the statistics period", () => {
    expect(doc.opening).toHaveLength(1);
    const opening = doc.opening[0]!;
    let from = 0;
    for (const section of reportSections) {
      const at = opening.indexOf(section.title, from);
      expect(at, section.title).toBeGreaterThanOrEqual(from);
      from = at + section.title.length;
    }
    expect(opening).toContain("共六部分");
    expect(opening).toContain("本报告所列数据的统计期限为2025年1月1日至12月31日");
  });

  it("maps every value cell of 表三 — 175 — to the seed's published figures", () => {
    const cells = table(doc, "s3").cells;
    expect(Object.keys(cells)).toHaveLength(175);
    const published = seed001.entry.section3!.rows;
    expect(published).toHaveLength(applicationRows.length);
    for (const row of published) {
      applicantColumns.forEach((column, index) => {
        expect(cells[applicationsCellId(row.id, column.key)], `${row.id} ${column.key}`).toBe(String(row.values[index]));
      });
    }
  });

  it("prints 0 as 0 and the fee amount as stored, and 表四 as published", () => {
    expect(table(doc, "s2").cells["s2.regulations.issued"]).toBe("0");
    expect(table(doc, "s2").cells["s2.fees.amount"]).toBe("1779.2656");
    const s4 = table(doc, "s4").cells;
    expect(reviewsLitigationColumns.map((column) => s4[reviewsLitigationCellId(column.key)])).toEqual(
      seed001.entry.section4!.values.map(String),
    );
  });

  it("maps exactly the value cells of each grid", () => {
    for (const tableId of ["s2", "s3", "s4"] as const) {
      const ids = tableGrids[tableId].rows.flat().flatMap((cell) => (cell.type === "value" ? [cell.cellId] : []));
      expect(Object.keys(table(doc, tableId).cells).sort()).toEqual(ids.sort());
    }
  });

  it("keeps the overview's five topic headings and no invented text in the empty sections", () => {
    const ordinals = ["（一）", "（二）", "（三）", "（四）", "（五）"];
    expect(headings(doc, 2)).toEqual(overviewTopics.map((topic, i) => `${ordinals[i]}${topic.title}`));
    expect(sectionBlocks(doc, 4)).toEqual([]);
    expect(sectionBlocks(doc, 5)).toEqual([]);
  });

  it("has no closing block without a date, and carries the draft flag", () => {
    expect(doc.closing).toBeNull();
    expect(doc.isDraft).toBe(false);
    expect(buildReportDocument(report001, { isDraft: true }).isDraft).toBe(true);
  });
});

describe("table cells", () => {
  it("shows blank as empty and 不适用 as /", () => {
    const report = clone(report001);
    report.ledger[applicationsCellId("new", "research_institution")] = null;
    delete report.ledger[applicationsCellId("carried_over", "research_institution")];
    report.ledger["s2.regulations.issued"] = NOT_APPLICABLE;
    const doc = buildReportDocument(report, { isDraft: true });
    expect(table(doc, "s3").cells[applicationsCellId("new", "research_institution")]).toBe("");
    expect(table(doc, "s3").cells[applicationsCellId("carried_over", "research_institution")]).toBe("");
    expect(table(doc, "s2").cells["s2.regulations.issued"]).toBe("/");
  });

  it("derives the totals the report does not state", () => {
    const report = clone(report001);
    const totals = [
      ...applicationRows.map((row) => applicationsCellId(row.key, "total")),
      ...applicantColumns.map((column) => applicationsCellId("results_total", column.key)),
      ...["review", "litigation_direct", "litigation_after_review"].map((group) => reviewsLitigationCellId(`${group}.total`)),
    ];
    for (const id of totals) delete report.ledger[id];
    const stated = buildReportDocument(report001, { isDraft: false });
    const derived = buildReportDocument(report, { isDraft: false });
    for (const id of totals) {
      const tableId = id.startsWith("s3") ? "s3" : "s4";
      expect(table(derived, tableId).cells[id], id).toBe(table(stated, tableId).cells[id]);
      expect(table(derived, tableId).cells[id], id).not.toBe("");
    }
    // 三（七）总计 of 自然人: 54 + 30 + 14 + 48 + 1 + 23, the seed's printed 170
    expect(table(derived, "s3").cells[applicationsCellId("results_total", "natural_person")]).toBe("170");
  });

  it("shows a stated total as printed, even when it disagrees with its derivation", () => {
    const report = clone(report001);
    report.ledger[applicationsCellId("new", "total")] = 999;
    expect(table(buildReportDocument(report, { isDraft: true }), "s3").cells[applicationsCellId("new", "total")]).toBe("999");
  });
});

describe("narrative", () => {
  const withNarrative = (edit: (report: TReport) => void) => {
    const report = clone(report001);
    edit(report);
    return buildReportDocument(report, { isDraft: false });
  };

  it("splits text into paragraphs at newlines, dropping empty lines and staff's own indent", () => {
    expect(splitParagraphs("第一段\r\n\n　　第二段  \n   \n第三段\r")).toEqual(["第一段", "第二段", "第三段"]);
  });

  it("prints the overview intro, then each titled topic numbered （一）（二）… with its paragraphs", () => {
    const doc = withNarrative((report) => {
      report.narrative.overview.intro = "总述一\n总述二";
      report.narrative.overview.topics = [
        { title: "主动公开", body: "主动公开正文", carriedFromLastYear: false },
        { title: "", body: "无标题的段落", carriedFromLastYear: false },
        { title: "依申请公开", body: "甲\n\n乙", carriedFromLastYear: false },
      ];
    });
    expect(texts(sectionBlocks(doc, 0))).toEqual([
      "总述一",
      "总述二",
      "（一）主动公开",
      "主动公开正文",
      "无标题的段落",
      "（二）依申请公开",
      "甲",
      "乙",
    ]);
    expect(sectionBlocks(doc, 0).map((block) => block.type)).toEqual([
      "paragraph",
      "paragraph",
      "heading",
      "paragraph",
      "paragraph",
      "heading",
      "paragraph",
      "paragraph",
    ]);
  });

  it("numbers past ten as （十一）", () => {
    const doc = withNarrative((report) => {
      report.narrative.overview.topics = Array.from({ length: 12 }, (_, i) => ({
        title: `专题${i + 1}`,
        body: "",
        carriedFromLastYear: false,
      }));
    });
    expect(headings(doc, 2).slice(9)).toEqual(["（十）专题10", "（十一）专题11", "（十二）专题12"]);
  });

  it("prints sections 五 and 六 as paragraphs, and the 信息处理费 sentence after 六's text", () => {
    const doc = withNarrative((report) => {
      report.narrative.problems.body = "问题一\n改进一";
      report.narrative.other_matters.body = "其他事项";
      report.narrative.other_matters.processingFees = { noticesIssued: 2, noticedAmount: 150, collectedAmount: 100.5 };
    });
    expect(texts(sectionBlocks(doc, 4))).toEqual(["问题一", "改进一"]);
    expect(texts(sectionBlocks(doc, 5))).toEqual([
      "其他事项",
      "本年度发出信息处理费收费通知2件，通知金额150元，实际收取100.5元。",
    ]);
  });

  it("sets the sub-headings of 五 and 六 as second-level headings, whether typed with full-width or ASCII brackets", () => {
    const doc = withNarrative((report) => {
      report.narrative.problems.body =
        "（一）存在问题\n公开内容不够全面。\n( 二 ) 改进情况\n（三）加强培训。本年度组织培训2次，覆盖全部工作人员。";
      report.narrative.other_matters.body = "(一)收取信息处理费的情况\n本年度未收取信息处理费。";
    });
    expect(sectionBlocks(doc, 4)).toEqual([
      { type: "heading", level: 2, text: "（一）存在问题" },
      { type: "paragraph", text: "公开内容不够全面。" },
      { type: "heading", level: 2, text: "（二）改进情况" },
      // A numbered paragraph, not a heading: it runs on past its first sentence.
      { type: "paragraph", text: "（三）加强培训。本年度组织培训2次，覆盖全部工作人员。" },
    ]);
    expect(sectionBlocks(doc, 5)[0]).toEqual({ type: "heading", level: 2, text: "（一）收取信息处理费的情况" });
  });
  it("keeps user text as plain text", () => {
    const doc = withNarrative((report) => {
      report.narrative.problems.body = "<script>alert(1)</script> & <b>粗体</b>";
    });
    expect(texts(sectionBlocks(doc, 4))).toEqual(["<script>alert(1)</script> & <b>粗体</b>"]);
  });
});

describe("processingFeesSentence", () => {
  it.each([
    [
      { noticesIssued: 3, noticedAmount: 120, collectedAmount: 80 },
      "本年度发出信息处理费收费通知3件，通知金额120元，实际收取80元。",
    ],
    [{ noticesIssued: 0, noticedAmount: null, collectedAmount: null }, "本年度发出信息处理费收费通知0件。"],
    [{ noticesIssued: 1, noticedAmount: null, collectedAmount: 0 }, "本年度发出信息处理费收费通知1件，实际收取0元。"],
    [{ noticesIssued: null, noticedAmount: 50, collectedAmount: 50 }, "本年度信息处理费通知金额50元，实际收取50元。"],
    [{ noticesIssued: null, noticedAmount: null, collectedAmount: 20 }, "本年度信息处理费实际收取20元。"],
    [{ noticesIssued: null, noticedAmount: null, collectedAmount: null }, null],
  ])("%j → %s", (fees, sentence) => {
    expect(processingFeesSentence(fees)).toBe(sentence);
  });
});

describe("opening and closing", () => {
  it("uses the staff's own opening paragraph when there is one, split at newlines", () => {
    const report = clone(report001);
    report.info.openingParagraph = "自拟开头第一段。\n\n自拟开头第二段。";
    expect(buildReportDocument(report, { isDraft: false }).opening).toEqual(["自拟开头第一段。", "自拟开头第二段。"]);
  });

  it("closes with the agency and the date of issue", () => {
    const report = clone(report001);
    report.info.issuedOn = "2026-01-20";
    expect(buildReportDocument(report, { isDraft: false }).closing).toEqual({
      agencyName: "湘潭县人民政府",
      date: "2026年1月20日",
    });
  });

  it("formats dates without leading zeros", () => {
    expect(formatChineseDate("2026-01-05")).toBe("2026年1月5日");
    expect(formatChineseDate("2025-12-31")).toBe("2025年12月31日");
    expect(() => formatChineseDate("2026/1/5")).toThrow();
  });

  it("keeps characters a file system refuses out of the file name", () => {
    const report = clone(report001);
    report.info.agencyName = "某局/某办";
    const doc = buildReportDocument(report, { isDraft: false });
    expect(doc.fileBaseName).toBe("某局某办2025年政府信息公开工作年度报告");
    expect(doc.title[0]).toBe("某局/某办");
  });
});
