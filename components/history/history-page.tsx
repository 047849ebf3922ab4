import Link from "next/link";
import { notFound } from "next/navigation";
import { reportTitle } from "@/lib/document/build-report-document";
import { getReportStore } from "@/lib/store/report-store";
import { describeVersion, versionTime } from "./version-description";

export async function HistoryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const store = await getReportStore();
  const stored = await store.getReport(id);
  if (!stored) notFound();
  const versions = await store.listVersions(id);
  const [current] = versions;
  return (
    <main className="page">
      <Link href={`/reports/${id}`}>← 返回编辑</Link>
      <h1>历史版本：{reportTitle(stored.report.info)}</h1>
      <p className="muted">
        每一段连续的编辑（中间停顿不超过 10 分钟）记为一个版本。可以先查看某个版本的全文，再决定是否恢复；恢复会把它作为新的一版保存，其间的版本都保留。
      </p>
      <table className="list-table">
        <thead>
          <tr>
            <th scope="col">版本</th>
            <th scope="col">时间</th>
            <th scope="col">内容</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((version) => (
            <tr key={version.version}>
              <td>第 {version.version} 版</td>
              <td>{versionTime(version)}</td>
              <td>{describeVersion(version)}</td>
              <td className="actions">
                <Link href={`/reports/${id}/history/${version.version}`}>查看</Link>
                {version === current && <span className="muted">当前版本</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
