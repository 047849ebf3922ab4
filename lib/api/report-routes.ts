import { z } from "zod";
import { startFromLastYear } from "@/lib/report/carry-forward";
import { exampleReport } from "@/lib/report/example-report";
import { describeSchemaIssue } from "@/lib/report/parse-report";
import { FORMAT_VERSION, ZNewReportIdentity } from "@/lib/report/report-schema";
import { MAX_REPORT_BYTES } from "@/lib/report/size-limit";
import type { ReportStore, StoredReport } from "@/lib/store/report-store";
import { errorResponse, notFound, parsePositiveInteger, RequestError, readJsonBody } from "./api-response";
import { requireContext } from "./request-context";

/** Body limit: the report itself (1 MB) plus the envelope around it. */
const MAX_BODY_BYTES = MAX_REPORT_BYTES + 10_000;

type IdParams = { params: Promise<{ id: string }> };
type VersionParams = { params: Promise<{ id: string; version: string }> };

/** The unit the report is for: one's own by default; the administrator may name any. */
const ZUnitId = z.string().uuid("单位编号不对").optional();

const ZCreateRequest = z.union([
  ZNewReportIdentity.extend({ unitId: ZUnitId }).strict(),
  z.object({ fromReportId: z.string().min(1) }).strict(),
  /** A whole report, e.g. the editor's own version kept after a conflict; `asCopy` names it a copy. */
  z.object({ report: z.unknown(), asCopy: z.boolean().optional(), unitId: ZUnitId }).strict(),
  z.object({ example: z.literal(true) }).strict(),
]);

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "请求格式不对";
  // A union reports the branch closest to the input; name the field the way staff know it.
  const inner = issue.code === "invalid_union" ? issue.errors.flat()[0] : issue;
  if (!inner) return "请求格式不对";
  // 机关全称 and 年度 of a new report are the report's info fields.
  const [first] = inner.path;
  return describeSchemaIssue(first === "agencyName" || first === "year" ? { ...inner, path: ["info", ...inner.path] } : inner);
}

/** The report, and its unit's own report of the year before for the cross-year rules (none for copies and the example). */
export async function loadReportWithPreviousYear(store: ReportStore, id: string) {
  const stored = await store.getReport(id);
  if (!stored) return null;
  const previous = await store.findPreviousYear(stored);
  return { stored, previousYear: previous?.report ?? null };
}

export async function listReports(request: Request): Promise<Response> {
  try {
    const { store } = await requireContext(request);
    const deleted = new URL(request.url).searchParams.get("deleted") === "1";
    return Response.json({ reports: await store.listReports({ deleted }) });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function createReport(request: Request): Promise<Response> {
  try {
    const { store } = await requireContext(request);
    const parsed = ZCreateRequest.safeParse(await readJsonBody(request, MAX_BODY_BYTES));
    if (!parsed.success) throw new RequestError(firstIssue(parsed.error), 400);
    const body = parsed.data;
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
  } catch (error) {
    return errorResponse(error);
  }
}

export async function getReport(request: Request, { params }: IdParams): Promise<Response> {
  try {
    const { store } = await requireContext(request);
    const { id } = await params;
    const loaded = await loadReportWithPreviousYear(store, id);
    if (!loaded) throw notFound();
    return Response.json(loaded);
  } catch (error) {
    return errorResponse(error);
  }
}

export async function saveReport(request: Request, { params }: IdParams): Promise<Response> {
  try {
    const { store } = await requireContext(request);
    const { id } = await params;
    // Another unit's report is not found, whatever the body holds.
    if (!(await store.getReport(id))) throw notFound();
    const body = await readJsonBody(request, MAX_BODY_BYTES);
    if (typeof body !== "object" || body === null || !("report" in body)) {
      throw new RequestError("请求中缺少报告数据（report）", 400);
    }
    const baseRevision = parsePositiveInteger((body as { baseRevision?: unknown }).baseRevision, "基础版本号 baseRevision");
    // `base` (the report at baseRevision) lets a stale save merge; `ownSaved`: a save of the page's own it sent unanswered.
    const { report, base, ownSaved } = body as { report: unknown; base?: unknown; ownSaved?: unknown };
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
  } catch (error) {
    return errorResponse(error);
  }
}

export async function deleteReport(request: Request, { params }: IdParams): Promise<Response> {
  try {
    const { store } = await requireContext(request);
    const { id } = await params;
    if (!(await store.deleteReport(id))) throw notFound();
    return Response.json({ deleted: true });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function restoreDeletedReport(request: Request, { params }: IdParams): Promise<Response> {
  try {
    const { store } = await requireContext(request);
    await readJsonBody(request, 1_000);
    const { id } = await params;
    if (!(await store.restoreReport(id))) throw notFound();
    return Response.json({ restored: true });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function listVersions(request: Request, { params }: IdParams): Promise<Response> {
  try {
    const { store } = await requireContext(request);
    const { id } = await params;
    if (!(await store.getReport(id))) throw notFound();
    return Response.json({ versions: await store.listVersions(id) });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function getVersion(request: Request, { params }: VersionParams): Promise<Response> {
  try {
    const { store } = await requireContext(request);
    const { id, version } = await params;
    const found = await store.getVersion(id, parsePositiveInteger(version, "版本号"));
    if (!found) throw new RequestError(`找不到第 ${version} 版`, 404);
    return Response.json({ version: found });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function restoreVersion(request: Request, { params }: VersionParams): Promise<Response> {
  try {
    const { store } = await requireContext(request);
    const { id, version } = await params;
    const body = (await readJsonBody(request, 10_000)) as { baseRevision?: unknown } | null;
    const baseRevision = parsePositiveInteger(body?.baseRevision, "基础版本号 baseRevision");
    const result = await store.restoreVersion(id, parsePositiveInteger(version, "版本号"), baseRevision);
    if (result.status === "not_found") throw new RequestError(`找不到第 ${version} 版`, 404);
    if (result.status === "conflict") {
      return Response.json({ message: "报告在此期间又保存过，请刷新历史页面后再恢复", current: result.current }, { status: 409 });
    }
    return Response.json({ status: result.status, stored: result.stored });
  } catch (error) {
    return errorResponse(error);
  }
}
