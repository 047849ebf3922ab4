// 单位和账号 as the administrator uses it at 1366×768: units renamed, moved, removed; a person's unit
// and role changed; the password reset in a dialog (keyboard only); the first password changed
// before anything else; every change in the 管理记录.
import { expect, type Page, test } from "@playwright/test";
import { originHeaders, TOP_UNIT } from "./fixtures/accounts";

test.use({ viewport: { width: 1366, height: 768 } });

const unitsTable = (page: Page) => page.getByRole("region", { name: /^单位（/ }).getByRole("table");
const usersRegion = (page: Page) => page.getByRole("region", { name: /^账号（/ });
const logRegion = (page: Page) => page.getByRole("region", { name: "管理记录" });

async function unitIdOf(page: Page, name: string): Promise<string> {
  const { units } = (await (await page.request.get("/api/units")).json()) as { units: { id: string; name: string }[] };
  return units.find((unit) => unit.name === name)!.id;
}

/** A person made through the API, with a first password, for a test to act on without touching the shared accounts. */
async function makePerson(page: Page, username: string, unitName: string): Promise<void> {
  const response = await page.request.post("/api/users", {
    headers: originHeaders(page.url() || "http://127.0.0.1"),
    data: {
      username,
      name: `${username}姓名`,
      password: "chushi-mima-1",
      role: "filler",
      unitId: await unitIdOf(page, unitName),
    },
  });
  expect([201, 409]).toContain(response.status());
}

test("单位改名、移动、移除（有报告的归档）都在对话框中完成，并记入管理记录", async ({ page }) => {
  await page.goto("/admin");
  const suffix = String(Date.now() % 100000);
  const parent = `审计局${suffix}`;
  const child = `审计中心${suffix}`;
  await page.getByLabel("粘贴单位名单").fill(`${TOP_UNIT}\n    ${parent}\n        ${child}`);
  await page.getByRole("button", { name: "按名单添加" }).click();
  await expect(page.getByRole("region", { name: /^单位（/ }).getByRole("status")).toContainText("已添加 2 个单位");

  // Rename, keyboard only: the dialog takes focus, Enter saves, focus comes back to the button.
  const rename = page.getByRole("button", { name: `改名：${parent}` });
  await rename.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: `改名：${parent}` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("新名称")).toBeFocused();
  await page.keyboard.press("Control+A");
  await page.keyboard.type(`县审计局${suffix}`);
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(unitsTable(page)).toContainText(`县审计局${suffix}`);
  await expect(page.getByRole("button", { name: `改名：县审计局${suffix}` })).toBeFocused();

  // Moving a unit under its own child is not offered.
  await page.getByRole("button", { name: `移动：县审计局${suffix}` }).click();
  const move = page.getByRole("dialog", { name: `移动：县审计局${suffix}` });
  const options = await move.getByRole("combobox").locator("option").allTextContents();
  expect(options.map((option) => option.trim())).not.toContain(child);
  expect(options.map((option) => option.trim())).not.toContain(`县审计局${suffix}`);
  await page.keyboard.press("Escape");
  await expect(move).toBeHidden();

  // The child moves to the top unit; with a report it is archived, not deleted.
  await page.getByRole("button", { name: `移动：${child}` }).click();
  await page
    .getByRole("dialog", { name: `移动：${child}` })
    .getByRole("combobox")
    .selectOption({ label: TOP_UNIT });
  await page
    .getByRole("dialog", { name: `移动：${child}` })
    .getByRole("button", { name: "移动" })
    .click();
  await expect(page.getByRole("region", { name: /^单位（/ }).getByRole("status")).toHaveText(`已把“${child}”移到“${TOP_UNIT}”下`);
  const created = await page.request.post("/api/reports", {
    headers: originHeaders(new URL(page.url()).origin),
    data: { report: { formatVersion: "2021", info: { agencyName: child, year: 2025 } }, unitId: await unitIdOf(page, child) },
  });
  expect(created.status(), await created.text()).toBe(201);
  const reportId = ((await created.json()) as { stored: { id: string } }).stored.id;
  await page.getByRole("button", { name: `移除：${child}` }).click();
  await page
    .getByRole("dialog", { name: `移除：${child}` })
    .getByRole("button", { name: "移除" })
    .click();
  await expect(page.getByRole("region", { name: /^单位（/ }).getByRole("status")).toHaveText(
    `单位“${child}”已归档：它的 1 份报告仍可查阅，不再出现在选择列表和缺报统计中`,
  );
  await expect(unitsTable(page)).not.toContainText(child);
  await expect(page.getByText(/^已归档的单位（\d+ 个）$/)).toBeVisible();
  // Not offered for a new account; the report is still there.
  await expect(usersRegion(page).getByLabel("单位").locator("option", { hasText: child })).toHaveCount(0);
  expect((await page.request.get(`/api/reports/${reportId}`)).status()).toBe(200);
  // The empty one is deleted.
  await page.getByRole("button", { name: `移除：县审计局${suffix}` }).click();
  await page
    .getByRole("dialog", { name: `移除：县审计局${suffix}` })
    .getByRole("button", { name: "移除" })
    .click();
  await expect(page.getByRole("region", { name: /^单位（/ }).getByRole("status")).toHaveText(`已删除单位“县审计局${suffix}”`);

  const log = logRegion(page);
  await expect(log).toContainText(`把单位“审计局${suffix}”改名为“县审计局${suffix}”`);
  await expect(log).toContainText(`把单位“${child}”从“县审计局${suffix}”下移到“${TOP_UNIT}”下`);
  await expect(log).toContainText(`移除单位“${child}”：有1 份报告，已归档（报告仍可查阅）`);
  await expect(log).toContainText(`删除单位“县审计局${suffix}”（没有报告和账号）`);
  await expect(log.locator("tbody tr").first()).toContainText("管理员甲（admin）");
  await page.screenshot({ path: "test-artifacts/admin-page.png", fullPage: true });
  // Nothing sticks out of the page at 1366 px.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
});

test("重设密码用对话框（只用键盘）：焦点进入、Esc 关闭、焦点回到按钮；本人下次登录须先改密码，接口 403", async ({
  page,
  browser,
}) => {
  await page.goto("/admin");
  const username = `reset${Date.now() % 100000}`;
  await makePerson(page, username, TOP_UNIT);
  await page.reload();
  const opener = page.getByRole("button", { name: `重设密码：${username}（${username}姓名）` });
  await opener.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: `重设密码：${username}（${username}姓名）` });
  await expect(dialog).toBeVisible();
  const field = dialog.getByLabel("新的初始密码（至少 8 个字符）");
  await expect(field).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  await page.keyboard.press("Enter");
  await expect(field).toBeFocused();
  await page.keyboard.type("short");
  await page.keyboard.press("Enter");
  await expect(dialog.getByRole("alert")).toHaveText("密码至少 8 个字符");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAttribute("aria-describedby", (await dialog.getByRole("alert").getAttribute("id"))!);
  await page.screenshot({ path: "test-artifacts/admin-password-dialog.png" });
  await page.keyboard.press("Control+A");
  await page.keyboard.type("chongshe-mima-2");
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(usersRegion(page).getByRole("status")).toHaveText(
    `已为 ${username} 重设密码；该账号原有的登录已退出，下次登录时须改为自己的密码`,
  );
  await expect(opener).toBeFocused();
  await expect(logRegion(page)).toContainText(`重设 ${username}（${username}姓名） 的密码（须在下次登录时修改）`);

  // The person signs in with it: every page leads to the change-password page first, the API answers 403.
  const context = await browser.newContext({
    storageState: { cookies: [], origins: [] },
    viewport: { width: 1366, height: 768 },
  });
  const person = await context.newPage();
  await person.goto("/help");
  await person.getByLabel("用户名").fill(username);
  await person.getByLabel("密码").fill("chongshe-mima-2");
  await person.getByRole("button", { name: "登录" }).click();
  await expect(person).toHaveURL(/\/account\/password\?next=%2Fhelp$/);
  await expect(person.getByRole("heading", { name: "修改初始密码" })).toBeVisible();
  const refused = await context.request.get("/api/reports");
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { message: string }).message).toContain("请先修改初始密码");
  await person.goto("/");
  await expect(person).toHaveURL(/\/account\/password\?next=%2F$/);
  await person.getByLabel("管理员给您的初始密码").fill("chongshe-mima-2");
  await person.getByLabel("新密码（至少 8 个字符）").fill("ziji-de-mima-3");
  await person.getByLabel("再次输入新密码").fill("ziji-de-mima-3");
  await person.getByRole("button", { name: "修改密码并继续" }).click();
  await expect(person).toHaveURL(/\/$/);
  await expect(person.getByRole("heading", { level: 1 })).toBeVisible();
  expect((await context.request.get("/api/reports")).status()).toBe(200);
  await context.close();
});

test("管理员改某人的单位和角色；自己的角色不能改", async ({ page }) => {
  await page.goto("/admin");
  const username = `change${Date.now() % 100000}`;
  await makePerson(page, username, TOP_UNIT);
  await page.reload();
  await page.getByRole("button", { name: `修改：${username}（${username}姓名）` }).click();
  const dialog = page.getByRole("dialog", { name: `修改账号：${username}（${username}姓名）` });
  await dialog.getByLabel("单位").selectOption({ label: "\u3000测试县财政局" });
  await dialog.getByLabel("角色").selectOption({ label: "审核人" });
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(dialog).toBeHidden();
  const row = usersRegion(page).getByRole("row").filter({ hasText: username });
  await expect(row).toContainText("测试县财政局");
  await expect(row).toContainText("审核人");
  await expect(logRegion(page)).toContainText(
    `修改账号 ${username}（${username}姓名）：单位由“${TOP_UNIT}”改为“测试县财政局”；角色由填报人改为审核人`,
  );

  await page.getByRole("button", { name: "修改：admin（管理员甲）" }).click();
  const own = page.getByRole("dialog", { name: "修改账号：admin（管理员甲）" });
  await expect(own.getByLabel("角色")).toBeDisabled();
  await expect(own).toContainText("不能修改自己的角色");
  await page.keyboard.press("Escape");
});
