import {
  applicantColumns,
  applicationRowName,
  applicationRows,
  applicationsBalance,
  applicationsCellId,
  type CellId,
  getApplicationRow,
  type HeaderLeaf,
  reviewsLitigationCellId,
  reviewsLitigationColumns,
  type TableId,
} from "@/lib/format";
import type { LedgerRuleId } from "@/lib/format/rule-catalogue";

export type EquationTerm = {
  cellId: CellId;
  label: string;
  /** Terms sharing a group are added up into one figure in messages, e.g. （三）不予公开. */
  group?: string;
};

/** left = right, checked per column or row of a national table. */
export type LedgerEquation = {
  ruleId: LedgerRuleId;
  tableId: TableId;
  /** Where the equation holds, e.g. 总计列, 「一、本年新收」行, 行政复议. */
  scope: string;
  left: readonly EquationTerm[];
  right: readonly EquationTerm[];
  /** A total that the equation itself derives: when it is not stated, the equation holds by construction. */
  derivedTotal: CellId | null;
};

/** The result group a 表三 row is added up under in messages: its second-level heading. */
function resultGroup(row: HeaderLeaf): string {
  const group = row.ancestors[1];
  return group ? (group.shortLabel ?? group.label) : row.shortLabel;
}

function applicationsEquations(): LedgerEquation[] {
  const equations: LedgerEquation[] = [];
  const totalColumn = applicantColumns.find((column) => column.sumOf);
  const resultsTotalRow = applicationRows.find((row) => row.sumOf);
  if (!totalColumn?.sumOf || !resultsTotalRow?.sumOf) throw new Error("表三 has no 总计 column or （七）总计 row");

  for (const row of applicationRows) {
    const totalCell = applicationsCellId(row.key, totalColumn.key);
    equations.push({
      ruleId: "s3.row_total",
      tableId: "s3",
      scope: `「${applicationRowName(row)}」行`,
      left: totalColumn.sumOf.map((key) => ({
        cellId: applicationsCellId(row.key, key),
        label: applicantColumns.find((column) => column.key === key)!.label,
      })),
      right: [{ cellId: totalCell, label: totalColumn.label }],
      derivedTotal: totalCell,
    });
  }
  for (const column of applicantColumns) {
    const totalCell = applicationsCellId(resultsTotalRow.key, column.key);
    equations.push({
      ruleId: "s3.results_total",
      tableId: "s3",
      scope: `${column.label}列`,
      left: resultsTotalRow.sumOf.map((key) => {
        const row = getApplicationRow(key);
        return { cellId: applicationsCellId(key, column.key), label: applicationRowName(row), group: resultGroup(row) };
      }),
      right: [{ cellId: totalCell, label: resultsTotalRow.shortLabel }],
      // The corner cell is derived across its row, so down its column it is a real check.
      derivedTotal: column.sumOf ? null : totalCell,
    });
  }
  const balanceTerms = (keys: readonly string[], columnKey: string) =>
    keys.map((key) => ({ cellId: applicationsCellId(key, columnKey), label: getApplicationRow(key).shortLabel }));
  for (const column of applicantColumns) {
    equations.push({
      ruleId: "s3.balance",
      tableId: "s3",
      scope: `${column.label}列`,
      left: balanceTerms(applicationsBalance.left, column.key),
      right: balanceTerms(applicationsBalance.right, column.key),
      derivedTotal: null,
    });
  }
  return equations;
}

function reviewsLitigationEquations(): LedgerEquation[] {
  return reviewsLitigationColumns.flatMap((column): LedgerEquation[] => {
    if (!column.sumOf) return [];
    const totalCell = reviewsLitigationCellId(column.key);
    return [
      {
        ruleId: "s4.group_total",
        tableId: "s4",
        scope: column.ancestors.map((node) => node.label).join(" "),
        left: column.sumOf.map((key) => ({
          cellId: reviewsLitigationCellId(key),
          label: reviewsLitigationColumns.find((candidate) => candidate.key === key)!.label,
        })),
        right: [{ cellId: totalCell, label: column.label }],
        derivedTotal: totalCell,
      },
    ];
  });
}

/** Every arithmetic identity of the national tables, built from the format data. */
export const ledgerEquations: readonly LedgerEquation[] = [...applicationsEquations(), ...reviewsLitigationEquations()];
