import { type AccessScopes, type Actor, accessScopes, scopesNeedUnitTree } from "@/lib/auth/access";
import { sessionFromHeaders } from "@/lib/auth/sessions";
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
  /** Still on the first password the administrator set: nothing but changing it is allowed. */
  mustChangePassword: boolean;
};

/** Where a person on a first password is sent, and what every other request answers them. */
export const CHANGE_PASSWORD_PATH = "/account/password";
export const MUST_CHANGE_PASSWORD_MESSAGE =
  "请先修改初始密码：管理员设置的密码须在首次登录时改为您自己的密码（页面“修改初始密码”）";

/** The signed-in person of a request and their view of the store; none → 401 in Chinese. */
export async function contextFromHeaders(headers: Headers): Promise<RequestContext | null> {
  const root = await getReportStore();
  const signedIn = await sessionFromHeaders(root.db, headers);
  if (!signedIn) return null;
  const { actor, mustChangePassword } = signedIn;
  // Only a 审核人's scope depends on the unit tree: the others' requests (every autosave) skip reading it.
  const scopes = accessScopes(actor, scopesNeedUnitTree(actor) ? await listUnits(root.db) : []);
  return { actor, scopes, store: root.as(actor, scopes), root, mustChangePassword };
}

/**
 * The signed-in person of an API request; none → 401. Someone still on the first password the
 * administrator set gets 403 from every route but those that let them change it (`allowFirstPassword`).
 */
export async function requireContext(request: Request, options: { allowFirstPassword?: boolean } = {}): Promise<RequestContext> {
  const context = await contextFromHeaders(request.headers);
  if (!context) throw new RequestError("请先登录（登录已过期或尚未登录）", 401);
  if (context.mustChangePassword && !options.allowFirstPassword)
    throw new RequestError(MUST_CHANGE_PASSWORD_MESSAGE, 403, { mustChangePassword: true });
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
