import Link from "next/link";
import { ChartFigure, chartStyles } from "@/components/charts/chart-figure";
import { renderProgressBar, renderUnitBars, renderYearLines } from "@/components/charts/office-svg-charts";
import { applicationsCellId, reviewsLitigationCellId } from "@/lib/format";
import { type FigureId, getLinkedFigure, LITIGATION_GROUP } from "@/lib/format/linked-figures";
import { describeOutlier, sortByFigure } from "@/lib/report/office-figures";
import { keyFigureIds, keyFigures, unitOfFigure } from "@/lib/report/year-comparison";
import type { OverviewRow } from "@/lib/store/overview";
import { type ReportStatus, reportStatuses, reportStatusLabels } from "@/lib/store/report-store";
import type { OfficeFigures } from "./office-figures";

/*
 * The overview's pictures, drawn on the server as SVG: where the units' reports stand, the
 * year's key figures unit by unit with the office's 汇总, and the 汇总 of five years.
 */

const statusColors: Readonly<Record<ReportStatus | "missing", string>> = {
  missing: "#9aa5b1",
  editing: "#d9822b",
  returned: "#c0392b",
  submitted: "#1f5fa8",
  approved: "#0f7c8c",
  published: "#2f7d32",
};

export function StatusProgress({ rows, year }: { rows: readonly OverviewRow[]; year: number }) {
  const segments = [
    { key: "missing", label: "未建报告", count: rows.filter((row) => !row.report).length, color: statusColors.missing },
    ...reportStatuses.map((status) => ({
      key: status,
      label: reportStatusLabels[status],
      count: rows.filter((row) => row.report?.status === status).length,
      color: statusColors[status],
    })),
  ];
  const published = segments.find((segment) => segment.key === "published")!.count;
  return (
    <ChartFigure
      testId="status-progress"
      caption={`${year}年度报告进度：${rows.length} 个单位，已发布 ${published} 个`}
      svg={renderProgressBar(segments)}
      maxWidth={900}
      table={{
        columns: ["状态", "单位数"],
        rows: segments.map((segment) => ({ key: segment.key, cells: [segment.label, segment.count] })),
        footer: ["合计", rows.length],
      }}
    />
  );
}

/** The columns of the units' table: 表三's flow, 表四's totals, 表二's decisions. */
const TABLE_FIGURES: readonly FigureId[] = [
  applicationsCellId("new", "total"),
  applicationsCellId("carried_over", "total"),
  applicationsCellId("granted", "total"),
  applicationsCellId("carried_forward", "total"),
  reviewsLitigationCellId("review.total"),
  reviewsLitigationCellId(`${LITIGATION_GROUP}.total`),
  "s2.licensing.decisions",
  "s2.penalties.decisions",
];
const UNIT_BARS_SHOWN = 20;

const formatValue = (value: number | null | undefined) =>
  value === null || value === undefined ? "—" : value.toLocaleString("zh-CN", { maximumFractionDigits: 6 });
const columnName = (figureId: FigureId) => getLinkedFigure(figureId).shortName.replace(/件数$/u, "");

export type FigureSort = { figureId: FigureId; direction: "asc" | "desc" };

export function parseFigureSort(figure: string | undefined, direction: string | undefined): FigureSort {
  const figureId = figure && keyFigureIds.includes(figure) ? figure : applicationsCellId("new", "total");
  return { figureId, direction: direction === "asc" ? "asc" : "desc" };
}

/** Each unit's key figures this year, sortable by any, the chosen one as bars, the office's 汇总 beside. */
export function UnitFigures({
  office,
  sort,
  year,
  query,
}: {
  office: OfficeFigures;
  sort: FigureSort;
  year: number;
  /** The overview's other search parameters, kept by the sort links. */
  query: string;
}) {
  const figure = getLinkedFigure(sort.figureId);
  const columns = TABLE_FIGURES.includes(sort.figureId) ? TABLE_FIGURES : [...TABLE_FIGURES, sort.figureId];
  const sorted = sortByFigure(office.units, sort.figureId, sort.direction);
  const withFigure = sortByFigure(
    office.units.filter((unit) => typeof unit.figures[sort.figureId] === "number"),
    sort.figureId,
    "desc",
  );
  const isMarked = (unit: (typeof office.units)[number], figureId: FigureId) =>
    unit.marks.some((mark) => mark.figure.id === figureId);
  const bars = withFigure.slice(0, UNIT_BARS_SHOWN).map((unit) => ({
    label: unit.row.unit.name,
    value: unit.figures[sort.figureId] as number,
    isMarked: isMarked(unit, sort.figureId),
  }));
  const total = office.total[sort.figureId];
  const markedUnits = office.units.filter((unit) => unit.marks.length > 0);
  const sortLink = (figureId: FigureId) => {
    const direction = figureId === sort.figureId && sort.direction === "desc" ? "asc" : "desc";
    return `/overview?${query}&figure=${encodeURIComponent(figureId)}&dir=${direction}#unit-figures`;
  };
  return (
    <section aria-labelledby="unit-figures" className="office-figures">
      <h2 id="unit-figures">{year}年度主要数字（各单位）</h2>
      <p className="muted">
        {office.reportCount} 个单位有报告；汇总为这些单位报告的数字之和（与“汇总”页相同）。
        {markedUnits.length > 0
          ? `${markedUnits.length} 个单位的数字与同一上级的同类单位差别很大（标 ⚠），请审核时留意。`
          : "没有与同类单位差别很大的数字。"}
      </p>
      <form method="get" className={`inline-form ${chartStyles.noPrint}`} aria-label="选择图中显示的数字">
        <input type="hidden" name="year" value={year} />
        <label htmlFor="overview-figure">图中的数字</label>
        {/* Keyed by the figure: a sort link's navigation keeps the element, and a changed defaultValue would not show. */}
        <select key={sort.figureId} id="overview-figure" name="figure" defaultValue={sort.figureId}>
          {keyFigures.map((option) => (
            <option key={option.id} value={option.id}>
              {option.shortName.replace(/件数$/u, "")}
            </option>
          ))}
        </select>
        <button type="submit">显示</button>
      </form>
      <ChartFigure
        testId="unit-figures-chart"
        caption={`${columnName(sort.figureId)}：各单位（前 ${Math.min(UNIT_BARS_SHOWN, withFigure.length)} 个），汇总 ${formatValue(total)} ${unitOfFigure(figure)}`}
        svg={withFigure.length > 0 ? renderUnitBars(bars) : null}
        maxWidth={620}
        note={
          withFigure.length > UNIT_BARS_SHOWN
            ? `图中是最大的 ${UNIT_BARS_SHOWN} 个单位，全部单位见下表。`
            : withFigure.length === 0
              ? "还没有单位的报告填了这个数字。"
              : undefined
        }
        table={{
          columns: ["单位", `${columnName(sort.figureId)}（${unitOfFigure(figure)}）`],
          rows: withFigure.map((unit) => ({
            key: unit.row.unit.id,
            cells: [unit.row.unit.name, formatValue(unit.figures[sort.figureId])],
            isMarked: isMarked(unit, sort.figureId),
          })),
          footer: ["汇总", formatValue(total)],
        }}
      />
      <div className={chartStyles.scroll}>
        <table
          className={`${chartStyles.table} ${chartStyles.figures}`}
          aria-label="各单位主要数字"
          data-testid="unit-figures-table"
        >
          <thead>
            <tr>
              <th scope="col">单位</th>
              {columns.map((figureId) => (
                <th
                  key={figureId}
                  scope="col"
                  aria-sort={figureId === sort.figureId ? (sort.direction === "desc" ? "descending" : "ascending") : undefined}
                >
                  <Link href={sortLink(figureId)}>
                    {columnName(figureId)}
                    {figureId === sort.figureId ? (sort.direction === "desc" ? " ▼" : " ▲") : ""}
                  </Link>
                </th>
              ))}
              <th scope="col">提示</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((unit) => (
              <tr key={unit.row.unit.id} className={unit.marks.length > 0 ? chartStyles.marked : undefined}>
                <th scope="row">
                  {unit.row.report ? (
                    <Link href={`/reports/${unit.row.report.id}`}>{unit.row.unit.name}</Link>
                  ) : (
                    unit.row.unit.name
                  )}
                </th>
                {columns.map((figureId) => (
                  <td key={figureId}>
                    {isMarked(unit, figureId) && <span className={chartStyles.mark}>⚠ </span>}
                    {unit.row.report ? formatValue(unit.figures[figureId]) : ""}
                  </td>
                ))}
                <td className={chartStyles.notes}>
                  {unit.row.report ? unit.marks.map(describeOutlier).join("；") : <span className="muted">未建报告</span>}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">汇总</th>
              {columns.map((figureId) => (
                <td key={figureId}>{formatValue(office.total[figureId])}</td>
              ))}
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

/** The figures the five-year chart draws; its table lists them all. */
const LINE_FIGURES: readonly FigureId[] = [
  applicationsCellId("new", "total"),
  applicationsCellId("granted", "total"),
  reviewsLitigationCellId("review.total"),
  reviewsLitigationCellId(`${LITIGATION_GROUP}.total`),
];

export function YearTotals({
  totals,
}: {
  totals: readonly { year: number; total: Record<FigureId, number | null>; reportCount: number }[];
}) {
  const years = totals.map((item) => item.year);
  const series = LINE_FIGURES.map((figureId) => ({
    name: columnName(figureId),
    values: totals.map((item) => (item.reportCount > 0 ? (item.total[figureId] ?? null) : null)),
  }));
  return (
    <section aria-labelledby="year-totals">
      <h2 id="year-totals">
        近五年汇总（{years[0]}—{years.at(-1)}年）
      </h2>
      <ChartFigure
        testId="year-totals-chart"
        caption={`所辖单位汇总：${series.map((line) => line.name).join("、")}`}
        svg={renderYearLines(years, series)}
        maxWidth={620}
        note="没有报告的年度不画点。"
        table={{
          columns: ["数字", ...years.map((year) => `${year}年`)],
          rows: [
            { key: "count", cells: ["有报告的单位", ...totals.map((item) => item.reportCount)] },
            ...keyFigures.map((figure) => ({
              key: figure.id,
              cells: [
                `${columnName(figure.id)}（${unitOfFigure(figure)}）`,
                ...totals.map((item) => (item.reportCount > 0 ? formatValue(item.total[figure.id]) : "—")),
              ],
            })),
          ],
        }}
      />
    </section>
  );
}
