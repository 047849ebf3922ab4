// Guards "paste that forgives the national layout": 表三 copied with its label columns from Word or Excel lands
// row by row; totals that agree stay computed, and 恢复全部自动合计 turns stated totals back in one undoable step.
import { expect, type Locator, type Page, test } from "@playwright/test";
import { seedReports } from "@/fixtures/seed-reports";
import { applicationsCellId, expandGrid, getCell, ledgerCells, tableGrids } from "@/lib/format";
import { deriveLedger } from "@/lib/ledger/derive-ledger";
import { formatCellValue } from "@/lib/ledger/normalise-entry";
import { cellInput, expectSaved, openStep } from "./fixtures/ledger-page";
import { createReport, storedReport } from "./fixtures/reports-api";

const seed001 = seedReports()[1]!.report;
const expected = deriveLedger(seed001.ledger).effective;
const s3Cells = ledgerCells.filter((cell) => cell.tableId === "s3");
const enteredCells = s3Cells.filter((cell) => cell.computedFrom === null);
const figure = (cellId: string) => formatCellValue(expected[cellId as keyof typeof expected]);

/** The national 表三 as a Word table's HTML: its real merges (rowspan, colspan), headers, labels and seed 001's figures. */
function wordTableHtml(): string {
  const rows = tableGrids.s3.rows.map(
    (row) =>
      `<tr>${row
        .map((cell) => {
          const spans = `${cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : ""}${cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : ""}`;
          const text = cell.type === "text" ? cell.text : figure(cell.cellId);
          return `<td${spans}><p class="MsoNormal"><span style="font-family:仿宋">${text}</span></p></td>`;
        })
        .join("")}</tr>`,
  );
  return `<html><body><!--StartFragment--><table class="MsoTableGrid" border="1">${rows.join("")}</table><!--EndFragment--></body></html>`;
}

/** The table as Excel copies it: three label columns, a merged label's text once and blanks in the cells it covers. */
function excelTableText(): string {
  const matrix = expandGrid(tableGrids.s3).filter((row) => row.some((cell) => cell.type === "value"));
  const body = matrix.map((row) => [
    ...row.slice(0, 3).map((cell) => (cell.type === "text" ? cell.text : "")),
    ...row.slice(3).map((cell) => (cell.type === "value" ? figure(cell.cellId) : "")),
  ]);
  const blanked = body.map((row, index) =>
    row.map((cell, column) => {
      if (column >= 3) return cell;
      if (column > 0 && row[column - 1] === cell) return "";
      return index > 0 && body[index - 1]![column] === cell ? "" : cell;
    }),
  );
  const header = ["", "", "", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"];
  return `${[header, ...blanked].map((row) => row.join("\t")).join("\r\n")}\r\n`;
}

/** Figures alone, row by row, from 自然人 of 一、本年新收 on. */
function numbersOnlyText(): string {
  return `${expandGrid(tableGrids.s3)
    .filter((row) => row.some((cell) => cell.type === "value"))
    .map((row) => row.flatMap((cell) => (cell.type === "value" ? [figure(cell.cellId)] : [])).join("\t"))
    .join("\r\n")}\r\n`;
}

async function paste(input: Locator, data: Record<string, string>): Promise<void> {
  await input.focus();
  await input.evaluate((element, items) => {
    const transfer = new DataTransfer();
    for (const [type, value] of Object.entries(items)) transfer.setData(type, value);
    element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, data);
}

async function expectEveryCellInItsRow(page: Page, id: string, label: string): Promise<void> {
  await expect(page.getByRole("status").filter({ hasText: "已粘贴" }), label).toBeVisible();
  await expect(page.locator(".ledger-s3 .is-stated"), label).toHaveCount(0);
  await expect(page.getByRole("button", { name: "恢复全部自动合计" })).toBeDisabled();
  await expectSaved(page);
  const stored = (await storedReport(page.request, id)).report.ledger;
  for (const cell of enteredCells) expect(stored[cell.id] ?? null, `${label}：${cell.name}`).toBe(expected[cell.id]);
  // Totals that agree are left to the table: computed, not stored.
  for (const cell of s3Cells.filter((item) => item.computedFrom !== null)) {
    expect(stored[cell.id] ?? null, `${label}：${cell.name}`).toBeNull();
    await expect(cellInput(page, cell.id as never), `${label}：${cell.name}`).toHaveValue(figure(cell.id));
  }
}

for (const [source, clipboard] of [
  // Word's plain text runs merged cells together; the HTML keeps them apart.
  ["Word 表格（带行标题和表头，合并单元格）", () => ({ "text/html": wordTableHtml(), "text/plain": "无法对齐的纯文本" })],
  ["Excel（三列行标题，合并的行标题为空白）", () => ({ "text/plain": excelTableText() })],
  ["只有数字", () => ({ "text/plain": numbersOnlyText() })],
] as const) {
  test(`粘贴表三：${source}，每个数字进入它的行，相符的合计保持自动计算`, async ({ page }) => {
    const { id } = await createReport(page.request, { agencyName: `粘贴测试${source.slice(0, 2)}县人民政府`, year: 2025 });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`/reports/${id}`);
    await openStep(page, "applications");
    // With labels, the rows find their own place wherever the caret is; figures alone start at the caret.
    const start =
      source === "只有数字" ? applicationsCellId("new", "natural_person") : applicationsCellId("granted", "research_institution");
    await paste(cellInput(page, start), clipboard());
    await expectEveryCellInItsRow(page, id, source);
  });
}

test("粘贴的合计与各项之和不符：保留为填报的合计并说明；“恢复全部自动合计”一步恢复，Ctrl+Z 撤销", async ({ page }) => {
  const { id } = await createReport(page.request, { agencyName: "合计恢复测试县人民政府", year: 2025 });
  await page.goto(`/reports/${id}`);
  await openStep(page, "applications");
  await paste(cellInput(page, applicationsCellId("new", "natural_person")), {
    "text/plain": "1\t2\t0\t0\t0\t0\t9\r\n4\t0\t0\t0\t0\t0\t5\r\n",
  });
  await expect(page.getByRole("status").filter({ hasText: "其中 2 个合计与各项之和不符" })).toBeVisible();
  const totals = [applicationsCellId("new", "total"), applicationsCellId("carried_over", "total")] as const;
  await expect(page.locator(".ledger-s3 .is-stated")).toHaveCount(2);
  await expect(cellInput(page, totals[0])).toHaveValue("9");
  const restore = page.getByRole("button", { name: "恢复全部自动合计" });
  await restore.click();
  await expect(cellInput(page, totals[0])).toHaveValue("3");
  await expect(cellInput(page, totals[1])).toHaveValue("4");
  await expect(page.locator(".ledger-s3 .is-stated")).toHaveCount(0);
  await expect(restore).toBeDisabled();
  await expectSaved(page);
  expect((await storedReport(page.request, id)).report.ledger[totals[0]] ?? null).toBeNull();
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("Control+z");
  await expect(cellInput(page, totals[0])).toHaveValue("9");
  await expect(cellInput(page, totals[1])).toHaveValue("5");
  expect(getCell(totals[0]).computedFrom).not.toBeNull();
});
