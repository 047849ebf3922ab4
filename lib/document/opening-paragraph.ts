import { REPORT_NAME, reportSections } from "@/lib/format";
import { chineseNumeral } from "@/lib/report/chinese-numeral";
import type { TReport } from "@/lib/report/report-schema";
import { UNFILLED } from "@/lib/report/report-wording";

export type ReportInfo = TReport["info"];

/** The two documents every report is compiled under (domain.md §7). */
const REGULATION = "《中华人民共和国政府信息公开条例》";
const NATIONAL_FORMAT = `《中华人民共和国${REPORT_NAME}格式》（国办公开办函〔2021〕30号）`;

/** A、B和C: the way a list of documents or items is joined in Chinese prose. */
function joinWithAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join("、")}和${items[items.length - 1]}`;
}

function basisSentence(info: ReportInfo): string {
  const documents = [REGULATION, NATIONAL_FORMAT];
  const extra = info.extraBasis.trim();
  if (extra !== "") documents.push(extra);
  return `根据${joinWithAnd(documents)}要求，编制本报告。`;
}

/** The section titles come from the format, so the list and its count always match the report. */
function contentsSentence(): string {
  const titles = reportSections.map((section) => section.title);
  return `全文包括${titles.join("、")}，共${chineseNumeral(titles.length)}部分。`;
}

function periodSentence(info: ReportInfo): string {
  return `本报告所列数据的统计期限为${info.year ?? UNFILLED}年1月1日至12月31日。`;
}

function publicationSentence(info: ReportInfo): string | null {
  const siteName = info.publicationChannel.siteName.trim();
  const url = info.publicationChannel.url.trim();
  if (siteName === "" && url === "") return null;
  const place = siteName !== "" && url !== "" ? `${siteName}（${url}）` : siteName || url;
  return `本报告电子版可在${place}查阅或下载。`;
}

function contactSentence(info: ReportInfo): string | null {
  const office = info.compilingOffice;
  const details = [
    ["地址", office.address],
    ["邮编", office.postcode],
    ["电话", office.phone],
    ["电子邮箱", office.email],
  ]
    .map(([label, value]) => [label, value!.trim()] as const)
    .filter(([, value]) => value !== "")
    .map(([label, value]) => `${label}：${value}`);
  const name = office.name.trim();
  if (name === "" && details.length === 0) return null;
  // Without an office named, the details are the agency's own.
  const whom = name || "本机关";
  return `如对本报告有任何疑问，请联系${whom}${details.length > 0 ? `（${details.join("；")}）` : ""}。`;
}

/**
 * The conventional opening paragraph (domain.md §7): basis, contents, statistics
 * period, where the electronic version is, and whom to contact; the last two only
 * with what the report states.
 */
export function generateOpeningParagraph(info: ReportInfo): string {
  return [basisSentence(info), contentsSentence(), periodSentence(info), publicationSentence(info), contactSentence(info)]
    .filter((sentence): sentence is string => sentence !== null)
    .join("");
}
