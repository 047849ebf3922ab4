import type { PDFDocumentProxy, TextItem } from "pdfjs-dist/types/src/display/api";
import { loadPdfJs } from "./pdfjs";
import type { SourceLine } from "./types";

/**
 * A PDF's text layer (pdf.js): glyph runs grouped into printed lines by their baselines,
 * read left to right, a wide gap between two runs taken as a cell boundary. A line that
 * starts indented begins a paragraph (GB/T 9704 indents each paragraph by two characters).
 */

export class PdfRefusal extends Error {
  constructor(
    readonly reason: "encrypted" | "scanned" | "damaged",
    message: string,
  ) {
    super(message);
  }
}

type Run = { text: string; x: number; right: number; baseline: number; size: number };

function lineBreaks(runs: Run[]): Run[][] {
  const sorted = [...runs].sort((a, b) => a.baseline - b.baseline || a.x - b.x);
  const lines: Run[][] = [];
  for (const run of sorted) {
    const line = lines[lines.length - 1];
    const reference = line?.[0];
    if (
      line &&
      reference &&
      Math.abs(reference.baseline - run.baseline) <= Math.max(2, 0.35 * Math.min(reference.size, run.size))
    ) {
      line.push(run);
    } else lines.push([run]);
  }
  return lines.map((line) => line.sort((a, b) => a.x - b.x));
}

const ASCII_WORD = /[A-Za-z0-9]$/;
const ASCII_START = /^[A-Za-z0-9]/;

function cellsOf(line: Run[]): string[] {
  const cells: string[] = [];
  let current = "";
  let previous: Run | null = null;
  for (const run of line) {
    if (previous) {
      const gap = run.x - previous.right;
      const size = Math.min(run.size, previous.size);
      if (gap > 0.9 * size) {
        cells.push(current);
        current = "";
      } else if (gap > 0.2 * size && (ASCII_WORD.test(current) || ASCII_START.test(run.text))) current += " ";
    }
    current += run.text;
    previous = run;
  }
  cells.push(current);
  // pdf.js puts spaces into letter-spaced (justified) Chinese text: they are no part of it.
  return cells.map((cell) => cell.replace(/(?<=[\p{Script=Han}\p{P}])\s+(?=[\p{Script=Han}\p{P}])/gu, ""));
}

export async function pdfLines(bytes: Uint8Array): Promise<SourceLine[]> {
  const pdfjs = await loadPdfJs();
  let document: PDFDocumentProxy;
  try {
    // pdf.js may transfer the buffer it is given; hand it a copy.
    document = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      verbosity: 0,
      disableFontFace: true,
      isEvalSupported: false,
    }).promise;
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    if (name === "PasswordException") throw new PdfRefusal("encrypted", "这是加密的 PDF（需要密码才能打开），无法读取其中的文字");
    throw new PdfRefusal("damaged", `PDF 文件无法打开（${error instanceof Error ? error.message : String(error)}）`);
  }
  const lines: SourceLine[] = [];
  let characters = 0;
  try {
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const height = (page.view as number[])[3]!;
      // The importer folds full-width forms itself; pdf.js's own normalisation only costs time.
      const content = await page.getTextContent({ disableNormalization: true });
      const runs: Run[] = [];
      for (const item of content.items) {
        if (!("str" in item)) continue;
        const text = (item as TextItem).str;
        if (text.trim() === "") continue;
        const [scaleX, skewY, , scaleY, x, y] = (item as TextItem).transform as number[];
        // Vertical text (a merged cell written top to bottom) reads as a line of its own.
        if (Math.abs(skewY!) > Math.abs(scaleX!)) continue;
        const size = Math.abs(scaleY!) || Math.abs(scaleX!) || 10;
        runs.push({ text, x: x!, right: x! + (item as TextItem).width, baseline: height - y!, size });
        characters += text.replace(/\s/g, "").length;
      }
      const pageLines = lineBreaks(runs);
      // The text's left edge: where most long lines start (a table may stick out further left).
      const starts = new Map<number, number>();
      for (const line of pageLines) {
        if (line.reduce((acc, run) => acc + run.text.length, 0) < 15) continue;
        const x = Math.round(line[0]!.x);
        starts.set(x, (starts.get(x) ?? 0) + 1);
      }
      const left =
        starts.size > 0
          ? [...starts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0]
          : Math.min(...pageLines.map((line) => line[0]!.x));
      for (const line of pageLines) {
        const cells = cellsOf(line);
        const size = line[0]!.size;
        const indented = line[0]!.x - left >= 1.5 * size;
        lines.push({
          cells,
          table: cells.length > 1 ? number : null,
          reliableCells: false,
          layout: indented ? "start" : "visual",
        });
      }
      page.cleanup();
    }
  } finally {
    await document.destroy();
  }
  if (characters < 20) {
    throw new PdfRefusal(
      "scanned",
      "这份 PDF 没有文字层（可能是扫描件或图片），无法读取；请提供由 Word/WPS 导出的 PDF，或先做文字识别（OCR）",
    );
  }
  return lines;
}
