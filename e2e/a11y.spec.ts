// Guards that everyone can use it: no WCAG A/AA violation axe can find on any page or editor step,
// a skip link, focus that shows on every cell, and an editor that works at 200 % zoom.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { editorSteps } from "@/lib/editor/result-steps";
import { cellInput } from "./fixtures/ledger-page";
import { createReport } from "./fixtures/reports-api";

const WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  return result.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
  );
}

test("axe：每个页面和编辑的每一步都没有 WCAG A/AA 违规", async ({ page, request, browser }) => {
  test.setTimeout(300_000);
  // Seed 003 has errors and warnings: cells in error, messages and the results list are on the pages.
  const { id } = await createReport(request, { report: publishedSeedReports()[3]!.report });
  const found: Record<string, string[]> = {};
  for (const path of ["/", "/help", "/overview", "/overview/summary", "/admin", "/account", `/reports/${id}/history`]) {
    await page.goto(path);
    found[path] = await violations(page);
  }
  for (const step of editorSteps) {
    await page.goto(`/reports/${id}?step=${step.id}`);
    await expect(page.getByRole("main")).toBeVisible();
    found[`editor ${step.id}`] = await violations(page);
  }
  const signedOut = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const login = await signedOut.newPage();
  await login.goto("/login");
  found["/login"] = await violations(login);
  await signedOut.close();
  expect(Object.entries(found).filter(([, list]) => list.length > 0)).toEqual([]);
});

test("键盘：跳到正文的链接；出错和空白的单元格获得焦点时焦点框可见", async ({ page, request }) => {
  const report = structuredClone(publishedSeedReports()[3]!.report);
  const { id } = await createReport(request, { report });
  await page.goto(`/reports/${id}?step=applications`);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "跳到正文" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  const errorCell = page.locator(".has-error .cell-input").first();
  await errorCell.focus();
  const outline = await errorCell.evaluate((element) => {
    const style = getComputedStyle(element);
    return { style: style.outlineStyle, width: style.outlineWidth, color: style.outlineColor };
  });
  expect(outline).toEqual({ style: "solid", width: "3px", color: "rgb(11, 92, 173)" });
});

test("200% 缩放（1366×768 的一半宽）：编辑页一栏排列，表三可横向滚动，检查结果不遮挡表格", async ({ browser, request }) => {
  const context = await browser.newContext({
    storageState: "e2e/.auth/admin.json",
    viewport: { width: 683, height: 384 },
  });
  const page = await context.newPage();
  const { id } = await createReport(request, { report: publishedSeedReports()[1]!.report });
  await page.goto(`/reports/${id}?step=applications`);
  const table = page.getByRole("table", { name: /表三/ });
  await expect(table).toBeVisible();
  const layout = await page.evaluate(() => {
    const body = document.querySelector(".editor-body")!;
    const scroller = document.querySelector(".ledger-scroll")!;
    const results = document.querySelector(".results");
    return {
      columns: getComputedStyle(body).gridTemplateColumns.split(" ").length,
      scrolls: scroller.scrollWidth > scroller.clientWidth && getComputedStyle(scroller).overflowX === "auto",
      resultsPosition: results ? getComputedStyle(results).position : "static",
    };
  });
  expect(layout).toEqual({ columns: 1, scrolls: true, resultsPosition: "static" });
  // A cell far to the right is reachable and shown when focused.
  const lastColumnCell = cellInput(page, "s3.new.total");
  await lastColumnCell.focus();
  await expect(lastColumnCell).toBeInViewport();
  await context.close();
});

test("登录表单：空着提交时，出错的栏标为无效并由错误说明描述，焦点回到该栏", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  const username = page.getByLabel("用户名");
  await expect(username).not.toHaveAttribute("aria-invalid");
  await expect(username).not.toHaveAttribute("aria-describedby");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(username).toBeFocused();
  await expect(username).toHaveAttribute("aria-invalid", "true");
  const message = await page.locator(".field-error").first().textContent();
  expect(message).toBeTruthy();
  await expect(username).toHaveAccessibleDescription(message!);
  await context.close();
});
