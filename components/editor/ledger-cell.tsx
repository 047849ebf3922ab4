"use client";

import { memo, useCallback, useRef, useState, useSyncExternalStore, type KeyboardEvent } from "react";
import { getCell, type CellId, type TableGrid } from "@/lib/format";
import type { EditorSession } from "@/lib/editor/editor-session";
import type { Direction, GridNavigation } from "@/lib/editor/grid-navigation";
import { isBlockPaste, planPaste } from "@/lib/editor/paste-block";

export const cellDomId = (cellId: CellId) => `cell-${cellId}`;
const tipDomId = (cellId: CellId) => `tip-${cellId}`;

export type PasteOutcome = { text: string; isError: boolean };

type LedgerCellProps = {
  cellId: CellId;
  session: EditorSession;
  grid: TableGrid;
  navigation: GridNavigation;
  rowSpan: number;
  colSpan: number;
  onPasteOutcome: (outcome: PasteOutcome) => void;
};

/** One figure of a national table: typed, pasted into, and marked by every rule that involves it. */
export const LedgerCell = memo(function LedgerCell({
  cellId,
  session,
  grid,
  navigation,
  rowSpan,
  colSpan,
  onPasteOutcome,
}: LedgerCellProps) {
  const subscribe = useCallback((listener: () => void) => session.subscribeCell(cellId, listener), [session, cellId]);
  const getSnapshot = useCallback(() => session.getCellState(cellId), [session, cellId]);
  const state = useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
  const [draft, setDraft] = useState<string | null>(null);
  const isComposing = useRef(false);
  const textAtFocus = useRef("");

  const messages = state.results;
  const severity = messages.some((item) => item.severity === "error") ? "error" : messages.length > 0 ? "warning" : null;

  const move = (direction: Direction): boolean => {
    const target = navigation.get(cellId)?.[direction];
    if (!target) return false;
    document.getElementById(cellDomId(target))?.focus();
    return true;
  };

  const commit = (text: string) => session.setCellText(cellId, text);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // An input method is still composing: its Enter and arrows belong to the candidate window.
    if (isComposing.current || event.nativeEvent.isComposing) return;
    const input = event.currentTarget;
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const atEnd = input.selectionStart === input.value.length;
    const allSelected = input.selectionStart === 0 && input.selectionEnd === input.value.length;
    let handled = false;
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "z" && session.canUndo()) {
      session.undo();
      setDraft(null);
      onPasteOutcome({ text: "已撤销粘贴", isError: false });
      handled = true;
    } else if (event.key === "Escape") {
      commit(textAtFocus.current);
      setDraft(null);
      requestAnimationFrame(() => input.select());
      handled = true;
    } else if (event.key === "Enter") {
      move(event.shiftKey ? "up" : "down");
      handled = true;
    } else if (event.key === "Tab") {
      handled = move(event.shiftKey ? "previous" : "next");
    } else if (event.key === "ArrowUp" || event.key === "ArrowDown") {
      move(event.key === "ArrowUp" ? "up" : "down");
      handled = true;
    } else if (event.key === "ArrowLeft" && (atStart || allSelected)) {
      handled = move("left");
    } else if (event.key === "ArrowRight" && (atEnd || allSelected)) {
      handled = move("right");
    } else if ((event.key === "Delete" || event.key === "Backspace") && state.isComputed && state.isStated) {
      commit("");
      handled = true;
    }
    if (handled) event.preventDefault();
  };

  const className = ["ledger-cell", state.isComputed ? "is-computed" : "", severity ? `has-${severity}` : ""]
    .filter(Boolean)
    .join(" ");

  return (
    <td className={className} rowSpan={rowSpan > 1 ? rowSpan : undefined} colSpan={colSpan > 1 ? colSpan : undefined}>
      <div className="cell-box">
      <input
        id={cellDomId(cellId)}
        aria-label={getCell(cellId).name}
        aria-invalid={severity === "error" ? true : undefined}
        aria-describedby={severity ? tipDomId(cellId) : undefined}
        title={state.isComputed ? (state.isStated ? "填报的合计（按 Delete 改为自动计算）" : "自动计算") : undefined}
        className="cell-input"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        readOnly={state.isComputed}
        value={draft ?? state.text}
        onFocus={(event) => {
          textAtFocus.current = state.text;
          event.currentTarget.select();
        }}
        onBlur={() => setDraft(null)}
        onChange={(event) => {
          const text = event.currentTarget.value;
          setDraft(text);
          if (!isComposing.current) commit(text);
        }}
        onCompositionStart={() => {
          isComposing.current = true;
        }}
        onCompositionEnd={(event) => {
          isComposing.current = false;
          commit(event.currentTarget.value);
        }}
        onKeyDown={onKeyDown}
        onPaste={(event) => {
          const text = event.clipboardData.getData("text/plain");
          if (!isBlockPaste(text)) return;
          event.preventDefault();
          const plan = planPaste(text, grid, cellId);
          if (!plan.ok) {
            onPasteOutcome({ text: plan.message, isError: true });
            return;
          }
          session.applyWrites(plan.writes);
          setDraft(null);
          onPasteOutcome({ text: `已粘贴 ${plan.writes.length} 个单元格（Ctrl+Z 可撤销）`, isError: false });
        }}
      />
      {severity && (
        <div role="tooltip" id={tipDomId(cellId)} className="cell-tip">
          {state.rejection && <p className="tip-error">{state.rejection}</p>}
          {messages
            .filter((item) => item.ruleId !== "input.rejected")
            .map((item, index) => (
              <p key={index} className={item.severity === "error" ? "tip-error" : "tip-warning"}>
                {item.message}
              </p>
            ))}
        </div>
      )}
      </div>
    </td>
  );
});
