import { type UnitScope, unitWithDescendants } from "@/lib/auth/access";
import type { TReport } from "@/lib/report/report-schema";
import { type ReportStatus, type ReportStore, reportStatusLabels, type StoredReportSummary } from "./report-store";
import { listUnits, type Unit } from "./unit-store";

export type OverviewRow = {
  unit: Unit;
  /** Depth in the tree below the top unit shown, for indentation. */
  depth: number;
  /** The unit's own report of the year, if it has one. */
  report:
    | (Pick<StoredReportSummary, "id" | "agencyName" | "status" | "errorCount" | "warningCount" | "updatedAt"> & {
        /** Published, and being corrected: what was published stands until the correction is. */
        underCorrection: boolean;
      })
    | null;
  /** The publication deadline for that year's report: the unit's MM-DD in the following year. */
  deadline: string;
  /** Whole days from today (China time) to the deadline; negative when it has passed. */
  daysLeft: number;
};

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 60 * 60_000;

/** Days from `today` to a YYYY-MM-DD date, both as calendar days in China time. */
export function daysUntil(isoDate: string, today: Date): number {
  const local = new Date(today.getTime() + CHINA_OFFSET_MS);
  const todayDays = Math.floor(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) / DAY_MS);
  const [year, month, day] = isoDate.split("-").map(Number) as [number, number, number];
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS) - todayDays;
}

/**
 * The 年度 whose reports are due next (China time): a year's report is due by 31 January of the
 * year after (条例 第四十九条), so from February 2026 to January 2027 it is 2026.
 */
export function yearDueNext(today = new Date()): number {
  const local = new Date(today.getTime() + CHINA_OFFSET_MS);
  return local.getUTCMonth() === 0 ? local.getUTCFullYear() - 1 : local.getUTCFullYear();
}

/** The units a reviewer oversees, in tree order, each with its report of `year`. */
export async function overviewRows(
  store: ReportStore,
  reviewScope: UnitScope,
  year: number,
  today = new Date(),
): Promise<OverviewRow[]> {
  const units = await listUnits(store.db);
  const inScope = (unit: Unit) => reviewScope === null || reviewScope.includes(unit.id);
  const byParent = new Map<string | null, Unit[]>();
  for (const unit of units) {
    // A unit whose parent is out of scope is a top unit of this view.
    const parent =
      unit.parentId && units.some((candidate) => candidate.id === unit.parentId && inScope(candidate)) ? unit.parentId : null;
    if (!inScope(unit)) continue;
    const list = byParent.get(parent);
    if (list) list.push(unit);
    else byParent.set(parent, [unit]);
  }
  const ordered: { unit: Unit; depth: number }[] = [];
  const visit = (parentId: string | null, depth: number) => {
    for (const unit of byParent.get(parentId) ?? []) {
      ordered.push({ unit, depth });
      visit(unit.id, depth + 1);
    }
  };
  visit(null, 0);

  const reportsOfYear = (await store.listReports()).filter((report) => report.kind === "report" && report.year === year);
  // An archived unit shows only in a year it has a report of: it is never counted as missing.
  const shown = ordered.filter(({ unit }) => !unit.archivedAt || reportsOfYear.some((report) => report.unitId === unit.id));
  return shown.map(({ unit, depth }) => {
    // A unit with several agencies' reports shows its newest (the list is newest first).
    const report = reportsOfYear.find((candidate) => candidate.unitId === unit.id) ?? null;
    const deadline = `${year + 1}-${unit.deadline}`;
    return {
      unit,
      depth,
      report: report && {
        id: report.id,
        agencyName: report.agencyName,
        status: report.status,
        errorCount: report.errorCount,
        warningCount: report.warningCount,
        updatedAt: report.updatedAt,
        underCorrection: report.correctionReason !== null && report.status !== "published",
      },
      deadline,
      daysLeft: daysUntil(deadline, today),
    };
  });
}

/** A report's state as the overview names it: one under 更正 is still 已发布. */
export const overviewStatusLabel = (report: NonNullable<OverviewRow["report"]>): string =>
  report.underCorrection ? "已发布（更正中）" : reportStatusLabels[report.status];

/**
 * The figures each chosen unit's report counts with in a 汇总: its own, except that a report
 * under 更正 counts with what was published until the correction is published.
 */
export async function summaryLedgers(store: ReportStore, rows: readonly OverviewRow[]): Promise<TReport["ledger"][]> {
  const ledgers: TReport["ledger"][] = [];
  const current = await store.getReports(
    rows.flatMap((row) => (row.report && !row.report.underCorrection ? [row.report.id] : [])),
  );
  ledgers.push(...current.map((stored) => stored.report.ledger));
  for (const row of rows) {
    if (!row.report?.underCorrection) continue;
    const published = (await store.listPublished(row.report.id)).at(-1);
    const version = published && (await store.getVersion(row.report.id, published.version));
    if (version) ledgers.push(version.report.ledger);
  }
  return ledgers;
}

export type OverviewFilter = { status?: ReportStatus | "missing"; hasErrors?: boolean; search?: string };

export function filterOverview(rows: readonly OverviewRow[], filter: OverviewFilter): OverviewRow[] {
  const search = filter.search?.trim();
  return rows.filter((row) => {
    if (filter.status === "missing" && row.report) return false;
    if (filter.status && filter.status !== "missing" && row.report?.status !== filter.status) return false;
    if (filter.hasErrors && !(row.report && row.report.errorCount > 0)) return false;
    if (search && !row.unit.name.includes(search) && !row.report?.agencyName.includes(search)) return false;
    return true;
  });
}

/** The units chosen for a 汇总 or a batch export: those asked for that the person oversees (all of them when none is named). */
export function chosenUnits(rows: readonly OverviewRow[], unitIds: readonly string[] | null): OverviewRow[] {
  return unitIds === null || unitIds.length === 0 ? [...rows] : rows.filter((row) => unitIds.includes(row.unit.id));
}

export { unitWithDescendants };
