import { randomUUID } from "node:crypto";
import path from "node:path";
import { and, desc, eq, gt, isNotNull, isNull, lte, sql, type SQL } from "drizzle-orm";
import { checkReport, countBySeverity } from "@/lib/report/check-report";
import { parseReport } from "@/lib/report/parse-report";
import type { TReport } from "@/lib/report/report-schema";
import { DEFAULT_DATA_DIR, openDatabase, type DatabaseOptions, type StoreDatabase, type StoreEngine } from "./database";
import { diffReports, isEmptyDiff, type ReportDiff } from "./report-diff";
import { validateReport } from "./report-payload";
import { reportRevisions, reports, type ReportKind, type VersionKind } from "./schema";

export { MAX_REPORT_BYTES, ReportPayloadError, ReportTooLargeError, ReportValidationError } from "./report-payload";
export type { StoreDatabase, StoreEngine } from "./database";
export type { ReportKind, VersionKind } from "./schema";

export type StoredReportSummary = {
  id: string;
  agencyName: string;
  year: number | null;
  kind: ReportKind;
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

/** Another live report of the same 机关全称 and 年度 exists; only a copy may join it. */
export class DuplicateReportError extends Error {
  readonly isDuplicateReportError = true;
  constructor(readonly existing: StoredReportSummary) {
    super(`已有一份${existing.agencyName}${existing.year}年度报告，不能再新建一份；请打开已有的报告，或另存为副本`);
    this.name = "DuplicateReportError";
  }
}

/** Next.js may load the store in two server layers: test the brand, not `instanceof`. */
export function isDuplicateReportError(error: unknown): error is DuplicateReportError {
  return error instanceof Error && (error as Partial<DuplicateReportError>).isDuplicateReportError === true;
}

export type VersionSummary = {
  version: number;
  kind: VersionKind;
  restoredFromVersion: number | null;
  startedAt: Date;
  savedAt: Date;
  changedCells: string[];
  changedSections: string[];
};
export type StoredVersion = VersionSummary & { report: TReport };

export type ReportStore = {
  engine: StoreEngine;
  /** The drizzle handle, for tests and maintenance scripts; app code goes through the methods. */
  db: StoreDatabase;
  /** Not deleted (default), or only those deleted within the retention period; newest updated first. */
  listReports(options?: { deleted?: boolean }): Promise<StoredReportSummary[]>;
  /** Null for an unknown or deleted report. */
  getReport(id: string): Promise<StoredReport | null>;
  /**
   * A new report. An agency's own report (kind "report") is refused as a duplicate while
   * another live one has the same 机关全称 and 年度; copies and the example are not.
   */
  createReport(report: unknown, options?: { kind?: ReportKind }): Promise<StoredReport>;
  /** Optimistic concurrency: refused with "conflict" unless `baseRevision` is the current revision. */
  saveReport(id: string, baseRevision: number, report: unknown): Promise<SaveResult>;
  deleteReport(id: string): Promise<boolean>;
  restoreReport(id: string): Promise<boolean>;
  /** Hard-deletes reports deleted more than the retention period before `now`, with their versions. */
  purgeDeleted(now?: Date): Promise<number>;
  /** Newest first. */
  listVersions(id: string): Promise<VersionSummary[]>;
  getVersion(id: string, version: number): Promise<StoredVersion | null>;
  /** Writes the content of an earlier version as a new version, labelled as its restore. */
  restoreVersion(id: string, version: number, baseRevision: number): Promise<SaveResult>;
  /** The agency's own live report of that year (never a copy or the example), for cross-year checks. */
  findReport(agencyName: string, year: number): Promise<StoredReport | null>;
  /** The example report, if one was made. */
  findExample(): Promise<StoredReportSummary | null>;
  close(): Promise<void>;
};

export type StoreOptions = DatabaseOptions & {
  /** The clock versions are grouped by; tests move it. */
  now?: () => Date;
};

/** A deleted report can be restored, and is listed, for this long; then purgeDeleted removes it. */
export const DELETED_RETENTION_DAYS = 30;
const retention = sql`make_interval(days => ${DELETED_RETENTION_DAYS})`;

/**
 * Autosaves form one version per sitting: a save joins the newest version while it is an
 * edit last written less than this long ago and begun less than SITTING_MAX_MS ago.
 */
export const SITTING_PAUSE_MS = 10 * 60_000;
export const SITTING_MAX_MS = 60 * 60_000;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Checked before querying: PostgreSQL rejects a malformed uuid or an int4 overflow with an error, not "no row".
const isReportId = (id: string) => UUID_PATTERN.test(id);
const isPositiveInt4 = (value: number) => Number.isInteger(value) && value >= 1 && value <= 2_147_483_647;

// Every column but the data: the home list never reads the report itself.
const summaryColumns = {
  id: reports.id,
  agencyName: reports.agencyName,
  year: reports.year,
  kind: reports.kind,
  revision: reports.revision,
  errorCount: reports.errorCount,
  warningCount: reports.warningCount,
  createdAt: reports.createdAt,
  updatedAt: reports.updatedAt,
  deletedAt: reports.deletedAt,
};

const storedColumns = { ...summaryColumns, data: reports.data };
type StoredRow = StoredReportSummary & { data: unknown };

const versionSummaryColumns = {
  version: reportRevisions.version,
  kind: reportRevisions.kind,
  restoredFromVersion: reportRevisions.restoredFromVersion,
  startedAt: reportRevisions.startedAt,
  savedAt: reportRevisions.savedAt,
  changedCells: reportRevisions.changedCells,
  changedSections: reportRevisions.changedSections,
};

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

/** Whether a report names an agency and a year, so that "one report per agency and year" applies. */
const hasIdentity = (report: TReport): report is TReport & { info: { year: number } } =>
  report.info.agencyName !== "" && report.info.year !== null;

type Executor = Pick<StoreDatabase, "select">;

function createStore(
  engine: StoreEngine,
  db: StoreDatabase,
  closeDatabase: () => Promise<void>,
  now: () => Date,
): ReportStore {
  const activeReport = (id: string): SQL => and(eq(reports.id, id), isNull(reports.deletedAt))!;
  const ownReportOf = (agencyName: string, year: number): SQL =>
    and(eq(reports.agencyName, agencyName.trim()), eq(reports.year, year), eq(reports.kind, "report"), isNull(reports.deletedAt))!;

  /** The agency's own live report of a year, read through `executor` (the store or a transaction). */
  async function findStored(executor: Executor, agencyName: string, year: number) {
    if (!Number.isInteger(year) || agencyName.trim() === "") return null;
    const [row] = await executor
      .select(storedColumns)
      .from(reports)
      .where(ownReportOf(agencyName, year))
      .orderBy(desc(reports.updatedAt))
      .limit(1);
    return row ? toStored(row) : null;
  }

  const previousYearOf = async (executor: Executor, report: TReport) =>
    report.info.year === null ? null : ((await findStored(executor, report.info.agencyName, report.info.year - 1))?.report ?? null);

  async function getReport(id: string): Promise<StoredReport | null> {
    if (!isReportId(id)) return null;
    const [row] = await db.select(storedColumns).from(reports).where(activeReport(id));
    return row ? toStored(row) : null;
  }

  async function getVersion(id: string, version: number): Promise<StoredVersion | null> {
    if (!isReportId(id) || !isPositiveInt4(version)) return null;
    const [row] = await db
      .select({ ...versionSummaryColumns, data: reportRevisions.data })
      .from(reportRevisions)
      .innerJoin(reports, eq(reports.id, reportRevisions.reportId))
      .where(and(activeReport(id), eq(reportRevisions.version, version)));
    if (!row) return null;
    const { data, ...summary } = row;
    return { ...summary, report: readStoredData(id, data) };
  }

  /**
   * Records a save in the version list: it joins the newest version when that is an edit of
   * the same sitting, else it opens a new one. Each version's change list is against the
   * version before it, so a joined version describes the whole sitting.
   */
  async function recordVersion(
    tx: Pick<StoreDatabase, "select" | "insert" | "update">,
    id: string,
    revision: number,
    report: TReport,
    kind: Exclude<VersionKind, "create">,
    restoredFromVersion: number | null,
    at: Date,
  ): Promise<void> {
    const [latest] = await tx
      .select({ version: reportRevisions.version, kind: reportRevisions.kind, startedAt: reportRevisions.startedAt, savedAt: reportRevisions.savedAt, data: reportRevisions.data })
      .from(reportRevisions)
      .where(eq(reportRevisions.reportId, id))
      .orderBy(desc(reportRevisions.version))
      .limit(1);
    const joinsLatest =
      latest !== undefined &&
      kind === "edit" &&
      latest.kind === "edit" &&
      at.getTime() - latest.savedAt.getTime() < SITTING_PAUSE_MS &&
      at.getTime() - latest.startedAt.getTime() < SITTING_MAX_MS;
    if (latest && joinsLatest) {
      const [before] = await tx
        .select({ data: reportRevisions.data })
        .from(reportRevisions)
        .where(and(eq(reportRevisions.reportId, id), eq(reportRevisions.version, latest.version - 1)));
      const diff: ReportDiff = diffReports(before ? readStoredData(id, before.data) : null, report);
      await tx
        .update(reportRevisions)
        .set({ revision, data: report, savedAt: at, ...diff })
        .where(and(eq(reportRevisions.reportId, id), eq(reportRevisions.version, latest.version)));
      return;
    }
    const diff = diffReports(latest ? readStoredData(id, latest.data) : null, report);
    await tx.insert(reportRevisions).values({
      reportId: id,
      version: (latest?.version ?? 0) + 1,
      revision,
      kind,
      restoredFromVersion,
      data: report,
      startedAt: at,
      savedAt: at,
      ...diff,
    });
  }

  /**
   * The one write path of saves and restores. The UPDATE is conditional on the base
   * revision, so of two writers with the same base exactly one gets a row back; the
   * version row goes in the same transaction.
   */
  function writeNewRevision(
    id: string,
    baseRevision: number,
    report: TReport,
    restoredFromVersion: number | null = null,
  ): Promise<SaveResult> {
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
      const at = now();
      const [updated] = await tx
        .update(reports)
        .set({ ...derivedColumns(report, await previousYearOf(tx, report)), revision, updatedAt: at })
        .where(and(activeReport(id), eq(reports.revision, baseRevision)))
        .returning(summaryColumns);
      if (!updated) {
        // Another writer committed between our read and the UPDATE.
        const [latest] = await tx.select(storedColumns).from(reports).where(activeReport(id));
        return latest ? { status: "conflict", current: toStored(latest) } : { status: "not_found" };
      }
      await recordVersion(tx, id, revision, report, restoredFromVersion === null ? "edit" : "restore", restoredFromVersion, at);
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

    async createReport(input, options = {}) {
      const report = validateReport(input);
      const kind = options.kind ?? "report";
      const id = randomUUID();
      return db.transaction(async (tx): Promise<StoredReport> => {
        if (kind === "report" && hasIdentity(report)) {
          // Two clicks or two offices at once: the second waits here, then sees the first's row.
          if (engine === "postgres") {
            await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`${report.info.year} ${report.info.agencyName}`}))`);
          }
          const [existing] = await tx
            .select(summaryColumns)
            .from(reports)
            .where(ownReportOf(report.info.agencyName, report.info.year))
            .limit(1);
          if (existing) throw new DuplicateReportError(existing);
        }
        const at = now();
        const [summary] = await tx
          .insert(reports)
          .values({ id, ...derivedColumns(report, await previousYearOf(tx, report)), kind, revision: 1, createdAt: at, updatedAt: at })
          .returning(summaryColumns);
        if (!summary) throw new Error("新建报告未返回数据行");
        await tx.insert(reportRevisions).values({
          reportId: id,
          version: 1,
          revision: 1,
          kind: "create",
          data: report,
          startedAt: at,
          savedAt: at,
          ...diffReports(null, report),
        });
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

    async purgeDeleted(at) {
      const reference = at ? sql`${at.toISOString()}::timestamptz` : sql`now()`;
      // Versions go with their report (ON DELETE CASCADE).
      const rows = await db
        .delete(reports)
        .where(lte(reports.deletedAt, sql`${reference} - ${retention}`))
        .returning({ id: reports.id });
      return rows.length;
    },

    async listVersions(id) {
      if (!isReportId(id)) return [];
      return db
        .select(versionSummaryColumns)
        .from(reportRevisions)
        .innerJoin(reports, eq(reports.id, reportRevisions.reportId))
        .where(activeReport(id))
        .orderBy(desc(reportRevisions.version));
    },

    getVersion,

    async restoreVersion(id, version, baseRevision) {
      const earlier = await getVersion(id, version);
      if (!earlier) return { status: "not_found" };
      return writeNewRevision(id, baseRevision, earlier.report, version);
    },

    findReport: (agencyName, year) => findStored(db, agencyName, year),

    async findExample() {
      const [row] = await db
        .select(summaryColumns)
        .from(reports)
        .where(and(eq(reports.kind, "example"), isNull(reports.deletedAt)))
        .orderBy(desc(reports.updatedAt))
        .limit(1);
      return row ?? null;
    },

    close: closeDatabase,
  };
}

/** Opens (and migrates) the server at `databaseUrl` when given, else embedded PGlite in `dataDir` (default ./data). */
export async function openReportStore(options: StoreOptions): Promise<ReportStore> {
  const opened = await openDatabase(options);
  return createStore(opened.engine, opened.db, opened.close, options.now ?? (() => new Date()));
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
