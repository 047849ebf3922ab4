import Link from "next/link";
import { redirect } from "next/navigation";
import { NationalTableView } from "@/components/ui/national-table-view";
import { pageYear, summaryState } from "@/lib/api/overview-routes";
import { requirePageContext } from "@/lib/api/page-context";
import { sectionHeading, tableIds, tableSection } from "@/lib/format";
import { sumLedgers } from "@/lib/report/summary";
import { chosenUnits, overviewRows, summaryLedgers } from "@/lib/store/overview";

type Search = { year?: string; units?: string | string[] };

/** 汇总: 表二、表三、表四 summed over the chosen units, with the units listed and marked; XLSX and ZIP downloads. */
export async function SummaryPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const { actor, store, scopes } = await requirePageContext("/overview/summary");
  if (actor.role === "filler") redirect("/");
  const { year, notice } = pageYear(search.year);
  const rows = await overviewRows(store, scopes.review, year);
  const asked = (Array.isArray(search.units) ? search.units : search.units ? search.units.split(",") : []).filter(Boolean);
  const chosen = chosenUnits(rows, asked.length > 0 ? asked : null);
  const { sums, count } = sumLedgers(await summaryLedgers(store, chosen));
  const correcting = chosen.filter((row) => row.report?.underCorrection);
  const query = `year=${year}${asked.length > 0 ? `&units=${asked.join(",")}` : ""}`;
  return (
    <main id="main" className="page wide-page">
      <Link href={`/overview?year=${year}`}>← 审核总览</Link>
      <h1>
        {year}年度 汇总（{count} 个单位的报告）
      </h1>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <form method="get" className="card" aria-label="选择汇总的单位">
        <input type="hidden" name="year" value={year} />
        <fieldset className="unit-choice">
          <legend>汇总的单位（不选即全部）</legend>
          {rows.map((row) => (
            <label key={row.unit.id} className="checkbox" style={{ marginLeft: `${row.depth * 16}px` }}>
              <input type="checkbox" name="units" value={row.unit.id} defaultChecked={asked.includes(row.unit.id)} />
              {row.unit.name}
            </label>
          ))}
        </fieldset>
        <button type="submit">重新汇总</button>
      </form>
      <p className="export-buttons">
        <a href={`/api/summary?${query}&format=xlsx`} download>
          下载汇总表（Excel）
        </a>
        <a href={`/api/batch-export?${query}`} download>
          批量下载已发布的 PDF（ZIP）
        </a>
        <a href={`/api/batch-export?${query}&drafts=1`} download>
          批量下载 PDF（含未发布的草稿）
        </a>
      </p>
      <section aria-labelledby="summary-units">
        <h2 id="summary-units">单位</h2>
        {correcting.length > 0 && (
          <p className="notice" role="note">
            {correcting.map((row) => row.unit.name).join("、")}
            的报告正在更正：汇总仍按已发布的数字计算，更正版发布后改用更正后的数字。
          </p>
        )}
        <table className="list-table" aria-label="汇总单位">
          <thead>
            <tr>
              <th scope="col">单位</th>
              <th scope="col">报告机关</th>
              <th scope="col">状态</th>
            </tr>
          </thead>
          <tbody>
            {chosen.map((row) => (
              <tr key={row.unit.id} className={!row.report || row.report.errorCount > 0 ? "row-marked" : ""}>
                <td>{row.unit.name}</td>
                <td>{row.report?.agencyName ?? ""}</td>
                <td>{summaryState(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {tableIds.map((tableId) => (
        <section key={tableId} aria-label={`汇总${sectionHeading(tableSection(tableId))}`} className="summary-table">
          <h2>{sectionHeading(tableSection(tableId))}</h2>
          <NationalTableView tableId={tableId} values={sums} />
        </section>
      ))}
    </main>
  );
}
