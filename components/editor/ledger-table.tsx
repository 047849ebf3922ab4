"use client";

import { memo, useMemo, useState, useSyncExternalStore } from "react";
import type { EditorSession } from "@/lib/editor/editor-session";
import { firstEnteredCell, gridNavigation } from "@/lib/editor/grid-navigation";
import { type GridCell, type TableId, tableCells, tableGrids, tableName } from "@/lib/format";
import { tableColumnWeights } from "@/lib/render/gbt9704";
import { TableImportReview } from "./import-review";
import { type CellNotice, gridKeysDomId, LedgerCell } from "./ledger-cell";
import { RovingTabStop } from "./roving-tab-stop";

/** A national table drawn from the format data, with its merges and verbatim labels. */
export const LedgerTable = memo(function LedgerTable({ tableId, session }: { tableId: TableId; session: EditorSession }) {
  const grid = tableGrids[tableId];
  const navigation = useMemo(() => gridNavigation(grid), [grid]);
  // The table is one stop of the page's Tab order, as a spreadsheet grid is: the keys move inside it.
  const tabStop = useMemo(() => new RovingTabStop(firstEnteredCell(grid) ?? ""), [grid]);
  // The same column proportions as the exported documents, so the form looks like the printed table.
  const columnWidths = useMemo(() => {
    const weights = tableColumnWeights(grid);
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    return weights.map((weight) => (weight / total) * 100);
  }, [grid]);
  const [notice, setNotice] = useState<CellNotice | null>(null);
  const computedCells = useMemo(() => tableCells(tableId).filter((cell) => cell.computedFrom !== null), [tableId]);
  // A count, not a list: typing elsewhere in the table leaves it equal and re-renders nothing.
  const statedCount = useSyncExternalStore(
    session.subscribe,
    () => computedCells.filter((cell) => session.getCellState(cell.id).isStated).length,
    () => 0,
  );

  const renderCell = (cell: GridCell, key: number) => {
    if (cell.type === "value") {
      return (
        <LedgerCell
          key={cell.cellId}
          cellId={cell.cellId}
          session={session}
          grid={grid}
          navigation={navigation}
          tabStop={tabStop}
          rowSpan={cell.rowSpan}
          colSpan={cell.colSpan}
          onNotice={setNotice}
        />
      );
    }
    return (
      <th
        key={key}
        className={`grid-${cell.role}`}
        rowSpan={cell.rowSpan > 1 ? cell.rowSpan : undefined}
        colSpan={cell.colSpan > 1 ? cell.colSpan : undefined}
        scope={cell.role === "label" ? "row" : undefined}
      >
        {cell.text}
      </th>
    );
  };

  return (
    <div className="ledger">
      <p className={`paste-outcome ${notice?.isError ? "is-error" : ""}`} role={notice?.isError ? "alert" : "status"}>
        {notice?.text ?? ""}
      </p>
      <TableImportReview tableId={tableId} session={session} />
      <div className="ledger-toolbar" role="toolbar" aria-label={`${tableName(tableId)}工具`}>
        <button
          type="button"
          disabled={statedCount === 0}
          onClick={() => {
            const stated = computedCells.filter((cell) => session.getCellState(cell.id).isStated).map((cell) => cell.id);
            session.clearCells(stated, "恢复全部自动合计");
            setNotice({ text: `已把 ${stated.length} 个合计恢复为自动计算（Ctrl+Z 可撤销）`, isError: false });
          }}
        >
          恢复全部自动合计
        </button>
      </div>
      {statedCount > 0 && (
        <p className="hint stated-hint">
          本表有 {statedCount} 个合计是粘贴或导入的数字（斜体），不是自动计算的：选中该格按 Delete
          即恢复自动计算，或点“恢复全部自动合计”。
        </p>
      )}
      <div className="ledger-scroll">
        <table
          className={`ledger-table ledger-${tableId}`}
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a spreadsheet grid (one Tab stop, arrows inside) that keeps the native table's rows and header cells
          role="grid"
          aria-label={tableName(tableId)}
          aria-describedby={gridKeysDomId(tableId)}
          aria-rowcount={grid.rows.length}
          aria-colcount={columnWidths.length}
        >
          <colgroup>
            {columnWidths.map((width, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the national table's columns are fixed
              <col key={index} style={{ width: `${width}%` }} />
            ))}
          </colgroup>
          {grid.headerRowCount > 0 && (
            <thead>
              {grid.rows.slice(0, grid.headerRowCount).map((row, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the national table's rows are fixed and never reorder
                <tr key={index}>{row.map(renderCell)}</tr>
              ))}
            </thead>
          )}
          <tbody>
            {grid.rows.slice(grid.headerRowCount).map((row, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the national table's rows are fixed and never reorder
              <tr key={index}>{row.map(renderCell)}</tr>
            ))}
          </tbody>
        </table>
      </div>
      {/* Right after the table: Esc brings the keyboard here, and Tab goes on from here to what follows the table. */}
      <p className="hint grid-keys" id={gridKeysDomId(tableId)} tabIndex={-1}>
        表格内用方向键、回车、Tab 移动（跳过自动计算的合计）；Esc 放弃本格正在输入的内容，不在输入时按 Esc 离开表格单元格，再按
        Tab 转到表格后面的内容（Shift+Tab 回到表格）。
      </p>
      <p className="hint">
        可直接输入数字（全角数字、千分位逗号、“件”“万元”均可），不适用填“/”；离开单元格或按回车后生效。可从 Excel、WPS
        或上年报告的表格复制整块粘贴（行标题会自动跳过）。Ctrl+Z 撤销上一步，Ctrl+Y 恢复；Ctrl+S 立即保存。
      </p>
    </div>
  );
});
