/**
 * The five published seed reports as PDFs, as the export route makes them (a report with
 * errors as a draft), read back glyph by glyph with pdf.js: justification, the line grid
 * and the breaking of 表三's labels. The PDFs and their pages as PNG go to test-artifacts/.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { checkReport } from "@/lib/checks/check-report";
import { buildReportDocument, type ReportDocument } from "@/lib/document";
import { tableGrids } from "@/lib/format";
import { mmToPoints } from "../gbt9704";
import { layOutGrid } from "../grid-layout";
import { renderReportPdf } from "./render-report-pdf";
import { overfullFeet, pageFillOf } from "./test-support/page-fill";
import { glyphLines, type PdfGlyph, readGlyphs } from "./test-support/read-pdf";

const ARTEFACTS = "test-artifacts/pdf";
const PDFTOPPM = "/usr/bin/pdftoppm";
const LINE_PITCH = 28.95;
/** The first line's baseline: 版心 top (37 mm) plus Noto Serif SC's ascent (1.151 em) at 16 pt. */
const FIRST_BASELINE = mmToPoints(37) + 1.151 * 16;

type SeedPdf = { seed: string; doc: ReportDocument; pages: PdfGlyph[][]; bytes: number };
let seeds: SeedPdf[];

const lineText = (line: readonly PdfGlyph[]) => line.map((glyph) => glyph.text).join("");
/** Text at body and title size (16 and 22 pt), upright: what the renderer sets and justifies. */
const bodySize = (glyph: PdfGlyph) => glyph.upright && glyph.size >= 15;
const isTableText = (glyph: PdfGlyph) => glyph.upright && glyph.size < 12;

beforeAll(async () => {
  mkdirSync(ARTEFACTS, { recursive: true });
  seeds = [];
  for (const { entry, report } of publishedSeedReports()) {
    const isDraft = checkReport(report).some((result) => result.severity === "error");
    const doc = buildReportDocument(report, { isDraft });
    const bytes = await renderReportPdf(doc);
    const seed = entry.seed.slice(0, 3);
    writeFileSync(`${ARTEFACTS}/published-seed-${seed}.pdf`, bytes);
    seeds.push({ seed, doc, pages: await readGlyphs(bytes), bytes: bytes.byteLength });
  }
  console.info(`PDF sizes: ${seeds.map(({ seed, bytes }) => `${seed} ${(bytes / 1024).toFixed(0)} KB`).join(", ")}`);
}, 300_000);

describe("justification in the five seeds' PDFs", () => {
  it("leaves no gap over 8 pt between neighbouring characters of a line, anywhere in the text", () => {
    const wide: string[] = [];
    let gaps = 0;
    for (const { seed, pages } of seeds) {
      pages.forEach((glyphs, index) => {
        for (const line of glyphLines(glyphs.filter((glyph) => bodySize(glyph) && !glyph.isSpace))) {
          line.slice(1).forEach((glyph, position) => {
            const before = line[position]!;
            const gap = glyph.x - (before.x + before.width);
            gaps += 1;
            if (gap > 8)
              wide.push(`${seed} p${index + 1} ${gap.toFixed(1)} pt: …${before.text}|${glyph.text}… in ${lineText(line)}`);
          });
        }
      });
    }
    expect(gaps).toBeGreaterThan(10_000);
    expect(wide).toEqual([]);
  });

  it("keeps a space between Chinese and figures at the space's own width, never stretched", () => {
    // Seed 000's text was pasted with spaces: “2025 年”, “新增 48 条”.
    const spaced: number[] = [];
    for (const glyphs of seeds[0]!.pages) {
      for (const line of glyphLines(glyphs.filter(bodySize))) {
        line.forEach((glyph, index) => {
          const [before, after] = [line[index - 1], line[index + 1]];
          if (glyph.isSpace && before && after && !before.isSpace) spaced.push(after.x - (before.x + before.width));
        });
      }
    }
    expect(spaced.length).toBeGreaterThan(30);
    // Noto Serif SC's space is 0.256 em: 4.1 pt at 16 pt.
    for (const gap of spaced) expect(gap).toBeCloseTo(0.256 * 16, 1);
  });
});

describe("the line grid in the five seeds' PDFs", () => {
  /** Body-size lines of each page above its first table, with their text. */
  const linesAboveTables = (glyphs: readonly PdfGlyph[]) => {
    const tableTop = Math.min(...glyphs.filter(isTableText).map((glyph) => glyph.baseline - glyph.size));
    return glyphLines(glyphs.filter((glyph) => glyph.upright && glyph.size === 16 && !glyph.isSpace)).filter(
      (line) => line[0]!.baseline < tableTop && line[0]!.baseline > mmToPoints(37) && line[0]!.baseline < mmToPoints(37 + 225),
    );
  };

  it("starts a page that opens with a 一级标题 on its first line, not its second", () => {
    const headings = seeds.flatMap(({ doc }) =>
      doc.blocks.flatMap((block) => (block.type === "heading" && block.level === 1 ? [block.text] : [])),
    );
    const openers: string[] = [];
    for (const { seed, pages } of seeds) {
      pages.forEach((glyphs, index) => {
        // The page's first line in the 版心 (not a table continued from the page before).
        const inside = glyphs.filter(
          (glyph) => glyph.upright && glyph.baseline > mmToPoints(37) && glyph.baseline < mmToPoints(37 + 225),
        );
        const first = glyphLines(inside)[0];
        if (!first || !headings.includes(lineText(first))) return;
        openers.push(`${seed} p${index + 1} ${lineText(first)}`);
        expect(first[0]!.baseline, `${seed} p${index + 1}`).toBeCloseTo(FIRST_BASELINE, 1);
      });
    }
    console.info(`pages opening with a 一级标题: ${openers.join("; ")}`);
    expect(openers.length).toBeGreaterThanOrEqual(3);
  });

  it("sets every body-size line above a table, the 楷体 二级标题 among them, on the grid of 22 lines", () => {
    const level2 = new Set(
      seeds.flatMap(({ doc }) =>
        doc.blocks.flatMap((block) => (block.type === "heading" && block.level === 2 ? [block.text] : [])),
      ),
    );
    let headingLines = 0;
    for (const { seed, pages } of seeds) {
      pages.forEach((glyphs, index) => {
        for (const line of linesAboveTables(glyphs)) {
          const steps = (line[0]!.baseline - FIRST_BASELINE) / LINE_PITCH;
          expect(Math.abs(steps - Math.round(steps)) * LINE_PITCH, `${seed} p${index + 1} ${lineText(line)}`).toBeLessThan(0.1);
          if (level2.has(lineText(line))) headingLines += 1;
        }
      });
    }
    expect(headingLines).toBeGreaterThanOrEqual(15);
  });
});

describe("表三's labels in the five seeds' PDFs", () => {
  it("leave no character alone on a line (商业|企业, not 商业企|业; （三）不予|公开, not （三）不予公|开)", () => {
    const lone: string[] = [];
    let labelGlyphs = 0;
    for (const { seed, pages } of seeds) {
      pages.forEach((glyphs, index) => {
        const table = glyphs.filter(isTableText);
        if (!table.some((glyph) => glyph.text === "商")) return;
        for (const line of glyphLines(table)) {
          // Cells of one line are the runs of glyphs that touch.
          const cells: PdfGlyph[][] = [];
          for (const glyph of line) {
            const cell = cells[cells.length - 1];
            const last = cell?.[cell.length - 1];
            if (cell && last && glyph.x - (last.x + last.width) < 2) cell.push(glyph);
            else cells.push([glyph]);
          }
          for (const cell of cells) {
            if (/^[\d/]+$/.test(lineText(cell))) continue;
            labelGlyphs += cell.length;
            if (cell.length === 1) lone.push(`${seed} p${index + 1}: “${cell[0]!.text}”`);
          }
        }
      });
    }
    expect(labelGlyphs).toBeGreaterThan(4 * 300);
    expect(lone).toEqual([]);
  });

  it("breaks 表三 only between rows, the next page opening with its header rows and the labels of the rows it continues", () => {
    const grid = tableGrids.s3;
    const { matrix } = layOutGrid(grid);
    let continued = 0;
    for (const { seed, pages } of seeds) {
      const s3Pages = pages.filter((glyphs) => glyphs.filter(isTableText).some((glyph) => glyph.text === "商"));
      let rowsBefore = 0;
      s3Pages.forEach((glyphs, index) => {
        const all = glyphLines(glyphs.filter(isTableText));
        // 表四 may follow on the page: 表三's lines are those above its header (行政复议).
        const s4Top = all.findIndex((line) => lineText(line).includes("行政复议"));
        const lines = s4Top === -1 ? all : all.slice(0, s4Top);
        // A body row has a figure (or “/”) under 总计, the last column.
        const total = lines
          .flat()
          .find(
            (glyph) =>
              glyph.text === "总" &&
              lines.flat().some((next) => next.text === "计" && Math.abs(next.x - glyph.x - glyph.width) < 1),
          );
        const rows = lines.filter((line) =>
          line.some((glyph) => /[\d/]/.test(glyph.text) && total && Math.abs(glyph.x - total.x) < 16),
        );
        const text = lines.map(lineText).join("");
        if (index > 0) {
          continued += 1;
          expect(text, `${seed}: header rows repeated`).toContain("申请人情况");
          const first = grid.headerRowCount + rowsBefore;
          const labels = (matrix[first] ?? []).filter(
            (cell, column) => cell.rowSpan > 1 && cell.type === "text" && matrix[first - 1]?.[column] === cell,
          );
          for (const label of labels) {
            if (label.type === "text") expect(text, `${seed}: ${label.text} repeated`).toContain(label.text.slice(0, 3));
          }
        }
        rowsBefore += rows.length;
      });
      if (s3Pages.length > 0) expect(rowsBefore, seed).toBe(grid.rows.length - grid.headerRowCount);
    }
    expect(continued).toBeGreaterThan(0);
  });
});

describe("page fill in the five seeds' PDFs", () => {
  it("leaves no page but the last more than 3 lines blank at its foot, unless the next page opens with a heading that did not fit", () => {
    const report: string[] = [];
    for (const { seed, doc, pages } of seeds) {
      const fill = pageFillOf(pages);
      const headings = doc.blocks.flatMap((block) => (block.type === "heading" ? [block.text] : []));
      report.push(`${seed}: ${fill.blankLines.map((lines) => lines.toFixed(1)).join(" ")}`);
      expect(overfullFeet(fill, headings), seed).toEqual([]);
    }
    console.info(`blank lines at each page's foot: ${report.join("; ")}`);
  });
});

describe("sample pages to look at", () => {
  it("renders each seed's pages as PNG", (context) => {
    if (!existsSync(PDFTOPPM)) {
      console.warn(`skipped: ${PDFTOPPM} is missing (Debian package poppler-utils)`);
      context.skip();
      return;
    }
    for (const { seed } of seeds) {
      execFileSync(PDFTOPPM, [
        "-png",
        "-r",
        "60",
        `${ARTEFACTS}/published-seed-${seed}.pdf`,
        `${ARTEFACTS}/published-seed-${seed}-page`,
      ]);
      expect(existsSync(`${ARTEFACTS}/published-seed-${seed}-page-1.png`)).toBe(true);
    }
  }, 120_000);

  it("renders the last page of seed 001 signed and dated, with 五's sub-headings, to look at the 落款", async (context) => {
    if (!existsSync(PDFTOPPM)) {
      context.skip();
      return;
    }
    const report = structuredClone(publishedSeedReports()[1]!.report);
    report.info.issuedOn = "2026-01-20";
    const bytes = await renderReportPdf(buildReportDocument(report, { isDraft: false }));
    const file = `${ARTEFACTS}/published-seed-001-signed.pdf`;
    writeFileSync(file, bytes);
    const last = (await readGlyphs(bytes)).length;
    execFileSync(PDFTOPPM, [
      "-png",
      "-r",
      "80",
      "-singlefile",
      "-f",
      String(last),
      "-l",
      String(last),
      file,
      `${ARTEFACTS}/published-seed-001-signed-last-page`,
    ]);
    expect(existsSync(`${ARTEFACTS}/published-seed-001-signed-last-page.png`)).toBe(true);
  }, 120_000);
});
