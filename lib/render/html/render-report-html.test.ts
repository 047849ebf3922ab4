import { mkdirSync, writeFileSync } from "node:fs";
import { type HTMLElement, parse } from "node-html-parser";
import { afterAll, describe, expect, it } from "vitest";
import { seedReports } from "@/fixtures/seed-reports";
import { buildReportDocument, DRAFT_MARK, type ReportDocument, type TableBlock } from "@/lib/document";
import { applicationsFootnote, overviewTopics, reportSections, sectionHeading, tableGrids, tableIds } from "@/lib/format";
import type { TReport } from "@/lib/report/report-schema";
import { applicationsFigures, expandSpans, expectedMatrix, seedApplicationsFigures } from "../test-support/table-matrix";
import { escapeHtml, renderReportHtml, renderReportHtmlPage } from "./render-report-html";

const seed001 = seedReports()[1]!;

/** An HTML table as positions, by its rowspan/colspan, header rows first. */
function expandHtmlTable(table: HTMLElement): string[][] {
  return expandSpans(
    table.querySelectorAll("tr").map((row) =>
      row.querySelectorAll("td, th").map((cell) => ({
        // A header broken into even lines (<br>) reads as its label.
        text: cell.text.replace(/\n/g, ""),
        rowSpan: Number(cell.getAttribute("rowspan") ?? "1"),
        colSpan: Number(cell.getAttribute("colspan") ?? "1"),
      })),
    ),
  );
}

const tableBlock = (doc: ReportDocument, tableId: string) =>
  doc.blocks.find((block): block is TableBlock => block.type === "table" && block.tableId === tableId)!;

const edited = (edit: (report: TReport) => void) => {
  const report = structuredClone(seed001.report);
  edit(report);
  return report;
};

describe("HTML of seed 001", () => {
  const doc = buildReportDocument(seed001.report, { isDraft: false });
  const html = renderReportHtml(doc);
  const root = parse(html);
  const tables = root.querySelectorAll("table");

  // A copy in test-artifacts/ to look at; writing it checks nothing, so it is not a test.
  afterAll(() => {
    mkdirSync("test-artifacts", { recursive: true });
    writeFileSync("test-artifacts/seed-001.html", `<!doctype html><meta charset="utf-8">\n${html}`);
  });

  it("titles the report in one h1 and heads the six sections with h2, in order", () => {
    expect(root.querySelectorAll("h1").map((h) => h.innerHTML)).toEqual([doc.title.join("<br>")]);
    expect(root.querySelectorAll("h2").map((h) => h.text)).toEqual(reportSections.map(sectionHeading));
    expect(root.querySelectorAll("h3").map((h) => h.text)[0]).toBe(`（一）${overviewTopics[0]!.title}`);
  });

  it("prints the three tables as the grids, with their merges", () => {
    expect(tables).toHaveLength(3);
    tableIds.forEach((tableId, index) => {
      expect(expandHtmlTable(tables[index]!)).toEqual(expectedMatrix(tableGrids[tableId], tableBlock(doc, tableId).cells));
    });
  });

  it("gives 表三 the seed's 25 × 7 figures", () => {
    const figures = applicationsFigures(expandHtmlTable(tables[1]!));
    expect(figures).toEqual(seedApplicationsFigures(seed001.entry.section3!));
    expect(figures.flat()).toHaveLength(175);
  });

  it("includes 表三's footnote and puts the header rows in <thead>", () => {
    const s3 = tables[1]!;
    expect(s3.querySelectorAll("thead tr")).toHaveLength(tableGrids.s3.headerRowCount);
    expect(s3.querySelectorAll("tbody tr")).toHaveLength(25);
    expect(s3.querySelector("thead th")!.text).toBe(applicationsFootnote);
  });

  it("borders every cell with an inline style", () => {
    for (const cell of root.querySelectorAll("td, th")) expect(cell.getAttribute("style")).toMatch(/border:1px solid #000/);
  });

  it("rules the tables with border, cellpadding and cellspacing attributes, for a CMS that strips styles", () => {
    for (const table of tables) {
      expect(table.getAttribute("border")).toBe("1");
      expect(table.getAttribute("cellpadding")).toBe("4");
      expect(table.getAttribute("cellspacing")).toBe("0");
    }
  });

  it("gives each table a colgroup in the printed proportions, so at 800 px 总计 and 其他 stay on one line", () => {
    tableIds.forEach((tableId, index) => {
      const cols = tables[index]!.querySelectorAll("colgroup col");
      expect(cols).toHaveLength(tableGrids[tableId].columnCount);
      const percent = cols.map((col) => Number(/width:([\d.]+)%/.exec(col.getAttribute("style") ?? "")![1]));
      expect(percent.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
      // Two 16 px characters and the 4 px padding either side fit the narrowest column of an 800 px table.
      expect((Math.min(...percent) / 100) * 800).toBeGreaterThanOrEqual(2 * 16 + 2 * 4);
    });
    const s3 = tables[1]!
      .querySelectorAll("colgroup col")
      .map((col) => Number(/width:([\d.]+)%/.exec(col.getAttribute("style")!)![1]));
    // Three label columns, 自然人 a little wider than the other figure columns, as printed.
    expect(s3[2]!).toBeGreaterThan(s3[1]!);
    expect(s3[3]!).toBeGreaterThan(s3[4]!);
    expect(new Set(s3.slice(4)).size).toBe(1);
  });

  it("is self-contained: no style, script or link elements, no classes, nothing fetched", () => {
    expect(root.querySelectorAll("style, script, link, img, iframe, object")).toHaveLength(0);
    expect(html).not.toMatch(/\sclass=|\ssrc=|\shref=|<style|<script|<link/i);
  });

  it("has no draft mark", () => {
    expect(html).not.toContain(DRAFT_MARK);
  });
});

describe("sub-headings in 五 and 六", () => {
  it("heads them with h3 like 一's topics, whether typed with full-width or ASCII brackets", () => {
    const report = edited((r) => {
      r.narrative.problems.body = "（一）存在问题\n公开内容不够全面。\n(二)改进情况\n加强培训。";
      r.narrative.other_matters.body = "(一)收取信息处理费的情况\n本年度未收取信息处理费。";
    });
    const h3 = parse(renderReportHtml(buildReportDocument(report, { isDraft: false })))
      .querySelectorAll("h3")
      .map((h) => h.text);
    expect(h3.slice(-3)).toEqual(["（一）存在问题", "（二）改进情况", "（一）收取信息处理费的情况"]);
  });
});

describe("escaping", () => {
  it("escapes the five characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("prints a narrative's markup as text, never as elements", () => {
    const report = edited((r) => {
      r.narrative.problems.body = "<script>alert(1)</script>";
      r.narrative.overview.topics[0]!.title = `<img src=x onerror="alert(2)">`;
      r.info.agencyName = `某局 & "某办" <b>`;
    });
    const html = renderReportHtml(buildReportDocument(report, { isDraft: false }));
    const root = parse(html);
    expect(root.querySelectorAll("script, img, b")).toHaveLength(0);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(root.querySelectorAll("p").map((p) => p.text)).toContain("<script>alert(1)</script>");
    expect(root.querySelectorAll("h3").map((h) => h.text)[0]).toBe(`（一）<img src=x onerror="alert(2)">`);
    expect(root.querySelector("h1")!.text).toContain(`某局 & "某办" <b>`);
  });
});

describe("draft and closing", () => {
  it("puts the draft mark first", () => {
    const root = parse(renderReportHtml(buildReportDocument(seed001.report, { isDraft: true })));
    const first = root.childNodes.find((node): node is HTMLElement => node.nodeType === 1)!;
    expect(first.tagName).toBe("P");
    expect(first.text).toBe(DRAFT_MARK);
  });

  it("ends with the agency and the date, right-aligned", () => {
    const report = edited((r) => {
      r.info.issuedOn = "2026-01-20";
    });
    const paragraphs = parse(renderReportHtml(buildReportDocument(report, { isDraft: false }))).querySelectorAll("p");
    const last = paragraphs.slice(-2);
    expect(last.map((p) => p.text)).toEqual([report.info.agencyName, "2026年1月20日"]);
    for (const p of last) expect(p.getAttribute("style")).toMatch(/text-align:right/);
  });
});

describe("HTML figures", () => {
  it("never breaks a figure (nowrap) and widens the figure columns of a nine-digit 表三 to hold them", () => {
    const base = buildReportDocument(seed001.report, { isDraft: false });
    const s3 = tableBlock(base, "s3");
    const nine = { ...s3, cells: Object.fromEntries(Object.keys(s3.cells).map((id) => [id, "123456789"])) };
    const html = parse(renderReportHtml({ ...base, blocks: [nine] }));
    const cells = html.querySelectorAll("td, th").filter((cell) => cell.text === "123456789");
    expect(cells).toHaveLength(175);
    for (const cell of cells) expect(cell.getAttribute("style")).toContain("white-space:nowrap");
    const widths = html.querySelectorAll("col").map((col) => Number(/width:([\d.]+)%/.exec(col.getAttribute("style")!)![1]));
    // Nine figures of 16 px and 12 px of padding on a 1000 px page: 8.4 %.
    for (const width of widths.slice(-7)) expect(width).toBeGreaterThanOrEqual(8.4);
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 1);
  });
});

describe("HTML typography", () => {
  const doc = buildReportDocument(seed001.report, { isDraft: false });

  it("breaks 表三's narrow header labels between words into even lines, never leaving one character alone", () => {
    const html = parse(renderReportHtml(doc));
    const headers = html.querySelectorAll("th").map((cell) => cell.innerHTML);
    expect(headers).toContain("商业<br>企业");
    expect(headers).toContain("社会<br>公益<br>组织");
    for (const header of headers) {
      for (const line of header.split("<br>")) expect(Array.from(line).length, header).toBeGreaterThan(1);
    }
  });

  it("sets headings at the body's size, so their two-character indent lines up with the paragraphs'", () => {
    const html = parse(renderReportHtml(doc));
    for (const heading of html.querySelectorAll("h2, h3")) {
      expect(heading.getAttribute("style")).toContain("text-indent:2em;font-size:1em;");
    }
  });

  it("declares UTF-8 in the head of the page file, and the CMS fragment has no head", () => {
    const page = renderReportHtmlPage(doc);
    expect(page).toMatch(
      /^<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>湘潭县人民政府2025年政府信息公开工作年度报告<\/title>/,
    );
    expect(page).toContain(renderReportHtml(doc));
    expect(renderReportHtml(doc)).not.toMatch(/<head|<meta|<html/);
  });
});
