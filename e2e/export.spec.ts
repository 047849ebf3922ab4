// Guards the published documents: what staff export from the UI carries the national tables cell for cell, and errors block the official version.
import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import JSZip from "jszip";
import { parse } from "node-html-parser";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { checkReport } from "@/lib/checks/check-report";
import { buildReportDocument } from "@/lib/document/build-report-document";
import { DRAFT_MARK } from "@/lib/document/report-document";
import { reportSections, sectionHeading, tableGrids } from "@/lib/format";
import { pageText, readPdf } from "@/lib/render/pdf/test-support/read-pdf";
import {
  applicationsFigures,
  docxTables,
  expandDocxTable,
  expandSpans,
  expectedMatrix,
  xmlText,
} from "@/lib/render/test-support/table-matrix";
import { createReport, storedReport } from "./fixtures/reports-api";

// As published, narrative included: an official export needs every section.
const seeds = publishedSeedReports();
const seed001 = seeds[1]!.report;
const seed003 = seeds[3]!.report;

/** 表三 of an HTML export, laid out by its rowspan/colspan as a browser would. */
function applicationsTableFromHtml(html: string): string[][] {
  const table = parse(html)
    .querySelectorAll("table")
    .find((candidate) => candidate.querySelectorAll("tr").length === tableGrids.s3.rows.length);
  if (!table) throw new Error("no 表三 in the HTML export");
  return expandSpans(
    table.querySelectorAll("tr").map((row) =>
      row.querySelectorAll("th, td").map((cell) => ({
        text: cell.textContent.trim(),
        rowSpan: Number(cell.getAttribute("rowspan") ?? 1),
        colSpan: Number(cell.getAttribute("colspan") ?? 1),
      })),
    ),
  );
}

async function openExport(page: Page, id: string) {
  await page.goto(`/reports/${id}`);
  await page.getByRole("navigation", { name: "报告步骤" }).getByRole("button", { name: "预览与导出" }).click();
}

async function downloadFrom(page: Page, buttonName: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: buttonName }).click()]);
  return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
}

test("种子001：从界面导出 DOCX 和 HTML，六个部分按序，表三合并和数字逐格正确", async ({ page, request }) => {
  const withNarrative = {
    ...seed001,
    narrative: { ...seed001.narrative, problems: { body: "<script>alert(1)</script> 一是……", carriedFromLastYear: false } },
  };
  const { id } = await createReport(request, { report: withNarrative });
  await openExport(page, id);
  await expect(page.getByText("校验通过，可以导出正式版本。")).toBeVisible();
  const previewSource = await page.getByTitle("报告预览").getAttribute("src");
  const preview = await request.get(previewSource!);
  expect(preview.headers()["content-type"]).toBe("application/pdf");
  expect(preview.headers()["content-disposition"]).toMatch(/^inline;/);
  const expectedTable = expectedMatrix(
    tableGrids.s3,
    buildReportDocument(withNarrative, { isDraft: false }).blocks.flatMap((block) =>
      block.type === "table" && block.tableId === "s3" ? [block.cells] : [],
    )[0]!,
  );

  await test.step("DOCX", async () => {
    const docx = await downloadFrom(page, "导出Word（DOCX）");
    expect(docx.name).toBe("湘潭县人民政府2025年政府信息公开工作年度报告.docx");
    const documentXml = await (await JSZip.loadAsync(docx.bytes)).file("word/document.xml")!.async("string");
    const text = xmlText(documentXml);
    const positions = reportSections.map((section) => text.indexOf(sectionHeading(section)));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const tables = docxTables(documentXml);
    const applications = tables.find((table) => expandDocxTable(table).length === tableGrids.s3.rows.length)!;
    expect(expandDocxTable(applications)).toEqual(expectedTable);
    expect(text).toContain("<script>alert(1)</script>");
    expect(text).not.toContain(DRAFT_MARK);
  });

  await test.step("PDF：A4，六个部分按序，表三的数字都在，脚本按文字排出", async () => {
    const pdf = await downloadFrom(page, "导出PDF");
    expect(pdf.name).toBe("湘潭县人民政府2025年政府信息公开工作年度报告.pdf");
    const pages = await readPdf(new Uint8Array(pdf.bytes));
    for (const pdfPage of pages) {
      expect(pdfPage.width).toBeCloseTo(595.28, 1);
      expect(pdfPage.height).toBeCloseTo(841.89, 1);
    }
    const text = pages.map(pageText).join("");
    const positions = reportSections.map((section) => text.indexOf(sectionHeading(section)));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain("<script>alert(1)</script>");
    expect(text).not.toContain(DRAFT_MARK.replace(/\s/g, ""));
  });

  await test.step("HTML：表三解析出同样的 25×7 个数字，脚本被转义", async () => {
    const html = await downloadFrom(page, "导出网页（HTML）");
    const source = html.bytes.toString("utf8");
    expect(source).not.toMatch(/<script/i);
    expect(source).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    const matrix = applicationsTableFromHtml(source);
    expect(applicationsFigures(matrix)).toEqual(applicationsFigures(expectedTable));
    expect(applicationsFigures(matrix)).toHaveLength(25);
  });
});

test("有勾稽错误的报告：正式导出被拒绝并列出错误，草稿带标记，已存报告不变", async ({ page, request }) => {
  const { id, revision } = await createReport(request, { report: seed003 });
  await openExport(page, id);
  const refusal = page.getByRole("region", { name: "不能导出正式版本" });
  const expectedErrors = checkReport(seed003).filter((result) => result.severity === "error");
  await expect(refusal).toContainText(`报告还有 ${expectedErrors.length} 个错误，不能导出正式版本`);
  await expect(refusal.getByRole("button", { name: /表三 总计列：一、本年新收（101）/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "导出Word（DOCX）", exact: true })).toBeDisabled();

  const official = await request.get(`/api/reports/${id}/export?format=docx`);
  expect(official.status()).toBe(422);
  const body = (await official.json()) as { message: string; errors: { ruleId: string }[] };
  expect(body.errors.map((error) => error.ruleId)).toEqual(expectedErrors.map((error) => error.ruleId));
  expect(body.errors.filter((error) => error.ruleId === "s3.balance")).toHaveLength(2);

  const draft = await downloadFrom(page, "导出草稿Word（DOCX）");
  const zip = await JSZip.loadAsync(draft.bytes);
  const headers = await Promise.all(
    Object.keys(zip.files)
      .filter((name) => /^word\/header\d*\.xml$/.test(name))
      .map((name) => zip.file(name)!.async("string")),
  );
  expect(headers.some((xml) => xmlText(xml).includes(DRAFT_MARK))).toBe(true);
  expect(xmlText(await zip.file("word/document.xml")!.async("string"))).toContain(DRAFT_MARK);

  const draftPdf = await downloadFrom(page, "导出草稿PDF");
  for (const pdfPage of await readPdf(new Uint8Array(draftPdf.bytes)))
    expect(pageText(pdfPage)).toContain(DRAFT_MARK.replace(/\s/g, ""));

  const stored = await storedReport(request, id);
  expect(stored.revision).toBe(revision);
  expect(stored.report).toEqual(seed003);

  await refusal.getByRole("button", { name: /表三 总计列/ }).click();
  await expect(page.getByRole("heading", { level: 2, name: sectionHeading(reportSections[2]!) })).toBeVisible();
});

test("五份种子报告（含原文）都能导出 DOCX、PDF 和 HTML：六个部分按序，表三数字逐格一致", async ({ request }) => {
  test.setTimeout(120_000);
  for (const { entry, report } of publishedSeedReports()) {
    const { id } = await createReport(request, { report });
    // Seed 003's balance and seed 004's missing 四 keep them drafts.
    const isDraft = checkReport(report).some((result) => result.severity === "error");
    const expected = applicationsFigures(
      expectedMatrix(
        tableGrids.s3,
        buildReportDocument(report, { isDraft }).blocks.flatMap((block) =>
          block.type === "table" && block.tableId === "s3" ? [block.cells] : [],
        )[0]!,
      ),
    );
    const exported = async (format: string) => {
      const response = await request.get(`/api/reports/${id}/export?format=${format}&draft=${isDraft ? 1 : 0}`);
      expect(response.status(), `${entry.seed} ${format}`).toBe(200);
      expect(response.headers()["x-report-draft"]).toBe(isDraft ? "1" : "0");
      return response.body();
    };

    const docxXml = await (await JSZip.loadAsync(await exported("docx"))).file("word/document.xml")!.async("string");
    const docxTable = docxTables(docxXml).find((table) => expandDocxTable(table).length === tableGrids.s3.rows.length)!;
    expect(applicationsFigures(expandDocxTable(docxTable)), entry.seed).toEqual(expected);

    const pdfText = (await readPdf(new Uint8Array(await exported("pdf")))).map(pageText).join("");
    const positions = reportSections.map((section) => pdfText.indexOf(sectionHeading(section)));
    expect(
      positions.every((position) => position >= 0),
      entry.seed,
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(pdfText.includes(DRAFT_MARK.replace(/\s/g, "")), entry.seed).toBe(isDraft);

    const html = (await exported("html")).toString("utf8");
    const matrix = applicationsTableFromHtml(html);
    expect(applicationsFigures(matrix), entry.seed).toEqual(expected);
  }
});

test("一个字所有嵌入字体都没有：PDF 拒绝导出并指出是哪个字、在哪一段，DOCX 照常导出", async ({ request }) => {
  const report = structuredClone(seed001);
  report.narrative.problems.body = "公开内容不够全面。\n申请人𰀀某提出申请。";
  const { id } = await createReport(request, { report });
  const pdf = await request.get(`/api/reports/${id}/export?format=pdf`);
  expect(pdf.status()).toBe(422);
  const { message } = (await pdf.json()) as { message: string };
  expect(message).toContain("“𰀀”（U+30000，“五、存在的主要问题及改进情况”第 2 段");
  expect(message).toContain("不能导出 PDF");
  expect((await request.get(`/api/reports/${id}/export?format=docx`)).status()).toBe(200);
});
