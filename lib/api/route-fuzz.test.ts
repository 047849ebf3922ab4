// "No request gets a 500", on both engines: every API route (found by walking app/api) × every
// role × malformed ids, query values and bodies (wrong types, huge and negative numbers, deep
// nesting, long arrays, NUL, lone surrogates, U+FFFE, invalid UTF-8, oversize bodies). Every answer
// is below 500, and every refusal is JSON with a Chinese message.
import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { createAccount } from "@/lib/auth/accounts";
import { ledgerCells } from "@/lib/format";
import type { ReportStore } from "@/lib/store/report-store";
import { createUnit } from "@/lib/store/unit-store";
import { appStoreCases, describeOnEachEngine } from "./test-support/app-store";
import { signedInCookie } from "./test-support/session";

const cases = await appStoreCases();

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Route = { pattern: string; method: string; handler: Handler; params: string[] };

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every route file under app/api, as Next serves it: its URL pattern and its methods. */
async function apiRoutes(): Promise<Route[]> {
  const root = path.join(process.cwd(), "app", "api");
  const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((file) => path.basename(file) === "route.ts");
  const routes: Route[] = [];
  for (const file of files.sort()) {
    const folder = path.dirname(file).split(path.sep).join("/");
    const pattern = `/api/${folder}`;
    const module = (await import(/* @vite-ignore */ path.join(root, file))) as Record<string, unknown>;
    const params = [...pattern.matchAll(/\[(\w+)\]/g)].map((match) => match[1]!);
    for (const method of METHODS) {
      const handler = module[method];
      if (typeof handler === "function") routes.push({ pattern, method, handler: handler as Handler, params });
    }
  }
  return routes;
}

type Ids = {
  /** 已提交: the transitions meet it in the order they are tried (approve, return, submit, withdraw). */
  reportId: string;
  /** 已发布, for 更正 and the published files. */
  publishedId: string;
  /** 退回修改 with one open comment. */
  commentedId: string;
  commentId: string;
  unitId: string;
  userId: string;
};

/** The id each route's path takes when it is not the one being spoiled. */
function validId(pattern: string, name: string, ids: Ids): string {
  if (name === "version" || name === "sequence") return "1";
  if (name === "commentId") return ids.commentId;
  if (pattern.startsWith("/api/units")) return ids.unitId;
  if (pattern.startsWith("/api/users")) return ids.userId;
  if (pattern.includes("/comments/")) return ids.commentedId;
  if (pattern.endsWith("/correct") || pattern.includes("/published/")) return ids.publishedId;
  return ids.reportId;
}

/** A valid body for each write, whose every field the fuzz then spoils one at a time. */
function bodyTemplates(ids: Ids): Record<string, Record<string, unknown>[]> {
  return {
    "POST /api/auth/login": [{ username: "nobody", password: "wrong-password-1" }],
    "POST /api/auth/logout": [{}],
    "POST /api/auth/password": [{ currentPassword: "wrong-password-1", newPassword: "new-password-123" }],
    "POST /api/setup": [
      { code: "ABCD-EFGH", unitName: "模糊县", username: "fuzzadmin", name: "某人", password: "fuzz-password-1" },
    ],
    "POST /api/units": [
      { name: "模糊新单位", parentId: ids.unitId, deadline: "01-31" },
      { list: "模糊甲局\n    模糊乙所", parentId: ids.unitId },
    ],
    "PATCH /api/units/[id]": [{ name: "模糊改名单位", deadline: "02-28", parentId: null }],
    "POST /api/users": [
      { username: "fuzzuser", name: "模糊人", password: "fuzz-password-1", role: "filler", unitId: ids.unitId },
    ],
    "PATCH /api/users/[id]": [{ role: "filler", unitId: ids.unitId, name: "模糊人", disabled: false }],
    "POST /api/users/[id]/password": [{ password: "fuzz-password-2" }],
    "POST /api/reports": [
      { agencyName: "模糊测试局", year: 2025, unitId: ids.unitId },
      { fromReportId: ids.reportId },
      { report: { formatVersion: "2021", info: { agencyName: "模糊副本局", year: 2024 } }, asCopy: true, unitId: ids.unitId },
      { example: true },
    ],
    "PUT /api/reports/[id]": [{ baseRevision: 1, report: { formatVersion: "2021", info: { agencyName: "模糊局", year: 2025 } } }],
    "POST /api/reports/[id]/restore": [{}],
    "POST /api/reports/[id]/versions/[version]/restore": [{ baseRevision: 1 }],
    "POST /api/reports/[id]/submit": [{ comment: "请审核" }],
    "POST /api/reports/[id]/withdraw": [{ comment: "撤回" }],
    "POST /api/reports/[id]/approve": [{ comment: "同意" }],
    "POST /api/reports/[id]/return": [
      {
        comment: "请修改",
        comments: [
          { cellId: ledgerCells[0]!.id, body: "单元格意见" },
          { sectionId: "problems", body: "部分意见" },
        ],
      },
    ],
    "POST /api/reports/[id]/correct": [{ reason: "更正原因" }],
    "POST /api/reports/[id]/publish": [{}],
    "POST /api/reports/[id]/comments/[commentId]/resolve": [{}],
  };
}

/** The query each read takes, valid; each value is then spoiled one at a time. */
const queryTemplates: Record<string, Record<string, string>> = {
  "GET /api/overview": { year: "2025", status: "draft", errors: "1", q: "局" },
  "GET /api/summary": { year: "2025", units: "", format: "json" },
  "GET /api/batch-export": { year: "2025", units: "", drafts: "0" },
  "GET /api/reports": { deleted: "0" },
  "GET /api/reports/[id]/export": { format: "html", draft: "1", inline: "0", fragment: "0" },
  "GET /api/reports/[id]/published/[sequence]": { format: "pdf" },
  "POST /api/import": { year: "2025", as: "copy" },
  "POST /api/import/read": { year: "2025" },
};

const deep = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
const deepObject = (depth: number): unknown => {
  let value: unknown = 1;
  for (let level = 0; level < depth; level += 1) value = { a: value };
  return value;
};

/**
 * Values that take the place of one field of a valid body. The text ones come first: a value that
 * happens to be accepted moves the report on, and later ones then meet a state that refuses them.
 */
const badValues: [string, unknown][] = [
  ["NUL", "单位\u0000名"],
  ["孤立代理", "单位\ud800名"],
  ["孤立低代理", "\udc00单位"],
  ["U+FFFE", "单位\ufffe名"],
  ["U+FFFF", "单位\uffff"],
  ["C0", "单位\u0001\u001b名"],
  ["DEL", "单位\u007f"],
  ["长文字", "长".repeat(120_000)],
  ["1e308", 1e308],
  ["-1e308", -1e308],
  ["-1", -1],
  ["2^53+1", 2 ** 53 + 1],
  ["小数", 1.5],
  ["true", true],
  ["null", null],
  ["[]", []],
  ["{}", {}],
  ["深层对象", deepObject(2_000)],
  ["长数组", Array.from({ length: 50_000 }, (_, index) => index)],
  ["不存在的编号", "5f0c8c1e-7a4e-4d52-9a1b-000000000000"],
  ["空", ""],
];

/** Whole bodies that are not what any route takes. */
const badBodies: [string, { body: Uint8Array<ArrayBuffer> | string; type?: string; length?: number }][] = [
  ["空请求体", { body: "" }],
  ["null", { body: "null" }],
  ["数组", { body: "[]" }],
  ["字符串", { body: '"x"' }],
  ["数字", { body: "1e400" }],
  ["截断的 JSON", { body: '{"a":' }],
  ["深层嵌套数组", { body: deep(100_000) }],
  ["深层嵌套对象", { body: `${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}` }],
  ["长数组", { body: `[${"0,".repeat(300_000)}0]` }],
  ["无效 UTF-8", { body: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) }],
  ["NUL 字节", { body: new Uint8Array([0x7b, 0x00, 0x7d]) }],
  ["过大（声明长度）", { body: "", length: 60_000_000 }],
  ["过大（流式）", { body: `{"a":"${"x".repeat(2_500_000)}"}` }],
  ["text/plain", { body: "{}", type: "text/plain" }],
  ["表单", { body: "a=1", type: "application/x-www-form-urlencoded" }],
  ["无 Content-Type", { body: "{}", type: "" }],
];

/** What takes the place of an id in the path (as the route receives it). */
const badIds = [
  "not-a-uuid",
  "%ff",
  "%E4%B8%AD%ff",
  "00000000-0000-0000-0000-000000000000",
  "5F0C8C1E-7A4E-4D52-9A1B-00000000000G",
  "-1",
  "0",
  "1e400",
  "99999999999999999999",
  "2147483648",
  "1.5",
  "a\u0000b",
  "a\ud800",
  "\ufffe",
  "x".repeat(5_000),
  "../../etc/passwd",
  "",
];

const badQueryValues = [
  "abc",
  "99999",
  "-5",
  "1e400",
  "",
  "NaN",
  "\u0000",
  "\ud800",
  "%ff",
  "x".repeat(10_000),
  "2025,2025",
  " 2025",
];

type Probe = { label: string; request: Request; params: Record<string, string> };

function jsonRequest(url: string, method: string, cookie: string, body: unknown): Request {
  return new Request(url, {
    method,
    headers: { cookie, "content-type": "application/json" },
    ...(method === "GET" || method === "DELETE" ? {} : { body: JSON.stringify(body) }),
  });
}

/** An id as it appears in the path: percent-encoded, except the malformed encodings sent as they are. */
function pathSegment(value: string): string {
  if (value.startsWith("%")) return value;
  try {
    return encodeURIComponent(value);
  } catch {
    // A lone surrogate cannot be encoded: the URL parser writes U+FFFD for it.
    return value;
  }
}

const fill = (pattern: string, params: Record<string, string>) =>
  pattern.replace(/\[(\w+)\]/g, (_, name: string) => pathSegment(params[name]!));

/** Every malformed request for one route as one person. */
function probes(route: Route, cookie: string, ids: Ids, templates: Record<string, Record<string, unknown>[]>): Probe[] {
  const key = `${route.method} ${route.pattern}`;
  const validParams = Object.fromEntries(route.params.map((name) => [name, validId(route.pattern, name, ids)]));
  const isUpload = route.pattern.startsWith("/api/import");
  const query = queryTemplates[key] ?? {};
  const bodies = templates[key] ?? [{}];
  const hasBody = route.method !== "GET" && route.method !== "DELETE";
  const url = (params: Record<string, string>, search: Record<string, string>) =>
    `http://localhost${fill(route.pattern, params)}?${new URLSearchParams(search)}`;
  const valid = (params: Record<string, string>, search: Record<string, string>, label: string): Probe => ({
    label,
    params,
    request: isUpload
      ? new Request(url(params, search), {
          method: route.method,
          headers: { cookie, "content-type": "application/octet-stream", "x-file-name": encodeURIComponent("报告.txt") },
          body: "不是年报的文字",
        })
      : jsonRequest(url(params, search), route.method, cookie, bodies[0]),
  });
  const list: Probe[] = [];
  for (const name of route.params)
    for (const bad of badIds)
      list.push(valid({ ...validParams, [name]: bad }, query, `路径 ${name}=${JSON.stringify(bad.slice(0, 40))}`));
  for (const name of Object.keys(query))
    for (const bad of badQueryValues)
      list.push(valid(validParams, { ...query, [name]: bad }, `查询 ${name}=${JSON.stringify(bad.slice(0, 40))}`));
  if (isUpload) {
    const headerCases: [string, Record<string, string>, BodyInit][] = [
      ["无文件名", { "content-type": "application/octet-stream" }, "x"],
      ["文件名 %ff", { "content-type": "application/octet-stream", "x-file-name": "%ff" }, "x"],
      ["文件名 NUL", { "content-type": "application/octet-stream", "x-file-name": "a%00.txt" }, "x"],
      ["文件名孤立代理", { "content-type": "application/octet-stream", "x-file-name": "a%ED%A0%80.txt" }, "x"],
      ["JSON 上传", { "content-type": "application/json", "x-file-name": "a.txt" }, "{}"],
      ["空文件", { "content-type": "application/octet-stream", "x-file-name": "a.docx" }, ""],
      ["坏的 DOCX", { "content-type": "application/octet-stream", "x-file-name": "a.docx" }, "PK\u0003\u0004broken"],
      ["坏的 PDF", { "content-type": "application/octet-stream", "x-file-name": "a.pdf" }, "%PDF-1.7 broken"],
      [
        "无效 UTF-8",
        { "content-type": "application/octet-stream", "x-file-name": "a.txt" },
        new Uint8Array([0xff, 0xfe, 0x00, 0xd8]),
      ],
      [
        "过大（声明长度）",
        { "content-type": "application/octet-stream", "x-file-name": "a.txt", "content-length": "900000000" },
        "x",
      ],
    ];
    for (const [label, headers, body] of headerCases)
      list.push({
        label,
        params: validParams,
        request: new Request(url(validParams, query), { method: route.method, headers: { cookie, ...headers }, body }),
      });
    return [...list, valid(validParams, query, "正常请求")];
  }
  if (!hasBody) return [...list, valid(validParams, query, "正常请求")];
  for (const [label, { body, type, length }] of badBodies) {
    const headers: Record<string, string> = { cookie };
    if (type !== "") headers["content-type"] = type ?? "application/json";
    if (length !== undefined) headers["content-length"] = String(length);
    list.push({
      label: `请求体 ${label}`,
      params: validParams,
      request: new Request(url(validParams, query), { method: route.method, headers, body }),
    });
  }
  bodies.forEach((template, index) => {
    for (const [fieldPath, spoil] of fieldSpoilers(template)) {
      for (const [label, value] of badValues)
        list.push({
          label: `请求体 ${index + 1} 的 ${fieldPath}=${label}`,
          params: validParams,
          request: jsonRequest(url(validParams, query), route.method, cookie, spoil(value)),
        });
    }
    list.push({
      label: `请求体 ${index + 1} 多出的字段`,
      params: validParams,
      request: jsonRequest(url(validParams, query), route.method, cookie, { ...template, extra: "\u0000" }),
    });
  });
  return [...list, valid(validParams, query, "正常请求")];
}

/** For each leaf of a body (nested ones too), a function giving the body with that leaf replaced. */
function fieldSpoilers(template: unknown, at: string[] = []): [string, (value: unknown) => unknown][] {
  if (template === null || typeof template !== "object") return [[at.join("."), (value) => value]];
  const entries = Array.isArray(template)
    ? template.map((item, index) => [String(index), item] as const)
    : Object.entries(template);
  const spoilers: [string, (value: unknown) => unknown][] = [];
  for (const [key, child] of entries) {
    for (const [childPath, spoil] of fieldSpoilers(child, [...at, key])) {
      spoilers.push([
        childPath,
        (value) => {
          const copy = structuredClone(template) as Record<string, unknown>;
          copy[key] = spoil(value);
          return copy;
        },
      ]);
    }
  }
  return spoilers;
}

/** The order routes are tried in: what signs out or deletes comes last, so the rest meet live records. */
const lastly = (route: Route) => (route.pattern === "/api/auth/logout" ? 2 : route.method === "DELETE" ? 1 : 0);

type Outcome = { route: string; role: string; label: string; status: number; message: string };

const hasChinese = (text: string) => /[\u3400-\u9fff]/.test(text);

async function tryProbe(route: Route, role: string, probe: Probe): Promise<Outcome | null> {
  let response: Response;
  try {
    response = await route.handler(probe.request, { params: Promise.resolve(probe.params) });
  } catch (error) {
    // A handler that throws is what Next answers with a plain-text 500.
    return { route: `${route.method} ${route.pattern}`, role, label: probe.label, status: 500, message: String(error) };
  }
  // Read to the end: a download that fails while streaming fails here.
  const text = await response.text();
  if (response.status >= 500 && response.status !== 503 && response.status !== 507)
    return { route: `${route.method} ${route.pattern}`, role, label: probe.label, status: response.status, message: text };
  if (response.status >= 400) {
    let message = "";
    try {
      message = String((JSON.parse(text) as { message?: unknown }).message ?? "");
    } catch {
      message = `（不是 JSON）${text.slice(0, 80)}`;
    }
    if (!response.headers.get("content-type")?.includes("application/json") || !hasChinese(message))
      return { route: `${route.method} ${route.pattern}`, role, label: probe.label, status: response.status, message };
  }
  return null;
}

describeOnEachEngine(cases, "每个接口 × 每个角色 × 畸形请求：没有 500", (app) => {
  let store: ReportStore;
  const roles: Record<string, string> = { 未登录: "" };
  let ids: Ids;

  beforeAll(async () => {
    store = app.store;
    const top = await createUnit(store.db, { name: "模糊测试县人民政府" });
    await createUnit(store.db, { name: "模糊测试县财政局", parentId: top.id });
    const spare = await createUnit(store.db, { name: "模糊测试县备用局", parentId: top.id });
    roles.管理员 = await signedInCookie(store, { role: "admin", unitName: "模糊测试县人民政府" });
    roles.审核人 = await signedInCookie(store, { role: "reviewer", unitName: "模糊测试县人民政府" });
    roles.填报人 = await signedInCookie(store, { role: "filler", unitName: "模糊测试县财政局" });
    const victim = await createAccount(store.db, {
      username: "fuzzvictim",
      name: "被测账号",
      password: "victim-password-1",
      role: "filler",
      unitId: spare.id,
    });
    const handlerOf = async (file: string, method: string) =>
      ((await import(/* @vite-ignore */ path.join(process.cwd(), "app", "api", file, "route.ts"))) as Record<string, Handler>)[
        method
      ]!;
    const [create, submit, sendBack, approve, publish] = await Promise.all([
      handlerOf("reports", "POST"),
      handlerOf("reports/[id]/submit", "POST"),
      handlerOf("reports/[id]/return", "POST"),
      handlerOf("reports/[id]/approve", "POST"),
      handlerOf("reports/[id]/publish", "POST"),
    ]);
    const act = async (handler: Handler, cookie: string, id: string, body: unknown) => {
      const response = await handler(jsonRequest("http://localhost/x", "POST", cookie, body), {
        params: Promise.resolve({ id }),
      });
      expect(response.status, await response.clone().text()).toBeLessThan(300);
      return response;
    };
    /** A valid report of the filler's unit, submitted. */
    const submitted = async (agencyName: string) => {
      const report = structuredClone(publishedSeedReports()[1]!.report);
      report.info = { ...report.info, agencyName, year: 2025 };
      const created = await create(jsonRequest("http://localhost/api/reports", "POST", roles.填报人!, { report }), {
        params: Promise.resolve({}),
      });
      const { stored } = (await created.json()) as { stored: { id: string } };
      await act(submit, roles.填报人!, stored.id, {});
      return stored.id;
    };
    const reportId = await submitted("模糊测试县财政局");
    const commentedId = await submitted("模糊测试县财政局意见");
    await act(sendBack, roles.审核人!, commentedId, {
      comment: "请改",
      comments: [{ cellId: ledgerCells[0]!.id, body: "这里不对" }],
    });
    const publishedId = await submitted("模糊测试县财政局发布");
    await act(approve, roles.管理员!, publishedId, {});
    await act(publish, roles.管理员!, publishedId, {});
    const comments = await store.listComments(commentedId);
    ids = { reportId, publishedId, commentedId, commentId: comments[0]!.id, unitId: spare.id, userId: victim.id };
  }, 300_000);

  it("每个回答都低于 500，每个拒绝都是带中文说明的 JSON", { timeout: 900_000 }, async () => {
    const routes = (await apiRoutes()).sort((a, b) => lastly(a) - lastly(b));
    expect(routes.length).toBeGreaterThanOrEqual(38);
    const templates = bodyTemplates(ids);
    const failures: Outcome[] = [];
    let tried = 0;
    for (const route of routes) {
      for (const [role, cookie] of Object.entries(roles)) {
        for (const probe of probes(route, cookie, ids, templates)) {
          tried += 1;
          const failure = await tryProbe(route, role, probe);
          if (failure) failures.push(failure);
        }
      }
    }
    const serverErrors = failures.filter((failure) => failure.status >= 500);
    console.info(
      `接口模糊测试（${app.engine}）：${routes.length} 个接口方法，${tried} 个请求，${serverErrors.length} 个 500，${failures.length - serverErrors.length} 个拒绝缺中文 JSON 说明`,
    );
    const summary = failures.map(
      (failure) => `${failure.status} ${failure.route}（${failure.role}）${failure.label}：${failure.message.slice(0, 160)}`,
    );
    expect(summary).toEqual([]);
  });
});
