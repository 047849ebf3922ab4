// Guards the tables' small manners met while filling a whole report: no 空白 tips while filling, Tab leaves 表三
// past its totals, 表四's tips are not cut off, and the 信息处理费 warning carries no unrelated hint.
import { expect, test } from "@playwright/test";
import { applicationsCellId, reviewsLitigationCellId } from "@/lib/format";
import { cellInput, openStep, typeCell } from "./fixtures/ledger-page";
import { createReport } from "./fixtures/reports-api";

test("填表时空白格不弹出“空白”提示；表三最后一格按 Tab 离开表格，不停在总计上", async ({ page, request }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const { id } = await createReport(request, { agencyName: "填表细节测试县人民政府", year: 2025 });
  await page.goto(`/reports/${id}?step=applications`);
  await typeCell(page, applicationsCellId("new", "natural_person"), "3");
  await cellInput(page, applicationsCellId("granted", "natural_person")).focus();
  await expect(page.getByRole("tooltip").filter({ visible: true })).toHaveCount(0);
  await expect(page.locator(".ledger-s3 .has-blank")).toHaveCount(0);

  const last = cellInput(page, applicationsCellId("carried_forward", "other_organization"));
  await last.focus();
  await page.keyboard.press("Tab");
  await expect(cellInput(page, applicationsCellId("carried_forward", "total"))).not.toBeFocused();
  expect(await page.evaluate(() => document.activeElement?.closest("table") === null)).toBe(true);
  // Having left the table, its blank cells are marked.
  await expect(page.locator(".ledger-s3 .has-blank").first()).toBeVisible();
});

test("表四左侧单元格的提示完整显示，不被左边缘截断", async ({ page, request }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const { id } = await createReport(request, { agencyName: "表四提示测试县人民政府", year: 2025 });
  await page.goto(`/reports/${id}`);
  await openStep(page, "reviews_litigation");
  const input = cellInput(page, reviewsLitigationCellId("review.upheld"));
  await input.click();
  await input.pressSequentially("abc");
  await input.press("Enter");
  await input.focus();
  const tip = page.getByRole("tooltip").filter({ visible: true });
  await expect(tip).toContainText("不是有效的数字");
  const box = (await tip.boundingBox())!;
  const content = (await page.locator(".step-content").boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(content.x);
  expect(box.x + box.width).toBeLessThanOrEqual(1366);
});

test("信息处理费的警告不附带“填报的合计”的无关提示", async ({ page, request }) => {
  const fee = applicationsCellId("other.fee_unpaid", "natural_person");
  const feeTotal = applicationsCellId("other.fee_unpaid", "total");
  const created = await createReport(request, { agencyName: "信息处理费提示测试县人民政府", year: 2025 });
  const report = structuredClone(created.report);
  // Imported as printed: the row's 总计 is a stated figure.
  report.ledger[fee] = 2;
  report.ledger[feeTotal] = 2;
  expect((await request.put(`/api/reports/${created.id}`, { data: { baseRevision: created.revision, report } })).ok()).toBe(true);
  await page.goto(`/reports/${created.id}?step=other_matters`);
  const warning = page.getByRole("complementary").getByRole("listitem").filter({ hasText: "说明本年发出过信息处理费收费通知" });
  await expect(warning.first()).toBeVisible();
  for (const item of await warning.all()) await expect(item).not.toContainText("填报的合计");
});
