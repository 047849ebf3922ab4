/**
 * word/fontTable.xml naming the faces the document uses, each with the face Word or WPS
 * should take where it is missing (w:altName) and the classification they substitute by
 * (GB2312 character set, PANOSE, family). A PC without 方正小标宋 then sets the title in
 * 宋体, and one without the old *_GB2312 faces uses Windows' 仿宋 and 楷体, rather than
 * whatever default face the program picks.
 */

import { FONT } from "./gbt9704";
import { escapeXml } from "./xml";

type FontEntry = {
  name: string;
  altName: string;
  panose: string;
  charset: string;
  family: "roman" | "modern" | "swiss" | "auto";
  pitch: "variable" | "fixed";
};

/** GB2312. */
const GB2312 = "86";

export const FONT_TABLE: readonly FontEntry[] = [
  { name: FONT.title, altName: "宋体", panose: "02000000000000000000", charset: GB2312, family: "roman", pitch: "variable" },
  { name: FONT.body, altName: "仿宋", panose: "02010609030101010101", charset: GB2312, family: "modern", pitch: "fixed" },
  { name: FONT.heading1, altName: "SimHei", panose: "02010609060101010101", charset: GB2312, family: "modern", pitch: "fixed" },
  { name: FONT.heading2, altName: "楷体", panose: "02010609030101010101", charset: GB2312, family: "modern", pitch: "fixed" },
  {
    name: FONT.pageNumber,
    altName: "SimSun",
    panose: "02010600030101010101",
    charset: GB2312,
    family: "auto",
    pitch: "variable",
  },
  {
    name: FONT.latin,
    altName: "Times New Roman",
    panose: "02020603050405020304",
    charset: "00",
    family: "roman",
    pitch: "variable",
  },
];

export function fontTableXml(): string {
  const fonts = FONT_TABLE.map(
    (font) =>
      `<w:font w:name="${escapeXml(font.name)}"><w:altName w:val="${escapeXml(font.altName)}"/>` +
      `<w:panose1 w:val="${font.panose}"/><w:charset w:val="${font.charset}"/>` +
      `<w:family w:val="${font.family}"/><w:pitch w:val="${font.pitch}"/></w:font>`,
  );
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `${fonts.join("")}</w:fonts>`
  );
}
