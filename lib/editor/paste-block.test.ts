import { describe, expect, it } from "vitest";
import { copiedTable } from "@/e2e/fixtures/ledger-page";
import { seedReports } from "@/fixtures/seed-reports";
import {
  applicationsCellId,
  expandGrid,
  getCell,
  ledgerCells,
  reviewsLitigationCellId,
  tableGrids,
  valueRows,
} from "@/lib/format";
import { deriveLedger } from "@/lib/ledger/derive-ledger";
import { formatCellValue } from "@/lib/ledger/normalise-entry";
import { isBlockPaste, pastedFigures, planPaste } from "./paste-block";

const seed001 = seedReports()[1]!.report;

/** 表三 as copied from a Word table: header rows, label cells and figures. */
function copiedApplicationsTable(): string {
  const { effective } = deriveLedger(seed001.ledger);
  return tableGrids.s3.rows
    .map((row) => row.map((cell) => (cell.type === "text" ? cell.text : formatCellValue(effective[cell.cellId]))).join("\t"))
    .join("\r\n");
}

describe("isBlockPaste", () => {
  it.each([
    ["12", false],
    ["12\r\n", false],
    ["1\t2", true],
    ["1\n2", true],
  ])("%j → %s", (text, expected) => expect(isBlockPaste(text)).toBe(expected));
});

describe("pastedFigures", () => {
  it("skips header rows and row labels copied with the table", () => {
    const rows = pastedFigures(copiedApplicationsTable(), tableGrids.s3);
    expect(rows).toHaveLength(25);
    expect(rows.every((row) => row.length === 7)).toBe(true);
    expect(rows[0]).toEqual(["174", "1", "0", "0", "0", "2", "177"]);
  });
});

describe("planPaste", () => {
  it("fills the block from the focused cell, totals included as stated figures", () => {
    const plan = planPaste(copiedApplicationsTable(), tableGrids.s3, applicationsCellId("new", "natural_person"));
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.writes).toHaveLength(175);
    expect(plan.writes).toContainEqual({ cellId: applicationsCellId("results_total", "total"), value: 173 });
    expect(plan.writes).toContainEqual({ cellId: applicationsCellId("other.fee_unpaid", "natural_person"), value: 14 });
  });

  it("normalises full-width digits, separators and 不适用", () => {
    const plan = planPaste("１２\t1,234\t/\t\r\n", tableGrids.s4, reviewsLitigationCellId("review.upheld"));
    expect(plan).toEqual({
      ok: true,
      writes: [
        { cellId: reviewsLitigationCellId("review.upheld"), value: 12 },
        { cellId: reviewsLitigationCellId("review.corrected"), value: 1234 },
        { cellId: reviewsLitigationCellId("review.other"), value: "/" },
        { cellId: reviewsLitigationCellId("review.pending"), value: null },
      ],
    });
  });

  it("refuses a block that does not fit, whole", () => {
    const block = Array.from({ length: 30 }, () => Array.from({ length: 9 }, () => "1").join("\t")).join("\n");
    const plan = planPaste(block, tableGrids.s4, reviewsLitigationCellId("litigation_direct.upheld"));
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.message).toContain("粘贴的内容有 30 行");
    expect(plan.message).toContain("往下只有 1 行");
    expect(plan.message).toContain(getCell(reviewsLitigationCellId("litigation_direct.upheld")).name);
  });

  it("names the columns, not the rows, when a block is too wide (7 columns at 法律服务机构)", () => {
    const block = ["1\t2\t3\t4\t5\t6\t7", "1\t2\t3\t4\t5\t6\t7"].join("\n");
    const plan = planPaste(block, tableGrids.s3, applicationsCellId("new", "legal_service_organization"));
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.message).toContain("有 7 列");
    expect(plan.message).toContain("往右只有 3 列");
    expect(plan.message).not.toContain("往下");
  });

  it("names the row that is too wide when it is not the first", () => {
    const block = ["1\t2", "1\t2\t3\t4\t5\t6\t7\t8\t9"].join("\n");
    const plan = planPaste(block, tableGrids.s3, applicationsCellId("new", "natural_person"));
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.message).toContain("第 2 行有 9 列");
    expect(plan.message).toContain("往右只有 7 列");
  });

  it("refuses a block with a value the normaliser rejects, naming the first bad cell", () => {
    const plan = planPaste("1\t2\n3\tabc\n5\t-1", tableGrids.s3, applicationsCellId("new", "natural_person"));
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.message).toContain("第 2 行第 2 列");
    expect(plan.message).toContain(getCell(applicationsCellId("carried_over", "commercial_enterprise")).name);
    expect(plan.message).toContain("“abc”");
  });
});

describe("pastedFigures with blank figures", () => {
  it("keeps a labelled row whose figures are blank, so pasting an empty table clears it", () => {
    const copied = tableGrids.s2.rows
      .map((row) => row.map((cell) => (cell.type === "text" ? cell.text : "")).join("\t"))
      .join("\n");
    const rows = pastedFigures(copied, tableGrids.s2);
    expect(rows.map((row) => row.length)).toEqual([3, 3, 1, 1, 1, 1]);
    expect(rows.flat().every((value) => value === "")).toBe(true);
  });
});

/** 表三 as copied from an Excel sheet of the national table: three label columns, merged label cells blank below their first row. */
function excelApplicationsTable(order: (rows: string[][]) => string[][] = (rows) => rows): string {
  const { effective } = deriveLedger(seed001.ledger);
  const matrix = expandGrid(tableGrids.s3);
  const header = ["", "", "", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"];
  const body = matrix
    .filter((row) => row.some((cell) => cell.type === "value"))
    .map((row) => {
      const labels = row.slice(0, 3).map((cell) => (cell.type === "text" ? cell.text : ""));
      const values = row.slice(3).map((cell) => (cell.type === "value" ? formatCellValue(effective[cell.cellId]) : ""));
      return [...labels, ...values];
    });
  // A merged cell copies as its text once, blanks in the rows and columns it also covers.
  const blanked = body.map((row, index) =>
    row.map((cell, column) => {
      if (column >= 3) return cell;
      if (column > 0 && row[column - 1] === cell) return "";
      return index > 0 && body[index - 1]![column] === cell ? "" : cell;
    }),
  );
  return [header, ...order(blanked)].map((row) => row.join("\t")).join("\r\n");
}

describe("paste forgiving the national layout", () => {
  const appl = (row: string, column: string) => applicationsCellId(row, column);
  const expected = deriveLedger(seed001.ledger).effective;

  it("skips the label columns of a sheet with merged (blank) label cells and places every row by its label", () => {
    const plan = planPaste(excelApplicationsTable(), tableGrids.s3, appl("new", "natural_person"), {});
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    const written = new Map(plan.writes.map((write) => [write.cellId, write.value]));
    expect(written.get(appl("new", "natural_person"))).toBe(expected[appl("new", "natural_person")]);
    expect(written.get(appl("withheld.state_secret", "natural_person"))).toBe(
      expected[appl("withheld.state_secret", "natural_person")],
    );
    expect(written.get(appl("other.fee_unpaid", "natural_person"))).toBe(14);
    // Totals that agree with the cells stay computed.
    expect(written.get(appl("results_total", "total"))).toBeNull();
    expect(written.get(appl("new", "total"))).toBeNull();
  });

  it("places rows given in another order, and a label typed short, in their own rows wherever the caret is", () => {
    const text = excelApplicationsTable((rows) => [...rows].reverse()).replace(
      "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
      "（二）部分公开",
    );
    const plan = planPaste(text, tableGrids.s3, appl("carried_over", "commercial_enterprise"), {});
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    const written = new Map(plan.writes.map((write) => [write.cellId, write.value]));
    for (const row of ["new", "partially_granted", "unavailable.not_held", "carried_forward"]) {
      expect(written.get(appl(row, "natural_person")), row).toBe(expected[appl(row, "natural_person")] ?? null);
    }
  });

  it("keeps a pasted total that differs from the sum of its cells as the stated total", () => {
    const plan = planPaste("1\t2\t0\t0\t0\t0\t9", tableGrids.s3, appl("new", "natural_person"), {});
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.writes.at(-1)).toEqual({ cellId: appl("new", "total"), value: 9 });
    const agreeing = planPaste("1\t2\t0\t0\t0\t0\t3", tableGrids.s3, appl("new", "natural_person"), {});
    expect(agreeing.ok && agreeing.writes.at(-1)).toEqual({ cellId: appl("new", "total"), value: null });
  });
});

describe("paste of every table as copied from a published report", () => {
  it.each(["s2", "s3", "s4"] as const)("%s: every figure lands where the report has it (万元 with decimals too)", (tableId) => {
    const grid = tableGrids[tableId];
    const plan = planPaste(copiedTable(tableId, seed001.ledger), grid, valueRows(grid)[0]![0]!, {});
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    const pasted = deriveLedger(Object.fromEntries(plan.writes.map((write) => [write.cellId, write.value]))).effective;
    const expected = deriveLedger(seed001.ledger).effective;
    for (const cell of ledgerCells.filter((item) => item.tableId === tableId))
      expect(pasted[cell.id], cell.id).toBe(expected[cell.id]);
  });
});
