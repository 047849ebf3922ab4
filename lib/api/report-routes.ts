import { z } from "zod";
import { startFromLastYear } from "@/lib/report/carry-forward";
import { FORMAT_VERSION, ZReportInfo } from "@/lib/report/report-schema";
import { getReportStore, MAX_REPORT_BYTES, type StoredReport } from "@/lib/store/report-store";
import { errorResponse, notFound, parseRevision, readJsonBody, RequestError } from "./api-response";

/** Body limit: the report itself (1 MB) plus the envelope around it. */
const MAX_BODY_BYTES = MAX_REPORT_BYTES + 10_000;

type IdParams = { params: Promise<{ id: string }> };
type RevisionParams = { params: Promise<{ id: string; revision: string }> };

const ZCreateRequest = z.union([
  z.object({ agencyName: ZReportInfo.shape.agencyName, year: ZReportInfo.shape.year }).strict(),
  z.object({ fromReportId: z.string().min(1) }).strict(),
  z.object({ report: z.unknown() }).strict(),
]);

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "请求"}：${issue.message}` : "请求格式不对";
}

async function loadStored(id: string): Promise<StoredReport> {
  const stored = await (await getReportStore()).getReport(id);
  if (!stored) throw notFound();
  return stored;
}

/** The report, and the same agency's report of the year before for the cross-year rules. */
export async function loadReportWithPreviousYear(id: string) {
  const store = await getReportStore();
  const stored = await store.getReport(id);
  if (!stored) return null;
  const previous = await store.findReport(stored.agencyName, stored.year - 1);
  return { stored, previousYear: previous?.report ?? null };
}

export async function listReports(request: Request): Promise<Response> {
  try {
    const deleted = new URL(request.url).searchParams.get("deleted") === "1";
    return Response.json({ reports: await (await getReportStore()).listReports({ deleted }) });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function createReport(request: Request): Promise<Response> {
  try {
    const parsed = ZCreateRequest.safeParse(await readJsonBody(request, MAX_BODY_BYTES));
    if (!parsed.success) throw new RequestError(firstIssue(parsed.error), 400);
    const store = await getReportStore();
    const body = parsed.data;
    let input: unknown;
    if ("fromReportId" in body) {
      const previous = await store.getReport(body.fromReportId);
      if (!previous) throw notFound();
      input = startFromLastYear(previous.report);
    } else if ("report" in body) {
      input = body.report;
    } else {
      input = { formatVersion: FORMAT_VERSION, info: { agencyName: body.agencyName, year: body.year } };
    }
    return Response.json({ stored: await store.createReport(input) }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function getReport(_request: Request, { params }: IdParams): Promise<Response> {
  try {
    const { id } = await params;
    const loaded = await loadReportWithPreviousYear(id);
    if (!loaded) throw notFound();
    return Response.json(loaded);
  } catch (error) {
    return errorResponse(error);
  }
}

export async function saveReport(request: Request, { params }: IdParams): Promise<Response> {
  try {
    const { id } = await params;
    const body = await readJsonBody(request, MAX_BODY_BYTES);
    if (typeof body !== "object" || body === null || !("report" in body)) {
      throw new RequestError("请求中缺少报告数据（report）", 400);
    }
    const baseRevision = parseRevision((body as { baseRevision?: unknown }).baseRevision, "基础版本号 baseRevision");
    const result = await (await getReportStore()).saveReport(id, baseRevision, (body as { report: unknown }).report);
    switch (result.status) {
      case "not_found":
        throw notFound();
      case "conflict":
        return Response.json(
          {
            message: `这份报告已在其他窗口或由其他人保存过（服务器上是第 ${result.current.revision} 版，本页基于第 ${baseRevision} 版），本次保存未执行`,
            current: result.current,
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

export async function deleteReport(_request: Request, { params }: IdParams): Promise<Response> {
  try {
    const { id } = await params;
    if (!(await (await getReportStore()).deleteReport(id))) throw notFound();
    return Response.json({ deleted: true });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function restoreDeletedReport(_request: Request, { params }: IdParams): Promise<Response> {
  try {
    const { id } = await params;
    if (!(await (await getReportStore()).restoreReport(id))) throw notFound();
    return Response.json({ restored: true });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function listRevisions(_request: Request, { params }: IdParams): Promise<Response> {
  try {
    const { id } = await params;
    await loadStored(id);
    return Response.json({ revisions: await (await getReportStore()).listRevisions(id) });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function getRevision(_request: Request, { params }: RevisionParams): Promise<Response> {
  try {
    const { id, revision } = await params;
    const found = await (await getReportStore()).getRevision(id, parseRevision(revision, "版本号"));
    if (!found) throw new RequestError(`找不到第 ${revision} 版`, 404);
    return Response.json({ revision: found });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function restoreRevision(request: Request, { params }: RevisionParams): Promise<Response> {
  try {
    const { id, revision } = await params;
    const body = (await readJsonBody(request, 10_000)) as { baseRevision?: unknown } | null;
    const baseRevision = parseRevision(body?.baseRevision, "基础版本号 baseRevision");
    const result = await (await getReportStore()).restoreRevision(id, parseRevision(revision, "版本号"), baseRevision);
    if (result.status === "not_found") throw new RequestError(`找不到第 ${revision} 版`, 404);
    if (result.status === "conflict") {
      return Response.json(
        { message: `报告已更新到第 ${result.current.revision} 版，请刷新历史页面后再恢复`, current: result.current },
        { status: 409 },
      );
    }
    return Response.json({ status: result.status, stored: result.stored });
  } catch (error) {
    return errorResponse(error);
  }
}
