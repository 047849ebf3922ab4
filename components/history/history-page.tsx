import Link from "next/link";
import { notFound } from "next/navigation";
import { commentPlaceName } from "@/components/editor/review-place";
import { formatDateTime } from "@/components/ui/api-client";
import { requirePageContext } from "@/lib/api/page-context";
import { reportTitle } from "@/lib/report/report-wording";
import { reportStatusLabels } from "@/lib/store/report-store";
import { commentsOfTransitions } from "@/lib/store/review-record";
import { describeVersion, versionTime } from "./version-description";

export async function HistoryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { store } = await requirePageContext(`/reports/${id}/history`);
  // A removed published report keeps its history and published files for the office.
  const stored = await store.getReport(id, { withDeleted: true });
  if (!stored) notFound();
  const [versions, transitions, published, comments] = await Promise.all([
    store.listVersions(id),
    store.listTransitions(id),
    store.listPublished(id),
    store.listComments(id),
  ]);
  const commentsOf = commentsOfTransitions(transitions, comments);
  const [current] = versions;
  return (
    <main id="main" className="page">
      {stored.deletedAt ? <Link href="/">← 返回首页</Link> : <Link href={`/reports/${id}`}>← 返回编辑</Link>}
      <h1>历史版本：{reportTitle(stored.report.info)}</h1>
      {stored.deletedAt && (
        <p className="notice" role="status">
          这份报告已于 {formatDateTime(stored.deletedAt.toISOString())} 删除；它的审核记录和已发布的文件（及其
          SHA-256）仍保留在这里。
        </p>
      )}
      <p className="muted">
        每一段连续的编辑（中间停顿不超过 10
        分钟）记为一个版本。可以先查看某个版本的全文，再决定是否恢复；恢复会把它作为新的一版保存，其间的版本都保留。
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

      <h2>审核记录</h2>
      {transitions.length === 0 ? (
        <p className="muted">尚未提交审核。</p>
      ) : (
        <table className="list-table" aria-label="审核记录">
          <thead>
            <tr>
              <th scope="col">时间</th>
              <th scope="col">操作人</th>
              <th scope="col">状态变化</th>
              <th scope="col">意见</th>
            </tr>
          </thead>
          <tbody>
            {transitions.map((transition, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a server-rendered record of past transitions, in order; it never reorders
              <tr key={index}>
                <td>{formatDateTime(transition.at.toISOString())}</td>
                <td>{transition.userName}</td>
                <td>
                  {reportStatusLabels[transition.fromStatus]} → {reportStatusLabels[transition.toStatus]}
                </td>
                <td>
                  {transition.comment}
                  {commentsOf[index]!.length > 0 && (
                    <ul className="transition-comments">
                      {commentsOf[index]!.map((comment) => (
                        <li key={comment.id}>
                          <strong>{commentPlaceName(comment)}</strong>：{comment.body}
                          {comment.resolvedAt && <span className="muted">（已处理）</span>}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>已发布的文件</h2>
      {published.length === 0 ? (
        <p className="muted">尚未发布。</p>
      ) : (
        <table className="list-table" aria-label="已发布的文件">
          <thead>
            <tr>
              <th scope="col">发布</th>
              <th scope="col">时间</th>
              <th scope="col">发布人</th>
              <th scope="col">文件（SHA-256）</th>
            </tr>
          </thead>
          <tbody>
            {published.map((record) => (
              <tr key={record.id}>
                <td>
                  {record.sequence === 1 ? "首次发布" : `第 ${record.sequence - 1} 次更正`}（第 {record.version} 版）
                  {record.reason && <div className="muted">更正原因：{record.reason}</div>}
                </td>
                <td>{formatDateTime(record.publishedAt.toISOString())}</td>
                <td>{record.publishedByName}</td>
                <td className="files">
                  {(
                    [
                      ["pdf", "PDF", record.pdfSha256],
                      ["docx", "Word", record.docxSha256],
                      ["html", "网页", record.htmlSha256],
                    ] as const
                  ).map(([format, label, hash]) => (
                    <div key={format}>
                      <a href={`/api/reports/${id}/published/${record.sequence}?format=${format}`} download>
                        {label}
                      </a>{" "}
                      <code className="hash">{hash}</code>
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
