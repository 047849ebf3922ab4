import type { ReportDocument } from "@/lib/document";
import { registerFonts } from "./fonts";
import { type MissingCharacter, MissingGlyphError } from "./glyph-coverage";
import { prepareFaces } from "./pdf-faces";
import { loadReactPdf } from "./react-pdf";

/** The characters of a document that no embedded face has (none: the PDF can be made), without rendering it. */
export async function findMissingGlyphs(doc: ReportDocument): Promise<readonly MissingCharacter[]> {
  const pdf = await loadReactPdf();
  registerFonts(pdf);
  try {
    await prepareFaces(pdf, doc);
    return [];
  } catch (error) {
    if (error instanceof MissingGlyphError) return error.missing;
    throw error;
  }
}
