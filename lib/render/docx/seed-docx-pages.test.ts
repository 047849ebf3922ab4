/**
 * The five published seeds' DOCX files as LibreOffice paginates them (soffice --headless with the
 * npm Noto faces, installed by scripts/install-test-deps.sh), measured as the PDFs are: the same
 * page count as our PDF, and no page but the last more than 3 lines blank at its foot. The
 * converted pages go to test-artifacts/docx-pages/ as PDF and PNG, to look at.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { docxToPdfWithLibreOffice } from "@/fixtures/import/office";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { checkReport } from "@/lib/checks/check-report";
import { buildReportDocument, type ReportDocument } from "@/lib/document";
import { renderReportPdf } from "../pdf/render-report-pdf";
import { overfullFeet, type PageFill, pageFill } from "../pdf/test-support/page-fill";
import { renderReportDocx } from "./render-report-docx";

const ARTEFACTS = "test-artifacts/docx-pages";
const PDFTOPPM = "/usr/bin/pdftoppm";

type Seed = { name: string; doc: ReportDocument; pdf: PageFill; docx: PageFill };
let seeds: Seed[];

beforeAll(async () => {
  mkdirSync(ARTEFACTS, { recursive: true });
  const documents = await Promise.all(
    publishedSeedReports().map(async ({ entry, report }) => {
      // As the export route makes them: a report with errors as a draft.
      const doc = buildReportDocument(report, { isDraft: checkReport(report).some((result) => result.severity === "error") });
      return { name: `seed-${entry.seed.slice(0, 3)}`, doc, docx: await renderReportDocx(doc) };
    }),
  );
  const converted = await docxToPdfWithLibreOffice(documents);
  seeds = [];
  for (const { name, doc } of documents) {
    const bytes = converted.get(name)!;
    writeFileSync(`${ARTEFACTS}/${name}.pdf`, bytes);
    if (existsSync(PDFTOPPM))
      execFileSync(PDFTOPPM, ["-png", "-r", "60", `${ARTEFACTS}/${name}.pdf`, `${ARTEFACTS}/${name}-page`]);
    seeds.push({ name, doc, pdf: await pageFill(await renderReportPdf(doc)), docx: await pageFill(bytes) });
  }
}, 300_000);

describe("the five seeds' DOCX as LibreOffice lays them out", () => {
  it("takes as many pages as the PDF", () => {
    console.info(`pages PDF/DOCX: ${seeds.map(({ name, pdf, docx }) => `${name} ${pdf.pages}/${docx.pages}`).join(", ")}`);
    for (const { name, pdf, docx } of seeds) expect(docx.pages, name).toBe(pdf.pages);
  });

  it("leaves no page but the last more than 3 lines blank at its foot, unless the next page opens with a heading that did not fit", () => {
    const report = seeds.map(({ name, docx }) => `${name}: ${docx.blankLines.map((lines) => lines.toFixed(1)).join(" ")}`);
    console.info(`DOCX blank lines at each page's foot: ${report.join("; ")}`);
    for (const { name, doc, docx } of seeds) {
      const headings = doc.blocks.flatMap((block) => (block.type === "heading" ? [block.text] : []));
      expect(overfullFeet(docx, headings), name).toEqual([]);
    }
  });
});
