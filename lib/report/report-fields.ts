import { getSection, type SectionId, sectionHeading } from "@/lib/format";

/**
 * The Chinese names of the report's form fields, by their path in the report JSON. The editor
 * labels its inputs with them and messages (rules, refused requests) name fields by them.
 */
const fieldLabels: Record<string, string> = {
  "info.agencyName": "机关全称",
  "info.agencyShortName": "简称",
  "info.year": "年度",
  "info.compilingOffice.name": "编制机构",
  "info.compilingOffice.address": "地址",
  "info.compilingOffice.postcode": "邮编",
  "info.compilingOffice.phone": "电话",
  "info.compilingOffice.email": "电子邮箱",
  "info.publicationChannel.siteName": "发布网站名称",
  "info.publicationChannel.url": "网址",
  "info.extraBasis": "补充编制依据",
  "info.openingParagraph": "开头段落",
  "info.issuedOn": "落款日期",
  "narrative.other_matters.processingFees.noticesIssued": "发出收费通知件数",
  "narrative.other_matters.processingFees.noticedAmount": "通知收费金额（元）",
  "narrative.other_matters.processingFees.collectedAmount": "实际收取金额（元）",
};

const heading = (id: SectionId) => sectionHeading(getSection(id));

/** The field's name for staff, or null when the path is not a form field. */
export function findReportFieldLabel(path: string): string | null {
  const known = fieldLabels[path];
  if (known) return known;
  if (path === "narrative.overview.intro") return `${heading("overview")} 导语`;
  const topic = /^narrative\.overview\.topics\.(\d+)\.(title|body)$/.exec(path);
  if (topic) return `${heading("overview")} 第 ${Number(topic[1]) + 1} 个小标题${topic[2] === "title" ? "" : "的正文"}`;
  const section = /^narrative\.(problems|other_matters)\.body$/.exec(path);
  if (section) return `${heading(section[1] as SectionId)} 正文`;
  return null;
}

export function reportFieldLabel(path: string): string {
  return findReportFieldLabel(path) ?? path;
}
