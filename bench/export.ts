import { performance } from "node:perf_hooks";
import { publishedSeedReports, seedReports } from "@/fixtures/seed-reports";
import { checkReport } from "@/lib/checks/check-report";
import { buildReportDocument } from "@/lib/document/build-report-document";
import { renderReportDocx } from "@/lib/render/docx/render-report-docx";
import { renderReportHtml } from "@/lib/render/html/render-report-html";
import { renderReportPdf } from "@/lib/render/pdf";
import { formatTiming, measure } from "./measure";

const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Exports of seed 001 (湘潭县人民政府 2025): model + renderer, as the export route runs them; then the five seeds' file sizes. */
export async function benchExport(): Promise<string[]> {
  const report = seedReports()[1]!.report;
  const document = () => buildReportDocument(report, { isDraft: false });

  const firstStart = performance.now();
  const firstPdf = await renderReportPdf(document());
  const firstPdfMs = performance.now() - firstStart;

  const docxBytes = (await renderReportDocx(document())).length;
  const htmlBytes = Buffer.byteLength(renderReportHtml(document()), "utf8");
  const docx = await measure(() => renderReportDocx(document()), 50, 5);
  const pdf = await measure(() => renderReportPdf(document()), 15, 2);
  const html = await measure(() => renderReportHtml(document()), 500, 20);
  // The five published seeds as the export route makes them (a report with errors as a draft).
  const sizes: string[] = [];
  for (const { entry, report: published } of publishedSeedReports()) {
    const isDraft = checkReport(published).some((result) => result.severity === "error");
    const doc = buildReportDocument(published, { isDraft });
    const [pdfBytes, docxSize] = [(await renderReportPdf(doc)).length, (await renderReportDocx(doc)).length];
    sizes.push(
      `种子${entry.seed.slice(0, 3)} PDF ${kilobytes(pdfBytes)}，DOCX ${kilobytes(docxSize)}${isDraft ? "（草稿）" : ""}`,
    );
  }
  return [
    `导出 PDF 首次（进程内第一次，含字体载入）        ${firstPdfMs.toFixed(0)} ms，${kilobytes(firstPdf.length)}`,
    formatTiming("导出 PDF（预热后，种子001）", pdf, `，${kilobytes(firstPdf.length)}`, "median ≤ 262 ms"),
    formatTiming("导出 DOCX（种子001）", docx, `，${kilobytes(docxBytes)}`, "median ≤ 29 ms"),
    formatTiming("导出 HTML（种子001）", html, `，${kilobytes(htmlBytes)}`),
    `导出文件大小（五份已发布报告）：${sizes.join("；")}`,
  ];
}
