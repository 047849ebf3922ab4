/** How full each page of a PDF is, read from pdf.js glyph positions (used by tests and scripts/page-fill.ts). */
import { LINE_PITCH_PT, MARGIN_PT, TYPE_AREA_PT } from "../measures";
import { type PdfGlyph, readGlyphs } from "./read-pdf";

export type PageFill = { pages: number; blankLines: number[]; firstLines: string[] };

/** Blank lines at the foot of each page: from the lowest glyph inside the 版心 to its bottom edge. */
export async function pageFill(pdf: Uint8Array): Promise<PageFill> {
  return pageFillOf(await readGlyphs(pdf));
}

export function pageFillOf(pages: readonly (readonly PdfGlyph[])[]): PageFill {
  const typeAreaBottom = MARGIN_PT.top + TYPE_AREA_PT.height;
  const blankLines: number[] = [];
  const firstLines: string[] = [];
  for (const glyphs of pages) {
    const inside = glyphs.filter(
      (glyph) => glyph.upright && !glyph.isSpace && glyph.baseline > MARGIN_PT.top && glyph.baseline < typeAreaBottom + 2,
    );
    const lowest = Math.max(...inside.map((glyph) => glyph.baseline + 0.12 * glyph.size));
    blankLines.push(Math.max(0, (typeAreaBottom - lowest) / LINE_PITCH_PT));
    const top = Math.min(...inside.map((glyph) => glyph.baseline));
    firstLines.push(
      inside
        .filter((glyph) => Math.abs(glyph.baseline - top) < 1)
        .sort((a, b) => a.x - b.x)
        .map((glyph) => glyph.text)
        .join("")
        .slice(0, 14),
    );
  }
  return { pages: pages.length, blankLines, firstLines };
}

/** Blank lines a page but the last may leave at its foot (issue 22 §2). */
export const MAX_BLANK_LINES = 3;

/**
 * The pages that break the rule: more than MAX_BLANK_LINES blank at the foot of a page but the last,
 * unless the next page opens with a heading (which did not fit there with what it keeps beside it).
 */
export function overfullFeet(fill: PageFill, headings: readonly string[]): string[] {
  return fill.blankLines.slice(0, -1).flatMap((blank, index) => {
    if (blank <= MAX_BLANK_LINES) return [];
    const next = fill.firstLines[index + 1]!;
    const opensWithHeading = headings.some((heading) => heading.startsWith(next) || next.startsWith(heading));
    return opensWithHeading ? [] : [`p${index + 1}: ${blank.toFixed(1)} blank lines, next page opens “${next}”`];
  });
}
