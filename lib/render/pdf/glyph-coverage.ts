/**
 * Every character of a report must be printable by an embedded face: a character that
 * no face has would otherwise come out as a wrong glyph or as nothing. The renderer
 * checks the text first and refuses the PDF, naming each such character and where it
 * stands, so staff can replace it (or export the DOCX, which Word sets with the PC's fonts).
 */
import type { ReportDocument } from "@/lib/document";
import { gridCellText } from "../grid-layout";
import { FALLBACK_FILES, type Face, type FontFile, type FontRole } from "./fonts";

/** Invisible characters dropped before setting: they have no glyph to print and no width. */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: each joiner and variation selector is matched alone, to be dropped, never as part of a sequence
export const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are matched on purpose: they print nothing, so need no glyph
const NO_GLYPH_NEEDED = /^[\s\u0000-\u001F\u007F]$/u;

/** A piece of the report's text, the face it is set in, and where a reader finds it. */
export type PlacedText = { text: string; role: FontRole; where: string };

export type MissingCharacter = { character: string; codePoint: string; where: string; context: string };

export class MissingGlyphError extends Error {
  constructor(readonly missing: readonly MissingCharacter[]) {
    const listed = missing
      .slice(0, 5)
      .map(({ character, codePoint, where, context }) => `“${character}”（${codePoint}，${where}：“${context}”）`)
      .join("；");
    const more = missing.length > 5 ? `等 ${missing.length} 处` : "";
    super(
      `PDF 的字体中没有以下字符的字形：${listed}${more}。为避免印出错字，不能导出 PDF。` +
        "请改用字库中有的写法，或导出 DOCX 由 Word/WPS 用本机字体排版。",
    );
    this.name = "MissingGlyphError";
  }
}

const HEADING_ROLE = { 1: "heading1", 2: "heading2", 3: "body" } as const satisfies Record<1 | 2 | 3, FontRole>;

/** The report's text piece by piece, each with its face and a Chinese description of its place. */
export function placedTexts(doc: ReportDocument): PlacedText[] {
  const placed: PlacedText[] = [];
  doc.title.forEach((text) => {
    placed.push({ text, role: "title", where: "标题" });
  });
  doc.opening.forEach((text, index) => {
    placed.push({ text, role: "body", where: `开头第 ${index + 1} 段` });
  });
  let section = "";
  let paragraph = 0;
  for (const block of doc.blocks) {
    switch (block.type) {
      case "heading":
        if (block.level === 1) {
          section = block.text;
          paragraph = 0;
        }
        placed.push({ text: block.text, role: HEADING_ROLE[block.level], where: `“${section}”中的标题` });
        break;
      case "paragraph":
        paragraph += 1;
        placed.push({ text: block.text, role: "body", where: `“${section}”第 ${paragraph} 段` });
        break;
      case "table":
        for (const cell of block.grid.rows.flat()) {
          placed.push({ text: gridCellText(cell, block.cells), role: "body", where: `“${section}”的表格` });
        }
        break;
    }
  }
  if (doc.closing) {
    placed.push({ text: doc.closing.agencyName, role: "body", where: "落款" });
    placed.push({ text: doc.closing.date, role: "body", where: "落款日期" });
  }
  return placed;
}

const codePointLabel = (codePoint: number) => `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;

function context(text: string, index: number): string {
  const characters = Array.from(text);
  const from = Math.max(0, index - 6);
  const to = Math.min(characters.length, index + 7);
  return `${from > 0 ? "…" : ""}${characters.slice(from, to).join("")}${to < characters.length ? "…" : ""}`;
}

/**
 * Checks that every character has a glyph in its face or a fallback face. Returns whether
 * any fallback face is needed; throws MissingGlyphError listing the characters none has.
 * The fallback faces (10 MB each) are loaded only when a character needs them.
 */
export async function checkGlyphCoverage(
  texts: readonly PlacedText[],
  faces: Readonly<Record<FontRole, Face>>,
  loadFallback: (file: FontFile) => Promise<Face>,
): Promise<{ usesFallback: boolean }> {
  let fallbacks: Face[] | null = null;
  const missing: MissingCharacter[] = [];
  let usesFallback = false;
  for (const { text, role, where } of texts) {
    const characters = Array.from(text.replace(INVISIBLE, ""));
    for (const [index, character] of characters.entries()) {
      const codePoint = character.codePointAt(0)!;
      if (NO_GLYPH_NEEDED.test(character) || faces[role].hasGlyphForCodePoint(codePoint)) continue;
      fallbacks ??= await Promise.all(FALLBACK_FILES.map(loadFallback));
      if (fallbacks.some((face) => face.hasGlyphForCodePoint(codePoint))) {
        usesFallback = true;
        continue;
      }
      missing.push({ character, codePoint: codePointLabel(codePoint), where, context: context(characters.join(""), index) });
    }
  }
  if (missing.length > 0) throw new MissingGlyphError(missing);
  return { usesFallback };
}
