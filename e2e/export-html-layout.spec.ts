// The exported web page in Chromium at 1000 px: figures never break or overflow their cells, and the narrow header labels of 表三 break into even lines.
import { expect, test } from "@playwright/test";
import { seedReports } from "@/fixtures/seed-reports";
import { buildReportDocument, type TableBlock } from "@/lib/document";
import { renderReportHtmlPage } from "@/lib/render/html/render-report-html";

const base = buildReportDocument(seedReports()[1]!.report, { isDraft: false });
const withFigure = (figure: string) => ({
  ...base,
  blocks: base.blocks.map((block) =>
    block.type === "table" && block.tableId === "s3"
      ? ({ ...block, cells: Object.fromEntries(Object.keys(block.cells).map((id) => [id, figure])) } satisfies TableBlock)
      : block,
  ),
});

for (const figure of ["5550", "1234567", "123456789"]) {
  test(`网页导出（1000 像素宽）：表三 ${figure.length} 位数字不折行、不出格，表头不剩单字`, async ({ page }) => {
    await page.setViewportSize({ width: 1000, height: 800 });
    await page.setContent(renderReportHtmlPage(withFigure(figure)));
    expect(await page.evaluate(() => document.characterSet)).toBe("UTF-8");
    const s3 = page.locator("table").nth(1);
    const figures = s3.locator("td", { hasText: figure });
    expect(await figures.count()).toBeGreaterThan(100);
    const overflow = await figures.evaluateAll((cells) =>
      cells
        .filter((cell) => cell.scrollWidth > cell.clientWidth || cell.getClientRects().length !== 1)
        .map((cell) => cell.textContent),
    );
    expect(overflow).toEqual([]);
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
