import { readFileSync } from "node:fs";
import { chineseHyphenation } from "./line-breaking";
import type { ReactPdf } from "./react-pdf";
import { woffToSfnt } from "./woff";

/**
 * Open-licensed (SIL OFL 1.1) Chinese faces that npm installs, standing in for the
 * 公文 faces, which are commercial and not on npm: there is no open 仿宋 or 小标宋
 * there. react-pdf embeds only the glyphs used (TrueType subsets).
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
} as const;

export type FontRole = keyof typeof FONT_FILES;

/** react-pdf family names; one family per role, so no weight matching is involved. */
export const FONT_FAMILY: Readonly<Record<FontRole, string>> = {
  body: "NianbaoBody",
  title: "NianbaoTitle",
  heading1: "NianbaoHeading1",
  heading2: "NianbaoHeading2",
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
export function fontFilePaths(): Record<FontRole, string> {
  if (typeof process.getBuiltinModule !== "function") {
    throw new Error("the PDF renderer needs Node.js 20.16 or later (process.getBuiltinModule) to find its fonts");
  }
  const { createRequire } = process.getBuiltinModule("node:module");
  const nodeRequire = createRequire(import.meta.url);
  const entries = Object.entries(FONT_FILES).map(([role, specifier]) => [role, nodeRequire.resolve(specifier)]);
  return Object.fromEntries(entries) as Record<FontRole, string>;
}

/**
 * What react-pdf loads for a font file: its path, or for a WOFF the unwrapped
 * TrueType font as a data URL (react-pdf takes a path, a URL or a data URL).
 */
function fontSource(path: string): string {
  if (!path.endsWith(".woff")) return path;
  return `data:font/ttf;base64,${Buffer.from(woffToSfnt(readFileSync(path))).toString("base64")}`;
}

let registered = false;

/** Registers the faces and the Chinese line breaking with react-pdf's global font store, once. */
export function registerFonts({ Font }: ReactPdf): void {
  if (registered) return;
  const paths = fontFilePaths();
  for (const role of Object.keys(FONT_FILES) as FontRole[]) {
    Font.register({ family: FONT_FAMILY[role], src: fontSource(paths[role]) });
  }
  Font.registerHyphenationCallback(chineseHyphenation);
  registered = true;
}
