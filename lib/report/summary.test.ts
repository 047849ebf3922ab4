import { describe, expect, it } from "vitest";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { ledgerCells } from "@/lib/format";
import { deriveLedger } from "@/lib/ledger/derive-ledger";
import { sumLedgers } from "./summary";

describe("sumLedgers", () => {
  const seeds = publishedSeedReports().map((seed) => seed.report.ledger);

  it("adds the five seeds cell by cell, totals included", () => {
    const { sums, count } = sumLedgers(seeds);
    expect(count).toBe(5);
    for (const cell of ledgerCells) {
      const values = seeds.map((ledger) => deriveLedger(ledger).effective[cell.id]).filter((value) => typeof value === "number");
      const expected = values.length === 0 ? null : values.reduce((total, value) => total + (value as number), 0);
      expect(sums[cell.id], cell.name).toBeCloseTo(expected ?? Number.NaN, 6);
    }
    expect(sums["s3.new.total"]).toBe(
      seeds.reduce((total, ledger) => total + (deriveLedger(ledger).effective["s3.new.total"] as number), 0),
    );
  });

  it("keeps blank where no report has a figure, and adds nothing for “/”", () => {
    const { sums } = sumLedgers([{ "s2.fees.amount": "/" }, { "s2.fees.amount": 1.1 }, { "s2.fees.amount": 2.2 }]);
    expect(sums["s2.fees.amount"]).toBe(3.3);
    expect(sumLedgers([{}]).sums["s4.review.upheld"]).toBeNull();
  });
});
