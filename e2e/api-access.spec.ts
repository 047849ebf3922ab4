// Guards access at the HTTP door on both engines: no session → 401, another unit → 404, another site → 403, not JSON → 415, unknown host → 421.
import { type APIRequestContext, expect, request as playwrightRequest, test } from "@playwright/test";
import {
  createScratchDatabase,
  probePostgres,
  type ScratchDatabase,
  testDatabaseUrl,
} from "@/lib/store/test-support/scratch-database";
import { accounts, firstPasswordOf, originHeaders, setUpServer, signIn, signInFirstTime } from "./fixtures/accounts";
import { type AppServer, startAppServer } from "./fixtures/app-server";

const serverUrl = testDatabaseUrl();

const reportRoutes = (id: string): [string, string][] => [
  ["GET", `/api/reports/${id}`],
  ["PUT", `/api/reports/${id}`],
  ["DELETE", `/api/reports/${id}`],
  ["POST", `/api/reports/${id}/restore`],
  ["GET", `/api/reports/${id}/export?format=html&draft=1`],
  ["GET", `/api/reports/${id}/versions`],
  ["GET", `/api/reports/${id}/versions/1`],
  ["POST", `/api/reports/${id}/versions/1/restore`],
  ["POST", `/api/reports/${id}/submit`],
  ["POST", `/api/reports/${id}/withdraw`],
  ["POST", `/api/reports/${id}/return`],
  ["POST", `/api/reports/${id}/approve`],
  ["POST", `/api/reports/${id}/publish`],
  ["POST", `/api/reports/${id}/correct`],
  ["GET", `/api/reports/${id}/workflow`],
  ["GET", `/api/reports/${id}/published/1`],
];

const otherRoutes: [string, string][] = [
  ["GET", "/api/reports"],
  ["POST", "/api/reports"],
  ["POST", "/api/import"],
  ["POST", "/api/import/read"],
  ["GET", "/api/units"],
  ["POST", "/api/units"],
  ["GET", "/api/users"],
  ["POST", "/api/users"],
  ["GET", "/api/overview"],
  ["GET", "/api/summary"],
  ["GET", "/api/batch-export"],
  ["GET", "/api/backup"],
  ["GET", "/api/auth/me"],
  ["POST", "/api/auth/password"],
];

const bodyFor = (method: string, path: string) => {
  if (method === "GET" || method === "DELETE") return undefined;
  if (path.includes("/import")) return undefined;
  if (path.endsWith("/versions/1/restore") || /\/api\/reports\/[^/]+$/.test(path)) return { baseRevision: 1, report: {} };
  return {};
};

async function call(request: APIRequestContext, method: string, path: string, headers: Record<string, string> = {}) {
  return request.fetch(path, { method, headers, data: bodyFor(method, path) });
}

for (const engine of ["pglite", "postgres"] as const) {
  test.describe(`接口访问控制（${engine}）`, () => {
    let server: AppServer;
    let scratch: ScratchDatabase | null = null;
    let admin: APIRequestContext;
    let fillerA: APIRequestContext;
    let anonymous: APIRequestContext;
    let reportB = "";

    test.beforeAll(async () => {
      test.setTimeout(240_000);
      if (engine === "postgres") {
        const problem = await probePostgres(serverUrl);
        if (problem && !process.env.CI) test.skip(true, `无法连接 ${serverUrl}：${problem}`);
        scratch = await createScratchDatabase(serverUrl);
      }
      server = await startAppServer(engine === "pglite" ? 3111 : 3112, { databaseUrl: scratch?.url });
      const base = server.url;
      admin = await playwrightRequest.newContext({ baseURL: base });
      await setUpServer(admin, base);
      await signIn(admin, base, accounts.admin);
      const { units } = (await (await admin.get("/api/units")).json()) as { units: { id: string }[] };
      const made: Record<string, string> = {};
      for (const name of ["访问单位甲", "访问单位乙"]) {
        const response = await admin.post("/api/units", { data: { name, parentId: units[0]!.id } });
        made[name] = ((await response.json()) as { units: { id: string }[] }).units[0]!.id;
      }
      for (const [username, unit] of [
        ["accessa", "访问单位甲"],
        ["accessb", "访问单位乙"],
      ] as const) {
        expect(
          (
            await admin.post("/api/users", {
              data: {
                username,
                name: username,
                password: firstPasswordOf({ password: "access-password" }),
                role: "filler",
                unitId: made[unit],
              },
            })
          ).status(),
        ).toBe(201);
      }
      const fillerB = await playwrightRequest.newContext({ baseURL: base });
      await signInFirstTime(fillerB, base, {
        username: "accessb",
        password: "access-password",
        name: "",
        role: "filler",
        unit: "",
      });
      const created = await fillerB.post("/api/reports", { data: { agencyName: "访问单位乙", year: 2025 } });
      reportB = ((await created.json()) as { stored: { id: string } }).stored.id;
      await fillerB.dispose();
      fillerA = await playwrightRequest.newContext({ baseURL: base });
      await signInFirstTime(fillerA, base, {
        username: "accessa",
        password: "access-password",
        name: "",
        role: "filler",
        unit: "",
      });
      anonymous = await playwrightRequest.newContext({ baseURL: base });
    });

    test.afterAll(async () => {
      await Promise.all([admin?.dispose(), fillerA?.dispose(), anonymous?.dispose()]);
      await server?.kill();
      await scratch?.drop();
    });

    test("没有登录：每个接口都是 401 和中文说明", async () => {
      for (const [method, path] of [...otherRoutes, ...reportRoutes(reportB)]) {
        const response = await call(anonymous, method, path);
        expect(response.status(), `${method} ${path}`).toBe(401);
        expect(((await response.json()) as { message: string }).message, path).toContain("请先登录");
      }
    });

    test("其他单位的报告：每个接口都是 404，数据不变", async () => {
      for (const [method, path] of reportRoutes(reportB)) {
        const response = await call(fillerA, method, path);
        expect(response.status(), `${method} ${path}`).toBe(404);
      }
      const stored = await admin.get(`/api/reports/${reportB}`);
      expect(((await stored.json()) as { stored: { revision: number; status: string } }).stored).toMatchObject({
        revision: 1,
        status: "editing",
      });
      // Administration is the administrator's.
      expect((await fillerA.get("/api/users")).status()).toBe(403);
      expect((await fillerA.get("/api/overview")).status()).toBe(403);
    });

    test("其他网站发来的修改请求 403；不是 JSON 415；未配置的主机名 421；每个响应都带安全头", async () => {
      const foreign = await call(admin, "POST", "/api/reports", { origin: "http://evil.example" });
      expect(foreign.status()).toBe(403);
      expect(((await foreign.json()) as { message: string }).message).toContain("拒绝来自其他网站的修改请求");
      // Same host and port but another scheme is another origin.
      const otherScheme = await call(admin, "POST", "/api/reports", { origin: server.url.replace(/^http:/, "https:") });
      expect(otherScheme.status()).toBe(403);
      const otherPort = await call(admin, "POST", "/api/reports", {
        origin: `http://127.0.0.1:${Number(new URL(server.url).port) + 1}`,
      });
      expect(otherPort.status()).toBe(403);
      // After login only to a path of this site (a signed-in visit to /login goes straight to `next`).
      for (const next of [
        "/%09/evil.example",
        "//evil.example",
        "/%5Cevil.example",
        "https://evil.example/",
        "/\\evil.example",
      ]) {
        const response = await admin.get(`/login?next=${next}`, { maxRedirects: 0 });
        expect(response.status(), next).toBe(307);
        expect(response.headers().location, next).toBe("/");
      }
      const foreignReferer = await admin.fetch("/api/reports", {
        method: "POST",
        headers: { referer: "http://evil.example/page" },
        data: { agencyName: "某县", year: 2025 },
      });
      expect(foreignReferer.status()).toBe(403);
      const sameOrigin = await admin.fetch("/api/reports", {
        method: "POST",
        headers: originHeaders(server.url),
        data: { agencyName: "同源测试县", year: 2025 },
      });
      expect(sameOrigin.status()).toBe(201);
      const plain = await admin.fetch("/api/reports", {
        method: "POST",
        headers: { "content-type": "text/plain" },
        data: JSON.stringify({ agencyName: "某县", year: 2025 }),
      });
      expect(plain.status()).toBe(415);
      const form = await admin.fetch("/api/reports", { method: "POST", form: { agencyName: "某县", year: "2025" } });
      expect(form.status()).toBe(415);
      const rebinding = await admin.fetch("/login", { headers: { host: "evil.example" } });
      expect(rebinding.status()).toBe(421);
      for (const path of ["/login", "/api/reports"]) {
        const response = await admin.get(path);
        const headers = response.headers();
        expect(headers["x-content-type-options"]).toBe("nosniff");
        expect(headers["referrer-policy"]).toBe("same-origin");
        expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
        expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      }
    });
  });
}
