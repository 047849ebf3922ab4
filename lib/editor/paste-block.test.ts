import { describe, expect, it } from "vitest";
import { seedReports } from "@/fixtures/seed-reports";
import { applicationsCellId, getCell, reviewsLitigationCellId, tableGrids } from "@/lib/format";
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
