import { type AccessScopes, type Actor, accessScopes } from "@/lib/auth/access";
import { actorFromHeaders } from "@/lib/auth/sessions";
import { getReportStore, type ReportStore } from "@/lib/store/report-store";
import { listUnits } from "@/lib/store/unit-store";
import { RequestError } from "./api-response";

export type RequestContext = {
  actor: Actor;
  scopes: AccessScopes;
  /** The store as this person sees it: every query limited to their units. */
  store: ReportStore;
  /** The unlimited store, for account and unit administration only. */
  root: ReportStore;
};

/** The signed-in person of a request and their view of the store; none → 401 in Chinese. */
export async function contextFromHeaders(headers: Headers): Promise<RequestContext | null> {
  const root = await getReportStore();
  const actor = await actorFromHeaders(root.db, headers);
  if (!actor) return null;
  const scopes = accessScopes(actor, await listUnits(root.db));
  return { actor, scopes, store: root.as(actor, scopes), root };
}

export async function requireContext(request: Request): Promise<RequestContext> {
  const context = await contextFromHeaders(request.headers);
  if (!context) throw new RequestError("请先登录（登录已过期或尚未登录）", 401);
  return context;
}

export function requireAdmin(context: RequestContext): void {
  if (context.actor.role !== "admin") throw new RequestError("只有管理员可以管理单位和账号", 403);
}

export function requireReviewer(context: RequestContext): void {
  if (context.actor.role === "filler") throw new RequestError("只有审核人和管理员可以查看汇总和审核", 403);
}

/** The address the server read from the socket (server.ts), for login limits. */
export const clientAddress = (request: Request): string => request.headers.get("x-nianbaotong-client-address") ?? "";
