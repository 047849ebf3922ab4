import { type CellId, type GridCell, type TableId, tableGrids, tableName } from "@/lib/format";
import { formatCellValue } from "@/lib/ledger/normalise-entry";

/** A national table drawn read-only from the format data (labels and merges), with given figures. */
export function NationalTableView({ tableId, values }: { tableId: TableId; values: Readonly<Record<CellId, number | null>> }) {
  const grid = tableGrids[tableId];
  const renderCell = (cell: GridCell, key: number) =>
    cell.type === "value" ? (
      <td
        key={key}
        rowSpan={cell.rowSpan > 1 ? cell.rowSpan : undefined}
        colSpan={cell.colSpan > 1 ? cell.colSpan : undefined}
        data-cell={cell.cellId}
      >
        {formatCellValue(values[cell.cellId] ?? null)}
      </td>
    ) : (
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
  return (
    <table className={`ledger-table view-table view-${tableId}`} aria-label={tableName(tableId)}>
      <thead>
        {grid.rows.slice(0, grid.headerRowCount).map((row, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the national table's rows are fixed and never reorder
          <tr key={index}>{row.map(renderCell)}</tr>
        ))}
      </thead>
      <tbody>
        {grid.rows.slice(grid.headerRowCount).map((row, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the national table's rows are fixed and never reorder
          <tr key={index}>{row.map(renderCell)}</tr>
        ))}
      </tbody>
    </table>
  );
}
