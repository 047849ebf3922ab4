import { requirePageContext } from "@/lib/api/page-context";
import { scopeIncludes } from "@/lib/auth/access";
import { reportSections, sectionHeading, tableName } from "@/lib/format";
import { reportStatusLabels, type StoredReportSummary } from "@/lib/store/report-store";
import { listUnits } from "@/lib/store/unit-store";
import { ReportList, type ReportRow } from "./report-list";

export async function HomePage() {
  const { store, scopes, actor, root } = await requirePageContext("/");
  const toRow = ({ createdAt: _createdAt, updatedAt, deletedAt, ...summary }: StoredReportSummary): ReportRow => ({
    ...summary,
    statusLabel: reportStatusLabels[summary.status],
    updatedAt: updatedAt.toISOString(),
    deletedAt: deletedAt?.toISOString() ?? null,
  });
  // Here one's own unit's reports (the administrator's: all); a reviewer sees the units below in 审核总览.
  const own = (report: StoredReportSummary) => scopeIncludes(scopes.write, report.unitId);
  const [reports, deleted, units] = await Promise.all([
    store.listReports(),
    store.listReports({ deleted: true }),
    listUnits(root.db),
  ]);
  const unitName = units.find((unit) => unit.id === actor.unitId)?.name ?? "";

  return (
    <main id="main" className="page">
      <header className="page-header">
        <h1>年报通</h1>
        <p>政府信息公开工作年度报告：按国办公开办函〔2021〕30号格式填报、校验、排版。</p>
      </header>
      <ReportList
        reports={reports.filter(own).map(toRow)}
        deleted={deleted.filter(own).map(toRow)}
        unitName={unitName}
        othersCount={actor.role === "reviewer" ? reports.filter((report) => !own(report)).length : 0}
      />
      <section aria-labelledby="format-outline" className="outline">
        <h2 id="format-outline">报告的六个部分</h2>
        <ol className="section-outline">
          {reportSections.map((section) => (
            <li key={section.id}>
              <h3>{sectionHeading(section)}</h3>
              <p>
                {section.tableId ? `${tableName(section.tableId)}：` : ""}
                {section.hint}
              </p>
            </li>
          ))}
        </ol>
      </section>
    </main>
  );
}
