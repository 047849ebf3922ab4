import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageContext } from "@/lib/api/page-context";
import { buildReportDocument } from "@/lib/document/build-report-document";
import { renderReportHtml } from "@/lib/render/html";
import { reportTitle } from "@/lib/report/report-wording";
import { RestoreRevisionButton } from "./restore-revision-button";
import { describeVersion, versionTime } from "./version-description";

/** One version shown read-only, as it would be published, before staff decide to restore it. */
export async function VersionPage({ params }: { params: Promise<{ id: string; version: string }> }) {
  const { id, version: versionText } = await params;
  const { store } = await requirePageContext(`/reports/${id}/history/${versionText}`);
  const stored = await store.getReport(id);
  const number = /^\d+$/.test(versionText) ? Number(versionText) : NaN;
  const version = stored && Number.isSafeInteger(number) ? await store.getVersion(id, number) : null;
  if (!stored || !version) notFound();
  const [latest] = await store.listVersions(id);
  const isCurrent = latest?.version === version.version;
  // Our own renderer's output: every text in it is escaped.
  const html = renderReportHtml(buildReportDocument(version.report, { isDraft: false }));
  return (
    <main id="main" className="page">
      <Link href={`/reports/${id}/history`}>← 返回历史版本</Link>
      <h1>
        第 {version.version} 版：{reportTitle(version.report.info)}
      </h1>
      <p className="muted">
        {versionTime(version)}，{describeVersion(version)}。以下为这一版的全文（只读）。
      </p>
      {isCurrent ? (
        <p className="notice">这是当前版本。</p>
      ) : (
        <RestoreRevisionButton reportId={id} version={version.version} baseRevision={stored.revision} />
      )}
      <article
        className="version-preview"
        aria-label={`第 ${version.version} 版全文`}
        // biome-ignore lint/security/noDangerouslySetInnerHtml: the HTML is our own renderer's output, which escapes every text
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </main>
  );
}
