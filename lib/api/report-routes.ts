import { z } from "zod";
import { startFromLastYear } from "@/lib/report/carry-forward";
import { exampleReport } from "@/lib/report/example-report";
import { findReportFieldLabel } from "@/lib/report/report-fields";
import { FORMAT_VERSION, ZNewReportIdentity } from "@/lib/report/report-schema";
import { MAX_REPORT_BYTES } from "@/lib/report/size-limit";
import type { ReportStore, StoredReport } from "@/lib/store/report-store";
import { notFound, RequestError } from "./api-response";
import { route, ZAnyBody, ZQueryFlag, ZRevisionNumber } from "./route";

/** Body limit: the report itself (1 MB) plus the envelope around it. */
const MAX_BODY_BYTES = MAX_REPORT_BYTES + 10_000;

/** The unit the report is for: one's own by default; the administrator may name any. */
const ZUnitId = z.string().uuid("单位编号不对").optional();

const ZCreateRequest = z.union([
  ZNewReportIdentity.extend({ unitId: ZUnitId }).strict(),
  z.object({ fromReportId: z.string().uuid("找不到这份报告") }).strict(),
  /** A whole report, e.g. the editor's own version kept after a conflict; `asCopy` names it a copy. */
  z.object({ report: z.unknown(), asCopy: z.boolean().optional(), unitId: ZUnitId }).strict(),
  z.object({ example: z.literal(true) }).strict(),
]);

/** The new report's fields named as the editor names them. */
const createLabels = {
  agencyName: findReportFieldLabel("info.agencyName")!,
  year: findReportFieldLabel("info.year")!,
  unitId: "所属单位",
  fromReportId: "上年报告",
  asCopy: "另存为副本（asCopy）",
  example: "示例（example）",
};

/** A save: the report, the revision it was based on, and what lets a stale save merge. */
const ZSaveRequest = z.object({
  report: z.unknown().refine((report) => report !== undefined, { message: "请求中缺少报告数据" }),
  baseRevision: ZRevisionNumber,
  /** The report at baseRevision: lets a stale save merge. */
  base: z.unknown().optional(),
  /** A save of the page's own it sent unanswered. */
  ownSaved: z.unknown().optional(),
});

const revisionLabels = { report: "报告数据（report）", baseRevision: "基础版本号 baseRevision" };

/** The report, and its unit's own report of the year before for the cross-year rules (none for copies and the example). */
export async function loadReportWithPreviousYear(store: ReportStore, id: string) {
  const stored = await store.getReport(id);
  if (!stored) return null;
  const previous = await store.findPreviousYear(stored);
  return { stored, previousYear: previous?.report ?? null };
}

export const listReports = route(
  { access: "signed-in", query: z.object({ deleted: ZQueryFlag.optional() }), labels: { deleted: "已删除（deleted）" } },
  async ({ context: { store }, query }) =>
    Response.json({ reports: await store.listReports({ deleted: query.deleted === "1" }) }),
);

export const createReport = route(
  { access: "signed-in", body: ZCreateRequest, maxBytes: MAX_BODY_BYTES, labels: createLabels },
  async ({ context: { store }, body }) => {
    let stored: StoredReport;
    if ("fromReportId" in body) {
      const previous = await store.getReport(body.fromReportId);
      if (!previous) throw notFound();
      // Next year's report belongs where last year's did.
      stored = await store.createReport(startFromLastYear(previous.report), { unitId: previous.unitId });
    } else if ("report" in body) {
      stored = await store.createReport(body.report, { kind: body.asCopy ? "copy" : "report", unitId: body.unitId });
    } else if ("example" in body) {
      // One example per store: opening it again goes to the one there is.
      const existing = await store.findExample();
      if (existing) return Response.json({ stored: existing }, { status: 200 });
      stored = await store.createReport(exampleReport(), { kind: "example" });
    } else {
      stored = await store.createReport(
        { formatVersion: FORMAT_VERSION, info: { agencyName: body.agencyName, year: body.year } },
        { unitId: body.unitId },
      );
    }
    return Response.json({ stored }, { status: 201 });
  },
);

export const getReport = route(
  { access: "signed-in", params: { id: "report" } },
  async ({ context: { store }, params: { id } }) => {
    const loaded = await loadReportWithPreviousYear(store, id);
    if (!loaded) throw notFound();
    return Response.json(loaded);
  },
);

export const saveReport = route(
  // Another unit's report is not found, whatever the body holds.
  { access: "signed-in", params: { id: "visible-report" }, body: ZSaveRequest, maxBytes: MAX_BODY_BYTES, labels: revisionLabels },
  async ({ context: { store }, params: { id }, body: { report, baseRevision, base, ownSaved } }) => {
    const result = await store.saveReport(id, baseRevision, report, { base, ownSaved });
    switch (result.status) {
      case "not_found":
        throw notFound();
      case "conflict":
        return Response.json(
          {
            message: result.conflicts
              ? `这份报告已在其他窗口或由其他人保存过，其中 ${result.conflicts.length} 处与本页改的是同一处，请逐处选择保留哪一个`
              : `这份报告已在其他窗口或由其他人保存过（服务器上是第 ${result.current.revision} 次保存，本页基于第 ${baseRevision} 次），本次保存未执行`,
            current: result.current,
            conflicts: result.conflicts ?? [],
          },
          { status: 409 },
        );
      default:
        return Response.json({ status: result.status, stored: result.stored });
    }
  },
);

export const deleteReport = route(
  { access: "signed-in", params: { id: "report" } },
  async ({ context: { store }, params: { id } }) => {
    if (!(await store.deleteReport(id))) throw notFound();
    return Response.json({ deleted: true });
  },
);

export const restoreDeletedReport = route(
  { access: "signed-in", params: { id: "report" }, body: ZAnyBody, maxBytes: 1_000 },
  async ({ context: { store }, params: { id } }) => {
    if (!(await store.restoreReport(id))) throw notFound();
    return Response.json({ restored: true });
  },
);

export const listVersions = route(
  { access: "signed-in", params: { id: "visible-report" } },
  async ({ context: { store }, params: { id } }) => Response.json({ versions: await store.listVersions(id) }),
);

export const getVersion = route(
  { access: "signed-in", params: { id: "report", version: "version" } },
  async ({ context: { store }, params: { id, version } }) => {
    const found = await store.getVersion(id, version);
    if (!found) throw new RequestError(`找不到第 ${version} 版`, 404);
    return Response.json({ version: found });
  },
);

export const restoreVersion = route(
  {
    access: "signed-in",
    params: { id: "report", version: "version" },
    body: z.object({ baseRevision: ZRevisionNumber }),
    maxBytes: 10_000,
    labels: revisionLabels,
  },
  async ({ context: { store }, params: { id, version }, body: { baseRevision } }) => {
    const result = await store.restoreVersion(id, version, baseRevision);
    if (result.status === "not_found") throw new RequestError(`找不到第 ${version} 版`, 404);
    if (result.status === "conflict") {
      return Response.json({ message: "报告在此期间又保存过，请刷新历史页面后再恢复", current: result.current }, { status: 409 });
    }
    return Response.json({ status: result.status, stored: result.stored });
  },
);
