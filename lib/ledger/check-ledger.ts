import {
  AMOUNT_UNIT,
  activeDisclosureCellId,
  activeDisclosureColumn,
  activeDisclosureRow,
  type CellId,
  ledgerCells,
  MAX_AMOUNT_DECIMALS,
  MAX_FIGURE,
  NOT_APPLICABLE,
  type TableId,
  type TCellValue,
  type TLedger,
  tableIds,
  tableName,
} from "@/lib/format";
import { getRule, type LedgerRuleId, type RuleResult } from "@/lib/format/rule-catalogue";
import { deriveLedger, isBlank, numericValue } from "./derive-ledger";
import { type EquationTerm, type LedgerEquation, ledgerEquations } from "./ledger-equations";
import { formatFigure } from "./normalise-entry";

/** Requests, reviews and lawsuits always exist as counts: “/” makes no sense there. */
const tablesWithoutNotApplicable: readonly TableId[] = ["s3", "s4"];

export const tableAllowsNotApplicable = (tableId: TableId): boolean => !tablesWithoutNotApplicable.includes(tableId);

const result = (
  ruleId: LedgerRuleId,
  cellIds: CellId[],
  expected: number | null,
  actual: number | null,
  message: string,
): RuleResult => ({ ruleId, severity: getRule(ruleId).severity, cellIds, expected, actual, message });

const sameFigure = (a: number, b: number) => Math.abs(a - b) < 1e-9;

function describeSide(terms: readonly EquationTerm[], values: Record<CellId, TCellValue>): { text: string; sum: number } {
  const parts: { label: string; value: number }[] = [];
  for (const term of terms) {
    const label = term.group ?? term.label;
    const value = numericValue(values[term.cellId]);
    const last = parts[parts.length - 1];
    if (term.group && last?.label === label) last.value += value;
    else parts.push({ label, value });
  }
  const sum = parts.reduce((total, part) => total + part.value, 0);
  const text = parts.map((part) => `${part.label}（${formatFigure(part.value)}）`).join("+ ");
  return { text: parts.length > 1 ? `${text}= ${formatFigure(sum)}` : text, sum };
}

function checkEquation(equation: LedgerEquation, ledger: TLedger, effective: Record<CellId, TCellValue>) {
  if (equation.derivedTotal && isBlank(ledger[equation.derivedTotal])) return null;
  const terms = [...equation.left, ...equation.right];
  if (terms.every((term) => isBlank(effective[term.cellId]))) return null;
  // Equations run on every keystroke and nearly all hold: the message is written only when one fails.
  const sumOf = (side: readonly EquationTerm[]) => side.reduce((total, term) => total + numericValue(effective[term.cellId]), 0);
  if (sameFigure(sumOf(equation.left), sumOf(equation.right))) return null;
  const left = describeSide(equation.left, effective);
  const right = describeSide(equation.right, effective);
  const hasBlank = terms.some((term) => isBlank(effective[term.cellId]));
  const message =
    `${tableName(equation.tableId)} ${equation.scope}：${left.text}，不等于 ${right.text}，` +
    `相差 ${formatFigure(Math.abs(left.sum - right.sum))}${hasBlank ? "（空白单元格按 0 计）" : ""}`;
  return result(
    equation.ruleId,
    terms.map((term) => term.cellId),
    left.sum,
    right.sum,
    message,
  );
}

/** The value exactly as held (all its decimals), in plain digits. */
const exactFigure = (value: number) => (Math.abs(value) < 1e21 ? String(value) : formatFigure(value));

function hasAtMostDecimals(value: number, decimals: number): boolean {
  const scale = 10 ** decimals;
  return sameFigure(Math.round(value * scale) / scale, value);
}

function checkValues(ledger: TLedger): RuleResult[] {
  const results: RuleResult[] = [];
  for (const cell of ledgerCells) {
    const value = ledger[cell.id];
    if (typeof value !== "number") continue;
    if (cell.kind === "count" && !(Number.isSafeInteger(value) && value >= 0 && value <= MAX_FIGURE)) {
      results.push(
        result(
          "value.count",
          [cell.id],
          null,
          value,
          `${cell.name}：件数须为 0 至 ${formatFigure(MAX_FIGURE)} 之间的整数，现为 ${exactFigure(value)}`,
        ),
      );
    }
    if (cell.kind === "amount" && !(value >= 0 && value <= MAX_FIGURE && hasAtMostDecimals(value, MAX_AMOUNT_DECIMALS))) {
      results.push(
        result(
          "value.amount",
          [cell.id],
          null,
          value,
          `${cell.name}：金额以${AMOUNT_UNIT}计，须在 0 至 ${formatFigure(MAX_FIGURE)} 之间且最多 ${MAX_AMOUNT_DECIMALS} 位小数，现为 ${exactFigure(value)}`,
        ),
      );
    }
  }
  return results;
}

/** Each table's cells, and those staff enter, listed once: these checks run on every keystroke. */
const cellsByTable = new Map(
  tableIds.map((tableId) => {
    const cells = ledgerCells.filter((cell) => cell.tableId === tableId);
    return [tableId, { cells, entered: cells.filter((cell) => !cell.computedFrom) }] as const;
  }),
);

function checkBlankAndNotApplicable(ledger: TLedger): RuleResult[] {
  const results: RuleResult[] = [];
  for (const tableId of tableIds) {
    const { cells, entered } = cellsByTable.get(tableId)!;
    const blank = entered.filter((cell) => isBlank(ledger[cell.id]));
    const allowsNotApplicable = tableAllowsNotApplicable(tableId);
    if (blank.length > 0) {
      results.push(
        result(
          "ledger.blank",
          blank.map((cell) => cell.id),
          null,
          null,
          `${tableName(tableId)}有 ${blank.length} 个空白单元格（${blank[0]!.name}${blank.length > 1 ? " 等" : ""}）：` +
            `空白不等于 0，合计时按 0 计；没有的请填 0${allowsNotApplicable ? "，不适用的填“/”" : ""}`,
        ),
      );
    }
    // Stated totals count too: a “/” printed in a 总计 cell is just as wrong.
    const notApplicable = allowsNotApplicable ? [] : cells.filter((cell) => ledger[cell.id] === NOT_APPLICABLE);
    if (notApplicable.length > 0) {
      results.push(
        result(
          "ledger.not_applicable",
          notApplicable.map((cell) => cell.id),
          0,
          null,
          `${tableName(tableId)}有 ${notApplicable.length} 个单元格填了“${NOT_APPLICABLE}”（${notApplicable[0]!.name}${notApplicable.length > 1 ? " 等" : ""}）：` +
            `这些件数没有不适用的情形，没有的请填 0；合计时按 0 计`,
        ),
      );
    }
  }
  return results;
}

function checkActiveDisclosure(ledger: TLedger): RuleResult[] {
  const results: RuleResult[] = [];
  const regulations = activeDisclosureRow("regulations");
  const regulationCells = ["issued", "repealed", "in_force"].map((columnKey) => ({
    id: activeDisclosureCellId(regulations.key, columnKey),
    label: activeDisclosureColumn(columnKey).label,
  }));
  const nonZero = regulationCells.filter((cell) => numericValue(ledger[cell.id]) > 0);
  if (nonZero.length > 0) {
    const figures = nonZero.map((cell) => `${cell.label} ${formatFigure(numericValue(ledger[cell.id]))}`).join("、");
    results.push(
      result(
        "s2.regulations_nonzero",
        nonZero.map((cell) => cell.id),
        0,
        Math.max(...nonZero.map((cell) => numericValue(ledger[cell.id]))),
        `${tableName("s2")}「${regulations.label}」填有非零数字（${figures}）：多数机关（如乡镇和县级部门）没有规章制定权，请核对是否应填 0`,
      ),
    );
  }

  const normative = activeDisclosureRow("normative_documents");
  const [issuedId, repealedId, inForceId] = ["issued", "repealed", "in_force"].map((columnKey) =>
    activeDisclosureCellId(normative.key, columnKey),
  ) as [CellId, CellId, CellId];
  const issued = ledger[issuedId];
  const repealed = ledger[repealedId];
  const inForce = ledger[inForceId];
  if (typeof issued === "number" && typeof inForce === "number" && repealed === 0 && inForce < issued) {
    results.push(
      result(
        "s2.normative_in_force_below_issued",
        [issuedId, repealedId, inForceId],
        issued,
        inForce,
        `${tableName("s2")}「${normative.label}」${activeDisclosureColumn("in_force").label}（${inForce}）少于` +
          `${activeDisclosureColumn("issued").label}（${issued}），而${activeDisclosureColumn("repealed").label}为 0：本年制发的文件应计入现行有效，请核对`,
      ),
    );
  }
  return results;
}

/** Every ledger rule over the three national tables; errors first, then warnings. */
export function checkLedger(ledger: TLedger): RuleResult[] {
  const { effective } = deriveLedger(ledger);
  const results = [
    ...checkValues(ledger),
    ...ledgerEquations.flatMap((equation) => checkEquation(equation, ledger, effective) ?? []),
    ...checkBlankAndNotApplicable(ledger),
    ...checkActiveDisclosure(ledger),
  ];
  return [...results.filter((item) => item.severity === "error"), ...results.filter((item) => item.severity === "warning")];
}
