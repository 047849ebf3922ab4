"use client";

import { type KeyboardEvent, memo, useCallback, useLayoutEffect, useRef, useSyncExternalStore } from "react";
import { typedBeforeHydration } from "@/components/ui/typed-before-hydration";
import { computedCellExplanation } from "@/lib/editor/computed-cells";
import type { EditorSession } from "@/lib/editor/editor-session";
import type { Direction, GridNavigation } from "@/lib/editor/grid-navigation";
import { htmlTableText, isBlockPaste } from "@/lib/editor/paste-html";
import { type CellId, getCell, type TableGrid, type TableId } from "@/lib/format";
import { isRedoKey, isUndoKey } from "./editor-keys";
import { confirmImported } from "./import-review";
import { commentsAtCell, useReview } from "./review-context";
import type { RovingTabStop } from "./roving-tab-stop";

export const cellDomId = (cellId: CellId) => `cell-${cellId}`;
const tipDomId = (cellId: CellId) => `tip-${cellId}`;
/** The table's keyboard help, right after it: the table's description, and where Esc leaves the cells for. */
export const gridKeysDomId = (tableId: TableId) => `grid-keys-${tableId}`;

export type CellNotice = { text: string; isError: boolean };

type LedgerCellProps = {
  cellId: CellId;
  session: EditorSession;
  grid: TableGrid;
  navigation: GridNavigation;
  tabStop: RovingTabStop;
  rowSpan: number;
  colSpan: number;
  onNotice: (notice: CellNotice) => void;
};

/** A key that types a character (not a shortcut, not navigation). */
const isTypingKey = (event: KeyboardEvent) => event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, [tabindex="0"]';

/**
 * Tab past the last cell that can be typed (or Shift+Tab before the first) leaves the table for
 * what follows it, never stopping on a computed 总计 on the way.
 */
function leaveTable(input: HTMLInputElement, forward: boolean): boolean {
  const table = input.closest("table");
  if (!table) return false;
  const outside = [...document.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) => !table.contains(element) && element.offsetParent !== null && element.tabIndex >= 0,
  );
  const position = (element: HTMLElement) => table.compareDocumentPosition(element);
  const target = forward
    ? outside.find((element) => position(element) & Node.DOCUMENT_POSITION_FOLLOWING)
    : outside.reverse().find((element) => position(element) & Node.DOCUMENT_POSITION_PRECEDING);
  target?.focus();
  return target !== undefined;
}

/** One figure of a national table: typed, pasted into, and marked by every rule that involves it. */
export const LedgerCell = memo(function LedgerCell({
  cellId,
  session,
  grid,
  navigation,
  tabStop,
  rowSpan,
  colSpan,
  onNotice,
}: LedgerCellProps) {
  const isTabStop = useSyncExternalStore(
    tabStop.subscribe,
    () => tabStop.get() === cellId,
    () => tabStop.get() === cellId,
  );
  const subscribe = useCallback((listener: () => void) => session.subscribeCell(cellId, listener), [session, cellId]);
  const getSnapshot = useCallback(() => session.getCellState(cellId), [session, cellId]);
  const state = useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
  // What is being typed: committed to the report when the cell is left or Enter is pressed,
  // so the “-” of “-3” is never stored on its own. Held outside React state, and the input left
  // uncontrolled, so a keystroke re-renders nothing: the browser alone draws the character.
  const draft = useRef<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const isComposing = useRef(false);

  const review = useReview();
  // A reviewer's open comments at this cell, shown with the rules' messages.
  const comments = commentsAtCell(review, cellId);
  // An imported figure still to check (请核对) has a mark of its own, apart from the rules' findings.
  const importMark = state.results.find((item) => item.ruleId === "import.unconfirmed");
  const messages = importMark ? state.results.filter((item) => item !== importMark) : state.results;
  // A blank cell is an error for the export, but it is work still to do rather than a mistake: marked apart.
  const isOnlyBlank = messages.length > 0 && messages.every((item) => item.ruleId === "ledger.blank");
  const severity = isOnlyBlank
    ? "blank"
    : messages.some((item) => item.severity === "error")
      ? "error"
      : messages.length > 0
        ? "warning"
        : null;

  /** The report's text of the cell in the input: whenever nothing is being typed in it. */
  const showStoredText = () => {
    const input = inputRef.current;
    const stored = session.getCellState(cellId).text;
    if (input && input.value !== stored) input.value = stored;
  };

  const updateDraft = (text: string | null) => {
    draft.current = text;
    session.setDraft(cellId, text);
    if (text === null) showStoredText();
  };

  // Typed into the server-rendered cell before the page was hydrated (an old PC shows the table seconds
  // before its script runs): kept as if typed now, still being typed while the cell has the keyboard.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the cell is first attached; before the effect below shows the stored text
  useLayoutEffect(() => {
    const input = inputRef.current;
    const typed = input && !input.readOnly ? typedBeforeHydration(input) : null;
    if (input === null || typed === null) return;
    updateDraft(typed);
    if (document.activeElement !== input) commit();
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the stored text changes (a commit, an undo, a paste elsewhere)
  useLayoutEffect(() => {
    if (draft.current === null) showStoredText();
  }, [state.text]);

  const commit = () => {
    const typed = draft.current;
    if (typed !== null && typed !== session.getCellState(cellId).text) {
      session.setCellText(cellId, typed);
      // Said at once (the table's alert line), not only in the cell's message that shows when it is focused again.
      const { rejection } = session.getCellState(cellId);
      if (rejection) onNotice({ text: `${getCell(cellId).name}：${rejection}`, isError: true });
    }
    updateDraft(null);
  };

  const confirm = () => {
    const name = getCell(cellId).name;
    if (confirmImported(session, [cellId], `确认${name}`))
      onNotice({ text: `已确认${name}的导入数字（Ctrl+Z 可撤销）`, isError: false });
    // The tooltip and its button go with the mark: the keyboard stays in the cell.
    document.getElementById(cellDomId(cellId))?.focus();
  };

  const move = (direction: Direction): boolean => {
    const target = navigation.get(cellId)?.[direction];
    if (!target) return false;
    document.getElementById(cellDomId(target))?.focus();
    return true;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // An input method is still composing: its Enter and arrows belong to the candidate window.
    if (isComposing.current || event.nativeEvent.isComposing) return;
    const input = event.currentTarget;
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const atEnd = input.selectionStart === input.value.length;
    const allSelected = input.selectionStart === 0 && input.selectionEnd === input.value.length;
    const isEditing = draft.current !== null && draft.current !== state.text;
    let handled = true;
    if (isUndoKey(event) && isEditing) {
      // As in a spreadsheet: while typing, Ctrl+Z takes back the typing, not the last step.
      updateDraft(null);
      requestAnimationFrame(() => input.select());
    } else if (isUndoKey(event) || isRedoKey(event)) {
      const label = isUndoKey(event) ? session.undo() : session.redo();
      onNotice({
        text: label ? `已${isUndoKey(event) ? "撤销" : "恢复"}：${label}` : `没有可${isUndoKey(event) ? "撤销" : "恢复"}的操作`,
        isError: false,
      });
    } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      // Ctrl+Enter confirms the imported figure as it stands; typing a new one drops the mark by itself.
      if (isEditing) commit();
      else if (state.isUnconfirmed) confirm();
    } else if (event.key === "Escape" && isEditing) {
      updateDraft(null);
      requestAnimationFrame(() => input.select());
    } else if (event.key === "Escape") {
      // Nothing typed to take back: Esc leaves the cells for the table's keyboard help, from where Tab goes on.
      commit();
      document.getElementById(gridKeysDomId(getCell(cellId).tableId))?.focus();
    } else if (event.key === "Enter") {
      commit();
      move(event.shiftKey ? "up" : "down");
    } else if (event.key === "Tab") {
      commit();
      handled = move(event.shiftKey ? "previous" : "next") || leaveTable(input, !event.shiftKey);
    } else if (event.key === "ArrowUp" || event.key === "ArrowDown") {
      commit();
      move(event.key === "ArrowUp" ? "up" : "down");
    } else if (event.key === "ArrowLeft" && (atStart || allSelected)) {
      commit();
      handled = move("left");
    } else if (event.key === "ArrowRight" && (atEnd || allSelected)) {
      commit();
      handled = move("right");
    } else if ((event.key === "Delete" || event.key === "Backspace") && state.isComputed) {
      if (state.isStated) {
        session.clearCells([cellId], `恢复${getCell(cellId).name}为自动计算`);
        onNotice({ text: `${getCell(cellId).name}已恢复为自动计算（Ctrl+Z 可撤销）`, isError: false });
      } else {
        onNotice({ text: computedCellExplanation(cellId), isError: true });
      }
    } else if (review.isLocked && (isTypingKey(event) || event.key === "Delete" || event.key === "Backspace")) {
      onNotice({ text: "报告已提交或已发布，编辑已锁定", isError: true });
    } else if (state.isComputed && isTypingKey(event)) {
      onNotice({ text: computedCellExplanation(cellId), isError: true });
    } else {
      handled = false;
    }
    if (handled) event.preventDefault();
  };

  const className = [
    "ledger-cell",
    state.isComputed ? "is-computed" : "",
    state.isStated ? "is-stated" : "",
    severity ? `has-${severity}` : "",
    comments.length > 0 ? "has-comment" : "",
    state.isUnconfirmed ? "is-unconfirmed" : "",
  ]
    .filter(Boolean)
    .join(" ");

  return (
    <td className={className} rowSpan={rowSpan > 1 ? rowSpan : undefined} colSpan={colSpan > 1 ? colSpan : undefined}>
      <div className="cell-box">
        {/* A form of its own: Chrome's autofill re-reads every control that shares a form with the one typed
            in (all formless controls count as one form), so 175 cells in one would cost each keystroke 175. */}
        <form className="cell-form" autoComplete="off" onSubmit={(event) => event.preventDefault()}>
          <input
            id={cellDomId(cellId)}
            aria-label={getCell(cellId).name}
            aria-invalid={severity === "error" ? true : undefined}
            aria-describedby={severity || state.isStated || importMark || comments.length > 0 ? tipDomId(cellId) : undefined}
            className="cell-input"
            tabIndex={isTabStop ? 0 : -1}
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            readOnly={state.isComputed || review.isLocked}
            ref={inputRef}
            defaultValue={state.text}
            onFocus={(event) => {
              tabStop.set(cellId);
              event.currentTarget.select();
            }}
            onBlur={(event) => {
              commit();
              // Leaving the table (not moving within it): now its blank cells are work left to do, marked.
              const table = event.currentTarget.closest("table");
              if (!(event.relatedTarget instanceof Node && table?.contains(event.relatedTarget))) {
                session.revealBlanks(getCell(cellId).tableId);
              }
            }}
            onChange={(event) => updateDraft(event.currentTarget.value)}
            onCompositionStart={() => {
              isComposing.current = true;
            }}
            onCompositionEnd={(event) => {
              isComposing.current = false;
              updateDraft(event.currentTarget.value);
            }}
            onKeyDown={onKeyDown}
            onPaste={(event) => {
              // A Word or web table: its HTML keeps merged label cells apart, which its plain text runs together.
              const text = htmlTableText(event.clipboardData.getData("text/html")) ?? event.clipboardData.getData("text/plain");
              if (!isBlockPaste(text)) {
                if (state.isComputed) {
                  event.preventDefault();
                  onNotice({ text: computedCellExplanation(cellId), isError: true });
                }
                return;
              }
              event.preventDefault();
              // The planner (with the importer's label matching) loads with the first block pasted.
              void import("@/lib/editor/paste-block").then(({ planPaste }) => {
                const plan = planPaste(text, grid, cellId, session.getReport().ledger);
                if (!plan.ok) {
                  onNotice({ text: plan.message, isError: true });
                  return;
                }
                updateDraft(null);
                session.applyWrites(plan.writes);
                const stated = plan.writes.filter((write) => write.value !== null && getCell(write.cellId).computedFrom !== null);
                onNotice({
                  text: `已粘贴 ${plan.writes.length} 个单元格（Ctrl+Z 可撤销）${
                    stated.length > 0 ? `；其中 ${stated.length} 个合计与各项之和不符，保留为填报的合计（斜体）` : ""
                  }`,
                  isError: false,
                });
              });
            }}
          />
        </form>
        {(severity || state.isStated || importMark || comments.length > 0) && (
          <div role="tooltip" id={tipDomId(cellId)} className="cell-tip">
            {comments.map((comment) => (
              <p key={comment.id} className="tip-comment">
                审核意见（{comment.authorName}）：{comment.body}
              </p>
            ))}
            {importMark && (
              <div className="tip-review">
                <p>
                  <span className="review-flag">请核对</span>
                  {importMark.message}
                </p>
                <button type="button" onClick={confirm}>
                  确认本格（Ctrl+回车）
                </button>
              </div>
            )}
            {state.rejection && <p className="tip-error">{state.rejection}</p>}
            {messages
              .filter((item) => item.ruleId !== "input.rejected")
              .map((item, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a cell's messages have no identity; they are rebuilt on each check and the paragraphs hold no state
                <p key={index} className={item.severity === "error" ? "tip-error" : "tip-warning"}>
                  {item.message}
                </p>
              ))}
            {state.isStated && messages.length === 0 && <p>这是填报（粘贴或导入）的合计；按 Delete 恢复自动计算。</p>}
          </div>
        )}
      </div>
    </td>
  );
});
