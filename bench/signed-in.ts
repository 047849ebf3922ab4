import type { AppServer } from "@/e2e/fixtures/app-server";

export const BENCH_ADMIN = { username: "benchadmin", password: "bench-admin-password" };

async function ok(response: Response, what: string): Promise<Response> {
  if (!response.ok) throw new Error(`${what}：${response.status} ${await response.text()}`);
  return response;
}

/** The first-run setup on a fresh benchmark server (its SETUP_CODE is the browser tests'). */
export async function setUpBenchServer(server: AppServer, code: string, unitName = "基准测试县人民政府"): Promise<void> {
  const response = await fetch(`${server.url}/api/setup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ code, unitName, username: BENCH_ADMIN.username, name: "基准管理员", password: BENCH_ADMIN.password }),
  });
  if (response.status !== 409) await ok(response, "首次设置");
}

/** A session cookie for `username`, as a browser would keep it. */
export async function signInCookie(server: AppServer, username: string, password: string): Promise<string> {
  const response = await ok(
    await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password }),
    }),
    `登录 ${username}`,
  );
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

/** A person's first sign-in: the password the administrator set replaced by their own, as the app requires. */
export async function changeFirstPassword(server: AppServer, username: string, first: string, own: string): Promise<void> {
  const cookie = await signInCookie(server, username, first);
  await ok(
    await fetch(`${server.url}/api/auth/password`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ currentPassword: first, newPassword: own }),
    }),
    `修改初始密码 ${username}`,
  );
}

/** fetch with the session cookie and JSON. */
export function client(server: AppServer, cookie: string) {
  return async (path: string, init: { method?: string; json?: unknown } = {}): Promise<Response> =>
    fetch(`${server.url}${path}`, {
      method: init.method ?? "GET",
      headers: { cookie, ...(init.json === undefined ? {} : { "content-type": "application/json" }) },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });
}
