// Against the built server: malformed paths and query values on pages answer in Chinese, never a 500.
import { expect, test } from "@playwright/test";
import { createReport } from "./fixtures/reports-api";

test("网址中的 %ff：页面和接口都是 400 和中文说明，不是 500", async ({ request }) => {
  const report = await createReport(request, { agencyName: "网址编码测试县", year: 2025 });
  for (const path of [
    "/reports/%ff",
    "/reports/%ff/history",
    "/reports/%ff/history/1",
    `/reports/${report.id}/history/%ff`,
    "/api/reports/%ff",
    "/api/reports/%ff/workflow",
    `/api/reports/${report.id}/versions/%ff`,
    "/api/units/%ff",
    "/api/users/%ff/password",
  ]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(400);
    expect(await response.text(), path).toContain("网址有误");
  }
  const patch = await request.patch("/api/units/not-a-uuid", { data: { name: "改名" } });
  expect(patch.status()).toBe(404);
  expect(((await patch.json()) as { message: string }).message).toBe("找不到这个单位");
});

test("总览和汇总的年度不对：显示应报年度并说明，不是 500；接口回答 400", async ({ page, request }) => {
  for (const [path, asked] of [
    ["/overview?year=abc", "abc"],
    ["/overview?year=99999", "99999"],
    ["/overview/summary?year=-5", "-5"],
  ] as const) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole("status").filter({ hasText: `网址中的年度“${asked}”不对` })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("年度");
  }
  const api = await request.get("/api/overview?year=abc");
  expect(api.status()).toBe(400);
  expect(((await api.json()) as { message: string }).message).toBe("年度应为数字，如 2025");
});

test("已登录时打开 /login?next=/%0a/：转到首页，不是 500", async ({ page }) => {
  const response = await page.goto("/login?next=/%0a/");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveURL(/\/$/);
});
