/**
 * How full the exported pages are: for the five published seeds and the renderers' hard cases,
 * the pages of the PDF and, per page, the blank lines (of the 22-line grid) left at its foot,
 * measured from pdf.js glyph positions (the lowest glyph of the 版心 on each page). With --docx
 * the DOCX is converted by LibreOffice (soffice --headless, the npm Noto faces) and measured the same way.
 *
 *   npx tsx scripts/page-fill.ts [--docx]
 */
import { docxToPdfWithLibreOffice } from "@/fixtures/import/office";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { checkReport } from "@/lib/checks/check-report";
import { buildReportDocument, type ReportDocument } from "@/lib/document";
import { renderReportDocx } from "@/lib/render/docx/render-report-docx";
import { renderReportPdf } from "@/lib/render/pdf";
import { type PageFill, pageFill } from "@/lib/render/pdf/test-support/page-fill";
import { hardCases } from "@/lib/render/test-support/hard-cases";

const summary = ({ pages, blankLines }: PageFill) =>
  `${pages} 页；页脚空行 ${blankLines.map((lines, index) => `p${index + 1} ${lines.toFixed(1)}`).join("，")}`;

export function measuredDocuments(): { name: string; doc: ReportDocument }[] {
  const seeds = publishedSeedReports().map(({ entry, report }) => ({
    name: `seed-${entry.seed.slice(0, 3)}`,
    doc: buildReportDocument(report, { isDraft: checkReport(report).some((result) => result.severity === "error") }),
  }));
  return [...seeds, ...hardCases()];
}

async function main() {
  const documents = measuredDocuments();
  const converted = process.argv.includes("--docx")
    ? await docxToPdfWithLibreOffice(
        await Promise.all(documents.map(async ({ name, doc }) => ({ name, docx: await renderReportDocx(doc) }))),
      )
    : new Map<string, Uint8Array>();
  for (const { name, doc } of documents) {
    console.log(`${name.padEnd(26)} PDF  ${summary(await pageFill(await renderReportPdf(doc)))}`);
    const docx = converted.get(name);
    if (docx) console.log(`${"".padEnd(26)} DOCX ${summary(await pageFill(docx))}`);
  }
}

if (process.argv[1]?.endsWith("page-fill.ts")) void main();
