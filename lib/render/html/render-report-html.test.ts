import { mkdirSync, writeFileSync } from "node:fs";
import { parse, type HTMLElement } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { seedReports } from "@/fixtures/seed-reports";
import { applicationsFootnote, overviewTopics, reportSections, sectionHeading, tableGrids, tableIds } from "@/lib/format";
import { buildReportDocument, DRAFT_MARK, type ReportDocument, type TableBlock } from "@/lib/document";
import type { TReport } from "@/lib/report/report-schema";
import {
  applicationsFigures,
  expandSpans,
  expectedMatrix,
  seedApplicationsFigures,
} from "../test-support/table-matrix";
import { escapeHtml, renderReportHtml } from "./render-report-html";

const seed001 = seedReports()[1]!;

/** An HTML table as positions, by its rowspan/colspan, header rows first. */
function expandHtmlTable(table: HTMLElement): string[][] {
  return expandSpans(
    table.querySelectorAll("tr").map((row) =>
      row.querySelectorAll("td, th").map((cell) => ({
        text: cell.text,
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

  it("writes a copy to test-artifacts/ to look at", () => {
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

  it("is self-contained: no style, script or link elements, no classes, nothing fetched", () => {
    expect(root.querySelectorAll("style, script, link, img, iframe, object")).toHaveLength(0);
    expect(html).not.toMatch(/\sclass=|\ssrc=|\shref=|<style|<script|<link/i);
  });

  it("has no draft mark", () => {
    expect(html).not.toContain(DRAFT_MARK);
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
