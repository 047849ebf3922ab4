import ExcelJS from "exceljs";
import { type CellId, sectionHeading, tableGrids, tableIds, tableName, tableSection } from "@/lib/format";
import { formatCellValue } from "@/lib/ledger/normalise-entry";

export type SummaryUnitLine = { name: string; state: string; agencyName: string | null; errorCount: number | null };

export type SummaryWorkbook = {
  title: string;
  sums: Readonly<Record<CellId, number | null>>;
  units: readonly SummaryUnitLine[];
};

const thin = { style: "thin" as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/**
 * 汇总 as an Excel workbook: 表二, 表三 and 表四 drawn as the national tables (labels and merges
 * from lib/format), then the list of units included and those missing, unsubmitted or with errors.
 */
export async function renderSummaryXlsx(summary: SummaryWorkbook): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "年报通";
  for (const tableId of tableIds) {
    const grid = tableGrids[tableId];
    const sheet = workbook.addWorksheet(tableName(tableId));
    sheet.addRow([`${summary.title} ${sectionHeading(tableSection(tableId))}`]).font = { bold: true };
    sheet.mergeCells(1, 1, 1, grid.columnCount);
    const occupied = new Set<string>();
    grid.rows.forEach((row, rowIndex) => {
      const excelRow = rowIndex + 2;
      let column = 1;
      for (const cell of row) {
        while (occupied.has(`${excelRow}:${column}`)) column += 1;
        const target = sheet.getCell(excelRow, column);
        if (cell.type === "text") {
          target.value = cell.text;
          target.font = { bold: cell.role !== "label" };
        } else {
          const value = summary.sums[cell.cellId];
          target.value = value ?? formatCellValue(null);
          target.numFmt = "0.######";
        }
        target.alignment = {
          vertical: "middle",
          horizontal: cell.type === "text" && cell.role === "label" ? "left" : "center",
          wrapText: true,
        };
        target.border = border;
        for (let down = 0; down < cell.rowSpan; down += 1) {
          for (let across = 0; across < cell.colSpan; across += 1) occupied.add(`${excelRow + down}:${column + across}`);
        }
        if (cell.rowSpan > 1 || cell.colSpan > 1)
          sheet.mergeCells(excelRow, column, excelRow + cell.rowSpan - 1, column + cell.colSpan - 1);
        column += cell.colSpan;
      }
    });
    // Label columns are those the last row's label spans; the figures' columns are narrow.
    const labelColumns = grid.rows
      .at(-1)!
      .filter((cell) => cell.type === "text")
      .reduce((total, cell) => total + cell.colSpan, 0);
    for (let index = 1; index <= grid.columnCount; index += 1) sheet.getColumn(index).width = index <= labelColumns ? 24 : 12;
  }
  const units = workbook.addWorksheet("汇总单位");
  units.addRow(["单位", "报告机关", "状态", "错误数"]).font = { bold: true };
  for (const line of summary.units) units.addRow([line.name, line.agencyName ?? "", line.state, line.errorCount ?? ""]);
  units.columns.forEach((column) => {
    column.width = 28;
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
