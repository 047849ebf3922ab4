import { describe, expect, it } from "vitest";
import seedLedgersJson from "@/fixtures/seed-ledgers.json";
import {
  AMOUNT_UNIT,
  activeDisclosureBlocks,
  activeDisclosureCellId,
  applicantColumns,
  applicationRows,
  applicationsCellId,
  applicationsFootnote,
  findCell,
  getCell,
  type HeaderLeaf,
  ledgerCells,
  reportSections,
  reviewsLitigationCellId,
  reviewsLitigationColumns,
  sectionHeading,
  type TableId,
  tableCells,
  tableIds,
  tableName,
  tableSection,
} from "@/lib/format";

/** The published tables as transcribed in the fixture, with the label paths the code type leaves out. */
type SeedJson = {
  seed: string;
  section2: Record<string, Record<string, unknown>> | null;
  section3: { columns: string[]; rows: { id: string; label: string[]; values: number[] }[] } | null;
  section4: { columns: string[]; values: number[] } | null;
};
const seeds = seedLedgersJson as unknown as SeedJson[];
const seedsWithTable3 = seeds.filter((seed) => seed.section3 !== null);
const seedsWithTable4 = seeds.filter((seed) => seed.section4 !== null);
const seedsWithTable2 = seeds.filter((seed) => seed.section2 !== null);

/** A leaf's label path below the given number of outer groups, as the fixture writes it. */
const labelPath = (leaf: HeaderLeaf, skipOuter = 0) => [...leaf.ancestors.slice(skipOuter).map((node) => node.label), leaf.label];

const totalColumn = applicantColumns.find((column) => column.sumOf)!;
const resultsTotalRow = applicationRows.find((row) => row.sumOf)!;

describe("sections", () => {
  it("has six sections in the fixed order 一 … 六", () => {
    expect(reportSections.map((section) => section.ordinal)).toEqual(["一", "二", "三", "四", "五", "六"]);
    expect(new Set(reportSections.map((section) => section.id)).size).toBe(6);
  });

  it("builds each heading as ordinal、title", () => {
    for (const section of reportSections) {
      expect(sectionHeading(section)).toBe(`${section.ordinal}、${section.title}`);
    }
    // domain.md §2.3, first and last rows
    expect(sectionHeading(reportSections[0]!)).toBe("一、总体情况");
    expect(sectionHeading(reportSections[5]!)).toBe("六、其他需要报告的事项");
  });

  it.each([
    ["s2", "二"],
    ["s3", "三"],
    ["s4", "四"],
  ] as const)("prints table %s in section %s", (tableId, ordinal) => {
    expect(tableSection(tableId).ordinal).toBe(ordinal);
    expect(tableName(tableId)).toBe(`表${ordinal}`);
  });

  it("prints no table in sections 一, 五 and 六, and lists the tables in section order", () => {
    expect(reportSections.filter((section) => section.tableId === null).map((section) => section.ordinal)).toEqual([
      "一",
      "五",
      "六",
    ]);
    expect(tableIds).toEqual(["s2", "s3", "s4"]);
  });
});

describe("cell registry", () => {
  it.each([
    // 表二: 2 rows × 3 columns in item (一), then 1 + 2 + 1 single figures (domain.md §2.4)
    ["s2", 10],
    ["s3", 25 * 7],
    ["s4", 15],
  ] as const)("table %s has %i cells", (tableId, count) => {
    expect(tableCells(tableId)).toHaveLength(count);
  });

  it("has 25 rows × 7 columns in 表三", () => {
    expect(applicationRows).toHaveLength(25);
    expect(applicantColumns).toHaveLength(7);
    expect(reviewsLitigationColumns).toHaveLength(15);
  });

  it("lists every cell once, with a unique id", () => {
    const ids = ledgerCells.map((cell) => cell.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(10 + 175 + 15);
  });

  it("builds ids from table, row and column keys", () => {
    for (const cell of ledgerCells) {
      const expected = cell.tableId === "s4" ? `s4.${cell.columnKey}` : `${cell.tableId}.${cell.rowKey}.${cell.columnKey}`;
      expect(cell.id).toBe(expected);
      expect(getCell(cell.id)).toBe(cell);
    }
    expect(findCell("s3.no_such_row.total")).toBeUndefined();
    expect(() => getCell("s3.no_such_row.total")).toThrow();
  });

  it("knows the ids used across the project", () => {
    for (const id of ["s3.withheld.state_secret.natural_person", "s2.fees.amount", "s4.review.total"]) {
      expect(findCell(id)).toBeDefined();
    }
  });

  it("names every cell after its table", () => {
    for (const cell of ledgerCells) expect(cell.name.startsWith(tableName(cell.tableId))).toBe(true);
  });

  it("makes only the fee cell an amount; every other cell is a count", () => {
    const amounts = ledgerCells.filter((cell) => cell.kind === "amount").map((cell) => cell.id);
    expect(amounts).toEqual(["s2.fees.amount"]);
  });
});

describe("computed cells", () => {
  const computed = (tableId: TableId) => tableCells(tableId).filter((cell) => cell.computedFrom !== null);

  it("has the total column last and the results_total row just before carried_forward", () => {
    expect(applicantColumns.filter((column) => column.sumOf)).toEqual([totalColumn]);
    expect(applicantColumns.at(-1)).toBe(totalColumn);
    expect(applicationRows.filter((row) => row.sumOf)).toEqual([resultsTotalRow]);
    expect(applicationRows.at(-2)).toBe(resultsTotalRow);
  });

  it("computes in 表三 exactly the total column and the results_total row: 25 + 7 − 1 = 31", () => {
    const ids = computed("s3").map((cell) => cell.id);
    const expected = new Set([
      ...applicationRows.map((row) => applicationsCellId(row.key, totalColumn.key)),
      ...applicantColumns.map((column) => applicationsCellId(resultsTotalRow.key, column.key)),
    ]);
    expect(ids).toHaveLength(31);
    expect(new Set(ids)).toEqual(expected);
  });

  it("computes in 表四 exactly the three totals, the fifth column of each group", () => {
    const ids = computed("s4").map((cell) => cell.id);
    expect(ids).toEqual([4, 9, 14].map((index) => reviewsLitigationCellId(reviewsLitigationColumns[index]!.key)));
    expect(reviewsLitigationColumns.filter((column) => column.sumOf).map((column) => column.label)).toEqual([
      totalColumn.label,
      totalColumn.label,
      totalColumn.label,
    ]);
  });

  it("computes nothing in 表二", () => {
    expect(computed("s2")).toEqual([]);
  });

  it("sums a row total across the six applicant columns of its row", () => {
    for (const row of applicationRows) {
      const cell = getCell(applicationsCellId(row.key, totalColumn.key));
      expect(cell.computedFrom).toEqual(applicantColumns.slice(0, 6).map((column) => applicationsCellId(row.key, column.key)));
    }
  });

  it("sums a results_total cell down the 21 result rows of its column", () => {
    const resultRows = applicationRows.slice(2, 23);
    expect(resultsTotalRow.sumOf).toEqual(resultRows.map((row) => row.key));
    for (const column of applicantColumns.slice(0, 6)) {
      const cell = getCell(applicationsCellId(resultsTotalRow.key, column.key));
      expect(cell.computedFrom).toEqual(resultRows.map((row) => applicationsCellId(row.key, column.key)));
    }
  });

  it("sums each 表四 total from the four columns before it", () => {
    for (const index of [4, 9, 14]) {
      const cell = getCell(reviewsLitigationCellId(reviewsLitigationColumns[index]!.key));
      expect(cell.computedFrom).toEqual(
        reviewsLitigationColumns.slice(index - 4, index).map((column) => reviewsLitigationCellId(column.key)),
      );
    }
  });
});

describe("表三 against the published tables in fixtures/seed-ledgers.json", () => {
  it("has seeds to compare with", () => {
    expect(seedsWithTable3.length).toBeGreaterThanOrEqual(3);
  });

  it.each(seedsWithTable3.map((seed) => [seed.seed, seed] as const))("row keys match seed %s", (_, seed) => {
    expect(seed.section3!.rows.map((row) => row.id)).toEqual(applicationRows.map((row) => row.key));
  });

  it.each(seedsWithTable3.map((seed) => [seed.seed, seed] as const))("row labels match seed %s", (_, seed) => {
    expect(seed.section3!.rows.map((row) => row.label)).toEqual(applicationRows.map((row) => labelPath(row)));
  });

  it.each(seedsWithTable3.map((seed) => [seed.seed, seed] as const))("column labels match seed %s", (_, seed) => {
    // The fixture leaves out the outermost group, which spans all seven columns.
    expect(seed.section3!.columns).toEqual(applicantColumns.map((column) => labelPath(column, 1).join("/")));
  });

  it("writes the third withheld row with curly quotes", () => {
    const withheld = applicationRows.filter((row) => row.key.startsWith("withheld."));
    expect(withheld).toHaveLength(8);
    expect(withheld[2]!.key).toBe("withheld.three_safeties_one_stability");
    expect(withheld[2]!.label).toContain("\u201C三安全一稳定\u201D");
    expect(withheld[2]!.label).toContain("“三安全一稳定”");
    expect(withheld[2]!.label).not.toContain('"');
  });

  it("prints the footnote of domain.md §2.5", () => {
    expect(applicationsFootnote).toBe("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
  });

  it("groups the result rows 2 + 8 + 3 + 5 + 3 + 1 under 三", () => {
    const groupSizes = new Map<string, number>();
    for (const row of applicationRows.slice(2, 24)) {
      const group = row.depth === 2 ? row.ancestors[1]!.key! : row.key;
      groupSizes.set(group, (groupSizes.get(group) ?? 0) + 1);
    }
    expect([...groupSizes.values()]).toEqual([1, 1, 8, 3, 5, 3, 1]);
    expect(applicationRows.slice(2, 24).every((row) => row.ancestors[0] === applicationRows[2]!.ancestors[0])).toBe(true);
  });
});

describe("表四 and 表二 against the published tables", () => {
  it.each(seedsWithTable4.map((seed) => [seed.seed, seed] as const))("表四 columns match seed %s", (_, seed) => {
    expect(seed.section4!.columns).toEqual(reviewsLitigationColumns.map((column) => labelPath(column).join("/")));
    expect(seed.section4!.values).toHaveLength(tableCells("s4").length);
  });

  it.each(seedsWithTable2.map((seed) => [seed.seed, seed] as const))("表二 blocks match seed %s", (_, seed) => {
    expect(Object.keys(seed.section2!)).toEqual(activeDisclosureBlocks.map((block) => block.caption));
    for (const block of activeDisclosureBlocks) {
      const printed = seed.section2![block.caption]!;
      const rowKeys = Object.keys(printed).filter((key) => key !== "columns");
      // The fixture heads the fee row with its unit.
      const rowLabels = block.rows.map((row) => (block.kind === "amount" ? `${row.label}（${AMOUNT_UNIT}）` : row.label));
      expect(rowKeys).toEqual(rowLabels);
      if (printed.columns) expect(printed.columns).toEqual(block.columns.map((column) => column.label));
    }
  });

  it("gives every 表二 figure a cell", () => {
    const ids = activeDisclosureBlocks.flatMap((block) =>
      block.rows.flatMap((row) => block.columns.map((column) => activeDisclosureCellId(row.key, column.key))),
    );
    expect(ids).toEqual(tableCells("s2").map((cell) => cell.id));
  });
});
