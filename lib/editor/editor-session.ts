import { checkReport } from "@/lib/checks/check-report";
import { type CellId, getCell, ledgerCells, type TableId, type TCellValue, tableIds } from "@/lib/format";
import type { RuleResult } from "@/lib/format/rule-catalogue";
import { getRule } from "@/lib/format/rule-catalogue";
import { tableAllowsNotApplicable } from "@/lib/ledger/check-ledger";
import { deriveLedger } from "@/lib/ledger/derive-ledger";
import { ledgerEquations } from "@/lib/ledger/ledger-equations";
import { formatCellValue, normaliseEntry } from "@/lib/ledger/normalise-entry";
import { dropMarksOfChangedCells } from "@/lib/report/import-review";
import type { TReport } from "@/lib/report/report-schema";
import { isNumericField, parseFieldEntry } from "./field-entries";
import type { CellWrite } from "./paste-block";
import { type UndoEntry, UndoHistory } from "./undo-history";

export type CellState = {
  /** What the cell shows: the typed text while it is rejected, else the value. */
  text: string;
  isComputed: boolean;
  /** A computed cell carrying a printed figure (imported or pasted) instead of its derivation. */
  isStated: boolean;
  /** The normaliser's message for a typed text that is not a figure. */
  rejection: string | null;
  /** Every rule result that involves this cell, as shown at the cell. */
  results: readonly RuleResult[];
  /** A figure read from a published file that staff have not yet confirmed or changed (请核对). */
  isUnconfirmed: boolean;
};

type Listener = () => void;

const EMPTY_RESULTS: readonly RuleResult[] = [];

/** What undo puts back for one cell: its stored value and any refused text typed into it. */
type CellSnapshot = { value: TCellValue | undefined; rejected: string | undefined };

/** The import's 请核对 marks and notes at a step: undo puts them back with the figures. */
type ReviewSnapshot = TReport["importReview"];

/** Said after a stated total's message, in the editor only: the way back to the derived figure. */
export const STATED_TOTAL_HINT = "（填报的合计：选中该格按 Delete 即恢复自动计算）";

/** The rules a stated total can break (the tables' equations); others (信息处理费, trends) only read the figure. */
const SUM_RULES = new Set<string>(ledgerEquations.map((equation) => equation.ruleId));

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

const hasFilledCell = (report: TReport, tableId: TableId) =>
  ledgerCells.some((cell) => cell.tableId === tableId && cell.computedFrom === null && report.ledger[cell.id] != null);

/**
 * The report being edited, with its rule results, per-cell states and one undo history.
 * A change notifies only the cells whose state changed, so a keystroke re-renders the cell,
 * the totals and the messages that depend on it, not the whole grid.
 */
export class EditorSession {
  private report: TReport;
  private previousYear: TReport | null;
  /** Typed texts that are not figures (cells by id, numeric fields by path), kept until fixed. */
  private rejectedTexts = new Map<string, string>();
  private results: RuleResult[] = [];
  private cellStates = new Map<CellId, CellState>();
  private cellListeners = new Map<CellId, Set<Listener>>();
  private listeners = new Set<Listener>();
  /** Tables whose blank cells are marked: a new report does not light up all of them at once. */
  private revealedTables = new Set<TableId>();
  /** The text being typed into a cell and not yet committed (committed on leaving the cell). */
  private draft: { cellId: CellId; text: string } | null = null;
  private draftListeners = new Set<Listener>();
  readonly history = new UndoHistory();
  /** A submitted, approved or published report: nothing in the tables changes. */
  private isLocked = false;
  /** Bumped on every change; autosave compares it with the version it last sent. */
  version = 0;

  constructor(
    report: TReport,
    options: { previousYear?: TReport | null; rejectedTexts?: Record<string, string>; isLocked?: boolean } = {},
  ) {
    this.report = report;
    this.isLocked = options.isLocked ?? false;
    this.previousYear = options.previousYear ?? null;
    for (const [key, text] of Object.entries(options.rejectedTexts ?? {})) this.rejectedTexts.set(key, text);
    for (const tableId of tableIds) if (hasFilledCell(report, tableId)) this.revealedTables.add(tableId);
    this.recompute(false);
  }

  getReport = (): TReport => this.report;
  getResults = (): readonly RuleResult[] => this.results;
  getRejectedTexts = (): Record<string, string> => Object.fromEntries(this.rejectedTexts);
  getCellState = (cellId: CellId): CellState => this.cellStates.get(cellId)!;
  /** Refused texts of the numeric form fields, by path. */
  getFieldRejections = (): Record<string, string> =>
    Object.fromEntries([...this.rejectedTexts].filter(([key]) => isNumericField(key)));

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

  /** A cell's typed text, committed as one undoable step: stored when a figure, kept and refused when not. */
  setCellText(cellId: CellId, text: string): void {
    if (this.draft?.cellId === cellId) this.setDraft(cellId, null);
    if (this.isLocked) return;
    const entry = normaliseEntry(text, getCell(cellId).kind);
    const before = this.snapshot([cellId]);
    const review = this.report.importReview;
    const unchanged = entry.ok
      ? before[0]!.rejected === undefined && (before[0]!.value ?? null) === entry.value
      : before[0]!.rejected === text;
    if (unchanged) return;
    if (entry.ok) {
      this.rejectedTexts.delete(cellId);
      this.writeLedger([{ cellId, value: entry.value }], false);
    } else {
      this.rejectedTexts.set(cellId, text);
    }
    this.recompute(true);
    this.recordCells(`填写${getCell(cellId).name}`, [cellId], before, review);
  }

  /** A pasted block, applied as one step that Ctrl+Z undoes. */
  applyWrites(writes: readonly CellWrite[], label = `粘贴 ${writes.length} 个单元格`): void {
    if (this.isLocked) return;
    const cellIds = writes.map((write) => write.cellId);
    const before = this.snapshot(cellIds);
    const review = this.report.importReview;
    // Blanks are marked once staff leave the table (revealBlanks), not while they fill it.
    for (const write of writes) this.rejectedTexts.delete(write.cellId);
    this.writeLedger(writes, true);
    this.recordCells(label, cellIds, before, review);
  }

  /** Blanks the cells (a stated total becomes computed again), as one undoable step. */
  clearCells(cellIds: readonly CellId[], label = "清除单元格"): void {
    this.applyWrites(
      cellIds.map((cellId) => ({ cellId, value: null })),
      label,
    );
  }

  /**
   * Figures and import marks computed elsewhere (confirming imported figures, 上年结转 read
   * from last year's file), as one undoable step. Only the ledger and the import review are
   * taken from `update`: the forms own the rest. False when nothing changed.
   */
  applyLedgerStep(label: string, update: (report: TReport) => Pick<TReport, "ledger" | "importReview">): boolean {
    const next = update(this.report);
    const cellIds = ledgerCells
      .map((cell) => cell.id)
      .filter((cellId) => (next.ledger[cellId] ?? null) !== (this.report.ledger[cellId] ?? null));
    if (cellIds.length === 0 && next.importReview === this.report.importReview) return false;
    const before = this.snapshot(cellIds);
    const review = this.report.importReview;
    for (const cellId of cellIds) {
      this.rejectedTexts.delete(cellId);
      this.revealedTables.add(getCell(cellId).tableId);
    }
    this.report = { ...this.report, ledger: next.ledger, importReview: next.importReview };
    this.recompute(true);
    this.recordCells(label, cellIds, before, review);
    return true;
  }

  /** Records a step taken elsewhere (the 小标题 of the narrative) in the report's one history. */
  pushHistory(entry: UndoEntry): void {
    this.history.push(entry);
    this.notify();
  }

  undo = (): string | null => {
    if (this.isLocked) return null;
    const label = this.history.undo();
    if (label) this.notify();
    return label;
  };

  redo = (): string | null => {
    if (this.isLocked) return null;
    const label = this.history.redo();
    if (label) this.notify();
    return label;
  };

  /** Kept for the page to commit or save: the cell's text while it is being typed. */
  setDraft(cellId: CellId, text: string | null): void {
    const wasDrafting = this.draft !== null;
    this.draft = text === null ? null : { cellId, text };
    if (wasDrafting !== (this.draft !== null)) for (const listener of this.draftListeners) listener();
  }

  /** Told when typing into a cell starts or ends (not on every keystroke). */
  subscribeDraft = (listener: Listener): (() => void) => {
    this.draftListeners.add(listener);
    return () => this.draftListeners.delete(listener);
  };

  isDrafting = (): boolean => this.draft !== null;

  /** Commits what is being typed in a cell (before a save, or when the page is closed). */
  commitDraft(): void {
    const draft = this.draft;
    if (!draft) return;
    this.setDraft(draft.cellId, null);
    this.setCellText(draft.cellId, draft.text);
  }

  /** Info and narrative edits from the forms, with the numeric fields' texts that are not numbers. */
  updateText(update: (report: TReport) => TReport, fieldRejections: Record<string, string> = {}): void {
    this.report = update(this.report);
    for (const key of [...this.rejectedTexts.keys()]) if (isNumericField(key)) this.rejectedTexts.delete(key);
    for (const [path, text] of Object.entries(fieldRejections)) this.rejectedTexts.set(path, text);
    this.recompute(true);
  }

  /** A whole new report (restored from the browser copy or reloaded from the server). */
  replaceReport(report: TReport, rejectedTexts: Record<string, string> = {}): void {
    this.report = report;
    this.rejectedTexts = new Map(Object.entries(rejectedTexts));
    this.history.clear();
    this.setDraft("", null);
    for (const tableId of tableIds) if (hasFilledCell(report, tableId)) this.revealedTables.add(tableId);
    this.recompute(true);
  }

  /** Marks the blank cells of a table (staff work in it) or of all tables (staff ask to export). */
  revealBlanks(tableId?: TableId): void {
    const before = this.revealedTables.size;
    for (const id of tableId ? [tableId] : tableIds) this.revealedTables.add(id);
    if (this.revealedTables.size !== before) this.recompute(false, true);
  }

  private snapshot(cellIds: readonly CellId[]): CellSnapshot[] {
    return cellIds.map((cellId) => ({ value: this.report.ledger[cellId], rejected: this.rejectedTexts.get(cellId) }));
  }

  private restoreSnapshot(cellIds: readonly CellId[], snapshots: readonly CellSnapshot[], review: ReviewSnapshot): void {
    const ledger: Record<CellId, TCellValue | undefined> = { ...this.report.ledger };
    cellIds.forEach((cellId, index) => {
      const { value, rejected } = snapshots[index]!;
      if (value === undefined || value === null) delete ledger[cellId];
      else ledger[cellId] = value;
      if (rejected === undefined) this.rejectedTexts.delete(cellId);
      else this.rejectedTexts.set(cellId, rejected);
    });
    this.report = { ...this.report, ledger, importReview: review };
    this.recompute(true);
  }

  private recordCells(label: string, cellIds: readonly CellId[], before: CellSnapshot[], reviewBefore: ReviewSnapshot): void {
    const after = this.snapshot(cellIds);
    const reviewAfter = this.report.importReview;
    this.history.push({
      label,
      undo: () => this.restoreSnapshot(cellIds, before, reviewBefore),
      redo: () => this.restoreSnapshot(cellIds, after, reviewAfter),
    });
  }

  private writeLedger(writes: readonly CellWrite[], recompute: boolean): void {
    const ledger: Record<CellId, TCellValue | undefined> = { ...this.report.ledger };
    for (const { cellId, value } of writes) {
      if (value === null) delete ledger[cellId];
      else ledger[cellId] = value;
    }
    // A changed imported figure is the staff's own: its 请核对 mark goes.
    this.report = dropMarksOfChangedCells(this.report, { ...this.report, ledger });
    if (recompute) this.recompute(true);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private rejectionResults(): { results: RuleResult[]; byCell: Map<CellId, string> } {
    const rule = getRule("input.rejected");
    const byCell = new Map<CellId, string>();
    const results: RuleResult[] = [];
    for (const [key, text] of this.rejectedTexts) {
      if (isNumericField(key)) {
        const entry = parseFieldEntry(key, text);
        if (!entry.ok) {
          results.push({
            ruleId: rule.id,
            severity: rule.severity,
            cellIds: [],
            location: { field: key },
            expected: null,
            actual: null,
            message: entry.message,
          });
        }
        continue;
      }
      const entry = normaliseEntry(text, getCell(key).kind);
      const message = entry.ok ? "" : entry.message;
      byCell.set(key, message);
      results.push({
        ruleId: rule.id,
        severity: rule.severity,
        cellIds: [key],
        expected: null,
        actual: null,
        message: `${getCell(key).name}：${message}`,
      });
    }
    return { results, byCell };
  }

  /** `onlyCells`: the rules did not change (blanks were revealed), only the cells' marks. */
  private recompute(notify: boolean, onlyCells = false): void {
    const rejections = this.rejectionResults();
    if (!onlyCells) {
      const stated = (cellId: CellId) => getCell(cellId).computedFrom !== null && this.report.ledger[cellId] != null;
      const checked = checkReport(this.report, { previousYear: this.previousYear }).map((result) =>
        SUM_RULES.has(result.ruleId) && result.cellIds.some(stated)
          ? { ...result, message: `${result.message}${STATED_TOTAL_HINT}` }
          : result,
      );
      this.results = [...rejections.results, ...checked];
    }

    const byCell = new Map<CellId, RuleResult[]>();
    for (const item of this.results) {
      for (const cellId of item.cellIds) {
        if (item.ruleId === "ledger.blank" && !this.revealedTables.has(getCell(cellId).tableId)) continue;
        const atCell = cellLevelResult(item, cellId);
        const list = byCell.get(cellId);
        if (list) list.push(atCell);
        else byCell.set(cellId, [atCell]);
      }
    }
    const { effective } = deriveLedger(this.report.ledger);
    const unconfirmed = new Set(this.report.importReview?.unconfirmedCellIds ?? []);
    const changed: CellId[] = [];
    for (const cell of ledgerCells) {
      const rejected = this.rejectedTexts.get(cell.id);
      const next: CellState = {
        text: rejected ?? formatCellValue(effective[cell.id]),
        isComputed: cell.computedFrom !== null,
        isStated: cell.computedFrom !== null && this.report.ledger[cell.id] != null,
        rejection: rejections.byCell.get(cell.id) ?? null,
        results: byCell.get(cell.id) ?? EMPTY_RESULTS,
        isUnconfirmed: unconfirmed.has(cell.id),
      };
      const current = this.cellStates.get(cell.id);
      if (
        current &&
        current.text === next.text &&
        current.isStated === next.isStated &&
        current.rejection === next.rejection &&
        current.isUnconfirmed === next.isUnconfirmed &&
        sameResults(current.results, next.results)
      ) {
        continue;
      }
      this.cellStates.set(cell.id, next);
      changed.push(cell.id);
    }
    if (!notify && !onlyCells) return;
    if (!onlyCells) this.version += 1;
    for (const cellId of changed) for (const listener of this.cellListeners.get(cellId) ?? []) listener();
    if (!onlyCells) this.notify();
  }
}
