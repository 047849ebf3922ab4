// Guards an office on one server: who may see and change which reports, the review steps, the published record and the 汇总.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { type Browser, expect, type Page, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { getCell, ledgerCells, reviewsLitigationCellId } from "@/lib/format";
import { deriveLedger } from "@/lib/ledger/derive-ledger";
import { formatCellValue } from "@/lib/ledger/normalise-entry";
import { sumLedgers } from "@/lib/report/summary";
import { type AccountName, accounts, storageStatePath, UNIT_A, UNIT_B } from "./fixtures/accounts";
import { startAppServer } from "./fixtures/app-server";
import { cellInput, openStep, typeCell } from "./fixtures/ledger-page";
import { createReport, storedReport } from "./fixtures/reports-api";

const seeds = publishedSeedReports();
const seed001 = seeds[1]!.report;

async function signedInPage(browser: Browser, name: AccountName): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStatePath(name) });
  return context.newPage();
}

/** The report's state as the review bar's pill shows it. */
const statusOf = (page: Page) => page.getByRole("region", { name: "审核" }).locator(".status-pill");

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

async function unitId(page: Page, name: string): Promise<string> {
  const { units } = (await (await page.request.get("/api/units")).json()) as { units: { id: string; name: string }[] };
  return units.find((unit) => unit.name === name)!.id;
}

test("首次设置：没有控制台打印的代码不能设置；用代码建立第一个单位和管理员后进入管理页", async ({ browser }) => {
  test.setTimeout(180_000);
  const server = await startAppServer(3113, { setupCode: null });
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  try {
    await expect
      .poll(() => /首次设置代码：([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(server.output())?.[1] ?? null, { timeout: 30_000 })
      .not.toBeNull();
    const code = /首次设置代码：([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(server.output())![1]!;
    await page.goto(`${server.url}/reports/anything`);
    await expect(page).toHaveURL(`${server.url}/setup`);

    const fill = async (setupCode: string) => {
      await page.getByLabel("首次设置代码（见服务器启动时的控制台输出）").fill(setupCode);
      await page.getByLabel("本单位全称（单位树的第一个单位）").fill("首设县人民政府");
      await page.getByLabel("管理员姓名").fill("王管理");
      await page.getByLabel("管理员用户名").fill("wangadmin");
      await page.getByLabel("密码（至少 8 个字符）").fill("first-admin-pass");
      await page.getByLabel("再次输入密码").fill("first-admin-pass");
      await page.getByRole("button", { name: "完成设置并登录" }).click();
    };
    await fill("WRNG-CODE");
    await expect(page.locator(".alert")).toContainText("设置代码不对");
    await fill(code);
    await expect(page).toHaveURL(`${server.url}/admin`, { timeout: 30_000 });
    await expect(page.getByRole("navigation", { name: "全站" })).toContainText("王管理（首设县人民政府 · 管理员）");
    // Right after setup, a list that repeats the top unit (as offices paste it) adds the rest under it.
    await page.getByLabel("粘贴单位名单").fill("首设县人民政府\n    首设县财政局\n    首设县教育局");
    await page.getByRole("button", { name: "按名单添加" }).click();
    await expect(page.getByRole("status")).toHaveText("已添加 2 个单位；“首设县人民政府”已有，按名称对应，未重复建立");
    await expect(page.getByRole("heading", { name: "单位（3 个）" })).toBeVisible();
    await expect(page.getByRole("table").first().locator("tbody tr")).toHaveText([
      /^首设县人民政府/,
      /^首设县财政局/,
      /^首设县教育局/,
    ]);
    // Once set up, the code is spent: /setup leads to the login.
    const again = await context.request.post(`${server.url}/api/setup`, {
      data: { code, unitName: "另一个单位", username: "other", name: "某人", password: "other-password" },
    });
    expect(again.status()).toBe(409);
  } finally {
    await context.close();
    await server.kill();
  }
});

test("登录和退出：未登录时进入页面先到登录页，登录后回到原来要去的页面；退出后需重新登录", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/help");
  await expect(page).toHaveURL(/\/login\?next=%2Fhelp$/);
  await page.getByLabel("用户名").fill(accounts.fillerA.username);
  await page.getByLabel("密码").fill("wrong-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.locator(".alert")).toHaveText("用户名或密码不对");
  await page.getByLabel("密码").fill(accounts.fillerA.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/help$/);
  await expect(page.getByRole("navigation", { name: "全站" })).toContainText(`${accounts.fillerA.name}（${UNIT_A} · 填报人）`);
  const cookies = await context.cookies();
  const session = cookies.find((cookie) => cookie.name.includes("session_token"))!;
  expect(session.httpOnly).toBe(true);
  expect(session.sameSite).toBe("Lax");
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);
  const response = await context.request.get("/api/reports");
  expect(response.status()).toBe(401);
  await context.close();
});

test("单位 A 的填报人看不到单位 B 的报告：列表、网址、接口、导出、历史都是 404", async ({ browser }) => {
  const pageB = await signedInPage(browser, "fillerB");
  const reportB = await createReport(pageB.request, { agencyName: `${UNIT_B}（隔离测试）`, year: 2025 });
  expect(reportB.agencyName).toContain(UNIT_B);
  const pageA = await signedInPage(browser, "fillerA");
  await pageA.goto("/");
  await expect(pageA.getByRole("main")).not.toContainText(`${UNIT_B}（隔离测试）`);
  await pageA.goto(`/reports/${reportB.id}`);
  await expect(pageA.getByRole("heading", { level: 1, name: "找不到这份报告" })).toBeVisible();
  for (const path of ["", "/export?format=pdf&draft=1", "/versions", "/workflow", "/versions/1"]) {
    const response = await pageA.request.get(`/api/reports/${reportB.id}${path}`);
    expect(response.status(), path).toBe(404);
  }
  const save = await pageA.request.put(`/api/reports/${reportB.id}`, { data: { baseRevision: 1, report: reportB.report } });
  expect(save.status()).toBe(404);
  expect((await pageA.request.delete(`/api/reports/${reportB.id}`)).status()).toBe(404);
  expect(
    (await pageA.request.post(`/api/reports/${reportB.id}/versions/1/restore`, { data: { baseRevision: 1 } })).status(),
  ).toBe(404);
  expect((await pageA.request.post(`/api/reports/${reportB.id}/submit`, { data: {} })).status()).toBe(404);
  const list = (await (await pageA.request.get("/api/reports")).json()) as { reports: { id: string }[] };
  expect(list.reports.map((report) => report.id)).not.toContain(reportB.id);
  // "One report per agency and year" holds within a unit: B's report neither blocks A nor is revealed to A.
  const sameName = await pageA.request.post("/api/reports", { data: { agencyName: `${UNIT_B}（隔离测试）`, year: 2025 } });
  expect(sameName.status()).toBe(201);
  const { stored: ownCopy } = (await sameName.json()) as { stored: { id: string } };
  expect(ownCopy.id).not.toBe(reportB.id);
  const duplicate = await pageA.request.post("/api/reports", { data: { agencyName: `${UNIT_B}（隔离测试）`, year: 2025 } });
  expect(duplicate.status()).toBe(409);
  expect(((await duplicate.json()) as { existing: { id: string } }).existing.id).toBe(ownCopy.id);
  expect((await storedReport(pageB.request, reportB.id)).revision).toBe(1);
  await pageA.context().close();
  await pageB.context().close();
});

test("提交审核后锁定；审核人附单元格意见退回，填报人在该单元格看到；通过、发布，文件逐字节不变；发起更正，再发布，原发布记录仍在", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const filler = await signedInPage(browser, "fillerA");
  const agencyName = `${UNIT_A}（流程测试${Date.now()}）`;
  const report = structuredClone(seed001);
  report.info.agencyName = agencyName;
  const { id } = await createReport(filler.request, { report });
  const upheld = reviewsLitigationCellId("review.upheld");

  await test.step("填报人提交审核，编辑锁定", async () => {
    await filler.goto(`/reports/${id}`);
    await filler.getByRole("button", { name: "提交审核" }).click();
    await expect(filler.getByRole("region", { name: "审核" })).toContainText(`已提交：${accounts.fillerA.name} 于`);
    await openStep(filler, "reviews_litigation");
    await expect(cellInput(filler, upheld)).toHaveAttribute("readonly", "");
    const locked = await filler.request.put(`/api/reports/${id}`, { data: { baseRevision: 1, report } });
    expect(locked.status()).toBe(409);
    expect(((await locked.json()) as { message: string }).message).toContain("已提交，不能修改");
    // Not yet reviewed: the 填报人 can take it back, and submit again.
    await filler.getByRole("button", { name: "撤回提交" }).click();
    await expect(statusOf(filler)).toHaveText("编辑中", { timeout: 20_000 });
    await filler.getByRole("button", { name: "提交审核" }).click();
    await expect(statusOf(filler)).toHaveText("已提交", { timeout: 20_000 });
    await expect(filler.getByRole("button", { name: "撤回提交" })).toBeVisible();
  });

  const reviewer = await signedInPage(browser, "reviewer");
  await test.step("审核人在单元格上附意见并退回", async () => {
    await reviewer.goto(`/reports/${id}?step=reviews_litigation`);
    await cellInput(reviewer, upheld).click();
    await reviewer.getByRole("button", { name: "退回修改…" }).click();
    await reviewer.getByLabel("退回意见").fill("请核对行政复议数字");
    await reviewer.getByRole("button", { name: /^添加一条意见/ }).click();
    await expect(reviewer.getByLabel("意见附在")).toHaveValue(`cell:${upheld}`);
    await reviewer.getByLabel("意见", { exact: true }).fill("维持数与复议决定书不符");
    await reviewer.getByRole("button", { name: "退回", exact: true }).click();
    await expect(statusOf(reviewer)).toHaveText("退回修改", { timeout: 20_000 });
  });

  await test.step("填报人在该单元格看到意见，改正后再提交", async () => {
    await filler.goto(`/reports/${id}?step=reviews_litigation`);
    await expect(filler.getByRole("region", { name: "审核" })).toContainText("请核对行政复议数字");
    const cell = cellInput(filler, upheld);
    await cell.focus();
    await expect(filler.getByRole("tooltip").filter({ visible: true })).toContainText(
      `审核意见（${accounts.reviewer.name}）：维持数与复议决定书不符`,
    );
    await typeCell(filler, upheld, String((seed001.ledger[upheld] as number) + 0));
    await filler.getByRole("button", { name: "标为已处理" }).click();
    await expect(filler.getByRole("region", { name: "审核" })).not.toContainText("未处理的审核意见");
    await filler.getByRole("button", { name: "提交审核" }).click();
    await expect(statusOf(filler)).toHaveText("已提交", { timeout: 20_000 });
  });

  let firstPdf: Buffer;
  await test.step("审核通过并发布；发布的文件带 SHA-256，再下载逐字节相同", async () => {
    await reviewer.reload();
    await reviewer.getByRole("button", { name: "审核通过" }).click();
    await expect(statusOf(reviewer)).toHaveText("审核通过", { timeout: 20_000 });
    // Approved but not yet published: the reviewer can still send it back.
    await expect(reviewer.getByRole("button", { name: "退回修改…" })).toBeVisible();
    await reviewer.getByRole("button", { name: /^发布/ }).click();
    await expect(statusOf(reviewer)).toHaveText("已发布", { timeout: 20_000 });
    const first = await reviewer.request.get(`/api/reports/${id}/published/1?format=pdf`);
    expect(first.status()).toBe(200);
    firstPdf = await first.body();
    expect(first.headers()["x-content-sha256"]).toBe(sha256(firstPdf));
    const again = await reviewer.request.get(`/api/reports/${id}/published/1?format=pdf`);
    expect((await again.body()).equals(firstPdf)).toBe(true);
    for (const format of ["docx", "html"]) {
      const file = await reviewer.request.get(`/api/reports/${id}/published/1?format=${format}`);
      expect(file.headers()["x-content-sha256"]).toBe(sha256(await file.body()));
    }
  });

  await test.step("发布后修改须发起更正；更正重新审核发布后，原发布文件不变，历史里两次发布都在", async () => {
    await filler.goto(`/reports/${id}`);
    await expect(statusOf(filler)).toHaveText("已发布", { timeout: 20_000 });
    await filler.getByRole("button", { name: "发起更正…" }).click();
    await filler.getByLabel(/更正的原因/).fill("行政处罚数字录入有误");
    await filler.getByRole("button", { name: "发起更正", exact: true }).click();
    await expect(filler.getByRole("region", { name: "审核" })).toContainText("更正中：行政处罚数字录入有误");
    await openStep(filler, "active_disclosure");
    await typeCell(filler, "s2.penalties.decisions", "1234");
    await expect(filler.getByTestId("save-status")).toHaveText(/^已保存/, { timeout: 15_000 });
    // Until the correction is published, the overview shows it published and the 汇总 counts what was published.
    const year = seed001.info.year!;
    await reviewer.goto(`/overview?year=${year}&q=${encodeURIComponent(UNIT_A)}`);
    await expect(reviewer.getByRole("main")).toContainText("已发布（更正中）");
    const unitA = await unitId(reviewer, UNIT_A);
    const summary = (await (await reviewer.request.get(`/api/summary?year=${year}&units=${unitA}`)).json()) as {
      sums: Record<string, number>;
      units: { reportId: string | null; state: string }[];
    };
    expect(summary.units.find((unit) => unit.reportId === id)?.state).toBe("已发布（更正中，按已发布的数字汇总）");
    expect(summary.sums["s2.penalties.decisions"]).toBe(seed001.ledger["s2.penalties.decisions"]);
    await filler.getByRole("button", { name: "提交审核" }).click();
    await expect(statusOf(filler)).toHaveText("已提交", { timeout: 20_000 });
    await reviewer.goto(`/reports/${id}`);
    await reviewer.getByRole("button", { name: "审核通过" }).click();
    await expect(statusOf(reviewer)).toHaveText("审核通过", { timeout: 20_000 });
    await reviewer.getByRole("button", { name: /^发布/ }).click();
    await expect(statusOf(reviewer)).toHaveText("已发布", { timeout: 20_000 });
    const original = await reviewer.request.get(`/api/reports/${id}/published/1?format=pdf`);
    expect((await original.body()).equals(firstPdf)).toBe(true);
    const corrected = await reviewer.request.get(`/api/reports/${id}/published/2?format=html`);
    expect(await corrected.text()).toContain("1234");
    // Published: the 填报人 may not delete it (403, in Chinese).
    const removal = await filler.request.delete(`/api/reports/${id}`);
    expect(removal.status()).toBe(403);
    expect(((await removal.json()) as { message: string }).message).toContain("已发布的报告");
    await reviewer.goto(`/reports/${id}/history`);
    const published = reviewer.getByRole("table", { name: "已发布的文件" });
    await expect(published.getByRole("row")).toHaveCount(3);
    await expect(published).toContainText("第 1 次更正");
    await expect(published).toContainText("更正原因：行政处罚数字录入有误");
    const transitions = reviewer.getByRole("table", { name: "审核记录" });
    await expect(transitions).toContainText("已提交 → 退回修改");
    await expect(transitions).toContainText("已发布 → 编辑中");
    await expect(transitions).toContainText("更正：行政处罚数字录入有误");
  });

  await test.step("管理员移除已发布的报告：审核记录、已发布的文件和 SHA-256 仍可打开", async () => {
    const admin = await signedInPage(browser, "admin");
    expect((await admin.request.delete(`/api/reports/${id}`)).status()).toBe(200);
    expect((await filler.request.get(`/api/reports/${id}`)).status()).toBe(404);
    const kept = await filler.request.get(`/api/reports/${id}/published/1?format=pdf`);
    expect(kept.status()).toBe(200);
    expect((await kept.body()).equals(firstPdf)).toBe(true);
    expect(kept.headers()["x-content-sha256"]).toBe(sha256(firstPdf));
    await filler.goto(`/reports/${id}/history`);
    await expect(filler.getByRole("status").filter({ hasText: "删除" })).toContainText("审核记录和已发布的文件");
    await expect(filler.getByRole("table", { name: "已发布的文件" }).getByRole("row")).toHaveCount(3);
    await expect(filler.getByRole("table", { name: "审核记录" })).toContainText("已发布 → 编辑中");
    await admin.context().close();
  });
  await filler.context().close();
  await reviewer.context().close();
});

test("提交时字库没有的字符是错误并说明位置；审核通过后审核人仍可退回修改；审核人不能审核通过自己提交的报告", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const filler = await signedInPage(browser, "fillerA");
  const withEmoji = structuredClone(seed001);
  withEmoji.info.agencyName = `${UNIT_A}（字形测试${Date.now()}）`;
  withEmoji.narrative.problems.body += "（表情😀）";
  const blocked = await createReport(filler.request, { report: withEmoji });
  await filler.goto(`/reports/${blocked.id}`);
  await filler.getByRole("button", { name: "提交审核" }).click();
  const review = filler.getByRole("region", { name: "审核" });
  await expect(review.getByRole("alert")).toContainText("PDF 的字体中没有以下字符的字形：“😀”", { timeout: 20_000 });
  await expect(statusOf(filler)).toHaveText("编辑中");

  const clean = structuredClone(seed001);
  clean.info.agencyName = `${UNIT_A}（发布前退回${Date.now()}）`;
  const { id } = await createReport(filler.request, { report: clean });
  expect((await filler.request.post(`/api/reports/${id}/submit`, { data: {} })).status()).toBe(200);
  const reviewer = await signedInPage(browser, "reviewer");
  expect((await reviewer.request.post(`/api/reports/${id}/approve`, { data: {} })).status()).toBe(200);
  await reviewer.goto(`/reports/${id}`);
  await expect(statusOf(reviewer)).toHaveText("审核通过");
  await reviewer.getByRole("button", { name: "退回修改…" }).click();
  await reviewer.getByLabel("退回意见").fill("发布前发现第五部分表述有误");
  await reviewer.getByRole("button", { name: "退回", exact: true }).click();
  await expect(statusOf(reviewer)).toHaveText("退回修改", { timeout: 20_000 });
  await filler.goto(`/reports/${id}`);
  await expect(filler.getByRole("region", { name: "审核" })).toContainText("发布前发现第五部分表述有误");

  // Separation of duties: what the reviewer submitted, someone else approves.
  const own = structuredClone(seed001);
  own.info.agencyName = `测试县人民政府（自审测试${Date.now()}）`;
  const ownReport = await createReport(reviewer.request, { report: own });
  expect((await reviewer.request.post(`/api/reports/${ownReport.id}/submit`, { data: {} })).status()).toBe(200);
  await reviewer.goto(`/reports/${ownReport.id}`);
  await expect(reviewer.getByRole("region", { name: "审核" })).toContainText("须由其他审核人或管理员审核通过");
  await expect(reviewer.getByRole("button", { name: "审核通过" })).toHaveCount(0);
  const selfApproval = await reviewer.request.post(`/api/reports/${ownReport.id}/approve`, { data: {} });
  expect(selfApproval.status()).toBe(403);
  expect(((await selfApproval.json()) as { message: string }).message).toContain("自己提交");
  await filler.context().close();
  await reviewer.context().close();
});

test("审核总览：下级单位的状态、错误数和截止天数，筛选和搜索；五份种子作为五个单位的汇总与逐格相加一致，页面和 Excel 都是", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const year = 2025;
  const suffix = Date.now() % 100000;
  const units: { id: string; name: string }[] = [];
  const topId = await unitId(page, accounts.admin.unit);
  for (const [index, { report }] of seeds.entries()) {
    const name = `汇总测试单位${suffix}-${index}`;
    const created = await page.request.post("/api/units", { data: { name, parentId: topId } });
    expect(created.status()).toBe(201);
    const {
      units: [unit],
    } = (await created.json()) as { units: { id: string; name: string }[] };
    units.push(unit!);
    // Seed 004 is a 2023 report: all five are filed under one year to be summed together.
    await createReport(page.request, {
      report: { ...report, info: { ...report.info, agencyName: `${name}机关`, year } },
      unitId: unit!.id,
    });
  }

  await page.goto(`/overview?year=${year}&q=汇总测试单位${suffix}`);
  const rows = page.getByRole("table", { name: "各单位报告" }).getByRole("row");
  await expect(rows).toHaveCount(6);
  await expect(rows.filter({ hasText: units[3]!.name })).toContainText("编辑中");
  await expect(rows.filter({ hasText: units[1]!.name })).toContainText(`${year + 1}-01-31`);
  await page.getByLabel("只看有错误的").check();
  await page.getByRole("button", { name: "筛选" }).click();
  // Seed 003 (balance, missing tables) and seed 004 (no 四) have errors.
  await expect(page.getByRole("table", { name: "各单位报告" }).getByRole("row")).toHaveCount(3);

  const query = `year=${year}&units=${units.map((unit) => unit.id).join(",")}`;
  await page.goto(`/overview/summary?${query}`);
  const expected = sumLedgers(seeds.map((seed) => seed.report.ledger)).sums;
  const table3 = page.getByRole("table", { name: "表三" });
  for (const cell of ledgerCells) {
    const shown = page.locator(`[data-cell="${cell.id}"]`);
    await expect(shown, cell.name).toHaveText(formatCellValue(expected[cell.id] ?? null));
  }
  await expect(table3.locator('[data-cell="s3.new.total"]')).toHaveText(
    String(seeds.reduce((total, seed) => total + (deriveLedger(seed.report.ledger).effective["s3.new.total"] as number), 0)),
  );
  await expect(page.getByRole("table", { name: "汇总单位" }).getByRole("row")).toHaveCount(6);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "下载汇总表（Excel）" }).click(),
  ]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile((await download.path())!)).buffer as ArrayBuffer);
  const sheet = workbook.getWorksheet("表三")!;
  const values: number[] = [];
  sheet.eachRow((row) => row.eachCell((cell) => typeof cell.value === "number" && values.push(cell.value)));
  const expectedTable3 = ledgerCells
    .filter((cell) => cell.tableId === "s3")
    .map((cell) => expected[cell.id])
    .filter((value): value is number => value !== null);
  expect(values.sort((a, b) => a - b)).toEqual(expectedTable3.sort((a, b) => a - b));
  const unitsSheet = workbook.getWorksheet("汇总单位")!;
  expect(unitsSheet.rowCount).toBe(6);
  expect(getCell("s3.new.total")).toBeDefined();
});
