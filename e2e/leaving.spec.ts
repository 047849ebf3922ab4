// Guards "no edit left behind, no conflict with oneself": leaving the page sends what is unsaved, a page's own
// saves never conflict with it, and two pages editing different parts of one report both keep their work.
import { type BrowserContext, expect, type Locator, type Page, test } from "@playwright/test";
import { activeDisclosureCellId } from "@/lib/format";
import { cellInput, expectSaved, openStep, typeCell } from "./fixtures/ledger-page";
import { createReport, storedReport } from "./fixtures/reports-api";

/** Repeats of each leaving case. CI keeps a few; `LEAVING_RUNS=20` gives the acceptance count. */
const RUNS = Math.max(1, Number(process.env.LEAVING_RUNS ?? 2));

const problemsEditor = (page: Page): Locator => page.getByRole("textbox", { name: "正文", exact: true });
const conflictDialog = (page: Page): Locator => page.getByRole("alertdialog", { name: "保存冲突" });

async function openProblems(page: Page, id: string): Promise<Locator> {
  await page.goto(`/reports/${id}?step=problems`);
  const editor = problemsEditor(page);
  await expect(editor).toHaveAttribute("contenteditable", "true");
  await editor.click();
  // The end of the text, not of the visual line the click landed on (a long paragraph wraps).
  await page.keyboard.press("Control+End");
  return editor;
}

/** The stored 五 once the server has it (a request sent on leaving may still be on its way). */
async function expectStoredProblems(page: Page, id: string, text: string, message: string): Promise<void> {
  await expect.poll(async () => (await storedReport(page.request, id)).report.narrative.problems.body, { message }).toBe(text);
}

test(`离开报告：键入后 100 毫秒内点“← 报告列表”、刷新、关闭页面，库中都有刚键入的文字（各 ${RUNS} 次）`, async ({
  page,
  context,
}) => {
  test.setTimeout(60_000 + RUNS * 30_000);
  const { id } = await createReport(page.request, { agencyName: "离开测试县人民政府", year: 2025 });
  let expected = "";

  await test.step("点“← 报告列表”", async () => {
    for (let run = 1; run <= RUNS; run += 1) {
      await openProblems(page, id);
      const typed = `点离开第${run}次。`;
      expected += typed;
      await page.keyboard.type(typed);
      await page.getByRole("link", { name: "← 报告列表" }).click();
      await expect(page).toHaveURL(/\/$/);
      await expectStoredProblems(page, id, expected, `点离开第 ${run} 次`);
    }
  });

  await test.step("刷新", async () => {
    for (let run = 1; run <= RUNS; run += 1) {
      await openProblems(page, id);
      const typed = `刷新第${run}次。`;
      expected += typed;
      await page.keyboard.type(typed);
      await page.reload();
      await expectStoredProblems(page, id, expected, `刷新第 ${run} 次`);
      await expect(problemsEditor(page)).toHaveText(expected);
      await expect(conflictDialog(page)).toHaveCount(0);
    }
  });

  await test.step("关闭页面", async () => {
    let current = page;
    for (let run = 1; run <= RUNS; run += 1) {
      current = await context.newPage();
      await openProblems(current, id);
      const typed = `关闭第${run}次。`;
      expected += typed;
      await current.keyboard.type(typed);
      await current.close();
      await expectStoredProblems(page, id, expected, `关闭第 ${run} 次`);
    }
  });
});

test("本机保留的修改：服务器上已有别处的保存时由用户选择；在选择前继续编辑不会删掉它", async ({ page, context }) => {
  const { id } = await createReport(page.request, { agencyName: "本机副本测试县人民政府", year: 2025 });
  // The server refuses this page's saves for a while: the text exists only in this browser.
  const refuse = (route: Parameters<Parameters<BrowserContext["route"]>[1]>[0]) =>
    route.request().method() === "PUT" ? route.fulfill({ status: 503, body: "{}" }) : route.continue();
  await context.route(`**/api/reports/${id}`, refuse);
  await openProblems(page, id);
  await page.keyboard.type("只在本机的一句。");
  await expect(page.getByTestId("save-status")).toHaveText("未保存：无法连接服务器，已在本机保留", { timeout: 15_000 });
  await page.goto("about:blank");
  await context.unroute(`**/api/reports/${id}`, refuse);

  // Saved elsewhere meanwhile.
  const stored = await storedReport(page.request, id);
  const elsewhere = structuredClone(stored.report);
  elsewhere.info.compilingOffice.name = "别处填写的编制机构";
  expect(
    (await page.request.put(`/api/reports/${id}`, { data: { baseRevision: stored.revision, report: elsewhere } })).ok(),
  ).toBe(true);

  await page.goto(`/reports/${id}?step=other_matters`);
  const banner = page.getByRole("alert").filter({ hasText: "尚未保存到服务器的修改" });
  await expect(banner).toBeVisible();
  // Editing on, before choosing: its saves do not delete the copy.
  const editor = problemsEditor(page);
  await expect(editor).toHaveAttribute("contenteditable", "true");
  await editor.click();
  await page.keyboard.type("六中的话。");
  await expectSaved(page);
  await page.reload();
  await expect(banner).toBeVisible();
  await banner.getByRole("button", { name: "恢复本机修改" }).click();
  await openStep(page, "problems");
  await expect(problemsEditor(page)).toHaveText("只在本机的一句。");
  await expectSaved(page);
  expect((await storedReport(page.request, id)).report.narrative.problems.body).toBe("只在本机的一句。");
});

test(`保存中刷新 ${RUNS * 2} 次：没有“保存冲突”，文字一字不少`, async ({ page, context }) => {
  test.setTimeout(60_000 + RUNS * 2 * 20_000);
  const { id } = await createReport(page.request, { agencyName: "保存中刷新测试县人民政府", year: 2025 });
  // The server's answer to a save comes late: the page reloads while its save is on its way.
  await context.route(`**/api/reports/${id}`, async (route) => {
    if (route.request().method() !== "PUT") return route.continue();
    const response = await route.fetch();
    await new Promise((resolve) => setTimeout(resolve, 400));
    await route.fulfill({ response }).catch(() => undefined);
  });
  let expected = "";
  for (let run = 1; run <= RUNS * 2; run += 1) {
    const editor = await openProblems(page, id);
    await expect(editor).toHaveText(expected);
    const typed = `第${run}句。`;
    expected += typed;
    await page.keyboard.type(typed);
    await expect(page.getByTestId("save-status")).toHaveText("保存中…", { timeout: 15_000 });
    const more = `补${run}。`;
    expected += more;
    await page.keyboard.type(more);
    await page.reload();
    // On a loaded machine the browser copy can be what brings the last keys back; it may take a while, never lose them.
    await expect(problemsEditor(page)).toHaveText(expected, { timeout: 30_000 });
    await expectSaved(page);
    await expect(conflictDialog(page), `第 ${run} 次`).toHaveCount(0);
    expect((await storedReport(page.request, id)).report.narrative.problems.body, `第 ${run} 次`).toBe(expected);
  }
});

test("两个页面：一个改表二、一个改五，两边都保留；改同一格时后保存的一方看到两边的值并选择", async ({ browser, request }) => {
  const { id } = await createReport(request, { agencyName: "两页合并测试县人民政府", year: 2025 });
  const tableCell = activeDisclosureCellId("regulations", "issued");
  const first = await (await browser.newContext({ storageState: "e2e/.auth/admin.json" })).newPage();
  const second = await (await browser.newContext({ storageState: "e2e/.auth/admin.json" })).newPage();
  await first.goto(`/reports/${id}`);
  await openStep(first, "active_disclosure");
  await openProblems(second, id);

  await test.step("表二和五：两边都保留", async () => {
    await typeCell(first, tableCell, "12");
    await expectSaved(first);
    await second.keyboard.type("另一页写的五。");
    await expectSaved(second);
    await expect(conflictDialog(second)).toHaveCount(0);
    const stored = await storedReport(request, id);
    expect(stored.report.ledger[tableCell]).toBe(12);
    expect(stored.report.narrative.problems.body).toBe("另一页写的五。");
  });

  await test.step("同一格：后保存的一方看到两边的值，选定前不丢弃", async () => {
    await openStep(second, "active_disclosure");
    // The second page has taken in the first page's 12 with its merged save.
    await expect(cellInput(second, tableCell)).toHaveValue("12");
    await typeCell(first, tableCell, "30");
    await expectSaved(first);
    await typeCell(second, tableCell, "45");
    const dialog = conflictDialog(second);
    await expect(dialog).toBeVisible({ timeout: 15_000 });
    const row = dialog.getByRole("row").filter({ hasText: "保留本页的" });
    await expect(row).toContainText("保留本页的：45");
    await expect(row).toContainText("采用服务器上的：30");
    expect((await storedReport(request, id)).report.ledger[tableCell]).toBe(30);
    await expect(cellInput(second, tableCell)).toHaveValue("45");
    await dialog.getByRole("radio", { name: /采用服务器上的/ }).check();
    await dialog.getByRole("button", { name: "按所选合并并保存" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(cellInput(second, tableCell)).toHaveValue("30");
    await expectSaved(second);
    const stored = await storedReport(request, id);
    expect(stored.report.ledger[tableCell]).toBe(30);
    expect(stored.report.narrative.problems.body).toBe("另一页写的五。");
  });
});
