import { DRAFT_MARK } from "@/lib/document/report-document";
import { fold } from "./fold-text";

/**
 * Page furniture, recognised by its shape rather than by one site's words: navigation
 * (breadcrumbs, menus of short words), article tools (font size, share, print, close),
 * the CMS's metadata lines (发布时间：… 来源：…), footers (主办单位, ICP 备案, 网站地图),
 * page numbers and a browser's print header. What lies before a report's title or after
 * its 落款 is furniture whatever it says; inside the report only the unmistakable shapes
 * (page numbers, tools, metadata) are taken for it.
 */

/** Breadcrumb separators: “首页 > 政务公开 > 年报”, “首页/ 政府信息公开 / …” (a pipe separates table cells, not steps). */
const CRUMB_SEPARATOR = /\s*(?:>>|[>＞›»→/])\s*/u;
const WHERE_AM_I = /^(当前位置|您的位置|您当前的位置|您现在的位置|所在位置|当前页面|位置)\s*[:：]?/u;

/** Words of an article's tool bar; a line made only of them is the tool bar. */
const TOOL_WORDS =
  /字体|字号|默认|打印本页|打印|关闭本页|关闭窗口|关闭|分享到|分享|收藏|微信|微博|QQ空间|朋友圈|扫一扫|二维码|返回顶部|返回|顶部|保存|视力保护色|阅读模式|[大中小]|[Tt]/gu;

/** Field names of a CMS's metadata block (生成日期：…, 索引号：…); each is followed by its value. */
const METADATA_FIELD =
  "发布时间|发布日期|发表日期|发文日期|成文日期|生成日期|更新时间|信息来源|文章来源|来源|浏览次数|阅读次数|阅读量|点击数|点击量|访问量|索引号|发布机构|发文机关|发文字号|文号|主题分类|组配分类|体裁分类|服务对象|关键词|公开形式|公开方式|公开范围|公开时限|责任部门|有效性|是否有效|时效|作者|责任编辑|编辑|信息名称";
const FIELD_WITH_VALUE = new RegExp(`(${METADATA_FIELD})\\s*[:：]`, "gu");
/** Fields that mean nothing but a metadata block, printed as a table without colons (“索引号 62070… 发文字号 …”). */
const BLOCK_FIELD =
  /索引号|发文字号|发布机构|生成日期|成文日期|公开形式|公开方式|责任部门|是否有效|有效性|主题分类|组配分类|关键词/gu;
const FOOTER_WORDS =
  /主办单位|承办单位|主办|承办|协办|技术支持|运维单位|版权所有|copyright|©|ICP|备案|公网安备|网站标识码|网站地图|联系我们|隐私声明|隐私政策|免责声明|友情链接|无障碍|长者版|适老化|繁體|繁体|english|手机版|网站纠错|我要纠错/giu;

/** Page numbers with their marks; a figure alone on a line may be a table's cell, so it is not one. */
const PAGE_NUMBER = [/^[-—–－―]+\s*\d{1,3}\s*[-—–－―]+$/u, /^第\s*\d+\s*页\s*[,，/]?\s*(共\s*\d+\s*页)?$/u];

const compact = (text: string) => text.normalize("NFKC").replace(/\s+/g, "");

/** A page number, “- 1 -”, “第 2 页 共 5 页”: furniture anywhere. */
export function isPageNumber(text: string): boolean {
  const trimmed = text.normalize("NFKC").trim();
  return trimmed !== "" && PAGE_NUMBER.some((pattern) => pattern.test(trimmed));
}

function isBreadcrumb(text: string): boolean {
  const trimmed = text.normalize("NFKC").trim();
  if (WHERE_AM_I.test(trimmed)) return true;
  const parts = trimmed.split(CRUMB_SEPARATOR).filter((part) => part.trim() !== "");
  // Three or more short steps of words (a year may be one), or two from 首页; never a row of figures.
  return (
    (parts.length >= 3 || (parts.length === 2 && /^(网站)?(首页|主页)$/u.test(compact(parts[0]!)))) &&
    parts.every((part) => compact(part).length <= 16 && /\p{Script=Han}/u.test(part)) &&
    !/[。；，]/u.test(trimmed)
  );
}

function isToolBar(text: string): boolean {
  const squeezed = compact(text);
  if (squeezed.length === 0 || squeezed.length > 40) return false;
  const rest = squeezed.replace(TOOL_WORDS, "").replace(/[\p{P}\p{S}\d]/gu, "");
  // Tool words make up the line; a sentence that mentions 打印 is no tool bar.
  return rest.length <= 1 && squeezed.replace(/[\p{P}\p{S}]/gu, "").length >= 2 && /字|印|享|关|收藏|微|扫|返回/u.test(squeezed);
}

function isMetadata(text: string): boolean {
  const normalised = text.normalize("NFKC").trim();
  if (normalised.length > 120 || /[。；]/u.test(normalised)) return false;
  const fields = normalised.match(FIELD_WITH_VALUE) ?? [];
  // “发布时间：2024-01-26 来源：本站”, or a line that starts with one field and its value.
  return fields.length >= 2 || (fields.length === 1 && normalised.startsWith(fields[0]!.replace(/\s*[:：]$/u, "")));
}

/** A metadata block printed as a table, its field names without colons: only around a report. */
function isMetadataBlock(text: string): boolean {
  const normalised = text.normalize("NFKC").trim();
  return normalised.length <= 120 && !/[。；，]/u.test(normalised) && (normalised.match(BLOCK_FIELD) ?? []).length >= 2;
}

function isFooter(text: string): boolean {
  const normalised = text.normalize("NFKC").trim();
  if (normalised.length > 160 || /[。；]$/u.test(normalised)) return false;
  return (normalised.match(FOOTER_WORDS) ?? []).length >= 1 && !/政府信息公开工作年度报告/u.test(normalised);
}

/** A menu: three or more short words side by side, nothing else (“首页 一网通办 政务公开 公共服务”). */
function isMenu(text: string): boolean {
  const words = text
    .normalize("NFKC")
    .trim()
    .split(/[\s|｜·•]+/u)
    .filter(Boolean);
  return words.length >= 3 && words.every((word) => /^\p{Script=Han}{2,8}$/u.test(word)) && compact(text).length <= 60;
}

const isUrl = (text: string) => /^(https?:\/\/|www\.)\S+$/iu.test(text.trim());

/** Furniture inside a report's text: page numbers, our own draft mark, tool bars, metadata lines, bare addresses. */
export function isBodyFurniture(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === "") return false;
  if (fold(trimmed) === fold(DRAFT_MARK)) return true;
  return (
    isPageNumber(trimmed) ||
    isToolBar(trimmed) ||
    isMetadata(trimmed) ||
    isUrl(trimmed) ||
    isBreadcrumb(trimmed) ||
    ATTACHMENT_CAPTION.test(trimmed)
  );
}

/** “附件：”, “附表一”, “附件下载” alone on a line: a caption of what follows, no part of the text. */
const ATTACHMENT_CAPTION = /^附(件|表)\s*[一二三四五六1-6]?\s*(下载)?\s*[:：]?$/u;

/** Furniture around a report (before its title, after its 落款): any of the shapes. */
export function isPageFurniture(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === "") return false;
  return isBodyFurniture(trimmed) || isFooter(trimmed) || isMenu(trimmed) || isMetadataBlock(trimmed);
}
