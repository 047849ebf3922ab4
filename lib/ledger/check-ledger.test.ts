import { describe, expect, it } from "vitest";
import { seedReports } from "@/fixtures/seed-reports";
import {
  AMOUNT_UNIT,
  activeDisclosureColumn,
  applicantColumns,
  applicationRows,
  type CellId,
  ledgerCells,
  NOT_APPLICABLE,
  reviewsLitigationColumns,
  type TCellValue,
  type TLedger,
  TOTAL_LABEL,
  tableName,
} from "@/lib/format";
import type { RuleResult } from "@/lib/format/rule-catalogue";
import { type LedgerRuleId, type RuleSeverity, ruleCatalogue } from "@/lib/format/rule-catalogue";
import { checkLedger } from "@/lib/ledger/check-ledger";
import { deriveLedger, sumCells } from "@/lib/ledger/derive-ledger";

const seeds = seedReports();
/** Seed 001 (湘潭县人民政府): every cell filled, totals stated, every rule holds. */
const SEED_001 = seeds[1]!.report.ledger;
/** Seed 003 (怀化市鹤城区): figures from the narrative only; the total column is off by 1. */
const SEED_003 = seeds[3]!.report.ledger;

/** Labels as the messages print them, taken from the format data (never retyped here). */
const column = (key: string) => `${applicantColumns.find((candidate) => candidate.key === key)!.label}列`;
const totalColumn = `${TOTAL_LABEL}列`;
const row = (key: string) => applicationRows.find((candidate) => candidate.key === key)!.label;
const resultGroup = (prefix: string) =>
  applicationRows.find((candidate) => candidate.key.startsWith(`${prefix}.`))!.ancestors[1]!.label;
const reviewGroup = (group: string) =>
  reviewsLitigationColumns.find((candidate) => candidate.key === `${group}.total`)!.ancestors.map((node) => node.label);
const disclosureFigure = (columnKey: string, figure: number) => `${activeDisclosureColumn(columnKey).label} ${figure}`;
const blanks = (tableId: "s2" | "s3" | "s4", count: number) => `${tableName(tableId)}有 ${count} 个空白单元格`;

const statedTotals = ledgerCells.filter((cell) => cell.computedFrom).map((cell) => cell.id);

/** Seed 001 with some cells changed; `undefined` removes a cell (makes it blank). */
function seed001With(changes: Record<CellId, TCellValue | undefined>, options: { dropStatedTotals?: boolean } = {}) {
  const ledger: TLedger = structuredClone(SEED_001);
  if (options.dropStatedTotals) for (const id of statedTotals) delete ledger[id];
  for (const [id, value] of Object.entries(changes)) {
    if (value === undefined) delete ledger[id];
    else ledger[id] = value;
  }
  return ledger;
}

/** The rules checkLedger runs, with their severity. (The catalogue may also hold rules run elsewhere.) */
const SEVERITY: Partial<Record<LedgerRuleId, RuleSeverity>> = {
  "s3.balance": "error",
  "s3.results_total": "error",
  "s3.row_total": "error",
  "s4.group_total": "error",
  "value.count": "error",
  "value.amount": "error",
  "ledger.blank": "error",
  "ledger.not_applicable": "warning",
  "s2.regulations_nonzero": "warning",
  "s2.normative_in_force_below_issued": "warning",
};

/** What a case expects of one result; `involves` must be among its cellIds, `mentions` in its message. */
type Expected = {
  ruleId: LedgerRuleId;
  expected: number | null;
  actual: number | null;
  involves: CellId[];
  mentions?: string[];
};

type Case = {
  rule: LedgerRuleId;
  name: string;
  changes: Record<CellId, TCellValue | undefined>;
  dropStatedTotals?: boolean;
  /** The full list of results, in order. */
  results: Expected[];
};

const cases: Case[] = [
  // ── 表三 footnote identity: new + carried_over = results_total + carried_forward, per column ──
  {
    rule: "s3.balance",
    name: "one more new request and one more granted, totals updated",
    changes: {
      "s3.new.natural_person": 175,
      "s3.new.total": 178,
      "s3.granted.natural_person": 55,
      "s3.granted.total": 58,
      "s3.results_total.natural_person": 171,
      "s3.results_total.total": 174,
    },
    results: [],
  },
  {
    rule: "s3.balance",
    name: "new.natural_person +1 with its stated total: natural_person and total columns off by 1",
    changes: { "s3.new.natural_person": 175, "s3.new.total": 178 },
    results: [
      {
        ruleId: "s3.balance",
        expected: 180,
        actual: 179,
        involves: ["s3.new.natural_person"],
        mentions: [column("natural_person"), "175", "180", "170", "179", "相差 1"],
      },
      {
        ruleId: "s3.balance",
        expected: 183,
        actual: 182,
        involves: ["s3.new.total"],
        mentions: [totalColumn, "178", "183", "173", "182", "相差 1"],
      },
    ],
  },
  {
    rule: "s3.balance",
    name: "new.natural_person +1, no totals stated: the derived totals carry the imbalance",
    changes: { "s3.new.natural_person": 175 },
    dropStatedTotals: true,
    results: [
      { ruleId: "s3.balance", expected: 180, actual: 179, involves: ["s3.new.natural_person"], mentions: ["180", "179"] },
      { ruleId: "s3.balance", expected: 183, actual: 182, involves: ["s3.new.total"], mentions: ["183", "182"] },
    ],
  },
  {
    rule: "s3.balance",
    name: "carried_forward.commercial_enterprise +2 with its stated total",
    changes: { "s3.carried_forward.commercial_enterprise": 2, "s3.carried_forward.total": 11 },
    results: [
      {
        ruleId: "s3.balance",
        expected: 1,
        actual: 3,
        involves: ["s3.carried_forward.commercial_enterprise"],
        mentions: [column("commercial_enterprise"), "相差 2"],
      },
      { ruleId: "s3.balance", expected: 182, actual: 184, involves: ["s3.carried_forward.total"], mentions: ["相差 2"] },
    ],
  },

  // ── results_total = sum of the 21 result rows, per column ──────────────────────
  {
    rule: "s3.results_total",
    name: "a request moved between two result rows, no totals stated",
    changes: { "s3.granted.natural_person": 55, "s3.unavailable.not_held.natural_person": 46 },
    dropStatedTotals: true,
    results: [],
  },
  {
    rule: "s3.results_total",
    name: "a stated results_total that disagrees with its result rows, everything else balanced",
    changes: {
      "s3.results_total.natural_person": 171,
      "s3.results_total.total": 174,
      "s3.carried_forward.natural_person": 8,
      "s3.carried_forward.total": 8,
    },
    results: [
      {
        ruleId: "s3.results_total",
        expected: 170,
        actual: 171,
        involves: ["s3.results_total.natural_person", "s3.granted.natural_person"],
        mentions: [column("natural_person"), "170", "171", "相差 1"],
      },
      {
        ruleId: "s3.results_total",
        expected: 173,
        actual: 174,
        involves: ["s3.results_total.total", "s3.granted.total"],
        mentions: [totalColumn, "173", "174"],
      },
    ],
  },
  {
    rule: "s3.results_total",
    name: "only granted.total stated, one too high: the unstated corner, derived across its row, is still checked down its column",
    changes: { "s3.granted.total": 58 },
    dropStatedTotals: true,
    results: [
      { ruleId: "s3.row_total", expected: 57, actual: 58, involves: ["s3.granted.total"] },
      {
        ruleId: "s3.results_total",
        expected: 174,
        actual: 173,
        involves: ["s3.granted.total", "s3.results_total.total"],
        mentions: [totalColumn],
      },
    ],
  },
  {
    rule: "s3.results_total",
    name: "only results_total.natural_person changed: its row total and the balance break too",
    changes: { "s3.results_total.natural_person": 171 },
    results: [
      { ruleId: "s3.row_total", expected: 174, actual: 173, involves: ["s3.results_total.natural_person"] },
      { ruleId: "s3.results_total", expected: 170, actual: 171, involves: ["s3.results_total.natural_person"] },
      { ruleId: "s3.balance", expected: 179, actual: 180, involves: ["s3.results_total.natural_person"] },
    ],
  },

  // ── total column = the six applicant columns, per row ─────────────────────────
  {
    rule: "s3.row_total",
    name: "a request moved between two result rows, both row totals updated",
    changes: {
      "s3.granted.natural_person": 55,
      "s3.granted.total": 58,
      "s3.unavailable.not_held.natural_person": 46,
      "s3.unavailable.not_held.total": 46,
    },
    results: [],
  },
  {
    rule: "s3.row_total",
    name: "granted.total one too high: the results_total of the total column breaks too",
    changes: { "s3.granted.total": 58 },
    results: [
      {
        ruleId: "s3.row_total",
        expected: 57,
        actual: 58,
        involves: ["s3.granted.total", "s3.granted.natural_person"],
        mentions: [row("granted"), "57", "58", "相差 1"],
      },
      { ruleId: "s3.results_total", expected: 174, actual: 173, involves: ["s3.granted.total"], mentions: ["174", "173"] },
    ],
  },
  {
    rule: "s3.row_total",
    name: "new.total one too low: the balance of the total column breaks too",
    changes: { "s3.new.total": 176 },
    results: [
      { ruleId: "s3.row_total", expected: 177, actual: 176, involves: ["s3.new.total"], mentions: ["177", "176"] },
      { ruleId: "s3.balance", expected: 181, actual: 182, involves: ["s3.new.total"], mentions: ["181", "182"] },
    ],
  },

  // ── 表四: upheld + corrected + other + pending = total, per group ───────────────
  {
    rule: "s4.group_total",
    name: "review.upheld +1 with its total",
    changes: { "s4.review.upheld": 38, "s4.review.total": 78 },
    results: [],
  },
  {
    rule: "s4.group_total",
    name: "no 表四 total stated",
    changes: {},
    dropStatedTotals: true,
    results: [],
  },
  {
    rule: "s4.group_total",
    name: "review.total one too high",
    changes: { "s4.review.total": 78 },
    results: [
      {
        ruleId: "s4.group_total",
        expected: 77,
        actual: 78,
        involves: ["s4.review.total", "s4.review.upheld", "s4.review.pending"],
        mentions: [...reviewGroup("review"), "37", "19", "17", "77", "78", "相差 1"],
      },
    ],
  },
  {
    rule: "s4.group_total",
    name: "litigation_direct.upheld +1, total unchanged",
    changes: { "s4.litigation_direct.upheld": 21 },
    results: [
      {
        ruleId: "s4.group_total",
        expected: 23,
        actual: 22,
        involves: ["s4.litigation_direct.upheld", "s4.litigation_direct.total"],
        mentions: [reviewGroup("litigation_direct").join(" "), "23", "22"],
      },
    ],
  },

  // ── value domains ─────────────────────────────────────────────────────────────
  {
    rule: "value.count",
    name: "a 表二 count of 0",
    changes: { "s2.penalties.decisions": 0 },
    results: [],
  },
  {
    rule: "value.count",
    name: "a negative 表二 count",
    changes: { "s2.penalties.decisions": -3 },
    results: [{ ruleId: "value.count", expected: null, actual: -3, involves: ["s2.penalties.decisions"], mentions: ["-3"] }],
  },
  {
    rule: "value.count",
    name: "a fractional 表二 count",
    changes: { "s2.penalties.decisions": 1.5 },
    results: [{ ruleId: "value.count", expected: null, actual: 1.5, involves: ["s2.penalties.decisions"], mentions: ["1.5"] }],
  },
  {
    rule: "value.count",
    name: "a negative 表三 count, totals kept: its row and column sums break too",
    changes: { "s3.withheld.prohibited_by_law.research_institution": -3 },
    results: [
      {
        ruleId: "value.count",
        expected: null,
        actual: -3,
        involves: ["s3.withheld.prohibited_by_law.research_institution"],
        mentions: ["-3"],
      },
      { ruleId: "s3.row_total", expected: -3, actual: 0, involves: ["s3.withheld.prohibited_by_law.research_institution"] },
      {
        ruleId: "s3.results_total",
        expected: -3,
        actual: 0,
        involves: ["s3.withheld.prohibited_by_law.research_institution"],
      },
    ],
  },
  {
    rule: "value.amount",
    name: "an amount with 4 decimals (seed 001 as published)",
    changes: { "s2.fees.amount": 1779.2656 },
    results: [],
  },
  {
    rule: "value.amount",
    name: "an amount of 0",
    changes: { "s2.fees.amount": 0 },
    results: [],
  },
  {
    rule: "value.amount",
    name: "a negative amount",
    changes: { "s2.fees.amount": -1 },
    results: [
      { ruleId: "value.amount", expected: null, actual: -1, involves: ["s2.fees.amount"], mentions: ["-1", AMOUNT_UNIT] },
    ],
  },
  {
    rule: "value.amount",
    name: "an amount with 7 decimals",
    changes: { "s2.fees.amount": 1779.2656123 },
    results: [
      {
        ruleId: "value.amount",
        expected: null,
        actual: 1779.2656123,
        involves: ["s2.fees.amount"],
        mentions: ["1779.2656123", "6 位小数"],
      },
    ],
  },

  // ── blanks and “/” ────────────────────────────────────────────────────────────
  {
    rule: "ledger.blank",
    name: "only stated totals removed (totals are not entered)",
    changes: {},
    dropStatedTotals: true,
    results: [],
  },
  {
    rule: "ledger.blank",
    name: "a 0 removed from 表三: reported, the stated totals still hold",
    changes: { "s3.withheld.prohibited_by_law.natural_person": undefined },
    results: [
      {
        ruleId: "ledger.blank",
        expected: null,
        actual: null,
        involves: ["s3.withheld.prohibited_by_law.natural_person"],
        mentions: [blanks("s3", 1), column("natural_person")],
      },
    ],
  },
  {
    rule: "ledger.blank",
    name: "a figure removed from 表四 with no totals stated: reported, the derived total holds",
    changes: { "s4.review.upheld": undefined },
    dropStatedTotals: true,
    results: [
      {
        ruleId: "ledger.blank",
        expected: null,
        actual: null,
        involves: ["s4.review.upheld"],
        mentions: [blanks("s4", 1), ...reviewGroup("review")],
      },
    ],
  },
  {
    rule: "ledger.blank",
    name: "new.natural_person removed with totals stated: the sums break and say blanks count as 0",
    changes: { "s3.new.natural_person": undefined },
    results: [
      {
        ruleId: "s3.row_total",
        expected: 3,
        actual: 177,
        involves: ["s3.new.natural_person"],
        mentions: ["（空白单元格按 0 计）", "相差 174"],
      },
      {
        ruleId: "s3.balance",
        expected: 5,
        actual: 179,
        involves: ["s3.new.natural_person"],
        mentions: ["（空白单元格按 0 计）", "相差 174"],
      },
      { ruleId: "ledger.blank", expected: null, actual: null, involves: ["s3.new.natural_person"] },
    ],
  },
  {
    rule: "ledger.blank",
    name: "one 0 removed from each table: one finding per table",
    changes: {
      "s2.regulations.issued": undefined,
      "s3.withheld.prohibited_by_law.natural_person": undefined,
      "s4.litigation_after_review.corrected": undefined,
    },
    results: [
      {
        ruleId: "ledger.blank",
        expected: null,
        actual: null,
        involves: ["s2.regulations.issued"],
        mentions: [blanks("s2", 1), "“/”"],
      },
      {
        ruleId: "ledger.blank",
        expected: null,
        actual: null,
        involves: ["s3.withheld.prohibited_by_law.natural_person"],
        mentions: [blanks("s3", 1)],
      },
      {
        ruleId: "ledger.blank",
        expected: null,
        actual: null,
        involves: ["s4.litigation_after_review.corrected"],
        mentions: [blanks("s4", 1)],
      },
    ],
  },
  {
    rule: "ledger.not_applicable",
    name: "“/” in 表二",
    changes: { "s2.licensing.decisions": NOT_APPLICABLE, "s2.fees.amount": NOT_APPLICABLE },
    results: [],
  },
  {
    rule: "ledger.not_applicable",
    name: "“/” for a 0 in 表三",
    changes: { "s3.withheld.prohibited_by_law.natural_person": NOT_APPLICABLE },
    results: [
      {
        ruleId: "ledger.not_applicable",
        expected: 0,
        actual: null,
        involves: ["s3.withheld.prohibited_by_law.natural_person"],
        mentions: [`${tableName("s3")}有 1 个单元格填了“/”`],
      },
    ],
  },
  {
    rule: "ledger.not_applicable",
    name: "“/” for a 0 in 表四",
    changes: { "s4.litigation_after_review.corrected": NOT_APPLICABLE },
    results: [
      {
        ruleId: "ledger.not_applicable",
        expected: 0,
        actual: null,
        involves: ["s4.litigation_after_review.corrected"],
        mentions: [`${tableName("s4")}有 1 个单元格填了“/”`],
      },
    ],
  },

  {
    rule: "ledger.not_applicable",
    name: "“/” printed in a stated 总计 of 表三 (0 either way)",
    changes: { "s3.withheld.prohibited_by_law.total": NOT_APPLICABLE },
    results: [
      {
        ruleId: "ledger.not_applicable",
        expected: 0,
        actual: null,
        involves: ["s3.withheld.prohibited_by_law.total"],
        mentions: [`${tableName("s3")}有 1 个单元格填了“/”`],
      },
    ],
  },

  // ── 表二 plausibility ─────────────────────────────────────────────────────────
  {
    rule: "s2.regulations_nonzero",
    name: "regulations all 0 (seed 001 as published)",
    changes: {},
    results: [],
  },
  {
    rule: "s2.regulations_nonzero",
    name: "regulations “/”",
    changes: { "s2.regulations.issued": NOT_APPLICABLE, "s2.regulations.in_force": NOT_APPLICABLE },
    results: [],
  },
  {
    rule: "s2.regulations_nonzero",
    name: "6 regulations in force",
    changes: { "s2.regulations.in_force": 6 },
    results: [
      {
        ruleId: "s2.regulations_nonzero",
        expected: 0,
        actual: 6,
        involves: ["s2.regulations.in_force"],
        mentions: [disclosureFigure("in_force", 6)],
      },
    ],
  },
  {
    rule: "s2.regulations_nonzero",
    name: "2 issued and 6 in force",
    changes: { "s2.regulations.issued": 2, "s2.regulations.in_force": 6 },
    results: [
      {
        ruleId: "s2.regulations_nonzero",
        expected: 0,
        actual: 6,
        involves: ["s2.regulations.issued", "s2.regulations.in_force"],
        mentions: [disclosureFigure("issued", 2), disclosureFigure("in_force", 6)],
      },
    ],
  },
  {
    rule: "s2.normative_in_force_below_issued",
    name: "fewer in force than issued while 12 were repealed",
    changes: { "s2.normative_documents.in_force": 5 },
    results: [],
  },
  {
    rule: "s2.normative_in_force_below_issued",
    name: "none repealed and as many in force as issued",
    changes: { "s2.normative_documents.repealed": 0, "s2.normative_documents.in_force": 6 },
    results: [],
  },
  {
    rule: "s2.normative_in_force_below_issued",
    name: "none repealed and fewer in force than issued",
    changes: { "s2.normative_documents.repealed": 0, "s2.normative_documents.in_force": 5 },
    results: [
      {
        ruleId: "s2.normative_in_force_below_issued",
        expected: 6,
        actual: 5,
        involves: ["s2.normative_documents.issued", "s2.normative_documents.repealed", "s2.normative_documents.in_force"],
        mentions: ["（5）", "（6）"],
      },
    ],
  },
];

const summary = (results: readonly RuleResult[]) => results.map(({ ruleId, expected, actual }) => ({ ruleId, expected, actual }));

describe("the base ledger", () => {
  it("is seed 001, with every cell filled", () => {
    expect(seeds[1]!.entry.seed.startsWith("001")).toBe(true);
    expect(ledgerCells.every((cell) => typeof SEED_001[cell.id] === "number")).toBe(true);
  });

  it("passes every rule", () => {
    expect(checkLedger(SEED_001)).toEqual([]);
  });

  it("is not changed by checking", () => {
    const ledger = seed001With({ "s3.new.total": 1 });
    const before = structuredClone(ledger);
    checkLedger(ledger);
    expect(ledger).toEqual(before);
  });
});

const ledgerRuleIds = Object.keys(SEVERITY) as LedgerRuleId[];

describe("rule catalogue", () => {
  it.each(Object.entries(SEVERITY))("holds %s as an %s", (ruleId, severity) => {
    expect(ruleCatalogue.find((rule) => rule.id === ruleId)?.severity).toBe(severity);
  });

  it("lists each rule once, with a Chinese title", () => {
    const ids = ruleCatalogue.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of ruleCatalogue) expect(rule.title).toMatch(/\p{Script=Han}/u);
  });

  it.each(ledgerRuleIds.map((ruleId) => [ruleId] as const))("%s has a passing and a failing case", (ruleId) => {
    const ofRule = cases.filter((testCase) => testCase.rule === ruleId);
    expect(ofRule.some((testCase) => testCase.results.length === 0)).toBe(true);
    expect(ofRule.some((testCase) => testCase.results.some((result) => result.ruleId === ruleId))).toBe(true);
  });
});

describe.each(ledgerRuleIds.map((ruleId) => [ruleId] as const))("%s", (ruleId) => {
  it.each(cases.filter((testCase) => testCase.rule === ruleId).map((testCase) => [testCase.name, testCase] as const))(
    "%s",
    (_, testCase) => {
      const results = checkLedger(seed001With(testCase.changes, { dropStatedTotals: testCase.dropStatedTotals }));
      expect(summary(results)).toEqual(
        testCase.results.map(({ ruleId: id, expected, actual }) => ({ ruleId: id, expected, actual })),
      );
      results.forEach((result, index) => {
        const want = testCase.results[index]!;
        expect(result.severity).toBe(SEVERITY[result.ruleId]);
        for (const id of want.involves) expect(result.cellIds).toContain(id);
        expect(result.message).toMatch(/\p{Script=Han}/u);
        for (const figure of [result.expected, result.actual]) {
          if (figure !== null) expect(result.message).toContain(String(figure));
        }
        for (const text of want.mentions ?? []) expect(result.message).toContain(text);
      });
    },
  );
});

describe("result details", () => {
  it("lists the four balance cells of the column, in footnote order", () => {
    const [result] = checkLedger(seed001With({ "s3.new.other_organization": 3, "s3.new.total": 178 }));
    expect(result?.cellIds).toEqual([
      "s3.new.other_organization",
      "s3.carried_over.other_organization",
      "s3.results_total.other_organization",
      "s3.carried_forward.other_organization",
    ]);
  });

  it("lists for a results_total error the 21 result cells, then the total", () => {
    const [result] = checkLedger(
      seed001With({
        "s3.results_total.natural_person": 171,
        "s3.results_total.total": 174,
        "s3.carried_forward.natural_person": 8,
        "s3.carried_forward.total": 8,
      }),
    );
    expect(result?.ruleId).toBe("s3.results_total");
    expect(result?.cellIds).toHaveLength(22);
    expect(result?.cellIds[0]).toBe("s3.granted.natural_person");
    expect(result?.cellIds.at(-1)).toBe("s3.results_total.natural_person");
  });

  it("adds up each result group into one figure in the message", () => {
    const result = checkLedger(seed001With({ "s3.results_total.natural_person": 171, "s3.results_total.total": 174 })).find(
      (item) => item.ruleId === "s3.results_total",
    );
    // natural_person: withheld 4+0+0+1+3+3+3+0 = 14, unavailable 47+1+0 = 48, other 3+14+6 = 23
    expect(result?.message).toContain(`${resultGroup("withheld")}（14）`);
    expect(result?.message).toContain(`${resultGroup("unavailable")}（48）`);
    expect(result?.message).toContain(`${resultGroup("other")}（23）`);
    expect(result?.message).toContain(`${row("granted")}（54）`);
  });

  it("puts errors before warnings", () => {
    const results = checkLedger(
      seed001With({
        "s2.regulations.in_force": 6,
        "s3.withheld.prohibited_by_law.natural_person": undefined,
        "s4.review.total": 78,
      }),
    );
    expect(results.map((result) => result.ruleId)).toEqual(["s4.group_total", "ledger.blank", "s2.regulations_nonzero"]);
  });

  it("words the total-column balance error of seed 003 exactly", () => {
    expect(seeds[3]!.entry.seed.startsWith("003")).toBe(true);
    const totalColumn = checkLedger(SEED_003).find(
      (result) => result.ruleId === "s3.balance" && result.cellIds.includes("s3.new.total"),
    );
    expect(totalColumn).toMatchObject({ severity: "error", expected: 102, actual: 101 });
    expect(totalColumn?.message).toBe(
      "表三 总计列：一、本年新收（101）+ 二、上年结转（1）= 102，不等于 三（七）总计（100）+ 四、结转下年度（1）= 101，相差 1",
    );
  });
});

describe("deriveLedger", () => {
  it("derives every unstated total to the figure the seed states", () => {
    const { effective, derived } = deriveLedger(seed001With({}, { dropStatedTotals: true }));
    for (const id of statedTotals) {
      expect(effective[id]).toBe(SEED_001[id]);
      expect(derived[id]).toBe(SEED_001[id]);
    }
  });

  it("keeps a stated total as shown and still derives it", () => {
    const { effective, derived } = deriveLedger(seed001With({ "s3.granted.total": 58 }));
    expect(effective["s3.granted.total"]).toBe(58);
    expect(derived["s3.granted.total"]).toBe(57);
  });

  it("derives the corner cell across the derived results_total row", () => {
    const { effective } = deriveLedger(
      seed001With({ "s3.granted.natural_person": 55, "s3.new.natural_person": 175 }, { dropStatedTotals: true }),
    );
    expect(effective["s3.results_total.natural_person"]).toBe(171);
    expect(effective["s3.results_total.total"]).toBe(174);
    expect(effective["s3.new.total"]).toBe(178);
  });

  it("leaves a total blank (null), not 0, when all its addends are blank", () => {
    const { effective, derived } = deriveLedger({});
    for (const id of statedTotals) {
      expect(effective[id]).toBeNull();
      expect(derived[id]).toBeNull();
    }
    expect(checkLedger({}).map((result) => result.ruleId)).toEqual(["ledger.blank", "ledger.blank", "ledger.blank"]);
  });

  it("adds the filled addends when only some are blank", () => {
    const { effective } = deriveLedger({ "s4.review.upheld": 2, "s4.review.pending": 1 });
    expect(effective["s4.review.total"]).toBe(3);
    expect(effective["s4.litigation_direct.total"]).toBeNull();
    expect(effective["s3.new.total"]).toBeNull();
  });

  it.each<[string, (TCellValue | undefined)[], TCellValue]>([
    ["numbers", [1, 2, 3], 6],
    ["numbers and blanks", [1, null, undefined, 2], 3],
    ["numbers and “/”", [1, NOT_APPLICABLE, 2], 3],
    ["only blanks", [null, undefined], null],
    ["only “/” and blanks", [NOT_APPLICABLE, null], NOT_APPLICABLE],
    ["nothing", [], null],
  ])("sums %s", (_, values, sum) => {
    expect(sumCells(values)).toBe(sum);
  });
});

describe("counts that are not safe or plausible integers", () => {
  it.each([1e20, 1e308, 1_000_000_001, 2 ** 53 + 2])("refuses %d in a count cell as value.count, naming the cell", (value) => {
    const results = checkLedger({ "s3.new.natural_person": value }).filter((result) => result.ruleId === "value.count");
    expect(results).toHaveLength(1);
    expect(results[0]!.cellIds).toEqual(["s3.new.natural_person"]);
    expect(results[0]!.message).toMatch(/^表三「一、本年新收」行 自然人列：件数须为 0 至 1000000000 之间的整数/);
    expect(results[0]!.message).not.toContain("e+");
  });

  it("accepts real published fees with 6 decimals of 万元", () => {
    for (const fee of [24252.311082, 4166.241619]) {
      expect(checkLedger({ "s2.fees.amount": fee }).filter((result) => result.ruleId === "value.amount")).toEqual([]);
    }
  });
});
