import { mkdirSync, writeFileSync } from "node:fs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishedSeedReports, seedReports } from "@/fixtures/seed-reports";
import { buildReportDocument, DRAFT_MARK, type ReportDocument, type TableBlock } from "@/lib/document";
import {
  applicantColumns,
  applicationRowTree,
  applicationsFootnote,
  overviewTopics,
  reportSections,
  sectionHeading,
  tableGrids,
} from "@/lib/format";
import type { TReport } from "@/lib/report/report-schema";
import { hardCases } from "../test-support/hard-cases";
import { loneCharacterLabels } from "../test-support/label-lines";
import {
  applicationsFigures,
  attribute,
  type DocxTable,
  docxTables,
  elements,
  expandDocxTable,
  expectedMatrix,
  seedApplicationsFigures,
  xmlText,
} from "../test-support/table-matrix";
import { renderReportDocx } from "./render-report-docx";
import { STYLE_ID } from "./styles";

const STYLE_BODY = STYLE_ID.body;

const seed001 = seedReports()[1]!;
/** 225 mm / 22 lines, in twips. */
const LINE_PITCH_TWIPS = 579;

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

  // A copy in test-artifacts/ to open in Word or WPS; writing it checks nothing, so it is not a test.
  afterAll(() => {
    if (!xml) return;
    mkdirSync("test-artifacts", { recursive: true });
    writeFileSync(`test-artifacts/seed-001.docx`, xml.bytes);
    console.info(`seed 001 DOCX: ${xml.bytes.length} bytes, rendered in ${renderMs.toFixed(0)} ms`);
  });

  it("is A4 with the GB/T 9704 margins: 37 / 35 / 28 / 26 mm", () => {
    const sectPr = elements(xml.document, "w:sectPr")[0]!;
    expect(attribute(sectPr, "w:pgSz", "w:w")).toBe("11906");
    expect(attribute(sectPr, "w:pgSz", "w:h")).toBe("16838");
    expect(attribute(sectPr, "w:pgMar", "w:top")).toBe("2098");
    expect(attribute(sectPr, "w:pgMar", "w:bottom")).toBe("1984");
    expect(attribute(sectPr, "w:pgMar", "w:left")).toBe("1588");
    expect(attribute(sectPr, "w:pgMar", "w:right")).toBe("1474");
    // 35 mm − (7 mm − half the 14 pt line) − the line: the 一字线, mid-line, sits 7 mm below the 版心
    expect(attribute(sectPr, "w:pgMar", "w:footer")).toBe(String(1984 - (396 - 140) - 280));
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
      /<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/.test(run) ? "{PAGE}" : /<w:fldChar/.test(run) ? "" : xmlText(run),
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
        // Every cell takes its rules from the table's, none overrides them.
        expect(cell.xml).not.toContain("<w:tcBorders");
        expect(attribute(cell.xml, "w:vAlign", "w:val")).toBe("center");
      }
    });
    const tableBorders = elements(table.xml, "w:tblBorders")[0]!;
    for (const side of ["w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"]) {
      expect(attribute(tableBorders, side, "w:val"), side).toBe("single");
      expect(attribute(tableBorders, side, "w:sz"), side).toBe("4");
    }
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
    for (let r = resultsRow + 1; r < resultsRow + 22; r++)
      expect(first(r), `row ${r}`).toMatchObject({ text: "", vMerge: "continue" });
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
    // five-digit figures in 小五 Times New Roman (5 × 4.5 pt) fit inside the cell margins
    expect(Math.min(...s3.slice(labelColumns)) - 2 * 57).toBeGreaterThanOrEqual(5 * 90);
    const s4 = widths(tables[2]!);
    expect(s4).toHaveLength(15);
    expect(Math.max(...s4) - Math.min(...s4)).toBeLessThanOrEqual(1);
  });

  it("keeps 表二's captions with the block's first figures, the header with two rows, the last two rows together, and lets 表三 break between rows", () => {
    /** Keep-with-next set on the paragraph or by its style (or a style that one is based on). */
    const keepsWithNext = (paragraph: string): boolean => {
      if (/<w:keepNext\/>/.test(paragraph)) return true;
      let styleId = attribute(paragraph, "w:pStyle", "w:val");
      while (styleId) {
        const style = elements(xml.styles, "w:style").find(
          (candidate) => attribute(candidate, "w:style", "w:styleId") === styleId,
        );
        if (!style) return false;
        if (/<w:keepNext\/>/.test(style)) return true;
        styleId = attribute(style, "w:basedOn", "w:val");
      }
      return false;
    };
    const keptRows = (table: DocxTable) => table.rows.map((row) => elements(row.xml, "w:p").every(keepsWithNext));
    const rowText = (table: DocxTable, r: number) => table.rows[r]!.cells.map((cell) => cell.text).join("|");
    const s2 = tables[0]!;
    const kept = keptRows(s2);
    const captions = s2.rows.flatMap((row, r) => (/^第二十条第（[一五六八]）项$/.test(row.cells[0]!.text) ? [r] : []));
    expect(captions).toHaveLength(4);
    for (const r of captions) {
      expect(kept[r], rowText(s2, r)).toBe(true);
      expect(rowText(s2, r + 1)).toMatch(/^信息内容\|/);
      expect(kept[r + 1], rowText(s2, r + 1)).toBe(true);
      // The first row of figures may end a page: the header rows go with it.
      expect(kept[r + 2], rowText(s2, r + 2)).toBe(false);
    }
    for (const table of [tables[1]!, tables[2]!]) {
      const rows = keptRows(table);
      const header = table.rows.filter((row) => /<w:tblHeader\/>/.test(row.xml)).length;
      expect(header).toBeGreaterThan(0);
      // The header rows and the first body row: a page never ends with the header and fewer than two rows.
      expect(rows.slice(0, Math.min(header + 1, rows.length - 1)).every(Boolean)).toBe(true);
      expect(rows.at(-2)).toBe(true);
      expect(rows.at(-1)).toBe(false);
      // Every row is whole on its page.
      for (const row of table.rows) expect(row.xml).toMatch(/<w:cantSplit\/>/);
    }
    // 表三 may break between its rows: most are not kept with the next.
    const s3 = keptRows(tables[1]!);
    expect(s3.filter((kept) => !kept).length).toBeGreaterThan(10);
    // The first row under a merged label (（三）不予公开 …) stays with the next.
    const underLabel = tables[1]!.rows.findIndex((row) => row.cells.some((cell) => cell.text === "（三）不予公开"));
    expect(s3[underLabel], rowText(tables[1]!, underLabel)).toBe(true);
    // Each table's heading stays with the table: the heading style keeps with next.
    expect(xml.styles).toMatch(/<w:style [^>]*w:styleId="Heading1"[\s\S]*?<w:keepNext\/>[\s\S]*?<\/w:style>/);
  });

  it("leaves no national label of 表三 with one character alone on a line, at the column widths and 小五", () => {
    const widths = elements(tables[1]!.xml, "w:gridCol").map((col) => Number(attribute(col, "w:gridCol", "w:w")) / 20);
    const lone = loneCharacterLabels(tableGrids.s3, widths, 9, (2 * 57) / 20);
    expect(lone).toEqual([]);
  });

  it("sets 表二 in 五号 and 表三, 表四 in 小五 (as the PDF, so 表三 fits a page), single-spaced", () => {
    expect(tables.map((table) => fontSize(xml, elements(table.xml, "w:p")[0]!))).toEqual(["21", "18", "18"]);
    const cellParagraph = elements(tables[1]!.xml, "w:p")[0]!;
    const style = attribute(cellParagraph, "w:pStyle", "w:val")!;
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
  const signedWith = async (agencyName: string, issuedOn: string) => {
    const report: TReport = structuredClone(seed001.report);
    report.info.agencyName = agencyName;
    report.info.issuedOn = issuedOn;
    return unzip(await renderReportDocx(buildReportDocument(report, { isDraft: false })));
  };
  /** Left indent in body characters: 16 pt less the close setting, 314 twips. */
  const indentCharacters = (paragraph: string) => Number(attribute(paragraph, "w:ind", "w:left") ?? 0) / 314;

  it("signs per GB/T 9704 7.3.5.2: one empty line, the name 右空二字, the date two characters right of the name's first", async () => {
    const xml = await signedWith("湘潭县人民政府办公室", "2026-01-20");
    const [before, name, date] = bodyParagraphs(xml).slice(-3);
    // The empty line is space before the name, not an empty paragraph.
    expect(xmlText(before!)).not.toBe("");
    expect(Number(attribute(name!, "w:spacing", "w:before"))).toBe(LINE_PITCH_TWIPS);
    expect([xmlText(name!), xmlText(date!)]).toEqual(["湘潭县人民政府办公室", "2026年1月20日"]);
    // 10 characters ending two characters from the right edge of a 28-character line.
    expect(indentCharacters(name!)).toBeCloseTo(28 - 2 - 10, 1);
    expect(indentCharacters(date!) - indentCharacters(name!)).toBeCloseTo(2, 1);
    for (const paragraph of [name!, date!]) expect(attribute(paragraph, "w:jc", "w:val")).toBe("left");
  });

  it("ends a date longer than the name 右空二字 (flush right, two characters in) and moves the name left by as much", async () => {
    const xml = await signedWith("某局", "2026-12-31");
    const [name, date] = bodyParagraphs(xml).slice(-2);
    expect(attribute(date!, "w:jc", "w:val")).toBe("right");
    expect(Number(attribute(date!, "w:ind", "w:right")) / 314).toBeCloseTo(2, 2);
    // 2026年12月31日: three characters and eight figures of half a character = 7 characters wide.
    expect(indentCharacters(name!)).toBeCloseTo(28 - 2 - 7 - 2, 1);
  });

  it("breaks a name longer than the line between words into balanced lines, and the title likewise", async () => {
    const agency = "中国（湖南）自由贸易试验区长沙片区管理委员会办公室湘江新区分中心";
    const xml = await signedWith(agency, "2026-01-20");
    const names = bodyParagraphs(xml).slice(-3, -1);
    expect(names.map(xmlText)).toEqual(["中国（湖南）自由贸易试验区长沙片区", "管理委员会办公室湘江新区分中心"]);
    expect(indentCharacters(names[0]!)).toBeCloseTo(indentCharacters(names[1]!), 5);
    // 2号 takes 20 characters to a line.
    expect(withStyle(xml, "Title").map(xmlText)).toEqual([
      "中国（湖南）自由贸易试验区长沙片区",
      "管理委员会办公室湘江新区分中心",
      "2025年政府信息公开工作年度报告",
    ]);
  });
});

describe("DOCX sub-headings in 五 and 六", () => {
  it("sets them in the 楷体 second-level heading style like 一's, whether typed with full-width or ASCII brackets", async () => {
    const report: TReport = structuredClone(seed001.report);
    report.narrative.problems.body = "（一）存在问题\n公开内容不够全面。\n(二)改进情况\n加强培训。";
    report.narrative.other_matters.body = "(一)收取信息处理费的情况\n本年度未收取信息处理费。";
    const xml = await unzip(await renderReportDocx(buildReportDocument(report, { isDraft: false })));
    const headings = withStyle(xml, "Heading2");
    expect(headings.map(xmlText).slice(-3)).toEqual(["（一）存在问题", "（二）改进情况", "（一）收取信息处理费的情况"]);
    for (const heading of headings) expect(eastAsiaFont(xml, heading)).toBe("楷体_GB2312");
  });
});

describe("DOCX package details", () => {
  const read = async (bytes: Uint8Array, path: string) => (await JSZip.loadAsync(bytes)).file(path)!.async("string");

  it("says the agency as creator and last editor, and the report's title, in the core properties", async () => {
    const bytes = await renderReportDocx(buildReportDocument(seed001.report, { isDraft: false }));
    const core = await read(bytes, "docProps/core.xml");
    const property = (tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(core)?.[1];
    expect(property("dc:title")).toBe("湘潭县人民政府2025年政府信息公开工作年度报告");
    expect(property("dc:creator")).toBe("湘潭县人民政府");
    expect(property("cp:lastModifiedBy")).toBe("湘潭县人民政府");
  });

  it("names every East-Asian face of the styles in fontTable.xml, with its 宋体/黑体/仿宋/楷体 substitute and GB2312 character set", async () => {
    const bytes = await renderReportDocx(buildReportDocument(seed001.report, { isDraft: false }));
    const [fontTable = "", styles = "", footer = ""] = await Promise.all(
      ["word/fontTable.xml", "word/styles.xml", "word/footer1.xml"].map((path) => read(bytes, path)),
    );
    const used = new Set([...`${styles}${footer}`.matchAll(/<w:rFonts [^>]*w:eastAsia="([^"]+)"/g)].map((match) => match[1]!));
    const fonts = new Map(
      elements(fontTable, "w:font").map((font) => [
        attribute(font, "w:font", "w:name")!,
        { altName: attribute(font, "w:altName", "w:val"), charset: attribute(font, "w:charset", "w:val") },
      ]),
    );
    expect([...used].sort()).toEqual(["仿宋_GB2312", "宋体", "方正小标宋简体", "楷体_GB2312", "黑体"].sort());
    for (const face of used) expect(fonts.get(face)?.charset, face).toBe("86");
    expect(fonts.get("方正小标宋简体")!.altName).toBe("宋体");
    expect(fonts.get("黑体")!.altName).toBe("SimHei");
    expect(fonts.get("仿宋_GB2312")!.altName).toBe("仿宋");
    expect(fonts.get("楷体_GB2312")!.altName).toBe("楷体");
  });

  it("puts the draft watermark diagonally behind every page of a draft, as the PDF does, and none on a checked report", async () => {
    const draft = await unzip(await renderReportDocx(buildReportDocument(seed001.report, { isDraft: true })));
    expect(Object.keys(draft.headers).sort()).toEqual(["default", "even"]);
    for (const header of Object.values(draft.headers)) {
      const shape = elements(header, "v:shape")[0]!;
      expect(attribute(shape, "v:shape", "type")).toBe("#_x0000_t136");
      expect(attribute(shape, "v:shape", "style")).toMatch(/rotation:315/);
      expect(attribute(shape, "v:shape", "style")).toMatch(/z-index:-/);
      expect(attribute(shape, "v:shape", "style")).toMatch(
        /mso-position-horizontal:center;mso-position-horizontal-relative:margin/,
      );
      expect(attribute(shape, "v:textpath", "string")).toBe(DRAFT_MARK);
      expect(header).toContain('<v:shapetype id="_x0000_t136"');
    }
    const checked = await unzip(await renderReportDocx(buildReportDocument(seed001.report, { isDraft: false })));
    for (const header of checked.allHeaders) expect(header).not.toContain("v:shape");
  });
});

describe("DOCX pagination as the PDF's", () => {
  const published = publishedSeedReports();

  it("declares the 22 × 28 grid (linesAndChars) and sets widow and orphan control on body paragraphs", async () => {
    const xml = await unzip(await renderReportDocx(buildReportDocument(published[1]!.report, { isDraft: false })));
    const grid = elements(xml.document, "w:docGrid")[0]!;
    expect(attribute(grid, "w:docGrid", "w:type")).toBe("linesAndChars");
    expect(Number(attribute(grid, "w:docGrid", "w:linePitch"))).toBe(LINE_PITCH_TWIPS);
    // Word's grid character: 16 pt + charSpace/4096 pt; 28 of them fit the 156 mm 版心 (442.2 pt), 29 do not.
    const character = 16 + Number(attribute(grid, "w:docGrid", "w:charSpace")) / 4096;
    expect(Math.floor(442.2 / character)).toBe(28);
    expect(Number(attribute(grid, "w:docGrid", "w:charSpace"))).toBe(-849);
    // The text keeps off the grid (Normal, on which every style is based), or each 小五 table line would
    // take a 28.95 pt grid line; Normal states the grid's 16 pt base size.
    const normal = elements(xml.styles, "w:style").find((style) => style.includes('w:styleId="Normal"'))!;
    expect(normal).toContain('<w:snapToGrid w:val="0"/>');
    expect(normal).toContain('<w:sz w:val="32"/>');
    const body = withStyle(xml, STYLE_BODY).filter((paragraph) => xmlText(paragraph).length > 30);
    expect(body.length).toBeGreaterThan(5);
    for (const paragraph of body) expect(paragraph).toMatch(/<w:widowControl\/>/);
  });

  it("writes no empty spacer paragraph: the line after a table and above the 落款 are space before the next paragraph", async () => {
    for (const { report } of published) {
      const signed = structuredClone(report);
      signed.info.issuedOn = "2026-01-20";
      const xml = await unzip(await renderReportDocx(buildReportDocument(signed, { isDraft: false })));
      const paragraphs = bodyParagraphs(xml);
      expect(paragraphs.filter((paragraph) => xmlText(paragraph) === "").map((p) => p.slice(0, 200))).toEqual([]);
      // The heading after each table carries the empty line as space before it.
      const afterTables = xml.document
        .split(/<\/w:tbl>/)
        .slice(1)
        .map((rest) => elements(rest, "w:p")[0]!);
      expect(afterTables).toHaveLength(3);
      for (const paragraph of afterTables) expect(Number(attribute(paragraph, "w:spacing", "w:before"))).toBe(LINE_PITCH_TWIPS);
    }
  });

  it("lets a paragraph with a long web address or e-mail break inside it (w:wordWrap off), others not", async () => {
    const { doc } = hardCases().find((entry) => entry.name === "long-names-and-addresses")!;
    const xml = await unzip(await renderReportDocx(doc));
    const withUrl = bodyParagraphs(xml).find((paragraph) => xmlText(paragraph).includes("https://www.example.gov.cn"))!;
    expect(withUrl).toMatch(/<w:wordWrap w:val="(0|false)"\/>/);
    const plain = bodyParagraphs(xml).filter((paragraph) => !/[\x21-\x7e]{16,}/.test(xmlText(paragraph)));
    for (const paragraph of plain) expect(paragraph).not.toMatch(/<w:wordWrap/);
  });
});

describe("DOCX figures", () => {
  it("keeps every figure of a nine-digit 表三 whole: no-wrap cells, at 7.5 pt or more, in columns that hold them", async () => {
    const { doc } = hardCases().find((entry) => entry.name === "nine-digit-figures")!;
    const xml = await unzip(await renderReportDocx(doc));
    const s3 = docxTables(xml.document)[1]!;
    const columns = elements(s3.xml, "w:gridCol").map((col) => Number(attribute(col, "w:gridCol", "w:w")));
    expect(columns.reduce((a, b) => a + b, 0)).toBe(8844);
    // The label columns keep room for four characters of 小五 (9 pt = 180 twips) besides the margins.
    for (const width of columns.slice(0, 3)) expect(width).toBeGreaterThanOrEqual(4 * 180);
    const figureCells = s3.rows.flatMap((row) => row.cells.filter((cell) => cell.text === "123456789"));
    expect(figureCells).toHaveLength(175);
    for (const cell of figureCells) {
      expect(cell.xml).toMatch(/<w:noWrap\/><w:vAlign/);
      // One run: the figure whole, at its own size where the table's 9 pt does not fit, never below 7.5 pt.
      expect(elements(cell.xml, "w:t")).toHaveLength(1);
      const size = Number(attribute(cell.xml, "w:sz", "w:val") ?? 18) / 2;
      expect(size).toBeGreaterThanOrEqual(7.5);
      // Nine figures of up to 0.56 em (Times New Roman 0.5, Noto Serif SC where it stands in 0.56) and the margins.
      const width = Number(attribute(cell.xml, "w:tcW", "w:w"));
      expect(width).toBeGreaterThanOrEqual(9 * 0.56 * size * 20 + 114);
    }
    // Labels never marked no-wrap: they give up width and wrap.
    const labels = s3.rows.flatMap((row) => row.cells.filter((cell) => /^\d\.|^（/.test(cell.text)));
    for (const cell of labels) expect(cell.xml).not.toContain("w:noWrap");
  });
});

describe("DOCX 表四 whose figures fifteen columns cannot hold", () => {
  it.each([
    ["seven-digit-figures", "1234567", [5, 10]],
    ["nine-digit-figures", "123456789", [5, 5, 5]],
  ])(
    "%s: stacked by its column groups, 行政复议 above 行政诉讼, each figure whole in a cell that holds it",
    async (name, figure, perRow) => {
      const { doc } = hardCases().find((entry) => entry.name === name)!;
      const xml = await unzip(await renderReportDocx(doc));
      const s4 = docxTables(xml.document)[2]!;
      const rowTexts = s4.rows.map((row) => row.cells.map((cell) => cell.text));
      expect(rowTexts[0]).toEqual(["行政复议"]);
      expect(rowTexts.findIndex((texts) => texts.includes("行政诉讼"))).toBeGreaterThan(2);
      const figureRows = s4.rows.filter((row) => row.cells.some((cell) => cell.text === figure));
      expect(figureRows.map((row) => row.cells.length)).toEqual(perRow);
      for (const cell of figureRows.flatMap((row) => row.cells)) {
        expect(cell.text).toBe(figure);
        expect(cell.xml).toMatch(/<w:noWrap\/><w:vAlign/);
        const size = Number(attribute(cell.xml, "w:sz", "w:val") ?? 18) / 2;
        expect(size).toBeGreaterThanOrEqual(7.5);
        const width = Number(attribute(cell.xml, "w:tcW", "w:w"));
        expect(width).toBeGreaterThanOrEqual(figure.length * 0.56 * size * 20 + 114);
      }
      // No header rows repeat: each part brings its own labels.
      expect(s4.xml).not.toContain("w:tblHeader");
    },
  );
});
