"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { EDITOR_TITLE_ID } from "@/components/editor/editor-ids";
import { callApi, formatDateTime, messageOf } from "@/components/ui/api-client";
import { focusOnArrival } from "@/components/ui/arrival-focus";
import { DuplicateNotice, duplicateOf, type ExistingReport } from "@/components/ui/duplicate-notice";
import { FieldError, invalidFieldProps } from "@/components/ui/field-error";
import { useIsHydrated, useRegisterKeepingTyped } from "@/components/ui/typed-before-hydration";
import { LAST_REPORT_YEAR } from "@/lib/format";
import { ZNewReportIdentity } from "@/lib/report/report-schema";
import type { StoredReportSummary } from "@/lib/store/report-store";
import { ImportPublished } from "./import-published";

/** A stored report's summary as it crosses to the browser: dates as ISO strings. */
export type ReportRow = Omit<StoredReportSummary, "createdAt" | "updatedAt" | "deletedAt"> & {
  statusLabel: string;
  updatedAt: string;
  deletedAt: string | null;
};

// Years typed with a Chinese input method arrive as full-width digits, sometimes with 年.
const ZNewReportForm = ZNewReportIdentity.extend({
  year: z
    .string()
    .transform((text) => {
      const folded = text
        .normalize("NFKC")
        .replace(/\s+/gu, "")
        .replace(/年(度)?$/u, "");
      return /^\d+$/.test(folded) ? Number(folded) : undefined;
    })
    .pipe(ZNewReportIdentity.shape.year),
});
type TNewReportFormInput = z.input<typeof ZNewReportForm>;
type TNewReportForm = z.output<typeof ZNewReportForm>;

type CreateResponse = { stored: { id: string } };

export function ReportList({
  reports,
  deleted,
  unitName,
  othersCount,
}: {
  reports: ReportRow[];
  deleted: ReportRow[];
  /** The signed-in person's unit: a new report's 机关全称 starts as its name. */
  unitName: string;
  /** Reports of the units below a reviewer's, listed in 审核总览 rather than here. */
  othersCount: number;
}) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState<ExistingReport | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Until the page is live its buttons would do nothing; a submit would reload the page natively.
  const isIdle = useIsHydrated() && !busy;
  const form = useForm<TNewReportFormInput, unknown, TNewReportForm>({
    resolver: zodResolver(ZNewReportForm),
    defaultValues: { agencyName: unitName, year: String(new Date().getFullYear() - 1) },
  });

  // What is typed before the page is live (a slow PC) is kept, not reset to these defaults.
  const agencyName = useRegisterKeepingTyped(form, "agencyName");
  const year = useRegisterKeepingTyped(form, "year");

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setMessage(null);
    setDuplicate(null);
    try {
      await action();
    } catch (error) {
      setMessage(messageOf(error));
      setDuplicate(duplicateOf(error));
    } finally {
      setBusy(false);
    }
  };

  const create = (json: unknown) =>
    run(async () => {
      const { stored } = await callApi<CreateResponse>("/api/reports", { method: "POST", json });
      // The new report's title takes the keyboard, not <body>.
      focusOnArrival(`/reports/${stored.id}`, EDITOR_TITLE_ID);
      router.push(`/reports/${stored.id}`);
    });

  const remove = (id: string) =>
    run(async () => {
      await callApi(`/api/reports/${id}`, { method: "DELETE" });
      setConfirmingDelete(null);
      router.refresh();
    });

  const restore = (id: string) =>
    run(async () => {
      await callApi(`/api/reports/${id}/restore`, { method: "POST", json: {} });
      router.refresh();
    });

  return (
    <>
      <section aria-labelledby="new-report" className="card">
        <h2 id="new-report">新建报告</h2>
        <form className="inline-form" onSubmit={form.handleSubmit((values) => create(values))} noValidate>
          <label>
            机关全称
            <input
              {...agencyName}
              {...invalidFieldProps("new-report-agency", form.formState.errors.agencyName?.message)}
              placeholder="如：湘潭县人民政府"
              autoComplete="organization"
            />
          </label>
          <label>
            年度
            <input
              {...year}
              {...invalidFieldProps("new-report-year", form.formState.errors.year?.message)}
              inputMode="numeric"
              size={6}
            />
          </label>
          <button type="submit" disabled={!isIdle}>
            新建报告
          </button>
        </form>
        <FieldError name="new-report-agency" message={form.formState.errors.agencyName?.message} />
        <FieldError name="new-report-year" message={form.formState.errors.year?.message} />
        <p className="hint">
          第一次使用？
          <button type="button" className="link-button" disabled={!isIdle} onClick={() => create({ example: true })}>
            打开示例报告
          </button>
          （湘潭县人民政府 2025 年度报告，可随意修改），或阅读<Link href="/help">帮助</Link>。
        </p>
      </section>

      {message && (
        <p role="alert" className="alert">
          {message}
          {duplicate && <DuplicateNotice existing={duplicate} />}
        </p>
      )}

      <ImportPublished />

      <section aria-labelledby="report-list" className="card">
        <h2 id="report-list">本单位的报告{unitName ? `（${unitName}）` : ""}</h2>
        {othersCount > 0 && (
          <p className="hint">
            下级单位的 {othersCount} 份报告在<Link href="/overview">审核总览</Link>中。
          </p>
        )}
        {reports.length === 0 ? (
          <p className="muted">还没有报告。填写机关全称和年度，新建一份。</p>
        ) : (
          <table className="list-table">
            <thead>
              <tr>
                <th scope="col">机关</th>
                <th scope="col">年度</th>
                <th scope="col">状态</th>
                <th scope="col">最后保存</th>
                <th scope="col">校验</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((report) => (
                <tr key={report.id}>
                  <td>
                    <Link href={`/reports/${report.id}`}>{report.agencyName || "（未填写机关全称）"}</Link>
                    {report.kind === "example" && <span className="badge badge-ok">示例</span>}
                    {report.kind === "copy" && <span className="badge badge-warning">副本</span>}
                  </td>
                  <td>{report.year === null ? "未填写" : `${report.year}年`}</td>
                  <td>{report.statusLabel}</td>
                  <td>{formatDateTime(report.updatedAt)}</td>
                  <td>
                    {report.errorCount > 0 ? (
                      <span className="badge badge-error">{report.errorCount} 个错误</span>
                    ) : (
                      <span className="badge badge-ok">无错误</span>
                    )}
                    {report.warningCount > 0 && <span className="badge badge-warning">{report.warningCount} 个警告</span>}
                  </td>
                  <td className="actions">
                    <Link href={`/reports/${report.id}`}>打开</Link>
                    {report.kind === "report" && report.year !== null && report.year < LAST_REPORT_YEAR && (
                      <button type="button" disabled={!isIdle} onClick={() => create({ fromReportId: report.id })}>
                        以此为基础新建{report.year + 1}年度报告
                      </button>
                    )}
                    <Link href={`/reports/${report.id}/history`}>历史版本</Link>
                    {confirmingDelete === report.id ? (
                      <span className="confirm">
                        删除“{report.agencyName || "未填写机关全称"}
                        {report.year ?? ""}年”报告？30 天内可恢复。
                        <button type="button" className="danger" disabled={!isIdle} onClick={() => remove(report.id)}>
                          确认删除
                        </button>
                        <button type="button" onClick={() => setConfirmingDelete(null)}>
                          取消
                        </button>
                      </span>
                    ) : (
                      // Submitted, approved and published reports stay: the record of what was sent and published.
                      (report.status === "editing" || report.status === "returned") && (
                        <button type="button" onClick={() => setConfirmingDelete(report.id)}>
                          删除
                        </button>
                      )
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {deleted.length > 0 && (
        <section aria-labelledby="deleted-list" className="card">
          <h2 id="deleted-list">最近删除（30 天内可恢复）</h2>
          <p className="muted">发布过的报告删除后不会清除：其审核记录和已发布的文件（及 SHA-256）一直可以打开。</p>
          <ul className="plain-list">
            {deleted.map((report) => (
              <li key={report.id}>
                {report.agencyName} {report.year}年（删除于 {formatDateTime(report.deletedAt ?? report.updatedAt)}）{" "}
                <Link href={`/reports/${report.id}/history`}>审核记录和已发布文件</Link>
                <button type="button" disabled={!isIdle} onClick={() => restore(report.id)}>
                  恢复
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
