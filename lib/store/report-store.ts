import { randomUUID } from "node:crypto";
import path from "node:path";
import { and, desc, eq, gt, isNotNull, isNull, lte, sql, type SQL } from "drizzle-orm";
import { checkReport, countBySeverity } from "@/lib/report/check-report";
import { parseReport } from "@/lib/report/parse-report";
import type { TReport } from "@/lib/report/report-schema";
import { DEFAULT_DATA_DIR, openDatabase, type DatabaseOptions, type StoreDatabase, type StoreEngine } from "./database";
import { diffReports, isEmptyDiff } from "./report-diff";
import { validateReport } from "./report-payload";
import { reportRevisions, reports } from "./schema";

export { MAX_REPORT_BYTES, parseReportPayload, ReportPayloadError, ReportTooLargeError, ReportValidationError } from "./report-payload";
export type { StoreDatabase, StoreEngine } from "./database";

export type StoredReportSummary = {
  id: string;
  agencyName: string;
  year: number;
  revision: number;
  errorCount: number;
  warningCount: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
};
export type StoredReport = StoredReportSummary & { report: TReport };

export type SaveResult =
  | { status: "saved"; stored: StoredReport }
  | { status: "unchanged"; stored: StoredReport }
  | { status: "conflict"; current: StoredReport }
  | { status: "not_found" };

export type RevisionSummary = { revision: number; savedAt: Date; changedCells: string[]; changedSections: string[] };
export type StoredRevision = { revision: number; savedAt: Date; report: TReport };

export type ReportStore = {
  engine: StoreEngine;
  /** The drizzle handle, for tests and maintenance scripts; app code goes through the methods. */
  db: StoreDatabase;
  /** Not deleted (default), or only those deleted within the retention period; newest updated first. */
  listReports(options?: { deleted?: boolean }): Promise<StoredReportSummary[]>;
  /** Null for an unknown or deleted report. */
  getReport(id: string): Promise<StoredReport | null>;
  createReport(report: unknown): Promise<StoredReport>;
  /** Optimistic concurrency: refused with "conflict" unless `baseRevision` is the current revision. */
  saveReport(id: string, baseRevision: number, report: unknown): Promise<SaveResult>;
  deleteReport(id: string): Promise<boolean>;
  restoreReport(id: string): Promise<boolean>;
  /** Hard-deletes reports deleted more than the retention period before `now`, with their revisions. */
  purgeDeleted(now?: Date): Promise<number>;
  /** Newest first. */
  listRevisions(id: string): Promise<RevisionSummary[]>;
  getRevision(id: string, revision: number): Promise<StoredRevision | null>;
  /** Writes the data of an earlier revision as a new revision. */
  restoreRevision(id: string, revision: number, baseRevision: number): Promise<SaveResult>;
  /** The newest non-deleted report of an agency and year (for cross-year checks). */
  findReport(agencyName: string, year: number): Promise<StoredReport | null>;
  close(): Promise<void>;
};

/** A deleted report can be restored, and is listed, for this long; then purgeDeleted removes it. */
export const DELETED_RETENTION_DAYS = 30;
const retention = sql`make_interval(days => ${DELETED_RETENTION_DAYS})`;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Checked before querying: PostgreSQL rejects a malformed uuid or an int4 overflow with an error, not "no row".
const isReportId = (id: string) => UUID_PATTERN.test(id);
const isRevisionNumber = (revision: number) => Number.isInteger(revision) && revision >= 1 && revision <= 2_147_483_647;

// Every column but the data: the home list never reads the report itself.
const summaryColumns = {
  id: reports.id,
  agencyName: reports.agencyName,
  year: reports.year,
  revision: reports.revision,
  errorCount: reports.errorCount,
  warningCount: reports.warningCount,
  createdAt: reports.createdAt,
  updatedAt: reports.updatedAt,
  deletedAt: reports.deletedAt,
};

const storedColumns = { ...summaryColumns, data: reports.data };
type StoredRow = StoredReportSummary & { data: unknown };

/** Stored data was valid when written; parsing again applies defaults added to the schema since. */
function readStoredData(reportId: string, data: unknown): TReport {
  const parsed = parseReport(data);
  if (!parsed.ok) throw new Error(`已存储的报告 ${reportId} 无法读取：${parsed.message}`);
  return parsed.report;
}

function toStored(row: StoredRow): StoredReport {
  const { data, ...summary } = row;
  return { ...summary, report: readStoredData(row.id, data) };
}

/** Columns derived from the report itself, written on every create and save. */
/** Columns computed from the report itself, with the counts the editor shows (cross-year rules included). */
function derivedColumns(report: TReport, previousYear: TReport | null) {
  const { errors, warnings } = countBySeverity(checkReport(report, { previousYear }));
  return {
    agencyName: report.info.agencyName,
    year: report.info.year,
    formatVersion: report.formatVersion,
    data: report,
    errorCount: errors,
    warningCount: warnings,
  };
}

function createStore(engine: StoreEngine, db: StoreDatabase, closeDatabase: () => Promise<void>): ReportStore {
  const activeReport = (id: string): SQL => and(eq(reports.id, id), isNull(reports.deletedAt))!;

  /** The newest live report of an agency and year, read through `executor` (the store or a transaction). */
  async function findStored(executor: Pick<StoreDatabase, "select">, agencyName: string, year: number) {
    if (!Number.isInteger(year)) return null;
    const [row] = await executor
      .select(storedColumns)
      .from(reports)
      .where(and(eq(reports.agencyName, agencyName.trim()), eq(reports.year, year), isNull(reports.deletedAt)))
      .orderBy(desc(reports.updatedAt))
      .limit(1);
    return row ? toStored(row) : null;
  }

  const previousYearOf = async (executor: Pick<StoreDatabase, "select">, report: TReport) =>
    (await findStored(executor, report.info.agencyName, report.info.year - 1))?.report ?? null;

  async function getReport(id: string): Promise<StoredReport | null> {
    if (!isReportId(id)) return null;
    const [row] = await db.select(storedColumns).from(reports).where(activeReport(id));
    return row ? toStored(row) : null;
  }

  async function getRevision(id: string, revision: number): Promise<StoredRevision | null> {
    if (!isReportId(id) || !isRevisionNumber(revision)) return null;
    const [row] = await db
      .select({ revision: reportRevisions.revision, savedAt: reportRevisions.savedAt, data: reportRevisions.data })
      .from(reportRevisions)
      .innerJoin(reports, eq(reports.id, reportRevisions.reportId))
      .where(and(activeReport(id), eq(reportRevisions.revision, revision)));
    return row ? { revision: row.revision, savedAt: row.savedAt, report: readStoredData(id, row.data) } : null;
  }

  /**
   * The one write path of saves and restores. The UPDATE is conditional on the base
   * revision, so of two writers with the same base exactly one gets a row back; the
   * revision row goes in the same transaction.
   */
  function writeNewRevision(id: string, baseRevision: number, report: TReport): Promise<SaveResult> {
    return db.transaction(async (tx): Promise<SaveResult> => {
      const [current] = await tx.select(storedColumns).from(reports).where(activeReport(id));
      if (!current) return { status: "not_found" };
      const currentStored = toStored(current);
      if (current.revision !== baseRevision) return { status: "conflict", current: currentStored };
      const diff = diffReports(currentStored.report, report);
      if (isEmptyDiff(diff) && currentStored.report.formatVersion === report.formatVersion) {
        return { status: "unchanged", stored: currentStored };
      }

      const revision = baseRevision + 1;
      const [updated] = await tx
        .update(reports)
        .set({ ...derivedColumns(report, await previousYearOf(tx, report)), revision, updatedAt: sql`now()` })
        .where(and(activeReport(id), eq(reports.revision, baseRevision)))
        .returning(summaryColumns);
      if (!updated) {
        // Another writer committed between our read and the UPDATE.
        const [latest] = await tx.select(storedColumns).from(reports).where(activeReport(id));
        return latest ? { status: "conflict", current: toStored(latest) } : { status: "not_found" };
      }
      // saved_at defaults to now(), the same instant as updated_at within this transaction.
      await tx.insert(reportRevisions).values({ reportId: id, revision, data: report, ...diff });
      return { status: "saved", stored: { ...updated, report } };
    });
  }

  return {
    engine,
    db,

    async listReports(options = {}) {
      const where = options.deleted
        ? and(isNotNull(reports.deletedAt), gt(reports.deletedAt, sql`now() - ${retention}`))
        : isNull(reports.deletedAt);
      return db.select(summaryColumns).from(reports).where(where).orderBy(desc(reports.updatedAt));
    },

    getReport,

    async createReport(input) {
      const report = validateReport(input);
      const id = randomUUID();
      return db.transaction(async (tx) => {
        const [summary] = await tx
          .insert(reports)
          .values({ id, ...derivedColumns(report, await previousYearOf(tx, report)), revision: 1 })
          .returning(summaryColumns);
        if (!summary) throw new Error("新建报告未返回数据行");
        await tx
          .insert(reportRevisions)
          .values({ reportId: id, revision: 1, data: report, ...diffReports(null, report) });
        return { ...summary, report };
      });
    },

    async saveReport(id, baseRevision, input) {
      const report = validateReport(input);
      if (!isReportId(id)) return { status: "not_found" };
      return writeNewRevision(id, baseRevision, report);
    },

    async deleteReport(id) {
      if (!isReportId(id)) return false;
      const rows = await db
        .update(reports)
        .set({ deletedAt: sql`now()` })
        .where(activeReport(id))
        .returning({ id: reports.id });
      return rows.length > 0;
    },

    async restoreReport(id) {
      if (!isReportId(id)) return false;
      const rows = await db
        .update(reports)
        .set({ deletedAt: null })
        .where(and(eq(reports.id, id), gt(reports.deletedAt, sql`now() - ${retention}`)))
        .returning({ id: reports.id });
      return rows.length > 0;
    },

    async purgeDeleted(now) {
      const reference = now ? sql`${now.toISOString()}::timestamptz` : sql`now()`;
      // Revisions go with their report (ON DELETE CASCADE).
      const rows = await db
        .delete(reports)
        .where(lte(reports.deletedAt, sql`${reference} - ${retention}`))
        .returning({ id: reports.id });
      return rows.length;
    },

    async listRevisions(id) {
      if (!isReportId(id)) return [];
      return db
        .select({
          revision: reportRevisions.revision,
          savedAt: reportRevisions.savedAt,
          changedCells: reportRevisions.changedCells,
          changedSections: reportRevisions.changedSections,
        })
        .from(reportRevisions)
        .innerJoin(reports, eq(reports.id, reportRevisions.reportId))
        .where(activeReport(id))
        .orderBy(desc(reportRevisions.revision));
    },

    getRevision,

    async restoreRevision(id, revision, baseRevision) {
      const earlier = await getRevision(id, revision);
      if (!earlier) return { status: "not_found" };
      return writeNewRevision(id, baseRevision, earlier.report);
    },

    findReport: (agencyName, year) => findStored(db, agencyName, year),

    close: closeDatabase,
  };
}

/** Opens (and migrates) the server at `databaseUrl` when given, else embedded PGlite in `dataDir` (default ./data). */
export async function openReportStore(options: DatabaseOptions): Promise<ReportStore> {
  const opened = await openDatabase(options);
  return createStore(opened.engine, opened.db, opened.close);
}

// On globalThis, not in module scope: Next dev re-evaluates modules, and a second PGlite
// on the same folder would corrupt it.
const openStores: Map<string, Promise<ReportStore>> = ((globalThis as { __nianbaotongReportStores?: Map<string, Promise<ReportStore>> })
  .__nianbaotongReportStores ??= new Map());

/** The process-wide store: the server at env DATABASE_URL if set, else PGlite in env DATA_DIR (default ./data). */
export function getReportStore(): Promise<ReportStore> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = process.env.DATA_DIR || DEFAULT_DATA_DIR;
  const key = databaseUrl ? `postgres ${databaseUrl}` : `pglite ${path.resolve(dataDir)}`;
  let store = openStores.get(key);
  if (!store) {
    store = openReportStore({ databaseUrl, dataDir }).then(
      async (opened) => {
        // Reports deleted more than the retention period ago go when the app starts.
        await opened.purgeDeleted().catch((error: unknown) => console.error("清理已删除报告失败：", error));
        return {
          ...opened,
          close: async () => {
            openStores.delete(key);
            await opened.close();
          },
        };
      },
      (error: unknown) => {
        openStores.delete(key); // let the next request try again
        throw error;
      },
    );
    openStores.set(key, store);
  }
  return store;
}
