// The exported web page in Chromium at 1000 px: figures never break or overflow their cells, and the narrow header labels of 表三 break into even lines.
import { expect, type Locator, test } from "@playwright/test";
import { seedReports } from "@/fixtures/seed-reports";
import { buildReportDocument, type TableBlock } from "@/lib/document";
import { renderReportHtmlPage } from "@/lib/render/html/render-report-html";

const base = buildReportDocument(seedReports()[1]!.report, { isDraft: false });
const withFigure = (figure: string, tableId: TableBlock["tableId"] = "s3") => ({
  ...base,
  blocks: base.blocks.map((block) =>
    block.type === "table" && block.tableId === tableId
      ? ({ ...block, cells: Object.fromEntries(Object.keys(block.cells).map((id) => [id, figure])) } satisfies TableBlock)
      : block,
  ),
});

/** The cells whose text runs past their borders or onto a second line box. */
const overflowing = (cells: Locator) =>
  cells.evaluateAll((elements) =>
    elements
      .filter((cell) => cell.scrollWidth > cell.clientWidth || cell.getClientRects().length !== 1)
      .map((cell) => cell.textContent),
  );

for (const figure of ["5550", "1234567", "123456789"]) {
  test(`网页导出（1000 像素宽）：表三 ${figure.length} 位数字不折行、不出格，表头不剩单字`, async ({ page }) => {
    await page.setViewportSize({ width: 1000, height: 800 });
    await page.setContent(renderReportHtmlPage(withFigure(figure)));
    expect(await page.evaluate(() => document.characterSet)).toBe("UTF-8");
    const s3 = page.locator("table").nth(1);
    const figures = s3.locator("td", { hasText: figure });
    expect(await figures.count()).toBeGreaterThan(100);
    expect(await overflowing(figures)).toEqual([]);
    // Each figure on one line: its text is one line high.
    const lines = await figures.evaluateAll((cells) =>
      cells.map((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
      }),
    );
    expect(Math.max(...lines)).toBe(1);
    // Header labels: no line of one character (商业企/业).
    const lone = await s3.locator("th").evaluateAll((cells) =>
      cells.flatMap((cell) => {
        const text = cell.textContent ?? "";
        const tops = new Map<number, number>();
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (let i = 0; i < (node.textContent ?? "").length; i += 1) {
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const top = Math.round(range.getBoundingClientRect().top);
            tops.set(top, (tops.get(top) ?? 0) + 1);
          }
        }
        return [...tops.values()].some((count) => count === 1) && text.length > 1 ? [text] : [];
      }),
    );
    expect(lone).toEqual([]);
  });
}

for (const figure of ["123456", "123456789"]) {
  test(`网页导出（1000 像素宽）：表四 ${figure.length} 位数字按表头分组上下排列（行政复议在上、行政诉讼在下），不出格`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1000, height: 800 });
    await page.setContent(renderReportHtmlPage(withFigure(figure, "s4")));
    const s4 = page.locator("table").nth(2);
    const figures = s4.locator("td", { hasText: figure });
    expect(await figures.count()).toBe(15);
    expect(await overflowing(figures)).toEqual([]);
    // The table itself within the page, no wider than its container.
    const [tableWidth, bodyWidth] = await s4.evaluate((table) => [table.scrollWidth, table.parentElement!.clientWidth]);
    expect(tableWidth).toBeLessThanOrEqual(bodyWidth);
    const top = async (text: string) => (await s4.locator("th", { hasText: new RegExp(`^${text}$`) }).boundingBox())!.y;
    const figureTops = await figures.evaluateAll((cells) => [
      ...new Set(cells.map((cell) => Math.round(cell.getBoundingClientRect().top))),
    ]);
    expect(figureTops.length).toBeGreaterThan(1);
    expect(await top("行政复议")).toBeLessThan(figureTops[0]!);
    expect(figureTops[0]!).toBeLessThan(await top("行政诉讼"));
  });
}
