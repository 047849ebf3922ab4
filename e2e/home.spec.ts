// Guards the one source of truth: the home page must show the six national sections from lib/format.
import { expect, test } from "@playwright/test";
import { reportSections, sectionHeading } from "@/lib/format";
import { createReport } from "./fixtures/reports-api";

test("首页按国家格式顺序列出六个部分", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "年报通" })).toBeVisible();
  const headings = page.getByRole("heading", { level: 3 });
  await expect(headings).toHaveText(reportSections.map(sectionHeading));
});

test("不存在或已删除的报告：中文提示并可返回列表", async ({ page }) => {
  const response = await page.goto("/reports/00000000-0000-4000-8000-000000000000");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "找不到这份报告" })).toBeVisible();
  await page.getByRole("link", { name: "返回报告列表" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "年报通" })).toBeVisible();
});

test("不是报告的网址：只说找不到该页面；图标可取；每个页面的标题各不相同", async ({ page, request }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "找不到该页面" })).toBeVisible();
  await expect(page.getByRole("main")).not.toContainText("最近删除");
  await expect(page).toHaveTitle("年报通 · 政府信息公开工作年度报告");

  const icon = await request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toBe("image/x-icon");
  expect([...(await icon.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);

  const { id } = await createReport(request, { agencyName: "标题测试县人民政府", year: 2025 });
  const titles: string[] = [];
  for (const path of [
    "/",
    "/help",
    "/overview",
    "/overview/summary",
    "/admin",
    "/account",
    `/reports/${id}`,
    `/reports/${id}/history`,
  ]) {
    await page.goto(path);
    titles.push(await page.title());
  }
  expect(titles).toEqual([
    "报告列表 · 年报通",
    "帮助 · 年报通",
    "审核总览 · 年报通",
    "汇总 · 年报通",
    "单位和账号 · 年报通",
    "我的账号 · 年报通",
    "标题测试县人民政府 2025年度 · 编辑 · 年报通",
    "标题测试县人民政府 2025年度 · 历史版本 · 年报通",
  ]);
});

test("帮助页讲到审核流程、总览和汇总、插入数字、导入，规则只用中文名称", async ({ page }) => {
  await page.goto("/help");
  for (const heading of ["审核和发布", "审核总览、汇总和批量下载", "在文字中插入表格数字", "导入已发布的报告", "检查规则"]) {
    await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
  }
  const workflow = page.getByRole("region", { name: "审核和发布" });
  for (const step of ["提交审核", "撤回", "退回修改", "审核通过", "发布", "更正"]) await expect(workflow).toContainText(step);
  await expect(page.getByRole("region", { name: "检查规则" })).toContainText("表三勾稽关系");
  await expect(page.getByRole("main")).not.toContainText("s3.balance");
});
