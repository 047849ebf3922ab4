// Guards the one source of truth: the home page must show the six national sections from lib/format.
import { expect, test } from "@playwright/test";
import { reportSections, sectionHeading } from "@/lib/format";

test("首页按国家格式顺序列出六个部分", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "年报通" })).toBeVisible();
  const headings = page.getByRole("heading", { level: 3 });
  await expect(headings).toHaveText(reportSections.map(sectionHeading));
});

test("不存在或已删除的报告：中文提示并可返回列表", async ({ page }) => {
  const response = await page.goto("/reports/00000000-0000-4000-8000-000000000000");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "找不到这个页面" })).toBeVisible();
  await page.getByRole("link", { name: "返回报告列表" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "年报通" })).toBeVisible();
});
