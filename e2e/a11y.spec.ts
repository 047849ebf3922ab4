// Guards that everyone can use it: no WCAG A/AA violation axe can find on any page or editor step,
// a skip link, focus that shows on every cell, and an editor that works at 200 % zoom.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { editorSteps } from "@/lib/editor/result-steps";
import { applicationsCellId, getCell, reviewsLitigationCellId, tableName } from "@/lib/format";
import { getLinkedFigure } from "@/lib/format/linked-figures";
import { cellInput } from "./fixtures/ledger-page";
import { createReport } from "./fixtures/reports-api";

const WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  const found = result.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
  );
  return [...found, ...(await absentDescriptions(page))];
}

/** aria-describedby and aria-controls naming ids that are not on the page (axe passes them while one id is there). */
const absentDescriptions = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    [...document.querySelectorAll("[aria-describedby], [aria-controls], [aria-activedescendant]")].flatMap((element) =>
      ["aria-describedby", "aria-controls", "aria-activedescendant"].flatMap((name) =>
        (element.getAttribute(name) ?? "")
          .split(/\s+/u)
          .filter((id) => id !== "" && document.getElementById(id) === null)
          .map((id) => `${name} → #${id} absent on ${element.tagName.toLowerCase()}#${element.id}`),
      ),
    ),
  );

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
  const table = page.getByRole("grid", { name: tableName("s3") });
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

test("表格是一个 Tab 停靠点：格内 Tab 右移；Esc 再 Tab 两键离开表三；从表格后 Shift+Tab 回到上次所在的格", async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const { id } = await createReport(request, { agencyName: "表格键盘测试县人民政府", year: 2025 });
  await page.goto(`/reports/${id}?step=applications`);
  const grid = page.getByRole("grid", { name: tableName("s3") });
  await expect(grid).toHaveAccessibleDescription(/Esc.*再按 Tab 转到表格后面的内容/u);
  // One tab stop: the first cell that can be typed; every other cell is reached with the keys inside.
  const first = cellInput(page, applicationsCellId("new", "natural_person"));
  await expect(grid.locator('[tabindex="0"]')).toHaveCount(1);
  await expect(first).toHaveAttribute("tabindex", "0");

  await first.focus();
  await page.keyboard.press("Tab");
  await expect(cellInput(page, applicationsCellId("new", "commercial_enterprise"))).toBeFocused();

  await first.focus();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  const afterTable = await page.evaluate(() => ({
    inTable: document.activeElement?.closest("table") !== null,
    isBody: document.activeElement === document.body,
  }));
  expect(afterTable).toEqual({ inTable: false, isBody: false });

  // The cell last worked in is the table's tab stop.
  const middle = cellInput(page, applicationsCellId("granted", "legal_service_organization"));
  await middle.click();
  await page.keyboard.type("7");
  await page.keyboard.press("Escape"); // takes back the typing
  await expect(middle).toBeFocused();
  await page.keyboard.press("Escape"); // nothing typed: leaves the cells
  await expect(page.locator("#grid-keys-s3")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.locator(":focus")).not.toHaveClass(/cell-input/);
  await page.keyboard.press("Shift+Tab");
  await expect(middle).toBeFocused();
  await expect(grid.locator('[tabindex="0"]')).toHaveCount(1);
});

test("无法识别的输入：当即读出，单元格标为无效并由可见的说明描述；没有问题的格不带 aria-describedby", async ({
  page,
  request,
}) => {
  const { id } = await createReport(request, { agencyName: "输入说明测试县人民政府", year: 2025 });
  await page.goto(`/reports/${id}?step=reviews_litigation`);
  const cell = cellInput(page, reviewsLitigationCellId("review.upheld"));
  await expect(cell).not.toHaveAttribute("aria-describedby");
  await expect(cell).not.toHaveAttribute("aria-invalid");
  await cell.click();
  await cell.pressSequentially("abc");
  await cell.press("Enter");
  const announcement = page.locator(".ledger").getByRole("alert");
  await expect(announcement).toContainText(`${getCell(reviewsLitigationCellId("review.upheld")).name}：`);
  await expect(announcement).toContainText("不是有效的数字");
  await expect(cell).toHaveAttribute("aria-invalid", "true");
  await cell.focus();
  const tip = page.getByRole("tooltip").filter({ visible: true });
  await expect(tip).toContainText("不是有效的数字");
  await expect(cell).toHaveAccessibleDescription(/不是有效的数字/u);
  expect(await absentDescriptions(page)).toEqual([]);
});

test("〔 列表：正文是展开的组合框，aria-activedescendant 跟随选中项；数字块读出它是哪个数字；Tab 关闭列表并移到下一项", async ({
  page,
  request,
}) => {
  const { id } = await createReport(request, { report: publishedSeedReports()[1]!.report });
  await page.goto(`/reports/${id}?step=overview`);
  const field = page.locator(".narrative-field").first();
  const editor = field.locator('[contenteditable="true"]');
  await expect(editor).toBeVisible();
  await expect(editor).toHaveAttribute("role", "textbox");
  await expect(editor).not.toHaveAttribute("aria-expanded");
  await editor.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("〔");

  const combobox = field.getByRole("combobox");
  await expect(combobox).toHaveAttribute("aria-expanded", "true");
  const listId = await combobox.getAttribute("aria-controls");
  const list = page.locator(`[id="${listId}"]`);
  await expect(list).toHaveRole("listbox");
  const selected = list.getByRole("option", { selected: true });
  await expect(selected).toHaveCount(1);
  await expect(combobox).toHaveAttribute("aria-activedescendant", (await selected.getAttribute("id"))!);
  await page.keyboard.press("ArrowDown");
  const next = list.getByRole("option", { selected: true });
  await expect(combobox).toHaveAttribute("aria-activedescendant", (await next.getAttribute("id"))!);
  await expect(list.getByRole("option").nth(1)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");

  await expect(editor).toHaveAttribute("role", "textbox");
  await expect(editor).not.toHaveAttribute("aria-activedescendant");
  const chip = editor.locator(".figure-chip").last();
  const figureId = (await chip.getAttribute("data-figure"))!;
  await expect(chip).toHaveAccessibleName(`关联数字：${getLinkedFigure(figureId).name} ${await chip.textContent()}`);

  await page.keyboard.type("〔");
  await expect(combobox).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Tab");
  await expect(page.locator(".figure-picker-inline")).toHaveCount(0);
  await expect(field.getByRole("button", { name: "插入数字" })).toBeFocused();
});

test("焦点：新建报告的栏出错时标为无效并获得焦点，新建后在报告标题上；提交审核后在审核状态上；退回修改…用键盘打开，焦点进入表单", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await page.goto("/");
  const agency = page.getByLabel("机关全称");
  await agency.fill("");
  await page.getByRole("button", { name: "新建报告", exact: true }).click();
  await expect(agency).toBeFocused();
  await expect(agency).toHaveAttribute("aria-invalid", "true");
  await expect(agency).toHaveAccessibleDescription(/.+/u);
  await page.getByLabel("机关全称").fill("焦点测试县人民政府");
  await page.getByLabel("年度").fill("2025");
  await page.getByRole("button", { name: "新建报告", exact: true }).click();
  await expect(page).toHaveURL(/\/reports\//u);
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();

  const seed = structuredClone(publishedSeedReports()[1]!.report);
  seed.info.agencyName = "提交焦点测试县人民政府";
  const { id } = await createReport(request, { report: seed });
  await page.goto(`/reports/${id}`);
  await page.getByRole("button", { name: "提交审核" }).focus();
  await page.keyboard.press("Enter");
  const status = page.locator("#review-status");
  await expect(status).toBeFocused({ timeout: 20_000 });
  await expect(status).toContainText("已提交");

  const open = page.getByRole("button", { name: "退回修改…" });
  await expect(open).toHaveAttribute("aria-expanded", "false");
  await expect(open).not.toHaveAttribute("aria-controls");
  await open.focus();
  await page.keyboard.press("Enter");
  await expect(open).toHaveAttribute("aria-expanded", "true");
  await expect(open).toHaveAttribute("aria-controls", "review-form");
  await expect(page.getByRole("form", { name: "退回修改" }).getByLabel("退回意见")).toBeFocused();
});

test("单位和账号：服务器拒绝的栏标为无效，由错误说明描述，焦点回到该栏", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto("/admin");
  const account = page.getByRole("form", { name: "新建账号" });
  const username = account.getByLabel("用户名");
  await expect(username).not.toHaveAttribute("aria-describedby");
  await username.fill("张三");
  await account.getByLabel("初始密码").fill("chushi-mima-1");
  await account.getByRole("button", { name: "新建账号" }).click();
  await expect(username).toBeFocused();
  await expect(username).toHaveAttribute("aria-invalid", "true");
  await expect(username).toHaveAccessibleDescription(/用户名“张三”不可用/u);

  const unitName = page.getByLabel("新单位名称");
  await unitName.fill("   ");
  await page.getByRole("button", { name: "添加单位" }).click();
  await expect(unitName).toBeFocused();
  await expect(unitName).toHaveAttribute("aria-invalid", "true");
  await expect(unitName).toHaveAccessibleDescription(/单位名称不能为空/u);
  expect(await absentDescriptions(page)).toEqual([]);
});
