import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chineseHyphenation } from "./line-breaking";
import type { ReactPdf } from "./react-pdf";
import { woffToSfnt } from "./woff";

/**
 * Open-licensed (SIL OFL 1.1) Chinese faces that npm installs, standing in for the
 * 公文 faces, which are commercial and not on npm: the registry reached here has no open
 * 仿宋 (朱雀仿宋 is published only as sliced web fonts, and not served here) and no
 * 小标宋. react-pdf embeds only the glyphs used (TrueType subsets).
 */
const FONT_FILES = {
  /** 仿宋 (body, level-3 headings) → Noto Serif SC Regular, a 宋体 design. */
  body: "@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf",
  /** 方正小标宋 (title) → Noto Serif SC Bold. */
  title: "@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf",
  /** 黑体 (level-1 headings) → Noto Sans SC Medium, about the stroke weight of SimHei. */
  heading1: "@expo-google-fonts/noto-sans-sc/500Medium/NotoSansSC_500Medium.ttf",
  /** 楷体 (level-2 headings) → LXGW WenKai (the package's "latin" file holds the whole font). */
  heading2: "@fontsource/lxgw-wenkai/files/lxgw-wenkai-latin-500-normal.woff",
  /**
   * Fallbacks for ideographs the Simplified Chinese faces lack, such as the Extension B
   * characters of personal and place names: Noto Serif HK has 1,705 of them (HKSCS),
   * Noto Serif JP 353 (JIS X 0213, 𠮷). No face with the whole of Extension B (Jigmo,
   * Plangothic, BabelStone Han) is on the registry reached here; a character that no
   * face has stops the export instead (see glyph-coverage.ts).
   */
  fallbackHk: "@expo-google-fonts/noto-serif-hk/400Regular/NotoSerifHK_400Regular.ttf",
  fallbackJp: "@expo-google-fonts/noto-serif-jp/400Regular/NotoSerifJP_400Regular.ttf",
  /** The same in the weights of the bold title and the 黑体 headings (no sans face with them is on npm). */
  fallbackHkBold: "@expo-google-fonts/noto-serif-hk/700Bold/NotoSerifHK_700Bold.ttf",
  fallbackJpBold: "@expo-google-fonts/noto-serif-jp/700Bold/NotoSerifJP_700Bold.ttf",
  fallbackHkMedium: "@expo-google-fonts/noto-serif-hk/500Medium/NotoSerifHK_500Medium.ttf",
  fallbackJpMedium: "@expo-google-fonts/noto-serif-jp/500Medium/NotoSerifJP_500Medium.ttf",
} as const;

export type FontFile = keyof typeof FONT_FILES;
type FallbackFile = Extract<FontFile, `fallback${string}`>;
/** The faces text is set in; each falls back to the fallback faces. */
export type FontRole = Exclude<FontFile, FallbackFile>;
/** The fallback faces in regular weight: the glyph check and the measures use them (every weight has the same characters). */
export const FALLBACK_FILES = ["fallbackHk", "fallbackJp"] as const satisfies readonly FontFile[];
/** The fallback faces each role draws with: the weight nearest its own. */
export const ROLE_FALLBACKS: Readonly<Record<FontRole, readonly FallbackFile[]>> = {
  body: FALLBACK_FILES,
  title: ["fallbackHkBold", "fallbackJpBold"],
  heading1: ["fallbackHkMedium", "fallbackJpMedium"],
  heading2: FALLBACK_FILES,
};

/** react-pdf family names; one family per file, so no weight matching is involved. */
export const FONT_FAMILY: Readonly<Record<FontFile, string>> = {
  body: "NianbaoBody",
  title: "NianbaoTitle",
  heading1: "NianbaoHeading1",
  heading2: "NianbaoHeading2",
  fallbackHk: "NianbaoFallbackHk",
  fallbackJp: "NianbaoFallbackJp",
  fallbackHkBold: "NianbaoFallbackHkBold",
  fallbackJpBold: "NianbaoFallbackJpBold",
  fallbackHkMedium: "NianbaoFallbackHkMedium",
  fallbackJpMedium: "NianbaoFallbackJpMedium",
};

/**
 * hhea ascender of Noto Serif SC in em. react-pdf sets a line's baseline this far
 * below the line's top whatever the line height, so placing the page number's
 * character body needs it.
 */
export const BODY_FONT_ASCENT_EM = 1.151;
/** The CJK character body (ideographic em box) spans 0.88 em above the baseline to 0.12 em below. */
export const IDEOGRAPHIC_EM_TOP = 0.88;

/**
 * Absolute path of each font file, resolved by Node in the installed packages at run
 * time. Next.js's bundler rewrites a `createRequire` imported from node:module and then
 * cannot resolve the font paths (they are not modules); the one taken from
 * `process.getBuiltinModule` it leaves alone.
 */
export function fontFilePaths(): Record<FontFile, string> {
  if (typeof process.getBuiltinModule !== "function") {
    throw new Error("the PDF renderer needs Node.js 20.16 or later (process.getBuiltinModule) to find its fonts");
  }
  const { createRequire } = process.getBuiltinModule("node:module");
  const nodeRequire = createRequire(import.meta.url);
  const entries = Object.entries(FONT_FILES).map(([role, specifier]) => [role, nodeRequire.resolve(specifier)]);
  return Object.fromEntries(entries) as Record<FontFile, string>;
}

/**
 * What react-pdf loads for a font file: its path, or for a WOFF the unwrapped TrueType
 * font written once to the temporary folder. (A data URL would do, but react-pdf decodes
 * one through an array of one-character strings: 400 MB for the 20 MB 楷体 face.)
 */
function fontSource(path: string): string {
  if (!path.endsWith(".woff")) return path;
  const woff = readFileSync(path);
  const digest = createHash("sha256").update(woff).digest("hex").slice(0, 16);
  const unwrapped = join(tmpdir(), `nianbaotong-font-${digest}.ttf`);
  if (!existsSync(unwrapped)) {
    // Written under a name of its own and renamed, so a concurrent process never reads half a file.
    const partial = `${unwrapped}.${process.pid}.partial`;
    writeFileSync(partial, woffToSfnt(woff));
    renameSync(partial, unwrapped);
  }
  return unwrapped;
}

let registered = false;

/** Registers the faces and the Chinese line breaking with react-pdf's global font store, once. */
export function registerFonts({ Font }: ReactPdf): void {
  if (registered) return;
  const paths = fontFilePaths();
  for (const file of Object.keys(FONT_FILES) as FontFile[]) {
    Font.register({ family: FONT_FAMILY[file], src: fontSource(paths[file]) });
  }
  Font.registerHyphenationCallback(chineseHyphenation);
  registered = true;
}

/** What the layout reads of a loaded face (fontkit's font object, as react-pdf loads it). */
export type Face = {
  unitsPerEm: number;
  ascent: number;
  availableFeatures: string[];
  hasGlyphForCodePoint(codePoint: number): boolean;
  glyphForCodePoint(codePoint: number): { advanceWidth: number; bbox: { minY: number; maxY: number } };
  postscriptName: string;
};

/** The face react-pdf draws a family with, loaded once by its font store. */
export async function loadFace({ Font }: ReactPdf, file: FontFile): Promise<Face> {
  const source = Font.getFont({ fontFamily: FONT_FAMILY[file] }) as unknown as { load(): Promise<void>; data: Face | null };
  await source.load();
  if (!source.data) throw new Error(`font ${FONT_FAMILY[file]} did not load`);
  return source.data;
}
