import { z } from "zod";
import "@/lib/report/report-schema";
import { isPositiveInt4, isWellFormedId } from "@/lib/store/report-store";
import { isBackupKey } from "@/lib/store/server-file";
import { errorResponse, notFound, RequestError, readJsonBody, schemaErrorMessage } from "./api-response";
import { type RequestContext, requireAdmin, requireContext, requireReviewer } from "./request-context";

/**
 * Who may call a route: anyone (sign-in, first-run setup); anyone signed in, even on the first
 * password the administrator set (to change it); anyone signed in; 审核人 and 管理员; 管理员 only;
 * 管理员 or this machine's backup command (the key in the data folder).
 */
export type Access = "public" | "first-password" | "signed-in" | "reviewer" | "admin" | "admin-or-backup-key";

/**
 * What a path segment holds. Ids are uuids; a malformed one is not found (404), never a database
 * error. `visible-report`: also a report the person may see, checked before the body is read, so
 * another unit's report is not found whatever the request carries. Versions and publications are
 * numbered from 1.
 */
export type ParamKind = "report" | "visible-report" | "unit" | "user" | "comment" | "version" | "sequence";

type NumberedKind = "version" | "sequence";

const missing: Record<ParamKind, () => RequestError> = {
  report: notFound,
  "visible-report": notFound,
  unit: () => new RequestError("找不到这个单位", 404),
  user: () => new RequestError("找不到这个账号", 404),
  comment: () => new RequestError("找不到这条意见，或它已处理", 404),
  version: () => new RequestError("找不到这个版本", 404),
  sequence: () => new RequestError("找不到这次发布的文件", 404),
};

export type RouteSpec = {
  access: Access;
  params?: Record<string, ParamKind>;
  /** The JSON body; every text field in it follows the one text rule (ZText). */
  body?: z.ZodType;
  /** Body limit in bytes (default 100 kB). */
  maxBytes?: number;
  /** The query string, one value a name; a blank value counts as not given. */
  query?: z.ZodType;
  /** Chinese names of the body's and query's fields for messages (`comments.*.body` for any item). */
  labels?: Record<string, string>;
};

type ParamsOf<S extends RouteSpec> =
  S["params"] extends Record<string, ParamKind>
    ? { [K in keyof S["params"]]: S["params"][K] extends NumberedKind ? number : string }
    : Record<string, never>;

export type RouteInput<S extends RouteSpec> = {
  request: Request;
  context: S["access"] extends "public" | "admin-or-backup-key" ? RequestContext | null : RequestContext;
  params: ParamsOf<S>;
  body: S["body"] extends z.ZodType ? z.output<S["body"]> : undefined;
  query: S["query"] extends z.ZodType ? z.output<S["query"]> : undefined;
};

/** The second argument Next passes to a route handler. */
type Segment = { params?: Promise<Record<string, string | string[] | undefined>> };

async function contextFor(request: Request, access: Access): Promise<RequestContext | null> {
  switch (access) {
    case "public":
      return null;
    case "admin-or-backup-key": {
      if (isBackupKey(request.headers.get("x-nianbaotong-backup-key"))) return null;
      const context = await requireContext(request);
      requireAdmin(context);
      return context;
    }
    case "first-password":
      return requireContext(request, { allowFirstPassword: true });
    default: {
      const context = await requireContext(request);
      if (access === "reviewer") requireReviewer(context);
      if (access === "admin") requireAdmin(context);
      return context;
    }
  }
}

function paramValue(kind: ParamKind, raw: unknown): string | number {
  if (typeof raw !== "string") throw missing[kind]();
  if (kind === "version" || kind === "sequence") {
    const number = /^\d{1,10}$/.test(raw) ? Number(raw) : 0;
    if (!isPositiveInt4(number)) throw missing[kind]();
    return number;
  }
  if (!isWellFormedId(raw)) throw missing[kind]();
  return raw;
}

/** Parsed with the schema, or refused (400) with the one message every route gives for a schema problem. */
function parsed<T>(schema: z.ZodType<T>, value: unknown, labels: Record<string, string> | undefined): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new RequestError(schemaErrorMessage(result.error, labels), 400);
  return result.data;
}

/** The query as one value a name; a repeated name keeps its first value, a blank one counts as absent. */
function queryObject(url: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of new URL(url).searchParams) if (!(name in query) && value !== "") query[name] = value;
  return query;
}

/**
 * The one way an API route is written: who may call it, what its path, query and body hold, and
 * every error — refused requests, store refusals, anything unexpected — answered by errorResponse
 * as Chinese JSON. Checked in this order: signed in and allowed (401/403), the path's ids (404),
 * the query (400), the body (413/415/400); then the handler.
 */
export function route<const S extends RouteSpec>(spec: S, handler: (input: RouteInput<S>) => Promise<Response>) {
  return async (request: Request, segment?: Segment): Promise<Response> => {
    try {
      const context = await contextFor(request, spec.access);
      const raw = (await segment?.params) ?? {};
      const params: Record<string, string | number> = {};
      for (const [name, kind] of Object.entries(spec.params ?? {})) {
        params[name] = paramValue(kind, raw[name]);
        // The summary only: the handler reads the report itself, and a save never needs it parsed twice.
        if (kind === "visible-report" && !(await context?.store.getReportSummary(params[name] as string))) throw notFound();
      }
      const query = spec.query ? parsed(spec.query, queryObject(request.url), spec.labels) : undefined;
      const body = spec.body ? parsed(spec.body, await readJsonBody(request, spec.maxBytes ?? 100_000), spec.labels) : undefined;
      return await handler({ request, context, params, query, body } as RouteInput<S>);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** A revision or version number in a body: a positive whole number (a string of digits too). */
export const ZRevisionNumber = z.preprocess(
  (value) => (typeof value === "string" && /^\d{1,10}$/.test(value) ? Number(value) : value),
  z.number().refine(isPositiveInt4, { message: "应为正整数" }),
);

/** An empty JSON object: a write that carries nothing still comes as JSON, so no form on another site can send it. */
export const ZNoBody = z.object({}).strict();

/** Any JSON (read and checked as JSON, not used). */
export const ZAnyBody = z.unknown();

/** A 0/1 switch in a query string. */
export const ZQueryFlag = z.enum(["0", "1"], { message: "应为 0 或 1" });
