import type { ReactNode } from "react";
import styles from "./charts.module.css";

export type ChartTable = {
  /** Column headers; the first names the rows. */
  columns: readonly string[];
  rows: readonly { key: string; cells: readonly ReactNode[]; isMarked?: boolean }[];
  footer?: readonly ReactNode[];
};

/**
 * A chart drawn as SVG, with its figures as a table: shown when the table is the point (与上年对比),
 * else read by screen readers only. The SVG itself is hidden from them: the table says it all.
 */
export function ChartFigure({
  caption,
  svg,
  table,
  isTableShown = false,
  note,
  testId,
  maxWidth,
}: {
  caption: string;
  svg: string | null;
  table: ChartTable;
  isTableShown?: boolean;
  note?: ReactNode;
  testId: string;
  maxWidth?: number;
}) {
  return (
    <figure className={styles.figure} data-testid={testId}>
      <figcaption>{caption}</figcaption>
      {svg ? (
        <div
          className={styles.svg}
          aria-hidden="true"
          data-chart-svg=""
          style={maxWidth ? ({ "--chart-max-width": `${maxWidth}px` } as React.CSSProperties) : undefined}
          // biome-ignore lint/security/noDangerouslySetInnerHtml: SVG drawn by ECharts from our own figures; labels are numbers and format labels
          dangerouslySetInnerHTML={{ __html: svg }}
        />
      ) : (
        <p className={styles.note} role="status">
          正在绘制图表…
        </p>
      )}
      {note && <p className={styles.note}>{note}</p>}
      <table className={isTableShown ? styles.table : styles.srOnly} aria-label={`${caption}（数字）`}>
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <TableRow key={row.key} cells={row.cells} className={row.isMarked ? styles.marked : undefined} />
          ))}
        </tbody>
        {table.footer && (
          <tfoot>
            <TableRow cells={table.footer} />
          </tfoot>
        )}
      </table>
    </figure>
  );
}

/** A row of figures, named by its first cell. */
function TableRow({ cells, className }: { cells: readonly ReactNode[]; className?: string }) {
  return (
    <tr className={className}>
      {cells.map((cell, index) =>
        index === 0 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: cells of a fixed column order
          <th key={index} scope="row">
            {cell}
          </th>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: cells of a fixed column order
          <td key={index}>{cell}</td>
        ),
      )}
    </tr>
  );
}

export const chartStyles = styles;
