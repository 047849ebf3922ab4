import Link from "next/link";
import { redirect } from "next/navigation";
import { formatDateTime } from "@/components/ui/api-client";
import { pageYear } from "@/lib/api/overview-routes";
import { requirePageContext } from "@/lib/api/page-context";
import { filterOverview, type OverviewRow, overviewRows, overviewStatusLabel } from "@/lib/store/overview";
import { type ReportStatus, reportStatuses, reportStatusLabels } from "@/lib/store/report-store";
import { parseFigureSort, StatusProgress, UnitFigures, YearTotals } from "./office-charts";
import { loadOfficeFigures, loadYearTotals } from "./office-figures";

type Search = { year?: string; status?: string; errors?: string; q?: string; figure?: string; dir?: string };

// A report under 更正 was published on time; its correction has no deadline.
const isPublished = (row: OverviewRow) => row.report?.status === "published" || row.report?.underCorrection === true;

const daysText = (days: number) => (days > 0 ? `还有 ${days} 天` : days === 0 ? "今天截止" : `已过 ${-days} 天`);

/** The supervising office's view: every unit it oversees for a year, with where its report stands. */
export async function OverviewPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const { actor, store, scopes } = await requirePageContext("/overview");
  if (actor.role === "filler") redirect("/");
  const { year, notice } = pageYear(search.year);
  const all = await overviewRows(store, scopes.review, year);
  const status =
    reportStatuses.includes(search.status as ReportStatus) || search.status === "missing"
      ? (search.status as ReportStatus | "missing")
      : undefined;
  const rows = filterOverview(all, { status, hasErrors: search.errors === "1", search: search.q });
  const count = (predicate: (row: (typeof all)[number]) => boolean) => all.filter(predicate).length;
  const office = await loadOfficeFigures(store, all);
  const yearTotals = await loadYearTotals(store, scopes.review, year, office);
  const marksOf = new Map(office.units.map((unit) => [unit.row.unit.id, unit.marks]));
  const query = new URLSearchParams(
    Object.entries({ year: String(year), status: search.status, errors: search.errors, q: search.q }).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "",
    ),
  ).toString();
  return (
    <main id="main" className="page wide-page">
      <h1>{year}年度报告 审核总览</h1>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <p className="muted">
        共 {all.length} 个单位：未建报告 {count((row) => !row.report)}，
        {reportStatuses.map((item) => `${reportStatusLabels[item]} ${count((row) => row.report?.status === item)}`).join("，")}
        ；有错误的 {count((row) => (row.report?.errorCount ?? 0) > 0)} 个。
      </p>
      <StatusProgress rows={all} year={year} />
      <form className="inline-form wrap" method="get" aria-label="筛选">
        <label>
          年度
          <input name="year" defaultValue={year} size={6} inputMode="numeric" />
        </label>
        <label>
          状态
          <select name="status" defaultValue={status ?? ""}>
            <option value="">全部</option>
            <option value="missing">未建报告</option>
            {reportStatuses.map((item) => (
              <option key={item} value={item}>
                {reportStatusLabels[item]}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" name="errors" value="1" defaultChecked={search.errors === "1"} />
          只看有错误的
        </label>
        <label>
          搜索单位
          <input name="q" defaultValue={search.q ?? ""} placeholder="单位或机关名称" />
        </label>
        <button type="submit">筛选</button>
        <Link href={`/overview/summary?year=${year}`}>汇总与批量导出 →</Link>
      </form>
      <table className="list-table" aria-label="各单位报告">
        <thead>
          <tr>
            <th scope="col">单位</th>
            <th scope="col">状态</th>
            <th scope="col">错误</th>
            <th scope="col">警告</th>
            <th scope="col">最后保存</th>
            <th scope="col">截止</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.unit.id} className={row.report ? "" : "row-missing"}>
              <td style={{ paddingLeft: `${8 + row.depth * 20}px` }}>
                {row.report ? <Link href={`/reports/${row.report.id}`}>{row.unit.name}</Link> : row.unit.name}
                {(marksOf.get(row.unit.id)?.length ?? 0) > 0 && (
                  <a href="#unit-figures" className="badge badge-warning" title="主要数字与同类单位差别很大">
                    数字需留意
                  </a>
                )}
              </td>
              <td>{row.report ? overviewStatusLabel(row.report) : <span className="muted">未建报告</span>}</td>
              <td>
                {row.report ? (
                  row.report.errorCount > 0 ? (
                    <span className="badge badge-error">{row.report.errorCount}</span>
                  ) : (
                    0
                  )
                ) : (
                  ""
                )}
              </td>
              <td>{row.report ? row.report.warningCount : ""}</td>
              <td>{row.report ? formatDateTime(row.report.updatedAt.toISOString()) : ""}</td>
              <td className={row.daysLeft < 0 && !isPublished(row) ? "overdue" : ""}>
                {row.deadline}（{isPublished(row) ? "已发布" : daysText(row.daysLeft)}）
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="muted">没有符合条件的单位。</p>}
      <UnitFigures office={office} sort={parseFigureSort(search.figure, search.dir)} year={year} query={query} />
      <YearTotals totals={yearTotals} />
    </main>
  );
}
