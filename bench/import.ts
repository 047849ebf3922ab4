import { runTogetherText, wordLikeHtml } from "@/fixtures/import/forms";
import { convertWithLibreOffice, findLibreOffice } from "@/fixtures/import/office";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { buildReportDocument } from "@/lib/document/build-report-document";
import { importPublishedReport } from "@/lib/import";
import { renderReportPdf } from "@/lib/render/pdf";
import { formatTiming, measure } from "./measure";

/** Import of seed 001 (湘潭县人民政府 2025) from its PDF export and from page text whose figures run together. */
export async function benchImport(): Promise<string[]> {
  const report = publishedSeedReports()[1]!.report;
  const pdf = await renderReportPdf(buildReportDocument(report, { isDraft: false }));
  const pageText = new TextEncoder().encode(runTogetherText(report));
  const read = async (bytes: Uint8Array, name: string) => {
    const outcome = await importPublishedReport(bytes, name);
    if (!outcome.ok) throw new Error(outcome.message);
  };
  const fromPdf = await measure(() => read(pdf, "seed-001.pdf"), 20, 3);
  const fromText = await measure(() => read(pageText, "seed-001.txt"), 50, 5);
  const lines = [
    formatTiming("导入 PDF（种子001，本系统导出）", fromPdf, "", "median ≤ 120 ms（1,000 份 2 分钟）"),
    formatTiming("导入页面文字，数字连写（种子001）", fromText),
  ];
  // A PDF as offices make them (Word → PDF), when LibreOffice is installed to make one.
  if (findLibreOffice()) {
    const office = (await convertWithLibreOffice([{ name: "seed-001", html: wordLikeHtml(report) }])).get("seed-001")!;
    const fromOfficePdf = await measure(() => read(office.pdf, "seed-001-office.pdf"), 20, 3);
    lines.push(formatTiming("导入 PDF（种子001，Word 导出）", fromOfficePdf, "", "median ≤ 120 ms"));
  }
  return lines;
}
