// Guards "never lose typing": a killed server, a second tab and a new year must not lose or overwrite figures.
import { type APIRequestContext, expect, test } from "@playwright/test";
import { seedReports } from "@/fixtures/seed-reports";
import { applicantColumns, applicationsCellId, getCell, reviewsLitigationCellId } from "@/lib/format";
import { reportTitle } from "@/lib/report/report-wording";
import { openReportStore } from "@/lib/store/report-store";
import { accounts, setUpServer, signIn } from "./fixtures/accounts";
import { startAppServer } from "./fixtures/app-server";
import { cellInput, expectSaved, openStep, typeCell } from "./fixtures/ledger-page";
import { createReport, storedReport } from "./fixtures/reports-api";

const seed001 = seedReports()[1]!.report;

/** A second server of its own: set up, and this browser context signed in to it. */
async function signedInOn(url: string, request: APIRequestContext): Promise<void> {
  await setUpServer(request, url);
  await signIn(request, url, accounts.admin);
}

test("服务器中途停止：继续输入，本机保留，重启后自动保存，刷新后数字都在，数据库里也在", async ({ page }) => {
  test.setTimeout(180_000);
  const server = await startAppServer(3101);
  await signedInOn(server.url, page.request);
  try {
    const { id } = await createReport(page.request, { agencyName: "断网测试县人民政府", year: 2025 }, server.url);
    await page.goto(`${server.url}/reports/${id}`);
    await openStep(page, "reviews_litigation");

    await typeCell(page, reviewsLitigationCellId("review.upheld"), "5");
    await expectSaved(page);

    await test.step("服务器进程被杀掉后继续输入", async () => {
      await server.kill();
      await typeCell(page, reviewsLitigationCellId("review.corrected"), "7");
      await typeCell(page, reviewsLitigationCellId("review.other"), "2");
      await expect(page.getByTestId("save-status")).toHaveText("未保存：无法连接服务器，已在本机保留", { timeout: 15_000 });
      await expect(cellInput(page, reviewsLitigationCellId("review.total"))).toHaveValue("14");
    });

    await test.step("服务器重启后自动保存", async () => {
      await server.start();
      await expectSaved(page);
    });

    await test.step("刷新页面，数字都在", async () => {
      await page.reload();
      await openStep(page, "reviews_litigation");
      await expect(cellInput(page, reviewsLitigationCellId("review.upheld"))).toHaveValue("5");
      await expect(cellInput(page, reviewsLitigationCellId("review.corrected"))).toHaveValue("7");
      await expect(cellInput(page, reviewsLitigationCellId("review.other"))).toHaveValue("2");
    });

    await test.step("数据库中的行保存了全部数字", async () => {
      await server.kill();
      const store = await openReportStore({ dataDir: server.dataDir });
      try {
        const stored = await store.getReport(id);
        expect(stored?.report.ledger).toMatchObject({
          [reviewsLitigationCellId("review.upheld")]: 5,
          [reviewsLitigationCellId("review.corrected")]: 7,
          [reviewsLitigationCellId("review.other")]: 2,
        });
        expect(stored?.revision).toBeGreaterThanOrEqual(3);
      } finally {
        await store.close();
      }
    });
  } finally {
    await server.kill();
  }
});

test("服务器停止时关闭页面：重新打开时自动恢复本机保留的修改（服务器上没有新的保存）", async ({ page }) => {
  test.setTimeout(180_000);
  const server = await startAppServer(3102);
  await signedInOn(server.url, page.request);
  try {
    const { id } = await createReport(page.request, { agencyName: "本机恢复测试县", year: 2025 }, server.url);
    await page.goto(`${server.url}/reports/${id}`);
    await openStep(page, "reviews_litigation");
    await server.kill();
    await typeCell(page, reviewsLitigationCellId("review.pending"), "4");
    await expect(page.getByTestId("save-status")).toHaveText("未保存：无法连接服务器，已在本机保留", { timeout: 15_000 });
    // The page is closed while the server is still down, so the change exists only in this browser.
    await page.goto("about:blank");
    await server.start();
    await page.goto(`${server.url}/reports/${id}`);
    await expect(page.getByRole("status").filter({ hasText: "已自动恢复本机保留、尚未保存到服务器的修改" })).toBeVisible();
    await openStep(page, "reviews_litigation");
    await expect(cellInput(page, reviewsLitigationCellId("review.pending"))).toHaveValue("4");
    await expectSaved(page);
    const stored = await storedReport(page.context().request, id, server.url);
    expect(stored.report.ledger[reviewsLitigationCellId("review.pending")]).toBe(4);
  } finally {
    await server.kill();
  }
});

test("两个窗口同时编辑：后保存的一方收到冲突提示，服务器保留先保存的数据", async ({ browser, request }) => {
  const { id } = await createReport(request, { agencyName: "冲突测试县人民政府", year: 2025 });
  const first = await (await browser.newContext()).newPage();
  const second = await (await browser.newContext()).newPage();
  for (const page of [first, second]) {
    await page.goto(`/reports/${id}`);
    await openStep(page, "reviews_litigation");
  }

  await typeCell(first, reviewsLitigationCellId("review.upheld"), "3");
  await expectSaved(first);

  await typeCell(second, reviewsLitigationCellId("review.upheld"), "8");
  const conflict = second.getByRole("alertdialog", { name: "保存冲突" });
  await expect(conflict).toBeVisible({ timeout: 15_000 });
  await expect(conflict).toContainText("这份报告已在其他窗口或由其他人保存过");
  await expect(second.getByTestId("save-status")).toHaveText("未保存：报告已在别处修改，已在本机保留");

  const stored = await storedReport(request, id);
  expect(stored.report.ledger[reviewsLitigationCellId("review.upheld")]).toBe(3);

  await test.step("另存为副本：第二个窗口的数字进入一份新报告，原报告不变", async () => {
    await conflict.getByRole("button", { name: "把本页的版本另存为副本" }).click();
    const otherReport = new RegExp(`/reports/(?!${id})[0-9a-f-]{36}`);
    await expect(second).toHaveURL(otherReport);
    const copyId = new URL(second.url()).pathname.split("/").pop()!;
    const copy = await storedReport(request, copyId);
    expect(copy.report.ledger[reviewsLitigationCellId("review.upheld")]).toBe(8);
    expect((await storedReport(request, id)).report.ledger[reviewsLitigationCellId("review.upheld")]).toBe(3);
  });
});

test("以上年度报告为基础新建：上年结转取自上年的结转下年度（种子001）", async ({ page, request }) => {
  const agencyName = `湘潭县人民政府（续年测试${Date.now()}）`;
  await createReport(request, { report: { ...seed001, info: { ...seed001.info, agencyName } } });
  await page.goto("/");
  const row = page.getByRole("row").filter({ hasText: agencyName });
  await row.getByRole("button", { name: "以此为基础新建2026年度报告" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(reportTitle({ agencyName, year: 2026 }));
  const newId = page.url().split("/").pop()!;

  await openStep(page, "applications");
  for (const column of applicantColumns) {
    const expected = String(seed001.ledger[applicationsCellId("carried_forward", column.key)]);
    await expect(cellInput(page, applicationsCellId("carried_over", column.key))).toHaveValue(expected);
  }
  await expect(page.getByRole("complementary")).not.toContainText("跨年度衔接");

  await test.step("改动上年结转，跨年度规则报错并给出两个数字", async () => {
    await typeCell(page, applicationsCellId("carried_over", "natural_person"), "8");
    await expect(page.getByRole("complementary")).toContainText(
      "表三 自然人列 跨年度衔接：二、上年结转（8）不等于2025年报告的四、结转下年度（9），相差 1",
    );
  });

  const stored = await storedReport(request, newId);
  expect(stored.year).toBe(2026);
  expect(stored.report.ledger[applicationsCellId("carried_over", "commercial_enterprise")]).toBe(0);
});

test("删除报告需要确认，可在 30 天内恢复", async ({ page, request }) => {
  const agencyName = `删除测试局${Date.now()}`;
  await createReport(request, { agencyName, year: 2025 });
  await page.goto("/");
  const row = page.getByRole("row").filter({ hasText: agencyName });
  await row.getByRole("button", { name: "删除" }).click();
  await row.getByRole("button", { name: "确认删除" }).click();
  await expect(page.getByRole("row").filter({ hasText: agencyName })).toHaveCount(0);
  const deleted = page
    .getByRole("region", { name: "最近删除（30 天内可恢复）" })
    .getByRole("listitem")
    .filter({ hasText: agencyName });
  await deleted.getByRole("button", { name: "恢复" }).click();
  await expect(page.getByRole("row").filter({ hasText: agencyName })).toHaveCount(1);
});

test("保存接口拒绝格式错误或过大的报告并说明原因，库中数据不变", async ({ request }) => {
  const created = await createReport(request, { agencyName: "接口校验测试县", year: 2025 });
  const malformed = await request.put(`/api/reports/${created.id}`, {
    data: { baseRevision: created.revision, report: { ...created.report, ledger: { "s3.new.natural_person": "abc" } } },
  });
  expect(malformed.status(), await malformed.text()).toBe(400);
  expect(((await malformed.json()) as { message: string }).message).toContain("表三「一、本年新收」行 自然人列");

  const huge = "政".repeat(400_000);
  const oversized = await request.put(`/api/reports/${created.id}`, {
    data: { baseRevision: created.revision, report: { ...created.report, narrative: { problems: { body: huge } } } },
  });
  expect(oversized.status()).toBe(413);
  expect(((await oversized.json()) as { message: string }).message).toContain("过大");

  const stored = await storedReport(request, created.id);
  expect(stored.revision).toBe(created.revision);
  expect(stored.report).toEqual(created.report);
});

test("历史版本：一段连续编辑是一个版本，先查看全文再确认恢复，恢复标为“恢复自第 N 版”", async ({ page, request }) => {
  const { id } = await createReport(request, { agencyName: "历史版本测试县", year: 2025 });
  await page.goto(`/reports/${id}?step=reviews_litigation`);
  await typeCell(page, reviewsLitigationCellId("review.upheld"), "3");
  await expectSaved(page);
  await typeCell(page, reviewsLitigationCellId("review.upheld"), "9");
  await expectSaved(page);
  const beforeRestore = await storedReport(request, id);
  expect(beforeRestore.revision).toBe(3);

  await page.getByRole("link", { name: "历史版本" }).click();
  const rows = page.getByRole("row");
  // Two autosaves a few seconds apart are one sitting: one version, not two.
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: "第 1 版" })).toContainText("新建");
  await expect(rows.filter({ hasText: "第 2 版" })).toContainText(getCell(reviewsLitigationCellId("review.upheld")).name);
  await expect(rows.filter({ hasText: "第 2 版" })).toContainText("当前版本");

  await rows.filter({ hasText: "第 1 版" }).getByRole("link", { name: "查看" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^第 1 版：/ })).toBeVisible();
  await expect(page.getByRole("article", { name: "第 1 版全文" })).toContainText("四、政府信息公开行政复议、行政诉讼情况");
  await page.getByRole("button", { name: "恢复到第 1 版" }).click();
  await expect(page.getByRole("alertdialog", { name: "确认恢复" })).toContainText("当前内容仍保留在历史版本中");
  await page.getByRole("button", { name: "确认恢复" }).click();

  await expect(page).toHaveURL(new RegExp(`/reports/${id}\\?restored=1$`));
  await expect(page.getByRole("status").filter({ hasText: "已恢复第 1 版的内容" })).toBeVisible();
  await openStep(page, "reviews_litigation");
  await expect(cellInput(page, reviewsLitigationCellId("review.upheld"))).toHaveValue("");
  const restored = await storedReport(request, id);
  expect(restored.revision).toBe(beforeRestore.revision + 1);
  expect(restored.report.ledger[reviewsLitigationCellId("review.upheld")]).toBeUndefined();

  await page.getByRole("link", { name: "历史版本" }).click();
  await expect(page.getByRole("row").filter({ hasText: "第 3 版" })).toContainText("恢复自第 1 版");
});
