/**
 * The one rule on which characters a report's text may hold. XML 1.0 (and so every part of a
 * DOCX) cannot hold NUL and the other C0 controls but tab, line feed and carriage return, nor
 * U+FFFE/U+FFFF or a lone surrogate; PostgreSQL refuses NUL; HTML treats DEL and the C1
 * controls as errors. No one types them: they come from broken conversions and pasted bytes.
 * The schema refuses them with the field's name; every renderer also drops them on its own.
 */
const ILLEGAL =
  "[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]";
const ILLEGAL_ONE = new RegExp(ILLEGAL);
const ILLEGAL_ALL = new RegExp(ILLEGAL, "g");

export type IllegalCharacter = { index: number; codePoint: string; kind: "控制字符" | "非字符" | "不成对的代理码元" };

export function findIllegalCharacter(text: string): IllegalCharacter | null {
  const match = ILLEGAL_ONE.exec(text);
  if (!match) return null;
  const code = match[0].charCodeAt(0);
  const kind = code >= 0xd800 && code <= 0xdfff ? "不成对的代理码元" : code >= 0xfffe ? "非字符" : "控制字符";
  return { index: match.index, codePoint: `U+${code.toString(16).toUpperCase().padStart(4, "0")}`, kind };
}

/** The Chinese message for a refused text, after the field's name. */
export const illegalCharacterMessage = ({ index, codePoint, kind }: IllegalCharacter) =>
  `第 ${index + 1} 个字符是无法保存的${kind}（${codePoint}），Word 等软件打不开含有它的文件，请删除后再保存`;

/** The text without the characters no document format can hold; renderers apply it to all they print. */
export const withoutIllegalCharacters = (text: string) => text.replace(ILLEGAL_ALL, "");
