// Guards the one source of truth: the home page must show the six national sections from lib/format.
import { expect, test } from "@playwright/test";
import { reportSections, sectionHeading } from "@/lib/format";

test("首页按国家格式顺序列出六个部分", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "年报通" })).toBeVisible();
  const headings = page.getByRole("heading", { level: 3 });
  await expect(headings).toHaveText(reportSections.map(sectionHeading));
});
