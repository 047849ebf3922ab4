/**
 * Test helper: reads a PDF back with pdf.js (a reader independent of react-pdf) as
 * pages of positioned text, in points measured from the page's top-left corner.
 */
import type { TextItem } from "pdfjs-dist/types/src/display/api";
import { loadPdfJs } from "@/lib/import/pdfjs";

export type PdfTextItem = {
  text: string;
  /** Left edge and width of the text. */
  x: number;
  width: number;
  /** Baseline, from the top of the page. */
  baseline: number;
  /** Font size (the text matrix's vertical scale). */
  size: number;
  /** Top and bottom of the character body: 0.88 em above the baseline to 0.12 em below. */
  top: number;
  bottom: number;
};

export type PdfPage = { width: number; height: number; items: PdfTextItem[] };

export async function readPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  const pdfjs = await loadPdfJs();
  // pdf.js may transfer the buffer it is given; hand it a copy.
  const document = await pdfjs.getDocument({ data: bytes.slice(), verbosity: 0, disableFontFace: true }).promise;
  const pages: PdfPage[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const page = await document.getPage(number);
    const [, , width, height] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const items = content.items
      .filter((item): item is TextItem => "str" in item && item.str.trim() !== "")
      .map((item): PdfTextItem => {
        const [, , , scaleY, x, y] = item.transform as number[];
        const size = Math.abs(scaleY!);
        const baseline = height - y!;
        return {
          text: item.str,
          x: x!,
          width: item.width,
          baseline,
          size,
          top: baseline - 0.88 * size,
          bottom: baseline + 0.12 * size,
        };
      });
    pages.push({ width, height, items });
  }
  await document.destroy();
  return pages;
}

/** Items whose baselines lie within `tolerance` points of each other, as lines from the top, each read left to right. */
function byBaseline<T extends { baseline: number; x: number }>(items: readonly T[], tolerance: number): T[][] {
  const sorted = [...items].sort((a, b) => a.baseline - b.baseline || a.x - b.x);
  const lines: T[][] = [];
  for (const item of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line[0]!.baseline - item.baseline) <= tolerance) line.push(item);
    else lines.push([item]);
  }
  return lines.map((line) => line.sort((a, b) => a.x - b.x));
}

/** Text items as lines (baselines within a point). */
export const textLines = (items: readonly PdfTextItem[]) => byBaseline(items, 1);

/** All the text of a page with the spaces removed, for finding phrases that pdf.js may cut into items. */
export const pageText = (page: PdfPage) =>
  textLines(page.items)
    .map((line) => line.map((item) => item.text).join(""))
    .join("")
    .replace(/\s+/g, "");

/** One glyph as drawn: where its advance box starts and ends on the baseline, in points from the top-left corner. */
export type PdfGlyph = {
  text: string;
  x: number;
  /** The glyph's own advance (its box), without character spacing or TJ adjustments. */
  width: number;
  baseline: number;
  size: number;
  /** False for text set at an angle (the draft watermark). */
  upright: boolean;
  isSpace: boolean;
  /** The PDF font resource the glyph is drawn with. */
  font: string;
};

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

type PdfjsGlyph = { unicode: string; width: number; isSpace: boolean };

/**
 * Every glyph of every page with its position, by running the content stream's text
 * operators through pdf.js's operator list: the glyph-level reading that text
 * extraction (which merges glyphs into items and guesses spaces) cannot give.
 */
export async function readGlyphs(bytes: Uint8Array): Promise<PdfGlyph[][]> {
  const pdfjs = await loadPdfJs();
  const { OPS } = pdfjs;
  const document = await pdfjs.getDocument({ data: bytes.slice(), verbosity: 0, disableFontFace: true }).promise;
  const pages: PdfGlyph[][] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const page = await document.getPage(number);
    const height = (page.view as number[])[3]!;
    const { fnArray, argsArray } = await page.getOperatorList();
    const glyphs: PdfGlyph[] = [];
    const stack: Matrix[] = [];
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    let tm: Matrix = [1, 0, 0, 1, 0, 0];
    let lineStart: Matrix = tm;
    let font = "";
    let size = 0;
    let charSpacing = 0;
    let wordSpacing = 0;
    let hScale = 1;
    let leading = 0;
    const moveTo = (tx: number, ty: number) => {
      lineStart = multiply([1, 0, 0, 1, tx, ty], lineStart);
      tm = lineStart;
    };
    const show = (items: readonly (PdfjsGlyph | number)[]) => {
      for (const item of items) {
        if (typeof item === "number") {
          tm = multiply([1, 0, 0, 1, (-item / 1000) * size * hScale, 0], tm);
          continue;
        }
        const device = multiply(tm, ctm);
        const advance = (item.width / 1000) * size;
        glyphs.push({
          text: item.unicode,
          x: device[4],
          width: advance * hScale * Math.hypot(device[0], device[1]),
          baseline: height - device[5],
          size: Math.abs(size) * Math.hypot(device[2], device[3]),
          upright: Math.abs(device[1]) < 1e-6 && Math.abs(device[2]) < 1e-6,
          isSpace: item.isSpace || item.unicode === " ",
          font,
        });
        const tx = (advance + charSpacing + (item.isSpace ? wordSpacing : 0)) * hScale;
        tm = multiply([1, 0, 0, 1, tx, 0], tm);
      }
    };
    for (let i = 0; i < fnArray.length; i += 1) {
      const args = argsArray[i] as unknown[];
      switch (fnArray[i]) {
        case OPS.save:
          stack.push(ctm);
          break;
        case OPS.restore:
          ctm = stack.pop() ?? ctm;
          break;
        case OPS.transform:
          ctm = multiply(args as Matrix, ctm);
          break;
        case OPS.beginText:
          tm = lineStart = [1, 0, 0, 1, 0, 0];
          break;
        case OPS.setTextMatrix: {
          const m = args[0] as ArrayLike<number>;
          tm = lineStart = [m[0]!, m[1]!, m[2]!, m[3]!, m[4]!, m[5]!];
          break;
        }
        case OPS.setFont:
          font = String(args[0]);
          size = args[1] as number;
          break;
        case OPS.setCharSpacing:
          charSpacing = args[0] as number;
          break;
        case OPS.setWordSpacing:
          wordSpacing = args[0] as number;
          break;
        case OPS.setHScale:
          hScale = (args[0] as number) / 100;
          break;
        case OPS.setLeading:
          leading = args[0] as number;
          break;
        case OPS.moveText:
          moveTo(args[0] as number, args[1] as number);
          break;
        case OPS.setLeadingMoveText:
          leading = -(args[1] as number);
          moveTo(args[0] as number, args[1] as number);
          break;
        case OPS.nextLine:
          moveTo(0, -leading);
          break;
        case OPS.showText:
        case OPS.showSpacedText:
          show(args[0] as (PdfjsGlyph | number)[]);
          break;
        case OPS.nextLineShowText:
          moveTo(0, -leading);
          show(args[0] as (PdfjsGlyph | number)[]);
          break;
        case OPS.nextLineSetSpacingShowText:
          wordSpacing = args[0] as number;
          charSpacing = args[1] as number;
          moveTo(0, -leading);
          show(args[2] as (PdfjsGlyph | number)[]);
          break;
      }
    }
    pages.push(glyphs);
  }
  await document.destroy();
  return pages;
}

/** Glyphs as lines (baselines within half a point). */
export const glyphLines = (glyphs: readonly PdfGlyph[]) => byBaseline(glyphs, 0.5);
