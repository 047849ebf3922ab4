import Link from "next/link";
import { notFound } from "next/navigation";
import { editorSteps } from "@/lib/editor/result-steps";
import { getCell } from "@/lib/format";
import { getReportStore } from "@/lib/store/report-store";
import { formatDateTime } from "@/components/ui/api-client";
import { RestoreRevisionButton } from "./restore-revision-button";

function describeChanges(changedCells: readonly string[], changedSections: readonly string[]): string {
  const parts = changedSections.map((section) => editorSteps.find((step) => step.id === section)?.label ?? section);
  if (changedCells.length > 0) {
    const named = changedCells.slice(0, 3).map((cellId) => getCell(cellId).name);
    parts.push(`${changedCells.length} 个单元格（${named.join("、")}${changedCells.length > 3 ? " 等" : ""}）`);
  }
  return parts.length > 0 ? parts.join("；") : "新建";
}

export async function HistoryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const store = await getReportStore();
  const stored = await store.getReport(id);
  if (!stored) notFound();
  const revisions = await store.listRevisions(id);
  return (
    <main className="page">
      <Link href={`/reports/${id}`}>← 返回编辑</Link>
      <h1>
        历史版本：{stored.agencyName}
        {stored.year}年
      </h1>
      <p className="muted">每次保存的修改都会留下一个版本。恢复某个版本会把它作为最新版本保存，其间的版本都保留。</p>
      <table className="list-table">
        <thead>
          <tr>
            <th scope="col">版本</th>
            <th scope="col">保存时间</th>
            <th scope="col">修改了什么</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {revisions.map((revision) => (
            <tr key={revision.revision}>
              <td>第 {revision.revision} 版</td>
              <td>{formatDateTime(revision.savedAt.toISOString())}</td>
              <td>{describeChanges(revision.changedCells, revision.changedSections)}</td>
              <td>
                {revision.revision === stored.revision ? (
                  <span className="muted">当前版本</span>
                ) : (
                  <RestoreRevisionButton reportId={id} revision={revision.revision} baseRevision={stored.revision} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
