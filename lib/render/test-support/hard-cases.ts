/**
 * The documents every renderer is tried on besides the five published seeds: text a broken
 * conversion left control characters and non-characters in, nine-digit figures, a long name with
 * Extension B ideographs, long web addresses, blank tables, a report whose tables are small.
 * Built as documents, past the schema, as a renderer may be given them.
 */
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { buildReportDocument, type ReportDocument, type TableBlock } from "@/lib/document";

export type HardCase = { name: string; doc: ReportDocument };

const withFigures = (block: TableBlock, figure: (id: string) => string): TableBlock => ({
  ...block,
  cells: Object.fromEntries(Object.keys(block.cells).map((id) => [id, figure(id)])),
});

const mapTables = (doc: ReportDocument, figure: (id: string) => string): ReportDocument => ({
  ...doc,
  blocks: doc.blocks.map((block) => (block.type === "table" ? withFigures(block, figure) : block)),
});

/** Control characters, U+FFFE/U+FFFF and a lone surrogate, as bytes pasted from a broken file bring them. */
export const ILLEGAL_TEXT = "公开\u000b内容\u000c不够\u0007全面\u0002，\uFFFE申请\uFFFF人\uD800数量\u0085增加。";

export function hardCases(): HardCase[] {
  const seeds = publishedSeedReports();
  const seed = (index: number, options = { isDraft: false }) => buildReportDocument(seeds[index]!.report, options);
  const base = seed(1);
  const withIllegal: ReportDocument = {
    ...base,
    title: [`某某\uFFFE人民政府`, base.title[1]!],
    opening: [ILLEGAL_TEXT, ...base.opening],
    blocks: base.blocks.map((block) => (block.type === "paragraph" ? { ...block, text: `${block.text}\uFFFF\u000b` } : block)),
    closing: { agencyName: "某某人民政府\u0001办公室", date: "2026年1月20日" },
  };
  const longTexts: ReportDocument = {
    ...base,
    title: ["北京市海淀区人民政府万寿路街道办事处𠮷田𡈼社区居民委员会联合工作组", base.title[1]!],
    opening: [
      "本报告电子版可在本机关门户网站（https://www.example.gov.cn/zwgk/zfxxgk/ndbg/2025/202601/t20260120_1234567890.html）查阅，如对本报告有疑问，请联系政务公开办公室（电子邮箱：zhengwugongkai.bangongshi@example-district.gov.cn），并按照ISO/IEC 27001:2013信息安全管理体系要求管理数据。",
      ...base.opening,
    ],
    closing: { agencyName: "北京市海淀区人民政府万寿路街道办事处𠮷田社区", date: "2026年12月31日" },
  };
  const short: ReportDocument = {
    ...base,
    opening: base.opening.slice(0, 1),
    blocks: base.blocks.filter((block) => block.type !== "paragraph" || block.text.length < 60).slice(0, 40),
  };
  return [
    { name: "illegal-characters", doc: withIllegal },
    { name: "nine-digit-figures", doc: mapTables(base, () => "123456789") },
    { name: "seven-digit-figures", doc: mapTables(base, () => "1234567") },
    { name: "long-names-and-addresses", doc: longTexts },
    { name: "blank-tables-draft", doc: { ...mapTables(seed(2, { isDraft: true }), () => ""), isDraft: true } },
    { name: "short-text-small-tables", doc: short },
  ];
}
