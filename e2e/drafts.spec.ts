// Guards "nothing typed is ever lost": an incomplete draft still saves, and the table keys behave like a spreadsheet.
import { expect, test } from "@playwright/test";
import { seedReports } from "@/fixtures/seed-reports";
import { applicationsCellId, getCell, getSection, ledgerCells, reviewsLitigationCellId, sectionHeading } from "@/lib/format";
import { FORMAT_VERSION } from "@/lib/report/report-schema";
import { cellInput, expectSaved, openStep, pasteInto, spreadsheetBlock, typeCell } from "./fixtures/ledger-page";
import { createReport, storedReport } from "./fixtures/reports-api";

const seed001 = seedReports()[1]!.report;
const enteredOnly = Object.fromEntries(
  Object.entries(seed001.ledger).filter(([cellId]) => !ledgerCells.find((cell) => cell.id === cellId)?.computedFrom),
);

test("清空机关全称后在五中输入：草稿照常保存，关闭再打开文字还在，库中也在；检查结果列出缺项，正式导出被拒绝", async ({
  page,
  request,
}) => {
  const { id } = await createReport(request, { agencyName: "草稿测试县人民政府", year: 2025 });
  await page.goto(`/reports/${id}`);
  await page.getByLabel("机关全称").fill("");
  await openStep(page, "problems");
  await page.getByLabel("正文").fill("一是公开内容更新不够及时；二是政策解读形式单一。");
  await expectSaved(page);
  await expect(page.getByRole("complementary")).toContainText("机关全称未填写");

  await page.close();
  const reopened = await page.context().newPage();
  await reopened.goto(`/reports/${id}?step=problems`);
  await expect(reopened.getByLabel("正文")).toHaveText("一是公开内容更新不够及时；二是政策解读形式单一。");
  const stored = await storedReport(request, id);
  expect(stored.agencyName).toBe("");
  expect(stored.report.narrative.problems.body).toBe("一是公开内容更新不够及时；二是政策解读形式单一。");

  const official = await request.get(`/api/reports/${id}/export?format=pdf`);
  expect(official.status()).toBe(422);
  const body = (await official.json()) as { errors: { ruleId: string; message: string }[] };
  expect(body.errors.map((error) => error.ruleId)).toContain("info.agency_name");
});

test("年度填成“20x6”：其余修改照常保存，状态栏和检查结果说明年度未保存，消息是中文句子", async ({ page, request }) => {
  const { id } = await createReport(request, { agencyName: "年度测试县人民政府", year: 2025 });
  await page.goto(`/reports/${id}`);
  await page.getByLabel("年度").fill("20x6");
  await page.getByLabel("编制机构").fill("县政务公开办");
  await expect(page.getByTestId("save-status")).toHaveText(/^已保存 \d\d:\d\d:\d\d；1 处无法识别的输入未保存，已在本机保留$/, {
    timeout: 15_000,
  });
  await expect(page.getByText("年度：“20x6”不是年份：请填写四位数字，如 2025").first()).toBeVisible();
  await expect(page.getByRole("complementary")).toContainText("年度未填写");
  await expect(page.locator("body")).not.toContainText(/期望|实际接收|NaN|number/);
  const stored = await storedReport(request, id);
  expect(stored.report.info.compilingOffice.name).toBe("县政务公开办");
  expect(stored.report.info.year).toBeNull();

  await page.getByLabel("年度").fill("２０２５");
  await expectSaved(page);
  expect((await storedReport(request, id)).report.info.year).toBe(2025);
});

test("Tab、回车、方向键跳过自动计算的合计；在合计上输入会说明原因；“-3”不会先存成“/”", async ({ page, request }) => {
  const { id } = await createReport(request, { agencyName: "键位测试县人民政府", year: 2025 });
  await page.goto(`/reports/${id}?step=applications`);

  await test.step("种子001的二、上年结转逐格输入加 Tab", async () => {
    await cellInput(page, applicationsCellId("carried_over", "natural_person")).click();
    for (const figure of ["5", "0", "0", "0", "0", "0"]) {
      await page.keyboard.type(figure);
      await page.keyboard.press("Tab");
    }
    // Tab went over the 总计 column to the next row's first cell.
    await expect(cellInput(page, applicationsCellId("granted", "natural_person"))).toBeFocused();
    await expectSaved(page);
    const ledger = (await storedReport(request, id)).report.ledger;
    expect(
      [
        "natural_person",
        "commercial_enterprise",
        "research_institution",
        "public_interest_organization",
        "legal_service_organization",
        "other_organization",
      ].map((column) => ledger[applicationsCellId("carried_over", column)]),
    ).toEqual([5, 0, 0, 0, 0, 0]);
    expect(ledger[applicationsCellId("carried_over", "total")]).toBeUndefined();
  });

  await test.step("在合计上输入数字：不改动，并说明为什么", async () => {
    const total = cellInput(page, applicationsCellId("new", "total"));
    await total.click();
    await page.keyboard.type("7");
    await expect(total).toHaveValue("");
    await expect(page.locator(".paste-outcome")).toContainText(
      `${getCell(applicationsCellId("new", "total")).name}是自动计算的合计，不能直接填写`,
    );
    await page.keyboard.press("ArrowDown");
    await expect(cellInput(page, applicationsCellId("carried_over", "total"))).not.toBeFocused();
  });

  await test.step("输入“-3”：没有“填了/”的警告，只有负数的错误", async () => {
    const cell = cellInput(page, applicationsCellId("granted", "natural_person"));
    await cell.click();
    await page.keyboard.type("-");
    await page.keyboard.type("3");
    await page.keyboard.press("Enter");
    await expect(cell).toHaveValue("-3");
    await expect(page.getByRole("complementary")).toContainText("是负数");
    await expect(page.getByRole("complementary")).not.toContainText("填了“/”");
  });
});

test("一个撤销历史：Ctrl+Z 逐步撤销输入和粘贴（不带走之后的输入），Ctrl+Y / Ctrl+Shift+Z 恢复", async ({ page, request }) => {
  const { id } = await createReport(request, {
    report: { formatVersion: FORMAT_VERSION, info: { agencyName: "撤销测试县", year: 2025 }, ledger: enteredOnly },
  });
  await page.goto(`/reports/${id}?step=applications`);
  const first = cellInput(page, applicationsCellId("new", "natural_person"));
  const second = cellInput(page, applicationsCellId("new", "commercial_enterprise"));
  const far = cellInput(page, applicationsCellId("carried_forward", "natural_person"));

  await pasteInto(first, spreadsheetBlock([[1, 2]]));
  await typeCell(page, applicationsCellId("carried_forward", "natural_person"), "8");
  await expect(far).toHaveValue("8");
  await first.focus();
  await page.keyboard.press("Control+z");
  await expect(far).toHaveValue("9");
  await expect(first).toHaveValue("1");
  await page.keyboard.press("Control+z");
  await expect(first).toHaveValue("174");
  await expect(second).toHaveValue("1");
  await page.keyboard.press("Control+y");
  await expect(first).toHaveValue("1");
  await page.keyboard.press("Control+Shift+z");
  await expect(far).toHaveValue("8");
  await expect(page.getByRole("status").filter({ hasText: "已恢复：填写" })).toBeVisible();
});

test("删除小标题可撤销；Ctrl+S 立即保存；步骤在网址中，刷新和后退回到原步骤，选择步骤后光标在第一个输入框", async ({
  page,
  request,
}) => {
  const { id } = await createReport(request, { agencyName: "小标题测试县", year: 2025 });
  await page.goto(`/reports/${id}`);
  await openStep(page, "overview");
  await expect(page).toHaveURL(/step=overview/);
  await expect(page.getByLabel("导语（可不填）")).toBeFocused();
  await page.getByLabel("主动公开正文").fill("本年主动公开信息 120 条。");

  await page.getByRole("button", { name: "删除此小标题" }).first().click();
  await expect(page.getByLabel("主动公开正文")).toHaveCount(0);
  await page.getByRole("button", { name: "撤销（Ctrl+Z）" }).click();
  await expect(page.getByLabel("主动公开正文")).toHaveText("本年主动公开信息 120 条。");
  await page.getByRole("button", { name: "删除此小标题" }).first().click();
  await page.locator("body").click({ position: { x: 5, y: 300 } });
  await page.keyboard.press("Control+z");
  await expect(page.getByLabel("主动公开正文")).toHaveText("本年主动公开信息 120 条。");

  await page.keyboard.press("Control+s");
  await expect(page.getByRole("status").filter({ hasText: "已按 Ctrl+S 立即保存" })).toBeVisible();
  expect((await storedReport(request, id)).report.narrative.overview.topics[0]?.body).toBe("本年主动公开信息 120 条。");

  await openStep(page, "reviews_litigation");
  await expect(cellInput(page, reviewsLitigationCellId("review.upheld"))).toBeFocused();
  await page.reload();
  await expect(page.getByRole("heading", { level: 2, name: sectionHeading(getSection("reviews_litigation")) })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/step=overview/);
  await expect(page.getByLabel("主动公开正文")).toBeVisible();
});

test("表三表头随滚动保持可见；悬停和聚焦的提示不同时出现；新报告的空白格不一齐变色；粘贴放不下时说明是列数不够", async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const { id } = await createReport(request, { agencyName: "表格外观测试县", year: 2025 });
  await page.goto(`/reports/${id}?step=applications`);

  await test.step("新报告：空白格不标色，检查结果照样计数", async () => {
    await expect(page.locator(".ledger-s3 .has-blank")).toHaveCount(0);
    await expect(page.getByRole("complementary")).toContainText("表三有 144 个空白单元格");
  });

  await test.step("粘贴 7 列到法律服务机构：说明往右只有 3 列", async () => {
    await pasteInto(
      cellInput(page, applicationsCellId("new", "legal_service_organization")),
      spreadsheetBlock([[1, 2, 3, 4, 5, 6, 7]]),
    );
    const refusal = page.locator(".paste-outcome");
    await expect(refusal).toHaveAttribute("role", "alert");
    await expect(refusal).toContainText("粘贴的内容有 7 列，从表三「一、本年新收」行 法律服务机构列起往右只有 3 列");
    await expect(refusal).not.toContainText("往下");
  });

  await test.step("在表中输入时空白格不标出，离开表格后才标出", async () => {
    await typeCell(page, applicationsCellId("new", "natural_person"), "3");
    await expect(cellInput(page, applicationsCellId("new", "commercial_enterprise"))).toBeFocused();
    await expect(page.locator(".ledger-s3 .has-blank")).toHaveCount(0);
    await expect(page.getByRole("tooltip").filter({ visible: true })).toHaveCount(0);
    await page.getByRole("link", { name: "历史版本" }).focus();
    await expect(page.locator(".ledger-s3 .has-blank").first()).toBeVisible();
  });

  await test.step("一格聚焦时悬停另一格：只显示聚焦格的提示", async () => {
    await cellInput(page, applicationsCellId("new", "commercial_enterprise")).focus();
    await cellInput(page, applicationsCellId("granted", "natural_person")).hover();
    await expect(page.getByRole("tooltip").filter({ visible: true })).toHaveCount(1);
  });

  await test.step("向下滚动到结转下年度，表头仍在视口顶部", async () => {
    await cellInput(page, applicationsCellId("carried_forward", "natural_person")).scrollIntoViewIfNeeded();
    const header = page.locator(".ledger-s3 thead");
    const box = await header.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(-1);
    expect(box!.y).toBeLessThan(5);
  });
});

test("同一机关同一年度只能有一份：首页重复新建和重复“以此为基础新建”都被拒绝，并链接已有的报告", async ({ page, request }) => {
  const agencyName = `唯一性测试县${Date.now()}`;
  const first = await createReport(request, { agencyName, year: 2025 });
  await page.goto("/");
  await page.getByLabel("机关全称").fill(agencyName);
  await page.getByLabel("年度").fill("2025");
  await page.getByRole("button", { name: "新建报告" }).click();
  await expect(page.locator(".alert")).toContainText(`已有一份${agencyName}2025年度报告`);
  await expect(page.getByRole("link", { name: `打开已有的${agencyName}2025年度报告` })).toHaveAttribute(
    "href",
    `/reports/${first.id}`,
  );

  const row = page.getByRole("row").filter({ hasText: agencyName });
  await row.getByRole("button", { name: "以此为基础新建2026年度报告" }).click();
  await expect(page).toHaveURL(/\/reports\/[0-9a-f-]{36}$/);
  await page.goto("/");
  await page
    .getByRole("row")
    .filter({ hasText: agencyName })
    .filter({ hasText: "2025年" })
    .getByRole("button", { name: "以此为基础新建2026年度报告" })
    .click();
  await expect(page.locator(".alert")).toContainText(`已有一份${agencyName}2026年度报告`);
  const list = (await (await request.get("/api/reports")).json()) as { reports: { agencyName: string }[] };
  expect(list.reports.filter((report) => report.agencyName === agencyName)).toHaveLength(2);
});

test("新手：首页打开示例报告（标明是示例），每个页面都能进入帮助页", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "打开示例报告" }).click();
  await expect(page.getByRole("note")).toContainText("这是示例报告");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("湘潭县人民政府2025年政府信息公开工作年度报告");
  await page.getByRole("navigation", { name: "全站" }).getByRole("link", { name: "帮助" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "帮助" })).toBeVisible();
  await expect(page.getByRole("region", { name: "检查规则" }).getByRole("table")).toContainText("表三勾稽关系");
  await expect(page.getByText("Ctrl+Y 或 Ctrl+Shift+Z")).toBeVisible();
  // Opening it again goes to the same example.
  await page.goto("/");
  await page.getByRole("button", { name: "打开示例报告" }).click();
  await expect(page.getByRole("note")).toContainText("这是示例报告");
  const list = (await (await page.request.get("/api/reports")).json()) as { reports: { kind: string }[] };
  expect(list.reports.filter((report) => report.kind === "example")).toHaveLength(1);
});

test("预览与导出：PDF 预览生成前显示“正在生成预览”，错误列表每条左对齐、圆点在首行", async ({ page, request }) => {
  const { id } = await createReport(request, {
    report: {
      formatVersion: FORMAT_VERSION,
      info: { agencyName: "预览测试县", year: 2025 },
      ledger: { [reviewsLitigationCellId("review.total")]: 5 },
    },
  });
  // Hold the PDF back, as a slow PC would, to see what is shown meanwhile.
  let releasePreview: () => void = () => undefined;
  const previewHeld = new Promise<void>((resolve) => {
    releasePreview = resolve;
  });
  await page.route(/\/export\?format=pdf/, async (route) => {
    await previewHeld;
    await route.continue();
  });
  // The held preview keeps the page's load event from firing: wait for the document only.
  await page.goto(`/reports/${id}?step=export`, { waitUntil: "domcontentloaded" });
  await expect(page.getByText("正在生成预览，请稍候…")).toBeVisible();
  const item = page.getByRole("region", { name: "不能导出正式版本" }).getByRole("listitem").first();
  const button = item.getByRole("button");
  await expect(button).toHaveCSS("text-align", "left");
  const itemBox = (await item.boundingBox())!;
  const buttonBox = (await button.boundingBox())!;
  expect(Math.abs(buttonBox.y - itemBox.y)).toBeLessThan(4);
  releasePreview();
  await expect(page.getByText("正在生成预览，请稍候…")).toBeHidden({ timeout: 30_000 });
});
