import { reportSections, sectionHeading, tableName } from "@/lib/format";
import { getReportStore, type StoredReportSummary } from "@/lib/store/report-store";
import { ReportList, type ReportRow } from "./report-list";

export async function HomePage() {
  const store = await getReportStore();
  const toRow = ({ createdAt: _createdAt, updatedAt, deletedAt, ...summary }: StoredReportSummary): ReportRow => ({
    ...summary,
    updatedAt: updatedAt.toISOString(),
    deletedAt: deletedAt?.toISOString() ?? null,
  });
  const [reports, deleted] = await Promise.all([store.listReports(), store.listReports({ deleted: true })]);

  return (
    <main className="page">
      <header className="page-header">
        <h1>年报通</h1>
        <p>政府信息公开工作年度报告：按国办公开办函〔2021〕30号格式填报、校验、排版。</p>
      </header>
      <ReportList reports={reports.map(toRow)} deleted={deleted.map(toRow)} />
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
