import { z } from "zod";
import { describeRole } from "@/lib/auth/accounts";
import { changeOwnPassword, type SessionCookies, signIn, signOut } from "@/lib/auth/sessions";
import { completeFirstRun, needsFirstRun } from "@/lib/auth/setup";
import { getReportStore } from "@/lib/store/report-store";
import { listUnits } from "@/lib/store/unit-store";
import { errorResponse, RequestError, readJsonBody } from "./api-response";
import { clientAddress, requireContext } from "./request-context";

const ZLogin = z.object({ username: z.string().max(100), password: z.string().max(200) }).strict();
const ZPasswordChange = z.object({ currentPassword: z.string().max(200), newPassword: z.string().max(200) }).strict();
const ZSetup = z
  .object({
    code: z.string().max(40),
    unitName: z.string().max(200),
    username: z.string().max(100),
    name: z.string().max(100),
    password: z.string().max(200),
  })
  .strict();

async function bodyOf<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(await readJsonBody(request, 10_000));
  if (!parsed.success) throw new RequestError("请求格式不对：请从登录页面提交", 400);
  return parsed.data;
}

/** A JSON answer that also sets (or clears) the session cookie better-auth made. */
function withCookies(body: unknown, cookies: SessionCookies, status = 200): Response {
  const headers = new Headers({ "content-type": "application/json", "cache-control": "no-store" });
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  return new Response(JSON.stringify(body), { status, headers });
}

/** POST /api/auth/login */
export async function login(request: Request): Promise<Response> {
  try {
    const body = await bodyOf(request, ZLogin);
    const store = await getReportStore();
    if (await needsFirstRun(store)) throw new RequestError("本服务器还没有管理员：请先完成首次设置（/setup）", 409);
    const { cookies } = await signIn(store.db, { ...body, address: clientAddress(request), headers: request.headers });
    return withCookies({ signedIn: true }, cookies);
  } catch (error) {
    return errorResponse(error);
  }
}

/** POST /api/auth/logout */
export async function logout(request: Request): Promise<Response> {
  try {
    await readJsonBody(request, 1_000);
    const store = await getReportStore();
    return withCookies({ signedOut: true }, await signOut(store.db, request.headers));
  } catch (error) {
    return errorResponse(error);
  }
}

/** POST /api/auth/password: one's own password, with the current one. */
export async function changePassword(request: Request): Promise<Response> {
  try {
    const { root } = await requireContext(request, { allowFirstPassword: true });
    const body = await bodyOf(request, ZPasswordChange);
    return withCookies({ changed: true }, await changeOwnPassword(root.db, request.headers, body));
  } catch (error) {
    return errorResponse(error);
  }
}

/** GET /api/auth/me */
export async function me(request: Request): Promise<Response> {
  try {
    const { actor, root, mustChangePassword } = await requireContext(request, { allowFirstPassword: true });
    const unit = (await listUnits(root.db)).find((candidate) => candidate.id === actor.unitId) ?? null;
    return Response.json({ ...actor, roleLabel: describeRole(actor.role), unitName: unit?.name ?? null, mustChangePassword });
  } catch (error) {
    return errorResponse(error);
  }
}

/** POST /api/setup: the first administrator and unit, only with the code the server printed. */
export async function setup(request: Request): Promise<Response> {
  try {
    const body = await bodyOf(request, ZSetup);
    const store = await getReportStore();
    const admin = await completeFirstRun(store, body);
    const { cookies } = await signIn(store.db, {
      username: admin.username,
      password: body.password,
      address: clientAddress(request),
      headers: request.headers,
    });
    return withCookies({ admin: { id: admin.id, username: admin.username } }, cookies, 201);
  } catch (error) {
    return errorResponse(error);
  }
}
