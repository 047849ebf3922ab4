// Guards "nothing malformed is stored, no request gets a 500": every bad request gets a 4xx with a Chinese message.
import { expect, test } from "@playwright/test";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { FORMAT_VERSION } from "@/lib/report/report-schema";
import { createReport, storedReport } from "./fixtures/reports-api";

// As published, narrative included, so that only what a test changes can stand in the way of an official export.
const seed001 = publishedSeedReports()[1]!.report;
const message = async (response: { json(): Promise<unknown> }) => ((await response.json()) as { message: string }).message;

test("文字中的 NUL 或孤立代理字符：400 并说明字段，库中不变，从不 500", async ({ request }) => {
  const created = await createReport(request, { agencyName: "控制字符测试县", year: 2025 });
  // Raw JSON text, so the escapes reach the server exactly as a client sent them.
  for (const escaped of ["\\u0000", "\\ud800"]) {
    const body = `{"baseRevision":1,"report":${JSON.stringify({ ...created.report, narrative: { ...created.report.narrative, problems: { body: "X", carriedFromLastYear: false } } }).replace('"body":"X"', `"body":"问题${escaped}"`)}}`;
    const response = await request.put(`/api/reports/${created.id}`, {
      headers: { "content-type": "application/json" },
      data: body,
    });
    expect(response.status()).toBe(400);
    expect(await message(response)).toContain("五、存在的主要问题及改进情况 正文");
  }
  const agency = await request.post("/api/reports", {
    headers: { "content-type": "application/json" },
    data: '{"agencyName":"某县\\u0000","year":2025}',
  });
  expect(agency.status()).toBe(400);
  expect(await message(agency)).toContain("机关全称");
  expect((await storedReport(request, created.id)).revision).toBe(1);
});

test("无效的 UTF-8 字节：400，不替换成 U+FFFD 存入", async ({ request }) => {
  const broken = Buffer.concat([
    Buffer.from('{"agencyName":"编码'),
    Buffer.from([0xff, 0xfe]),
    Buffer.from('测试县","year":2025}'),
  ]);
  const response = await request.post("/api/reports", { headers: { "content-type": "application/json" }, data: broken });
  expect(response.status()).toBe(400);
  expect(await message(response)).toBe("提交的数据含有无效的 UTF-8 字节，请以 UTF-8 编码提交");
  const list = (await (await request.get("/api/reports")).json()) as { reports: { agencyName: string }[] };
  expect(list.reports.some((report) => report.agencyName.includes("\uFFFD"))).toBe(false);
});

test("件数 1e20、1e308：保存为草稿但算错误，正式导出被拒绝，草稿不印成 1e+308", async ({ request }) => {
  for (const figure of [1e20, 1e308]) {
    const created = await createReport(request, {
      report: {
        formatVersion: FORMAT_VERSION,
        info: { agencyName: `大数测试县${figure === 1e20 ? "甲" : "乙"}`, year: 2025 },
        ledger: { "s3.new.natural_person": figure },
      },
    });
    const official = await request.get(`/api/reports/${created.id}/export?format=html`);
    expect(official.status()).toBe(422);
    const errors = ((await official.json()) as { errors: { ruleId: string; message: string }[] }).errors;
    expect(errors.find((error) => error.ruleId === "value.count")?.message).toContain(
      "表三「一、本年新收」行 自然人列：件数须为 0 至 1000000000 之间的整数",
    );
    const draft = await request.get(`/api/reports/${created.id}/export?format=html&draft=1`);
    expect(draft.status()).toBe(200);
    expect(await draft.text()).not.toMatch(/e\+\d/);
  }
});

test("行政事业性收费可到 6 位小数（24252.311082 万元）而不报错；落款日期 2025-13-45 被拒绝", async ({ request }) => {
  const report = structuredClone(seed001);
  report.info.agencyName = "收费测试县";
  report.ledger["s2.fees.amount"] = 24252.311082;
  const created = await createReport(request, { report });
  const official = await request.get(`/api/reports/${created.id}/export?format=html`);
  expect(official.status(), await official.text()).toBe(200);
  expect(await official.text()).toContain("24252.311082");

  const badDate = await request.put(`/api/reports/${created.id}`, {
    data: {
      baseRevision: created.revision,
      report: { ...created.report, info: { ...created.report.info, issuedOn: "2025-13-45" } },
    },
  });
  expect(badDate.status()).toBe(400);
  expect(await message(badDate)).toContain("落款日期（info.issuedOn）：应为实际存在的日期");
});

test("以 2100 年的报告为基础新建：400 和中文说明", async ({ request }) => {
  const created = await createReport(request, { agencyName: "末年测试县", year: 2100 });
  const response = await request.post("/api/reports", { data: { fromReportId: created.id } });
  expect(response.status()).toBe(400);
  expect(await message(response)).toBe("不能以2100年的报告为基础新建：2101年不在可编制的年度（2008—2100）之内");
});

test("写请求只接受 JSON：其他网站的 text/plain 表单提交 415，什么都没创建、没恢复", async ({ request }) => {
  const before = ((await (await request.get("/api/reports")).json()) as { reports: unknown[] }).reports.length;
  const created = await request.post("/api/reports", {
    headers: { "content-type": "text/plain" },
    data: JSON.stringify({ agencyName: "跨站测试县", year: 2025 }),
  });
  expect(created.status()).toBe(415);
  expect(await message(created)).toContain("只接受 JSON 格式的请求");
  const form = await request.post("/api/reports", { form: { agencyName: "跨站测试县", year: "2025" } });
  expect(form.status()).toBe(415);
  const report = await createReport(request, { agencyName: "恢复版本跨站测试县", year: 2025 });
  const restore = await request.post(`/api/reports/${report.id}/versions/1/restore`, {
    headers: { "content-type": "text/plain" },
    data: JSON.stringify({ baseRevision: 1 }),
  });
  expect(restore.status()).toBe(415);
  const after = ((await (await request.get("/api/reports")).json()) as { reports: unknown[] }).reports.length;
  expect(after).toBe(before + 1);
});

test("超过 1 MB 的请求体在读取中途就被拒绝（413）", async ({ request }) => {
  const created = await createReport(request, { agencyName: "大请求测试县", year: 2025 });
  const body = Buffer.alloc(50_000_000, 0x20);
  const response = await request.put(`/api/reports/${created.id}`, {
    headers: { "content-type": "application/json" },
    data: body,
  });
  expect(response.status()).toBe(413);
  expect(await message(response)).toContain("提交的数据过大");
});

test("下载文件名：撇号等字符在 filename* 中百分号编码；草稿文件名带“（草稿）”", async ({ request }) => {
  const created = await createReport(request, {
    report: {
      formatVersion: FORMAT_VERSION,
      info: { agencyName: "O'Brien（测试）县", year: 2025 },
      ledger: { "s4.review.total": 3 },
    },
  });
  const draft = await request.get(`/api/reports/${created.id}/export?format=docx&draft=1`);
  const disposition = draft.headers()["content-disposition"]!;
  expect(disposition).toContain("filename*=UTF-8''O%27Brien%EF%BC%88%E6%B5%8B%E8%AF%95%EF%BC%89%E5%8E%BF");
  expect(disposition).not.toMatch(/filename\*=[^;]*'[^;]*'[^;]*'/);
  expect(decodeURIComponent(disposition.split("''")[1]!)).toBe("O'Brien（测试）县2025年政府信息公开工作年度报告（草稿）.docx");
});
