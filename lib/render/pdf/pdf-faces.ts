/**
 * The loaded faces of a render and what the line setting measures with them. The
 * renderer sets body text itself (text-layout.ts), so it must measure exactly what
 * react-pdf then draws: every OpenType feature that changes glyphs or their spacing
 * (kerning, ligatures, the contextual digit forms of CJK fonts) is switched off for that
 * text, in the measure and in the drawing, so each character is its cmap glyph at its
 * own advance.
 */
import type { ReportDocument } from "@/lib/document";
import { FALLBACK_FILES, type Face, FONT_FAMILY, type FontFile, type FontRole, loadFace, ROLE_FALLBACKS } from "./fonts";
import { checkGlyphCoverage, placedTexts } from "./glyph-coverage";
import type { ReactPdf } from "./react-pdf";
import type { Measure } from "./text-layout";

const ROLES: readonly FontRole[] = ["body", "title", "heading1", "heading2"];

export type PdfFaces = {
  faces: Readonly<Record<FontRole, Face>>;
  /** The fallback faces, when this report needs them (else empty, and they are not loaded). */
  fallbacks: readonly Face[];
  /** react-pdf's font stack for each role. */
  family: (role: FontRole) => string | string[];
  /** Advance of a character in points, in the face react-pdf will pick for it. */
  measure: (role: FontRole, fontSize: number) => Measure;
  /** The face a character is drawn in. */
  faceFor: (role: FontRole, codePoint: number) => Face;
  /** OpenType features off, for the text the renderer sets itself. */
  plainFeatures: Record<string, boolean>;
};

/** Per face and code point, the advance in em: a render measures some 20,000 characters. */
const advanceCache = new WeakMap<Face, Map<number, number>>();

function advanceEm(face: Face, codePoint: number): number {
  let cache = advanceCache.get(face);
  if (!cache) {
    cache = new Map();
    advanceCache.set(face, cache);
  }
  let advance = cache.get(codePoint);
  if (advance === undefined) {
    advance = face.glyphForCodePoint(codePoint).advanceWidth / face.unitsPerEm;
    cache.set(codePoint, advance);
  }
  return advance;
}

/**
 * Loads the faces, checks that every character of the report has a glyph (throwing
 * MissingGlyphError otherwise), and adds the fallback faces to the stacks only when a
 * character needs them.
 */
export async function prepareFaces(pdf: ReactPdf, doc: ReportDocument): Promise<PdfFaces> {
  const loaded = await Promise.all(ROLES.map((role) => loadFace(pdf, role)));
  const faces = Object.fromEntries(ROLES.map((role, index) => [role, loaded[index]!])) as Record<FontRole, Face>;
  const loadFallback = (file: FontFile) => loadFace(pdf, file);
  const { usesFallback } = await checkGlyphCoverage(placedTexts(doc), faces, loadFallback);
  const fallbacks = usesFallback ? await Promise.all(FALLBACK_FILES.map(loadFallback)) : [];
  const features = new Set([...loaded, ...fallbacks].flatMap((face) => face.availableFeatures));
  const plainFeatures = Object.fromEntries([...features].map((tag) => [tag, false]));

  const faceFor = (role: FontRole, codePoint: number): Face => {
    const own = faces[role];
    if (own.hasGlyphForCodePoint(codePoint)) return own;
    return fallbacks.find((face) => face.hasGlyphForCodePoint(codePoint)) ?? own;
  };
  const measures = new Map<string, Measure>();
  return {
    faces,
    fallbacks,
    family: (role) =>
      usesFallback ? [FONT_FAMILY[role], ...ROLE_FALLBACKS[role].map((file) => FONT_FAMILY[file])] : FONT_FAMILY[role],
    measure: (role, fontSize) => {
      const key = `${role}@${fontSize}`;
      const known = measures.get(key);
      if (known) return known;
      // Per role and code point: a render measures some 20,000 characters.
      const cache = new Map<number, number>();
      const measure: Measure = (codePoint) => {
        let advance = cache.get(codePoint);
        if (advance === undefined) {
          advance = advanceEm(faceFor(role, codePoint), codePoint) * fontSize;
          cache.set(codePoint, advance);
        }
        return advance;
      };
      measures.set(key, measure);
      return measure;
    },
    faceFor,
    plainFeatures,
  };
}
