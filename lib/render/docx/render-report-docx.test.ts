import { mkdirSync, writeFileSync } from "node:fs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { seedReports } from "@/fixtures/seed-reports";
import {
  applicantColumns,
  applicationRowTree,
  applicationsFootnote,
  overviewTopics,
  reportSections,
  sectionHeading,
  tableGrids,
} from "@/lib/format";
import { buildReportDocument, DRAFT_MARK, type ReportDocument, type TableBlock } from "@/lib/document";
import type { TReport } from "@/lib/report/report-schema";
import {
  applicationsFigures,
  attribute,
  docxTables,
  elements,
  expandDocxTable,
  expectedMatrix,
  seedApplicationsFigures,
  xmlText,
  type DocxTable,
} from "../test-support/table-matrix";
import { renderReportDocx } from "./render-report-docx";

const seed001 = seedReports()[1]!;

type Unzipped = {
  bytes: Uint8Array;
  document: string;
  styles: string;
  settings: string;
  /** Header and footer parts by the sectPr reference type (default = odd pages, even). */
  headers: Record<string, string>;
  footers: Record<string, string>;
  allHeaders: string[];
};

async function unzip(bytes: Uint8Array): Promise<Unzipped> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (path: string) => {
    const file = zip.file(path);
    if (!file) throw new Error(`missing ${path}`);
    return file.async("string");
  };
  const document = await read("word/document.xml");
  const rels = await read("word/_rels/document.xml.rels");
  const target = (id: string) => {
    const rel = elements(rels, "Relationship").find((xml) => attribute(xml, "Relationship", "Id") === id);
    return `word/${attribute(rel!, "Relationship", "Target")}`;
  };
  const sectPr = elements(document, "w:sectPr")[0]!;
  const parts = async (tag: string) => {
    const found: Record<string, string> = {};
    for (const reference of elements(sectPr, tag)) {
      found[attribute(reference, tag, "w:type")!] = await read(target(attribute(reference, tag, "r:id")!));
    }
    return found;
  };
  const allHeaders = await Promise.all(
    Object.keys(zip.files)
      .filter((path) => /^word\/header\d*\.xml$/.test(path))
      .map(read),
  );
  return {
    bytes,
    document,
    styles: await read("word/styles.xml"),
    settings: await read("word/settings.xml"),
    headers: await parts("w:headerReference"),
    footers: await parts("w:footerReference"),
    allHeaders,
  };
}

/** Run properties as Word resolves them: the run, then its paragraph style and what that is based on, then the defaults. */
function runProperty(xml: Unzipped, paragraph: string, read: (rPr: string) => string | null): string | null {
  const own = elements(paragraph, "w:r")
    .map((run) => elements(run, "w:rPr")[0])
    .map((rPr) => (rPr ? read(rPr) : null))
    .find((value) => value !== null);
  if (own) return own;
  let styleId = attribute(paragraph, "w:pStyle", "w:val");
  while (styleId) {
    const style = elements(xml.styles, "w:style").find((s) => attribute(s, "w:style", "w:styleId") === styleId);
    if (!style) break;
    const rPr = elements(style, "w:rPr")[0];
    const value = rPr ? read(rPr) : null;
    if (value) return value;
    styleId = attribute(style, "w:basedOn", "w:val");
  }
  const defaults = elements(xml.styles, "w:rPrDefault")[0];
  return defaults ? read(defaults) : null;
}
const fontSize = (xml: Unzipped, paragraph: string) => runProperty(xml, paragraph, (rPr) => attribute(rPr, "w:sz", "w:val"));
const eastAsiaFont = (xml: Unzipped, paragraph: string) =>
  runProperty(xml, paragraph, (rPr) => attribute(rPr, "w:rFonts", "w:eastAsia"));
const latinFont = (xml: Unzipped, paragraph: string) =>
  runProperty(xml, paragraph, (rPr) => attribute(rPr, "w:rFonts", "w:ascii"));

function styleParagraphProperty(xml: Unzipped, styleId: string, tag: string, name: string): string | null {
  let id: string | null = styleId;
  while (id) {
    const style = elements(xml.styles, "w:style").find((s) => attribute(s, "w:style", "w:styleId") === id);
    if (!style) return null;
    const pPr = elements(style, "w:pPr")[0];
    const value = pPr ? attribute(pPr, tag, name) : null;
    if (value !== null) return value;
    id = attribute(style, "w:basedOn", "w:val");
  }
  return null;
}

/** Paragraphs of the body outside tables, in order. */
const bodyParagraphs = (xml: Unzipped) => elements(xml.document.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, ""), "w:p");
const withStyle = (xml: Unzipped, styleId: string) =>
  bodyParagraphs(xml).filter((p) => attribute(p, "w:pStyle", "w:val") === styleId);

const tableBlock = (doc: ReportDocument, tableId: "s2" | "s3" | "s4") =>
  doc.blocks.find((block): block is TableBlock => block.type === "table" && block.tableId === tableId)!;

describe("DOCX of seed 001", () => {
  const doc = buildReportDocument(seed001.report, { isDraft: false });
  let xml: Unzipped;
  let tables: DocxTable[];
  let renderMs = 0;

  beforeAll(async () => {
    const started = performance.now();
    const bytes = await renderReportDocx(doc);
    renderMs = performance.now() - started;
    xml = await unzip(bytes);
    tables = docxTables(xml.document);
  });

  it("writes a copy to test-artifacts/ to open in Word or WPS", () => {
    mkdirSync("test-artifacts", { recursive: true });
    writeFileSync(`test-artifacts/seed-001.docx`, xml.bytes);
    console.info(`seed 001 DOCX: ${xml.bytes.length} bytes, rendered in ${renderMs.toFixed(0)} ms`);
    expect(xml.bytes.length).toBeGreaterThan(0);
  });

  it("is A4 with the GB/T 9704 margins: 37 / 35 / 28 / 26 mm", () => {
    const sectPr = elements(xml.document, "w:sectPr")[0]!;
    expect(attribute(sectPr, "w:pgSz", "w:w")).toBe("11906");
    expect(attribute(sectPr, "w:pgSz", "w:h")).toBe("16838");
    expect(attribute(sectPr, "w:pgMar", "w:top")).toBe("2098");
    expect(attribute(sectPr, "w:pgMar", "w:bottom")).toBe("1984");
    expect(attribute(sectPr, "w:pgMar", "w:left")).toBe("1588");
    expect(attribute(sectPr, "w:pgMar", "w:right")).toBe("1474");
    // 35 mm − 7 mm − one 14 pt line: the 一字线 sits 7 mm below the 版心
    expect(attribute(sectPr, "w:pgMar", "w:footer")).toBe(String(1984 - 396 - 280));
  });

  it("sets the title in 2号 方正小标宋简体, centred, one paragraph per line", () => {
    const title = withStyle(xml, "Title");
    expect(title.map(xmlText)).toEqual([...doc.title]);
    for (const paragraph of title) {
      expect(fontSize(xml, paragraph)).toBe("44");
      expect(eastAsiaFont(xml, paragraph)).toBe("方正小标宋简体");
    }
    expect(styleParagraphProperty(xml, "Title", "w:jc", "w:val")).toBe("center");
  });

  it("has the six section headings in order, in 3号黑体", () => {
    const headings = withStyle(xml, "Heading1");
    expect(headings.map(xmlText)).toEqual(reportSections.map(sectionHeading));
    for (const paragraph of headings) {
      expect(fontSize(xml, paragraph)).toBe("32");
      expect(eastAsiaFont(xml, paragraph)).toBe("黑体");
    }
  });

  it("sets level-2 headings in 楷体_GB2312 and level-3 in 仿宋_GB2312, indented like the body", () => {
    const topics = withStyle(xml, "Heading2");
    expect(topics.map(xmlText)[0]).toBe(`（一）${overviewTopics[0]!.title}`);
    expect(eastAsiaFont(xml, topics[0]!)).toBe("楷体_GB2312");
    expect(fontSize(xml, topics[0]!)).toBe("32");
    const level3 = elements(xml.styles, "w:style").find((s) => attribute(s, "w:style", "w:styleId") === "Heading3")!;
    expect(attribute(level3, "w:rFonts", "w:eastAsia")).toBe("仿宋_GB2312");
    for (const id of ["Heading1", "Heading2", "Heading3"]) {
      expect(styleParagraphProperty(xml, id, "w:ind", "w:firstLine")).toBe("640");
    }
  });

  it("sets the body in 3号仿宋_GB2312 with Times New Roman digits, indented two characters, 22 lines to the page", () => {
    const opening = bodyParagraphs(xml).find((p) => xmlText(p).startsWith("根据"))!;
    expect(attribute(opening, "w:pStyle", "w:val")).toBe("ReportBody");
    expect(fontSize(xml, opening)).toBe("32");
    expect(eastAsiaFont(xml, opening)).toBe("仿宋_GB2312");
    expect(latinFont(xml, opening)).toBe("Times New Roman");
    expect(styleParagraphProperty(xml, "ReportBody", "w:ind", "w:firstLine")).toBe("640");
    expect(styleParagraphProperty(xml, "ReportBody", "w:spacing", "w:line")).toBe("579");
    expect(styleParagraphProperty(xml, "ReportBody", "w:spacing", "w:lineRule")).toBe("exact");
    expect(22 * 579).toBeLessThanOrEqual(16838 - 2098 - 1984);
  });

  it("turns on separate odd and even footers", () => {
    expect(xml.settings).toMatch(/<w:evenAndOddHeaders\/>/);
  });

  it.each([
    ["default", "right", "w:right"],
    ["even", "left", "w:left"],
  ] as const)("puts “— PAGE —” in 4号宋体 in the %s footer, %s-aligned, one character in", (type, alignment, side) => {
    const footer = xml.footers[type]!;
    const paragraph = elements(footer, "w:p")[0]!;
    expect(attribute(paragraph, "w:jc", "w:val")).toBe(alignment);
    expect(attribute(paragraph, "w:ind", side)).toBe("280");
    // In reading order: dash, space, the PAGE field, space, dash.
    const sequence = elements(paragraph, "w:r").map((run) =>
      /<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/.test(run)
        ? "{PAGE}"
        : /<w:fldChar/.test(run)
          ? ""
          : xmlText(run),
    );
    expect(sequence.join("")).toBe("\u2014 {PAGE} \u2014");
    for (const run of elements(paragraph, "w:r")) {
      expect(attribute(run, "w:sz", "w:val")).toBe("28");
      expect(attribute(run, "w:rFonts", "w:eastAsia")).toBe("宋体");
      expect(attribute(run, "w:rFonts", "w:ascii")).toBe("宋体");
    }
  });

  it("prints the three tables in order, each as wide as the 版心", () => {
    expect(tables).toHaveLength(3);
    for (const table of tables) {
      expect(attribute(table.xml, "w:tblW", "w:w")).toBe("8844");
      const columns = elements(table.xml, "w:gridCol").map((col) => Number(attribute(col, "w:gridCol", "w:w")));
      expect(columns.reduce((a, b) => a + b, 0)).toBe(8844);
    }
  });

  it.each([
    ["s2", 0],
    ["s3", 1],
    ["s4", 2],
  ] as const)("draws table %s exactly as the grid, every cell bordered, rows kept whole", (tableId, index) => {
    const table = tables[index]!;
    const grid = tableGrids[tableId];
    expect(expandDocxTable(table)).toEqual(expectedMatrix(grid, tableBlock(doc, tableId).cells));
    table.rows.forEach((row, r) => {
      expect(row.xml).toMatch(/<w:cantSplit\/>/);
      expect(/<w:tblHeader\/>/.test(row.xml), `row ${r}`).toBe(r < grid.headerRowCount);
      for (const cell of row.cells) {
        for (const side of ["w:top", "w:left", "w:bottom", "w:right"]) {
          const borders = elements(cell.xml, "w:tcBorders")[0]!;
          expect(attribute(borders, side, "w:val")).toBe("single");
          expect(attribute(borders, side, "w:sz")).toBe("4");
        }
        expect(attribute(cell.xml, "w:vAlign", "w:val")).toBe("center");
      }
    });
  });

  it("has the 175 figures of 表三 in the right cells", () => {
    const figures = applicationsFigures(expandDocxTable(tables[1]!));
    expect(figures).toEqual(seedApplicationsFigures(seed001.entry.section3!));
    expect(figures.flat()).toHaveLength(175);
  });

  it("merges 表三 as the national table: the footnote 3 × 3, 三、本年度办理结果 over 22 rows, （三）不予公开 over 8", () => {
    const rows = tables[1]!.rows;
    const first = (r: number) => rows[r]!.cells[0]!;
    expect(first(0)).toMatchObject({ text: applicationsFootnote, gridSpan: 3, vMerge: "restart" });
    expect(first(1)).toMatchObject({ text: "", gridSpan: 3, vMerge: "continue" });
    expect(first(2)).toMatchObject({ text: "", gridSpan: 3, vMerge: "continue" });
    expect(first(3).vMerge).toBeNull();

    const results = applicationRowTree.find((node) => node.children)!;
    const resultsRow = rows.findIndex((row) => row.cells[0]!.text === results.label);
    expect(first(resultsRow)).toMatchObject({ gridSpan: 1, vMerge: "restart" });
    for (let r = resultsRow + 1; r < resultsRow + 22; r++) expect(first(r), `row ${r}`).toMatchObject({ text: "", vMerge: "continue" });
    expect(first(resultsRow + 22).vMerge).toBeNull();

    const withheld = results.children!.find((node) => node.key === "withheld")!;
    const withheldRow = rows.findIndex((row) => row.cells[1]?.text === withheld.label);
    expect(rows[withheldRow]!.cells[1]).toMatchObject({ gridSpan: 1, vMerge: "restart" });
    for (let r = withheldRow + 1; r < withheldRow + 8; r++) expect(rows[r]!.cells[1]).toMatchObject({ vMerge: "continue" });
    expect(rows[withheldRow + 8]!.cells[1]!.vMerge).not.toBe("continue");
  });

  it("gives 表三's label columns more room than its figure columns, and 表四 fifteen equal columns", () => {
    const widths = (table: DocxTable) =>
      elements(table.xml, "w:gridCol").map((col) => Number(attribute(col, "w:gridCol", "w:w")));
    const s3 = widths(tables[1]!);
    const labelColumns = tableGrids.s3.columnCount - applicantColumns.length;
    expect(Math.min(...s3.slice(0, labelColumns))).toBeGreaterThan(Math.max(...s3.slice(labelColumns)));
    // five-digit figures in 五号 Times New Roman (5 × 5.25 pt) fit inside the cell margins
    expect(Math.min(...s3.slice(labelColumns)) - 2 * 57).toBeGreaterThanOrEqual(5 * 105);
    const s4 = widths(tables[2]!);
    expect(s4).toHaveLength(15);
    expect(Math.max(...s4) - Math.min(...s4)).toBeLessThanOrEqual(1);
  });

  it("sets the tables in 五号, single-spaced", () => {
    const cellParagraph = elements(tables[1]!.xml, "w:p")[0]!;
    const style = attribute(cellParagraph, "w:pStyle", "w:val")!;
    expect(fontSize(xml, cellParagraph)).toBe("21");
    expect(styleParagraphProperty(xml, style, "w:spacing", "w:line")).toBe("240");
    expect(styleParagraphProperty(xml, style, "w:spacing", "w:lineRule")).toBe("auto");
    expect(styleParagraphProperty(xml, style, "w:ind", "w:firstLine")).toBe("0");
  });

  it("has no draft mark", () => {
    expect(xml.document).not.toContain(DRAFT_MARK);
    for (const header of xml.allHeaders) expect(header).not.toContain(DRAFT_MARK);
  });
});

describe("draft DOCX", () => {
  it("marks every page's header and the first paragraph, in red bold", async () => {
    const xml = await unzip(await renderReportDocx(buildReportDocument(seed001.report, { isDraft: true })));
    for (const type of ["default", "even"]) {
      const header = xml.headers[type]!;
      expect(xmlText(header)).toBe(DRAFT_MARK);
      expect(header).toMatch(/<w:b\/>/);
      expect(attribute(header, "w:color", "w:val")).toBe("FF0000");
    }
    const paragraphs = bodyParagraphs(xml);
    expect(xmlText(paragraphs[0]!)).toBe(DRAFT_MARK);
    expect(attribute(paragraphs[1]!, "w:pStyle", "w:val")).toBe("Title");
  });
});

describe("closing block", () => {
  it("signs with the agency and the date, right-aligned, at the end", async () => {
    const report: TReport = structuredClone(seed001.report);
    report.info.issuedOn = "2026-01-20";
    const xml = await unzip(await renderReportDocx(buildReportDocument(report, { isDraft: false })));
    const last = bodyParagraphs(xml).slice(-2);
    expect(last.map(xmlText)).toEqual([report.info.agencyName, "2026年1月20日"]);
    for (const paragraph of last) expect(attribute(paragraph, "w:jc", "w:val")).toBe("right");
  });
});
