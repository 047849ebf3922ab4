// Guards the pictures of the figures: 与上年对比 in the editor and the overview's progress, units and five years, each read back as figures.
import { expect, type Locator, type Page, test } from "@playwright/test";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { deriveLedger } from "@/lib/ledger/derive-ledger";
import type { TReport } from "@/lib/report/report-schema";
import { accounts } from "./fixtures/accounts";
import { createReport } from "./fixtures/reports-api";

const seed001 = publishedSeedReports()[1]!.report;
const figure = (report: TReport, id: string) => deriveLedger(report.ledger).effective[id] as number;

/** A year no other browser test files reports under, so the overview's totals are this test's own. */
const BASE_YEAR = 2041;

async function unitId(page: Page, name: string): Promise<string> {
  const { units } = (await (await page.request.get("/api/units")).json()) as { units: { id: string; name: string }[] };
  return units.find((unit) => unit.name === name)!.id;
}

async function createUnit(page: Page, name: string, parentId: string): Promise<string> {
  const created = await page.request.post("/api/units", { data: { name, parentId } });
  expect(created.status(), await created.text()).toBe(201);
  const { units } = (await created.json()) as { units: { id: string; name: string }[] };
  return units.find((unit) => unit.name === name)!.id;
}

/** A table's body rows as text, cell by cell (the row's header first). */
async function tableRows(table: Locator): Promise<string[][]> {
  return table
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll("th, td")].map((cell) => cell.textContent?.trim() ?? "")));
}

/** The words an SVG chart prints (its axis labels, legend and bar labels). */
const svgTexts = (figureElement: Locator) =>
  figureElement.locator("[data-chart-svg] svg text").evaluateAll((texts) => texts.map((text) => text.textContent ?? ""));

test("与上年对比：本年与上年的主要数字、变化和柱状图，跳变标出并给出说明句", async ({ page }) => {
  test.setTimeout(120_000);
  const agencyName = `对比测试县${Date.now() % 100000}人民政府`;
  const lastYear = structuredClone(seed001);
  lastYear.info = { ...lastYear.info, agencyName, year: BASE_YEAR - 1 };
  await createReport(page.request, { report: lastYear });
  const thisYear = structuredClone(seed001);
  thisYear.info = { ...thisYear.info, agencyName, year: BASE_YEAR };
  // 本年新收 177 → 1800 (natural persons), 行政许可 95133 → 0.
  Object.assign(thisYear.ledger, { "s3.new.natural_person": 1797, "s3.new.total": 1800, "s2.licensing.decisions": 0 });
  const created = await createReport(page.request, { report: thisYear });

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`/reports/${created.id}?step=export`);
  const panel = page.getByRole("region", { name: /与上年对比/ });
  await expect(panel.getByRole("heading", { level: 3 })).toHaveText(`与上年对比（${BASE_YEAR - 1}年 → ${BASE_YEAR}年）`);
  const chart = panel.getByTestId("year-comparison-chart");
  const rows = await tableRows(chart.getByRole("table"));
  const row = (name: string) => rows.find((cells) => cells[0] === name)!;
  expect(row("本年新收")).toEqual(["本年新收", "1,800 件", "177 件", "增长 917%", "⚠ 变化大"]);
  expect(row("行政许可")).toEqual([
    "行政许可",
    "0 件",
    `${figure(seed001, "s2.licensing.decisions").toLocaleString("zh-CN")} 件`,
    "下降 100%",
    "⚠ 降为 0",
  ]);
  expect(row("行政复议总数")).toEqual(["行政复议总数", "77 件", "77 件", "持平", ""]);
  await expect(panel).toContainText("2 个数字与上年相比变化很大");

  // The chart draws the same figures: each bar is labelled with its number, the marked ones flagged.
  await expect(chart.locator("[data-chart-svg] svg")).toBeVisible();
  const texts = await svgTexts(chart);
  expect(texts).toEqual(expect.arrayContaining(["⚠ 本年新收", "1,800", "177", "⚠ 行政许可", "0", "95,133", `${BASE_YEAR}年`]));

  // The sentence for the narrative, with the figure linked when pasted into a field.
  await expect(panel.getByText("本年新收政府信息公开申请1800件，比上年增长917%，主要原因是……。")).toBeVisible();
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  const offer = panel.getByRole("listitem").filter({ hasText: "本年新收政府信息公开申请" });
  await offer.getByRole("button", { name: "复制说明句" }).click();
  await expect(offer.getByRole("status")).toContainText("已复制");
  const html = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    return (await item!.getType("text/html")).text();
  });
  expect(html).toContain('<span data-figure="s3.new.total">1800</span>');

  // The same jumps are warnings in the report's results.
  await page.screenshot({ path: "test-artifacts/year-comparison.png", fullPage: true });
  const results = page.getByRole("complementary", { name: /检查结果/ });
  await expect(results.getByText(/本年新收.*1800 件.*177 件.*增长 917%/).first()).toBeAttached();
});

test("审核总览：进度条、各单位主要数字（可排序，含汇总和异常标记）、近五年汇总折线图，图中数字与表格一致", async ({ page }) => {
  test.setTimeout(180_000);
  // Ten years on from the editor's test: the five years shown hold this test's reports only.
  const year = BASE_YEAR + 10;
  const created: string[] = [];
  const suffix = Date.now() % 100000;
  const topId = await unitId(page, accounts.admin.unit);
  const parentId = await createUnit(page, `图表测试县${suffix}人民政府`, topId);
  // Four towns under one parent: one with no 行政许可 where the others have many, one with far more requests.
  const towns: { name: string; licensing: number; requests: number }[] = [
    { name: `甲${suffix}镇`, licensing: 0, requests: 12 },
    { name: `乙${suffix}镇`, licensing: 1200, requests: 10 },
    { name: `丙${suffix}镇`, licensing: 900, requests: 400 },
    { name: `丁${suffix}镇`, licensing: 1500, requests: 8 },
  ];
  for (const [index, town] of towns.entries()) {
    const id = await createUnit(page, town.name, parentId);
    for (const shownYear of [year - 2, year]) {
      const report = structuredClone(seed001);
      report.info = { ...report.info, agencyName: `${town.name}人民政府`, year: shownYear };
      // Figures that add up: each town's requests are new and answered at once.
      const requests = shownYear === year ? town.requests : index + 1;
      Object.assign(report.ledger, {
        "s2.licensing.decisions": town.licensing,
        "s3.new.natural_person": requests,
        "s3.new.total": requests,
      });
      created.push((await createReport(page.request, { report, unitId: id })).id);
    }
  }
  try {
    await checkOverview(page, year, suffix, towns);
  } finally {
    // A retry files its own towns: this attempt's reports must not add to its 汇总.
    for (const id of created) await page.request.delete(`/api/reports/${id}`);
  }
});

async function checkOverview(page: Page, year: number, suffix: number, towns: readonly { name: string }[]) {
  const townNames = towns.map((town) => town.name);
  const ofTowns = (rows: string[][]) => rows.filter((cells) => townNames.includes(cells[0]!));
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`/overview?year=${year}&q=${suffix}`);

  // The progress bar counts every unit in view by status; its table says the same.
  const progress = page.getByTestId("status-progress");
  await expect(progress.locator("[data-chart-svg] svg")).toBeVisible();
  const progressRows = await tableRows(progress.getByRole("table"));
  const editing = progressRows.find((cells) => cells[0] === "编辑中")![1];
  expect(Number(editing)).toBeGreaterThanOrEqual(4);
  expect(await svgTexts(progress)).toContain(`编辑中 ${editing}`);

  // Units by 本年新收: the chart's bars and its table, largest first, the office's 汇总 beside.
  const unitChart = page.getByTestId("unit-figures-chart");
  const chartRows = ofTowns(await tableRows(unitChart.getByRole("table")));
  expect(chartRows).toEqual([
    [towns[2]!.name, "400"],
    [towns[0]!.name, "12"],
    [towns[1]!.name, "10"],
    [towns[3]!.name, "8"],
  ]);
  const barTexts = await svgTexts(unitChart);
  expect(barTexts).toEqual(expect.arrayContaining([`⚠ ${towns[2]!.name}`, "400", towns[0]!.name, "12"]));

  // The units' table: sortable by any figure, the 汇总 row, marks where a town stands out.
  const table = page.getByTestId("unit-figures-table");
  const marked = table.getByRole("row").filter({ hasText: towns[0]!.name });
  await expect(marked).toContainText("行政许可为 0，同一上级的同类单位（3 个）多数较多，中位数 1200");
  await expect(table.getByRole("row").filter({ hasText: towns[2]!.name })).toContainText(
    "本年新收 400，远高于同一上级的同类单位",
  );
  await expect(
    page.getByRole("table", { name: "各单位报告" }).getByRole("row").filter({ hasText: towns[0]!.name }),
  ).toContainText("数字需留意");
  await table.getByRole("link", { name: "行政许可" }).click();
  await expect(page).toHaveURL(/figure=s2\.licensing\.decisions&dir=desc/);
  const byLicensing = ofTowns(await tableRows(page.getByTestId("unit-figures-table")));
  expect(byLicensing.map((cells) => cells[0])).toEqual([towns[3]!.name, towns[1]!.name, towns[2]!.name, towns[0]!.name]);
  await page
    .getByTestId("unit-figures-table")
    .getByRole("link", { name: /行政许可/ })
    .click();
  await expect(page).toHaveURL(/figure=s2\.licensing\.decisions&dir=asc/);
  const ascending = ofTowns(await tableRows(page.getByTestId("unit-figures-table")));
  expect(ascending[0]![0]).toBe(towns[0]!.name);
  const total = await page
    .getByTestId("unit-figures-table")
    .locator("tfoot tr")
    .evaluate((row) => [...row.children].map((cell) => cell.textContent?.trim()));
  expect(total[0]).toBe("汇总");

  // Five years of 汇总: the years without reports have no point; the two with reports carry the towns' sums.
  const lines = page.getByTestId("year-totals-chart");
  await expect(lines.locator("[data-chart-svg] svg")).toBeVisible();
  const yearRows = await tableRows(lines.getByRole("table"));
  await expect(lines.getByRole("table").locator("thead th")).toHaveText([
    "数字",
    ...[0, 1, 2, 3, 4].map((offset) => `${year - 4 + offset}年`),
  ]);
  const newRow = yearRows.find((cells) => cells[0] === "本年新收（件）")!;
  // Only this test's towns have reports in these years, under the admin's whole office.
  expect(newRow).toEqual(["本年新收（件）", "—", "—", "10", "—", "430"]);
  expect(await svgTexts(lines)).toEqual(expect.arrayContaining(["430", "10", `${year}年`]));
  // The chart shows the figure chosen in the list.
  await page.getByLabel("图中的数字", { exact: true }).selectOption({ label: "行政许可" });
  await page.getByRole("button", { name: "显示", exact: true }).click();
  await expect(page.getByTestId("unit-figures-chart").locator("figcaption")).toContainText("行政许可：各单位");
  expect(ofTowns(await tableRows(page.getByTestId("unit-figures-chart").getByRole("table")))).toEqual([
    [towns[3]!.name, "1,500"],
    [towns[1]!.name, "1,200"],
    [towns[2]!.name, "900"],
    [towns[0]!.name, "0"],
  ]);
  await page.screenshot({ path: "test-artifacts/overview-charts.png", fullPage: true });
}
