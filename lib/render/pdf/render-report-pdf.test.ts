import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { seedReports } from "@/fixtures/seed-reports";
import { buildReportDocument, DRAFT_MARK, type ReportDocument, type TableBlock } from "@/lib/document";
import { applicantColumns, type TableId, tableGrids, valueRows } from "@/lib/format";
import { mmToPoints } from "../gbt9704";
import { applicationsFigures, expectedMatrix } from "../test-support/table-matrix";
import { loadFace, registerFonts } from "./fonts";
import { MissingGlyphError } from "./glyph-coverage";
import { loadReactPdf } from "./react-pdf";
import { renderReportPdf } from "./render-report-pdf";
import {
  glyphLines,
  type PdfGlyph,
  type PdfPage,
  type PdfTextItem,
  pageText,
  readGlyphs,
  readPdf,
  textLines,
} from "./test-support/read-pdf";

const lineText = (line: readonly PdfGlyph[]) => line.map((glyph) => glyph.text).join("");
const right = (line: readonly PdfGlyph[]) => line.at(-1)!.x + line.at(-1)!.width;

const seed001 = seedReports()[1]!;
const ARTEFACTS = "test-artifacts/pdf";
const PDFTOPPM = "/usr/bin/pdftoppm";

/** The 版心 in points from the page's top-left corner (GB/T 9704-2012 5.2.1). */
const TYPE_AREA = {
  left: mmToPoints(28),
  right: mmToPoints(28 + 156),
  top: mmToPoints(37),
  bottom: mmToPoints(37 + 225),
};
const TOLERANCE = 1;
const PAGE_NUMBER = /^— (\d+) —$/;

const isPageNumber = (item: PdfTextItem) => PAGE_NUMBER.test(item.text);
const isFigure = (item: PdfTextItem) => /^\d+(\.\d+)?$/.test(item.text);
/** Table text is 五号 or 小五; body, headings and page numbers are larger. */
const isTableText = (item: PdfTextItem) => item.size < 12;

/** The body face's metrics, from the font file the renderer embeds. */
async function bodyFace() {
  const pdf = await loadReactPdf();
  registerFonts(pdf);
  return loadFace(pdf, "body");
}

function tableBlock(doc: ReportDocument, tableId: TableId): TableBlock {
  const block = doc.blocks.find(
    (candidate): candidate is TableBlock => candidate.type === "table" && candidate.tableId === tableId,
  );
  if (!block) throw new Error(`no table ${tableId}`);
  return block;
}

/** The figures a table shows, in reading order: 表三 from its full matrix, the others row by row. */
function expectedFigures(doc: ReportDocument, tableId: TableId): string[] {
  const block = tableBlock(doc, tableId);
  if (tableId === "s3") return applicationsFigures(expectedMatrix(block.grid, block.cells)).flat();
  return valueRows(block.grid)
    .flat()
    .map((id) => block.cells[id] ?? "");
}

let doc: ReportDocument;
let bytes: Uint8Array;
let pages: PdfPage[];
let draftPages: PdfPage[];
let firstRenderMs: number;

beforeAll(async () => {
  doc = buildReportDocument(seed001.report, { isDraft: false });
  const started = performance.now();
  bytes = await renderReportPdf(doc);
  firstRenderMs = performance.now() - started;
  pages = await readPdf(bytes);
  draftPages = await readPdf(await renderReportPdf(buildReportDocument(seed001.report, { isDraft: true })));
  mkdirSync(ARTEFACTS, { recursive: true });
  writeFileSync(`${ARTEFACTS}/seed-001.pdf`, bytes);
}, 120_000);

describe("PDF of seed 001", () => {
  it("is A4 on every page", () => {
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      expect(page.width).toBeCloseTo(595.28, 1);
      expect(page.height).toBeCloseTo(841.89, 1);
    }
  });

  it("shows every figure of 表二, 表三 and 表四 in its place, in reading order", () => {
    const expected = (["s2", "s3", "s4"] as const).flatMap((tableId) => expectedFigures(doc, tableId));
    expect(expected).toHaveLength(10 + 175 + 15);
    expect(expected).toContain("1779.2656");
    // Row by row: figures of one table row share a baseline, so rows come out whole and in order.
    const shown = pages.flatMap((page) => textLines(page.items.filter((item) => isTableText(item) && isFigure(item))).flat());
    expect(shown.map((item) => item.text)).toEqual(expected);
  });

  it("shows 表三 as 25 rows of seven figures, on the pages it runs across", () => {
    const s3Pages = pages.filter((page) => pageText(page).includes(firstHeaderLabel("s3")));
    const rows = s3Pages
      .flatMap((page) => textLines(page.items.filter((item) => isTableText(item) && isFigure(item))))
      .filter((row) => row.length === applicantColumns.length);
    expect(rows.map((row) => row.map((item) => item.text))).toEqual(
      applicationsFigures(expectedMatrix(tableGrids.s3, tableBlock(doc, "s3").cells)),
    );
  });

  it("has the six section headings, in order", () => {
    const headings = doc.blocks.flatMap((block) => (block.type === "heading" && block.level === 1 ? [block.text] : []));
    expect(headings).toHaveLength(6);
    const text = pages.map(pageText).join("");
    let from = 0;
    for (const heading of headings) {
      const at = text.indexOf(heading, from);
      expect(at, heading).toBeGreaterThanOrEqual(from);
      from = at + heading.length;
    }
  });

  it("embeds every font, as subsets", () => {
    const raw = Buffer.from(bytes).toString("latin1");
    const descriptors = raw.match(/\/Type \/FontDescriptor/g) ?? [];
    const embedded = raw.match(/\/FontFile[23]?\s/g) ?? [];
    expect(descriptors.length).toBe(4);
    expect(embedded.length).toBe(descriptors.length);
    // No standard (non-embedded) Type 1 font such as Helvetica.
    expect(raw).not.toMatch(/\/Subtype \/Type1/);
    // Subset names carry a six-letter tag: ABCDEF+NotoSerifSC-Regular.
    const names = [...raw.matchAll(/\/FontName \/([A-Z]{6}\+[\w-]+)/g)].map((match) => match[1]);
    expect(names).toHaveLength(4);
  });

  it("keeps all text but the page numbers inside the 版心", () => {
    for (const [index, page] of pages.entries()) {
      for (const item of page.items.filter((candidate) => !isPageNumber(candidate))) {
        const where = `page ${index + 1}: ${item.text}`;
        expect(item.x, where).toBeGreaterThanOrEqual(TYPE_AREA.left - TOLERANCE);
        expect(item.x + item.width, where).toBeLessThanOrEqual(TYPE_AREA.right + TOLERANCE);
        expect(item.top, where).toBeGreaterThanOrEqual(TYPE_AREA.top - TOLERANCE);
        expect(item.bottom, where).toBeLessThanOrEqual(TYPE_AREA.bottom + TOLERANCE);
      }
    }
  });

  it("numbers the pages “— N —”, the dashes 7 mm under the 版心, odd on the right and even on the left, one 4号 character in", async () => {
    const character = 14;
    const face = await bodyFace();
    const dash = face.glyphForCodePoint(0x2014).bbox;
    // The 一字线 is the dash's stroke: the middle of its outline, above the baseline.
    const dashAboveBaseline = ((dash.minY + dash.maxY) / 2 / face.unitsPerEm) * character;
    for (const [index, page] of pages.entries()) {
      const numbers = page.items.filter(isPageNumber);
      expect(numbers.map((item) => item.text)).toEqual([`— ${index + 1} —`]);
      const number = numbers[0]!;
      expect(number.size).toBeCloseTo(character, 1);
      const dashBelowTypeArea = number.baseline - dashAboveBaseline - TYPE_AREA.bottom;
      expect(dashBelowTypeArea).toBeCloseTo(mmToPoints(7), 1);
      if ((index + 1) % 2 === 1) {
        expect(Math.abs(number.x + number.width - (TYPE_AREA.right - character))).toBeLessThanOrEqual(TOLERANCE);
      } else {
        expect(Math.abs(number.x - (TYPE_AREA.left + character))).toBeLessThanOrEqual(TOLERANCE);
      }
    }
  });

  it("marks every page of a draft, and no page of a checked report", () => {
    const mark = DRAFT_MARK.replace(/\s+/g, "");
    expect(draftPages.length).toBeGreaterThan(0);
    for (const page of draftPages) expect(pageText(page)).toContain(mark);
    for (const page of pages) expect(pageText(page)).not.toContain("草稿");
  });

  it("stays under 1 MB", () => {
    console.info(`seed 001: ${pages.length} pages, ${bytes.byteLength} bytes, first render ${firstRenderMs.toFixed(0)} ms`);
    expect(bytes.byteLength).toBeLessThan(1024 * 1024);
  });

  it("renders page 1 and 表三 as PNG for a person to look at", (context) => {
    if (!existsSync(PDFTOPPM)) {
      console.warn(`skipped: ${PDFTOPPM} is missing (Debian package poppler-utils)`);
      context.skip();
      return;
    }
    const s3Page = pages.findIndex((page) => pageText(page).includes(firstHeaderLabel("s3"))) + 1;
    for (const [name, page] of [
      ["page-1", 1],
      ["table-3", s3Page],
    ] as const) {
      const prefix = `${ARTEFACTS}/seed-001-${name}`;
      execFileSync(PDFTOPPM, [
        "-png",
        "-r",
        "110",
        "-singlefile",
        "-f",
        String(page),
        "-l",
        String(page),
        `${ARTEFACTS}/seed-001.pdf`,
        prefix,
      ]);
      expect(existsSync(`${prefix}.png`)).toBe(true);
    }
  });
});

function firstHeaderLabel(tableId: TableId): string {
  const cell = tableGrids[tableId].rows.flat().find((candidate) => candidate.type === "text" && candidate.role === "header");
  if (cell?.type !== "text") throw new Error(`table ${tableId} has no header`);
  return cell.text;
}

describe("PDF body text", () => {
  const sentence =
    "本机关坚持以人民为中心，围绕“三安全一稳定”（即政治安全、经济安全、社会安全和社会稳定）做好政府信息公开工作，全年收费1779.2656万元。";
  const paragraphText = sentence.repeat(4);
  let lines: string[];
  let lineItems: PdfTextItem[][];

  beforeAll(async () => {
    const base = buildReportDocument(seed001.report, { isDraft: false });
    const probe: ReportDocument = {
      ...base,
      opening: [paragraphText],
      blocks: [],
      closing: { agencyName: "湘潭县人民政府办公室", date: "2026年1月20日" },
    };
    const [first] = await readPdf(await renderReportPdf(probe));
    lineItems = textLines(first!.items.filter((item) => item.size === 16 && !isPageNumber(item)));
    lines = lineItems.map((line) =>
      line
        .map((item) => item.text)
        .join("")
        .replace(/\s+/g, ""),
    );
  }, 60_000);

  it("wraps Chinese per character, losing no character or punctuation and adding no hyphen", () => {
    const paragraph = lines.slice(0, -2).join("");
    expect(paragraph).toBe(paragraphText);
  });

  it("sets 28 characters to a full line, 26 after the two-character indent, right edges flush", () => {
    const body = lineItems.slice(0, -2);
    const full = lines.slice(0, -2);
    expect(Array.from(full[0]!).length).toBeLessThanOrEqual(26);
    for (const [index, line] of full.slice(1, -1).entries()) {
      const characters = Array.from(line);
      const nextLine = full[index + 2]!;
      // A line holding a figure counts it by width (1779.2656 is about four characters wide).
      // One is a character short where its last character went over with the closing
      // punctuation after it, which may not start a line.
      if (!/\d/.test(line)) {
        expect([27, 28], line).toContain(characters.length);
        if (characters.length === 27) expect(nextLine, line).toMatch(/^.[，。、；：？！）》”]/u);
      }
      const lastItem = body[index + 1]!.at(-1)!;
      expect(Math.abs(lastItem.x + lastItem.width - TYPE_AREA.right), line).toBeLessThanOrEqual(TOLERANCE);
    }
    // 回行顶格: wrapped lines start at the left edge; the first is indented two characters.
    expect(body[0]![0]!.x - TYPE_AREA.left).toBeGreaterThan(30);
    for (const line of body.slice(1)) expect(Math.abs(line[0]!.x - TYPE_AREA.left)).toBeLessThanOrEqual(TOLERANCE);
  });

  it("starts no line with closing punctuation and ends none with opening punctuation", () => {
    for (const line of lines) {
      expect(line, line).not.toMatch(/^[，。、；：？！）》”]/);
      expect(line, line).not.toMatch(/[（《“]$/);
    }
  });

  it("signs with the agency 右空二字 and the date two characters right of the name's first character", () => {
    const [agency, date] = lineItems.slice(-2);
    expect(lines.slice(-2)).toEqual(["湘潭县人民政府办公室", "2026年1月20日"]);
    const pitch = (TYPE_AREA.right - TYPE_AREA.left) / 28;
    expect(agency!.at(-1)!.x + agency!.at(-1)!.width).toBeCloseTo(TYPE_AREA.right - 2 * pitch, 0);
    expect(date![0]!.x - agency![0]!.x).toBeCloseTo(2 * pitch, 0);
    // One empty line between the text and the name, the date on the next line.
    const text = lineItems[lineItems.length - 3]!;
    expect(agency![0]!.baseline - text[0]!.baseline).toBeCloseTo(2 * 28.95, 1);
    expect(date![0]!.baseline - agency![0]!.baseline).toBeCloseTo(28.95, 1);
  });
});

describe("PDF 落款 (GB/T 9704-2012 7.3.5.2)", () => {
  const pitch = (TYPE_AREA.right - TYPE_AREA.left) / 28;
  const closingLines = async (agencyName: string, date: string) => {
    const base = buildReportDocument(seed001.report, { isDraft: false });
    const probe: ReportDocument = { ...base, opening: ["正文。"], blocks: [], closing: { agencyName, date } };
    const [first] = await readGlyphs(await renderReportPdf(probe));
    return glyphLines(first!.filter((glyph) => glyph.size === 16 && !glyph.isSpace)).slice(1);
  };

  it("ends a date longer than the name 右空二字 and moves the name left to keep the two characters", async () => {
    const [name, date] = await closingLines("某局", "2026年12月31日");
    expect(lineText(name!)).toBe("某局");
    expect(right(date!)).toBeCloseTo(TYPE_AREA.right - 2 * pitch, 0);
    expect(date![0]!.x - name![0]!.x).toBeCloseTo(2 * pitch, 0);
  }, 60_000);

  it("breaks a name longer than the line between words, into even lines starting at one edge", async () => {
    const agency = "中国（湖南）自由贸易试验区长沙片区管理委员会办公室湘江新区分中心";
    const lines = await closingLines(agency, "2026年1月20日");
    const names = lines.slice(0, -1).map(lineText);
    expect(names.join("")).toBe(agency);
    expect(names).toEqual(["中国（湖南）自由贸易试验区长沙片区", "管理委员会办公室湘江新区分中心"]);
    expect(lines[1]![0]!.x).toBeCloseTo(lines[0]![0]!.x, 1);
    expect(Math.max(...lines.slice(0, -1).map(right))).toBeCloseTo(TYPE_AREA.right - 2 * pitch, 0);
  }, 60_000);
});

describe("PDF title", () => {
  it("breaks an agency name too long for a 2号 line between words, into balanced centred lines", async () => {
    const base = buildReportDocument(seed001.report, { isDraft: false });
    const agency = "中国（湖南）自由贸易试验区长沙片区管理委员会办公室湘江新区分中心";
    const probe: ReportDocument = { ...base, title: [agency, "2025年政府信息公开工作年度报告"], blocks: [], closing: null };
    const [first] = await readGlyphs(await renderReportPdf(probe));
    const lines = glyphLines(first!.filter((glyph) => glyph.size === 22));
    expect(lines.map(lineText)).toEqual([
      "中国（湖南）自由贸易试验区长沙片区",
      "管理委员会办公室湘江新区分中心",
      "2025年政府信息公开工作年度报告",
    ]);
    const centre = (TYPE_AREA.left + TYPE_AREA.right) / 2;
    for (const line of lines) expect((line[0]!.x + right(line)) / 2).toBeCloseTo(centre, 0);
  }, 60_000);
});

describe("PDF of characters the Simplified Chinese faces lack", () => {
  const withProblems = (body: string): ReportDocument => {
    const report = structuredClone(seed001.report);
    report.narrative.problems.body = body;
    return buildReportDocument(report, { isDraft: false });
  };

  it("prints Extension B ideographs of names from the fallback faces, and Latin text with its space, as written", async () => {
    const bytes = await renderReportPdf(withProblems("申请人张𡈼、𠮷田提出申请ABC abc。"));
    const pages = await readGlyphs(bytes);
    const line = pages
      .flatMap((glyphs) => glyphLines(glyphs.filter((glyph) => glyph.size === 16)))
      .find((candidate) => lineText(candidate).includes("𡈼"))!;
    expect(lineText(line)).toBe("申请人张𡈼、𠮷田提出申请ABC abc。");
    const raw = Buffer.from(bytes).toString("latin1");
    // Embedded subsets of Noto Serif HK (𡈼, HKSCS) and Noto Serif JP (𠮷, JIS X 0213); no unembedded font.
    expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+NotoSerifHK-Regular/);
    expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+NotoSerifJP-Regular/);
    expect(raw).not.toMatch(/\/Subtype \/Type1/);
    const byText = (text: string) => line.find((glyph) => glyph.text === text)!;
    expect(byText("𡈼").font).not.toBe(byText("张").font);
    expect(byText("𠮷").font).not.toBe(byText("𡈼").font);
    // Full-width, on the line's baseline, in their place.
    expect(byText("𡈼").width).toBeCloseTo(16, 1);
    expect(byText("𠮷").baseline).toBeCloseTo(byText("张").baseline, 1);
    // “ABC abc”: the space is the space's own width, no wider.
    const [c, a] = [line.find((glyph) => glyph.text === "C")!, line.find((glyph) => glyph.text === "a")!];
    expect(a.x - (c.x + c.width)).toBeCloseTo(0.256 * 16, 1);
  }, 60_000);

  it("refuses the PDF when no face has a character, naming the character and where it stands", async () => {
    const error = await renderReportPdf(withProblems("公开内容不够全面。\n申请人𰀀某提出申请。")).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(MissingGlyphError);
    const { message, missing } = error as MissingGlyphError;
    expect(missing).toEqual([
      { character: "𰀀", codePoint: "U+30000", where: "“五、存在的主要问题及改进情况”第 2 段", context: "申请人𰀀某提出申请。" },
    ]);
    expect(message).toContain("“𰀀”（U+30000，“五、存在的主要问题及改进情况”第 2 段：“申请人𰀀某提出申请。”）");
    expect(message).toContain("不能导出 PDF");
  }, 60_000);
});

describe("PDF of a table crossing a page", () => {
  let tablePages: PdfPage[];
  let s3: TableBlock;

  beforeAll(async () => {
    const base = buildReportDocument(seed001.report, { isDraft: false });
    s3 = tableBlock(base, "s3");
    // Half a page of text and no heading before 表三, so nothing moves it whole to a fresh page.
    const filler = "本机关认真贯彻落实政府信息公开条例，依法依规办理政府信息公开申请。".repeat(12);
    const probe: ReportDocument = { ...base, opening: [filler], blocks: [s3], closing: null };
    tablePages = (await readPdf(await renderReportPdf(probe))).filter((page) => page.items.some(isTableText));
  }, 60_000);

  it("repeats the header rows on the next page and splits no row", () => {
    expect(tablePages.length).toBe(2);
    const header = firstHeaderLabel("s3");
    for (const page of tablePages) expect(pageText(page)).toContain(header);
    const rows = tablePages.flatMap((page) => textLines(page.items.filter((item) => isTableText(item) && isFigure(item))));
    expect(rows.map((row) => row.map((item) => item.text))).toEqual(applicationsFigures(expectedMatrix(tableGrids.s3, s3.cells)));
  });
});

describe("PDF of tables with large figures", () => {
  const withFigures = (block: TableBlock, figure: string): TableBlock => ({
    ...block,
    cells: Object.fromEntries(Object.keys(block.cells).map((id) => [id, figure])),
  });

  it("sets each figure whole on one line inside its column, however wide", async () => {
    const base = buildReportDocument(seed001.report, { isDraft: false });
    const figures = { s3: "123456", s4: "99999" } as const;
    const probe: ReportDocument = {
      ...base,
      blocks: [withFigures(tableBlock(base, "s3"), figures.s3), withFigures(tableBlock(base, "s4"), figures.s4)],
      closing: null,
    };
    const items = (await readPdf(await renderReportPdf(probe))).flatMap((page) =>
      textLines(page.items.filter((item) => isTableText(item) && isFigure(item))),
    );
    expect(items.flat().map((item) => item.text)).toEqual([
      ...Array.from({ length: 175 }, () => figures.s3),
      ...Array.from({ length: 15 }, () => figures.s4),
    ]);
    for (const line of items) {
      line.slice(1).forEach((item, index) => {
        const left = line[index]!;
        // Neighbouring figures leave room between them for the rule: no figure runs into the next column.
        expect(left.x + left.width + 2, `${left.text} | ${item.text}`).toBeLessThanOrEqual(item.x);
      });
    }
  }, 60_000);
});

describe("PDF render time", () => {
  it("is measured: warm median of 10 renders of seed 001", async () => {
    const warmDoc = buildReportDocument(seed001.report, { isDraft: false });
    const times: number[] = [];
    for (let run = 0; run < 10; run += 1) {
      const started = performance.now();
      await renderReportPdf(warmDoc);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const median = (times[4]! + times[5]!) / 2;
    console.info(`PDF render of seed 001: first ${firstRenderMs.toFixed(0)} ms, warm median ${median.toFixed(0)} ms`);
    expect(median).toBeGreaterThan(0);
  }, 120_000);
});

describe("PDF of a 表三 with nine-digit figures", () => {
  it("prints every figure whole, at 7.5 pt or more, in its own column, the table within the 版心", async () => {
    const base = buildReportDocument(seed001.report, { isDraft: false });
    const s3 = tableBlock(base, "s3");
    const probe: ReportDocument = {
      ...base,
      blocks: [{ ...s3, cells: Object.fromEntries(Object.keys(s3.cells).map((id) => [id, "123456789"])) }],
      closing: null,
    };
    const pages = await readPdf(await renderReportPdf(probe));
    const lines = pages.flatMap((page) => textLines(page.items.filter((item) => isTableText(item) && isFigure(item))));
    expect(lines.flat()).toHaveLength(175);
    const left = mmToPoints(28);
    const right = left + mmToPoints(156);
    for (const line of lines) {
      expect(line.map((item) => item.text)).toEqual(Array.from({ length: 7 }, () => "123456789"));
      for (const item of line) {
        expect(item.size).toBeGreaterThanOrEqual(7.5);
        expect(item.x).toBeGreaterThanOrEqual(left);
        expect(item.x + item.width).toBeLessThanOrEqual(right);
      }
      line.slice(1).forEach((item, index) => {
        expect(line[index]!.x + line[index]!.width + 2).toBeLessThanOrEqual(item.x);
      });
    }
  }, 60_000);
});

describe("PDF of a 表四 whose figures fifteen columns cannot hold", () => {
  const base = buildReportDocument(seed001.report, { isDraft: false });
  const probe = (figure: string): ReportDocument => {
    const s4 = tableBlock(base, "s4");
    return {
      ...base,
      opening: [],
      blocks: [{ ...s4, cells: Object.fromEntries(Object.keys(s4.cells).map((id) => [id, figure])) }],
      closing: null,
    };
  };

  it.each([
    ["123456", [5, 10]],
    ["12345678", [5, 10]],
    ["123456789", [5, 5, 5]],
  ])(
    "stacks %s by its column groups: every figure at 7.5 pt or more, inside its own column of the 版心",
    async (figure, perLine) => {
      const pages = await readPdf(await renderReportPdf(probe(figure)));
      expect(pages).toHaveLength(1);
      const items = pages[0]!.items.filter(isTableText);
      const lines = textLines(items.filter(isFigure));
      expect(lines.map((line) => line.length)).toEqual(perLine);
      for (const line of lines) {
        // The table's columns share the 版心 evenly (all figures alike): each figure within its own, clear of the rules.
        const column = (TYPE_AREA.right - TYPE_AREA.left) / line.length;
        line.forEach((item, index) => {
          expect(item.text).toBe(figure);
          expect(item.size).toBeGreaterThanOrEqual(7.5);
          expect(item.x, `${figure} #${index}`).toBeGreaterThanOrEqual(TYPE_AREA.left + index * column + 1);
          expect(item.x + item.width, `${figure} #${index}`).toBeLessThanOrEqual(TYPE_AREA.left + (index + 1) * column - 1);
        });
      }
      // 行政复议 and its figures above 行政诉讼 and its figures.
      const top = (label: string) => items.find((item) => item.text === label)!.baseline;
      expect(top("行政复议")).toBeLessThan(lines[0]![0]!.baseline);
      expect(lines[0]![0]!.baseline).toBeLessThan(top("行政诉讼"));
      expect(top("行政诉讼")).toBeLessThan(lines[1]![0]!.baseline);
    },
    60_000,
  );

  it("keeps five-digit figures in the national fifteen columns", async () => {
    const pages = await readPdf(await renderReportPdf(probe("12345")));
    const lines = textLines(pages[0]!.items.filter((item) => isTableText(item) && isFigure(item)));
    expect(lines.map((line) => line.length)).toEqual([15]);
    for (const item of lines[0]!) expect(item.size).toBeGreaterThanOrEqual(7.5);
  }, 60_000);
});

describe("PDF fallback faces in bold and 黑体 text", () => {
  it("prints an Extension B ideograph of the bold title in the fallback faces' bold weight", async () => {
    const report = structuredClone(seed001.report);
    report.info.agencyName = "𠮷田𡈼社区居民委员会";
    const raw = Buffer.from(await renderReportPdf(buildReportDocument(report, { isDraft: false }))).toString("latin1");
    // The title (Noto Serif SC Bold) falls back to the Bold faces; the body (the 落款-less report has none) to none.
    expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+NotoSerifJP-Bold/);
    expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+NotoSerifHK-Bold/);
    expect(raw).not.toMatch(/\/FontName \/[A-Z]{6}\+NotoSerifJP-Regular/);
  }, 60_000);
});

describe("PDF of a table with a row all blank", () => {
  it("gives the blank row of 表四 its height, as when it holds figures", async () => {
    const base = buildReportDocument(seed001.report, { isDraft: false });
    const s4 = tableBlock(base, "s4");
    const probe = (figure: string): ReportDocument => ({
      ...base,
      opening: [],
      blocks: [
        { ...s4, cells: Object.fromEntries(Object.keys(s4.cells).map((id) => [id, figure])) },
        { type: "heading", level: 1, text: "五、存在的主要问题及改进情况" },
      ],
      closing: null,
    });
    const headingTop = async (figure: string) => {
      const page = (await readPdf(await renderReportPdf(probe(figure))))[0]!;
      return page.items.find((item) => item.text.startsWith("五、"))!.baseline;
    };
    expect(await headingTop("")).toBeCloseTo(await headingTop("0"), 1);
  }, 60_000);
});
