import { z } from "zod";
import { describeRole } from "@/lib/auth/accounts";
import { changeOwnPassword, type SessionCookies, signIn, signOut } from "@/lib/auth/sessions";
import { completeFirstRun, needsFirstRun } from "@/lib/auth/setup";
import { ZText } from "@/lib/report/report-schema";
import { getReportStore } from "@/lib/store/report-store";
import { listUnits } from "@/lib/store/unit-store";
import { RequestError } from "./api-response";
import { clientAddress } from "./request-context";
import { route, ZAnyBody } from "./route";

const ZLogin = z.object({ username: ZText(100), password: ZText(200) }).strict();
const ZPasswordChange = z.object({ currentPassword: ZText(200), newPassword: ZText(200) }).strict();
const ZSetup = z
  .object({
    code: ZText(40),
    unitName: ZText(200),
    username: ZText(100),
    name: ZText(100),
    password: ZText(200),
  })
  .strict();

const labels = {
  username: "用户名",
  password: "密码",
  currentPassword: "当前密码",
  newPassword: "新密码",
  code: "首次设置代码",
  unitName: "单位名称",
  name: "姓名",
};

/** A JSON answer that also sets (or clears) the session cookie better-auth made. */
function withCookies(body: unknown, cookies: SessionCookies, status = 200): Response {
  const headers = new Headers({ "content-type": "application/json", "cache-control": "no-store" });
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  return new Response(JSON.stringify(body), { status, headers });
}

/** POST /api/auth/login */
export const login = route({ access: "public", body: ZLogin, maxBytes: 10_000, labels }, async ({ request, body }) => {
  const store = await getReportStore();
  if (await needsFirstRun(store)) throw new RequestError("本服务器还没有管理员：请先完成首次设置（/setup）", 409);
  const { cookies } = await signIn(store.db, { ...body, address: clientAddress(request), headers: request.headers });
  return withCookies({ signedIn: true }, cookies);
});

/** POST /api/auth/logout */
export const logout = route({ access: "public", body: ZAnyBody, maxBytes: 1_000 }, async ({ request }) => {
  const store = await getReportStore();
  return withCookies({ signedOut: true }, await signOut(store.db, request.headers));
});

/** POST /api/auth/password: one's own password, with the current one. */
export const changePassword = route(
  { access: "first-password", body: ZPasswordChange, maxBytes: 10_000, labels },
  async ({ request, context: { root }, body }) =>
    withCookies({ changed: true }, await changeOwnPassword(root.db, request.headers, body)),
);

/** GET /api/auth/me */
export const me = route({ access: "first-password" }, async ({ context: { actor, root, mustChangePassword } }) => {
  const unit = (await listUnits(root.db)).find((candidate) => candidate.id === actor.unitId) ?? null;
  return Response.json({ ...actor, roleLabel: describeRole(actor.role), unitName: unit?.name ?? null, mustChangePassword });
});

/** POST /api/setup: the first administrator and unit, only with the code the server printed. */
export const setup = route({ access: "public", body: ZSetup, maxBytes: 10_000, labels }, async ({ request, body }) => {
  const store = await getReportStore();
  const admin = await completeFirstRun(store, body);
  const { cookies } = await signIn(store.db, {
    username: admin.username,
    password: body.password,
    address: clientAddress(request),
    headers: request.headers,
  });
  return withCookies({ admin: { id: admin.id, username: admin.username } }, cookies, 201);
});
