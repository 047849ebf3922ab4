import { getCell, ledgerCells, type CellId } from "@/lib/format";
import { tableAllowsNotApplicable, type RuleResult } from "@/lib/ledger/check-ledger";
import { deriveLedger } from "@/lib/ledger/derive-ledger";
import { formatCellValue, normaliseEntry } from "@/lib/ledger/normalise-entry";
import { getRule } from "@/lib/ledger/rule-catalogue";
import { checkReport } from "@/lib/report/check-report";
import type { TCellValue, TReport } from "@/lib/report/report-schema";
import type { CellWrite } from "./paste-block";

export type CellState = {
  /** What the cell shows: the typed text while it is rejected, else the value. */
  text: string;
  isComputed: boolean;
  /** A computed cell carrying a printed figure (imported or pasted) instead of its derivation. */
  isStated: boolean;
  /** The normaliser's message for a typed text that is not a figure. */
  rejection: string | null;
  /** Every rule result that involves this cell. */
  results: readonly RuleResult[];
};

type Listener = () => void;

const EMPTY_RESULTS: readonly RuleResult[] = [];

/**
 * Table-wide warnings (blank or “/” cells) carry a count in their message, which changes
 * with every figure typed; at the cell they are shown with the cell's own, stable message,
 * so filling one blank does not re-render every other blank cell.
 */
const tableWideRules = new Set<string>(["ledger.blank", "ledger.not_applicable"]);

function cellLevelResult(result: RuleResult, cellId: CellId): RuleResult {
  if (!tableWideRules.has(result.ruleId)) return result;
  const cell = getCell(cellId);
  const message =
    result.ruleId === "ledger.blank"
      ? `${cell.name}：空白。空白不等于 0，合计时按 0 计；没有的请填 0${tableAllowsNotApplicable(cell.tableId) ? "，不适用的填“/”" : ""}`
      : `${cell.name}：填了“/”。这些件数没有不适用的情形，没有的请填 0`;
  return { ...result, cellIds: [cellId], message };
}

const sameResults = (a: readonly RuleResult[], b: readonly RuleResult[]) =>
  a.length === b.length && a.every((item, index) => item.message === b[index]!.message && item.severity === b[index]!.severity);

/**
 * The report being edited, with its rule results and per-cell states. A change
 * notifies only the cells whose state changed, so a keystroke re-renders the cell,
 * the totals and the messages that depend on it, not the whole grid.
 */
export class EditorSession {
  private report: TReport;
  private previousYear: TReport | null;
  /** Typed texts that are not figures, with the normaliser's reason, kept until fixed. */
  private rejectedTexts = new Map<CellId, string>();
  private results: RuleResult[] = [];
  private cellStates = new Map<CellId, CellState>();
  private cellListeners = new Map<CellId, Set<Listener>>();
  private listeners = new Set<Listener>();
  private undoStack: { ledger: TReport["ledger"]; rejectedTexts: Map<CellId, string> }[] = [];
  /** Bumped on every change; autosave compares it with the version it last sent. */
  version = 0;

  constructor(report: TReport, options: { previousYear?: TReport | null; rejectedTexts?: Record<CellId, string> } = {}) {
    this.report = report;
    this.previousYear = options.previousYear ?? null;
    for (const [cellId, text] of Object.entries(options.rejectedTexts ?? {})) this.rejectedTexts.set(cellId, text);
    this.recompute(false);
  }

  getReport = (): TReport => this.report;
  getResults = (): readonly RuleResult[] => this.results;
  getRejectedTexts = (): Record<CellId, string> => Object.fromEntries(this.rejectedTexts);
  getCellState = (cellId: CellId): CellState => this.cellStates.get(cellId)!;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  subscribeCell = (cellId: CellId, listener: Listener): (() => void) => {
    let set = this.cellListeners.get(cellId);
    if (!set) {
      set = new Set();
      this.cellListeners.set(cellId, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  };

  /** A cell's typed text: stored when it is a figure, kept visible and refused when not. */
  setCellText(cellId: CellId, text: string): void {
    const entry = normaliseEntry(text, getCell(cellId).kind);
    if (entry.ok) {
      this.rejectedTexts.delete(cellId);
      this.writeLedger([{ cellId, value: entry.value }]);
    } else {
      this.rejectedTexts.set(cellId, text);
      this.recompute(true);
    }
  }

  /** A pasted block, applied as one step that Ctrl+Z undoes. */
  applyWrites(writes: readonly CellWrite[]): void {
    this.undoStack.push({ ledger: this.report.ledger, rejectedTexts: new Map(this.rejectedTexts) });
    for (const write of writes) this.rejectedTexts.delete(write.cellId);
    this.writeLedger(writes);
  }

  canUndo = (): boolean => this.undoStack.length > 0;

  undo(): boolean {
    const previous = this.undoStack.pop();
    if (!previous) return false;
    this.rejectedTexts = previous.rejectedTexts;
    this.report = { ...this.report, ledger: previous.ledger };
    this.recompute(true);
    return true;
  }

  /** Info and narrative edits from the forms. */
  updateReport(update: (report: TReport) => TReport): void {
    this.report = update(this.report);
    this.recompute(true);
  }

  /** A whole new report (restored from the browser copy or reloaded from the server). */
  replaceReport(report: TReport, rejectedTexts: Record<CellId, string> = {}): void {
    this.report = report;
    this.rejectedTexts = new Map(Object.entries(rejectedTexts));
    this.undoStack = [];
    this.recompute(true);
  }

  private writeLedger(writes: readonly CellWrite[]): void {
    const ledger: Record<CellId, TCellValue | undefined> = { ...this.report.ledger };
    for (const { cellId, value } of writes) {
      if (value === null) delete ledger[cellId];
      else ledger[cellId] = value;
    }
    this.report = { ...this.report, ledger };
    this.recompute(true);
  }

  private recompute(notify: boolean): void {
    const rejectionRule = getRule("input.rejected");
    const rejectionMessages = new Map<CellId, string>();
    for (const [cellId, text] of this.rejectedTexts) {
      const entry = normaliseEntry(text, getCell(cellId).kind);
      rejectionMessages.set(cellId, entry.ok ? "" : entry.message);
    }
    const rejections: RuleResult[] = [...rejectionMessages].map(([cellId, message]) => ({
      ruleId: rejectionRule.id,
      severity: rejectionRule.severity,
      cellIds: [cellId],
      expected: null,
      actual: null,
      message: `${getCell(cellId).name}：${message}`,
    }));
    this.results = [...rejections, ...checkReport(this.report, { previousYear: this.previousYear })];

    const byCell = new Map<CellId, RuleResult[]>();
    for (const item of this.results) {
      for (const cellId of item.cellIds) {
        const atCell = cellLevelResult(item, cellId);
        const list = byCell.get(cellId);
        if (list) list.push(atCell);
        else byCell.set(cellId, [atCell]);
      }
    }
    const { effective } = deriveLedger(this.report.ledger);
    const changed: CellId[] = [];
    for (const cell of ledgerCells) {
      const rejected = this.rejectedTexts.get(cell.id);
      const next: CellState = {
        text: rejected ?? formatCellValue(effective[cell.id]),
        isComputed: cell.computedFrom !== null,
        isStated: cell.computedFrom !== null && this.report.ledger[cell.id] !== undefined && this.report.ledger[cell.id] !== null,
        rejection: rejectionMessages.get(cell.id) ?? null,
        results: byCell.get(cell.id) ?? EMPTY_RESULTS,
      };
      const current = this.cellStates.get(cell.id);
      if (
        current &&
        current.text === next.text &&
        current.isStated === next.isStated &&
        current.rejection === next.rejection &&
        sameResults(current.results, next.results)
      ) {
        continue;
      }
      this.cellStates.set(cell.id, next);
      changed.push(cell.id);
    }
    if (!notify) return;
    this.version += 1;
    for (const cellId of changed) this.cellListeners.get(cellId)?.forEach((listener) => listener());
    this.listeners.forEach((listener) => listener());
  }
}
