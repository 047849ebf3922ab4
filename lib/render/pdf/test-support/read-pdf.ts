/**
 * Test helper: reads a PDF back with pdf.js (a reader independent of react-pdf) as
 * pages of positioned text, in points measured from the page's top-left corner.
 */
import type { TextItem } from "pdfjs-dist/types/src/display/api";

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
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
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
        return { text: item.str, x: x!, width: item.width, baseline, size, top: baseline - 0.88 * size, bottom: baseline + 0.12 * size };
      });
    pages.push({ width, height, items });
  }
  await document.destroy();
  return pages;
}

/** Items whose baselines lie within a point of each other, as lines from the top, each read left to right. */
export function textLines(items: readonly PdfTextItem[]): PdfTextItem[][] {
  const sorted = [...items].sort((a, b) => a.baseline - b.baseline || a.x - b.x);
  const lines: PdfTextItem[][] = [];
  for (const item of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line[0]!.baseline - item.baseline) <= 1) line.push(item);
    else lines.push([item]);
  }
  return lines.map((line) => line.sort((a, b) => a.x - b.x));
}

/** All the text of a page with the spaces removed, for finding phrases that pdf.js may cut into items. */
export const pageText = (page: PdfPage) =>
  textLines(page.items)
    .map((line) => line.map((item) => item.text).join(""))
    .join("")
    .replace(/\s+/g, "");
