import { createHash, randomUUID } from "node:crypto";
import path from "node:path";
import { and, asc, desc, eq, getTableColumns, gt, inArray, isNotNull, isNull, lte, not, or, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { type AccessScopes, type Actor, scopeIncludes, type UnitScope } from "@/lib/auth/access";
import { checkReport, countBySeverity } from "@/lib/checks/check-report";
import { jsonEqual, type MergeConflict, mergeReports } from "@/lib/report/merge-reports";
import { parseReport } from "@/lib/report/parse-report";
import type { TReport } from "@/lib/report/report-schema";
import { withoutIllegalCharacters } from "@/lib/report/text-characters";
import { type DatabaseOptions, DEFAULT_DATA_DIR, openDatabase, type StoreDatabase, type StoreEngine } from "./database";
import { cachedReport, rememberReport, reportRowKey, versionRowKey } from "./parsed-report-cache";
import { diffReports, isEmptyDiff, type ReportDiff } from "./report-diff";
import { validateReport } from "./report-payload";
import {
  publishedRecords,
  type ReportKind,
  type ReportStatus,
  reportRevisions,
  reports,
  reportTransitions,
  reviewComments,
  units,
  type VersionKind,
} from "./schema";

export type { StoreDatabase, StoreEngine } from "./database";
export { MAX_REPORT_BYTES, ReportPayloadError, ReportTooLargeError, ReportValidationError } from "./report-payload";
export type { ReportKind, ReportStatus, VersionKind } from "./schema";
export { reportStatuses } from "./schema";

/** The Chinese names of the review states. */
export const reportStatusLabels: Record<ReportStatus, string> = {
  editing: "编辑中",
  submitted: "已提交",
  returned: "退回修改",
  approved: "审核通过",
  published: "已发布",
};

/** Only these states can be edited; submitted, approved and published reports are locked. */
export const isEditableStatus = (status: ReportStatus): boolean => status === "editing" || status === "returned";

/**
 * A request the report's state does not allow (editing a submitted report, approving a draft …): HTTP 409;
 * one the person may not make at all (a 填报人 approving, deleting a published report …): 403.
 */
export class ReportStateError extends Error {
  readonly isReportStateError = true;
  readonly status: 403 | 409 | 422;
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
    status: 403 | 409 | 422 = 409,
  ) {
    super(message);
    this.status = status;
    this.name = "ReportStateError";
  }
}

export function isReportStateError(error: unknown): error is ReportStateError {
  return error instanceof Error && (error as Partial<ReportStateError>).isReportStateError === true;
}

/** An action the person's role or unit does not allow: 403 with the reason in Chinese. */
const forbidden = (message: string) => new ReportStateError(message, {}, 403);

export type StoredReportSummary = {
  id: string;
  agencyName: string;
  year: number | null;
  kind: ReportKind;
  unitId: string | null;
  status: ReportStatus;
  correctionReason: string | null;
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
  | { status: "conflict"; current: StoredReport; conflicts?: MergeConflict[] }
  | { status: "not_found" };

/**
 * What a page tells about its save beyond the revision it started from: `base`, the report as it
 * was at that revision (for a three-way merge with saves made elsewhere since); `ownSaved`, the
 * reports of saves of its own it sent without seeing the answers (one of them stored: no conflict).
 */
export type SaveContext = { base?: unknown; ownSaved?: unknown };

/** At most this many unanswered saves of a page count as its own. */
const MAX_OWN_SAVED = 3;

/**
 * Another live report of the same unit, 机关全称 and 年度 exists; only a copy may join it. The one
 * asking can always open it: the check never looks at another unit's reports.
 */
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

export type TransitionRecord = {
  fromStatus: ReportStatus;
  toStatus: ReportStatus;
  /** Who made it ("system" for the unlimited store), e.g. to keep a submitter from approving. */
  userId: string;
  userName: string;
  comment: string;
  at: Date;
};

export type ReviewComment = {
  id: string;
  cellId: string | null;
  sectionId: string | null;
  body: string;
  authorName: string;
  createdAt: Date;
  resolvedAt: Date | null;
};

/** A reviewer's comment as given when returning a report: at a cell or at a section. */
export type NewReviewComment = { cellId?: string | null; sectionId?: string | null; body: string };

export type PublishedFiles = { fileBaseName: string; pdf: Uint8Array; docx: Uint8Array; html: Uint8Array };
export type PublishedFormat = "pdf" | "docx" | "html";

export type PublishedRecordSummary = {
  id: string;
  sequence: number;
  version: number;
  reason: string | null;
  publishedByName: string;
  publishedAt: Date;
  fileBaseName: string;
  pdfSha256: string;
  docxSha256: string;
  htmlSha256: string;
};

export type ReportStore = {
  engine: StoreEngine;
  /** The drizzle handle, for tests and maintenance scripts; app code goes through the methods. */
  db: StoreDatabase;
  /**
   * Not deleted (default), or the deleted ones still kept: within the retention period, or ever published
   * (kept for good); newest updated first.
   */
  listReports(options?: { deleted?: boolean }): Promise<StoredReportSummary[]>;
  /**
   * Null for an unknown report or one outside the caller's units; a deleted one only with
   * `withDeleted` (its history and published files stay reachable to the office).
   */
  getReport(id: string, options?: { withDeleted?: boolean }): Promise<StoredReport | null>;
  /** A live report's summary without its data (one small select): whether the caller may see it at all. */
  getReportSummary(id: string): Promise<StoredReportSummary | null>;
  /** Several reports at once (those that exist and may be seen). */
  getReports(ids: readonly string[]): Promise<StoredReport[]>;
  /**
   * A new report. An agency's own report (kind "report") is refused as a duplicate while
   * another live one has the same 机关全称 and 年度; copies and the example are not.
   */
  createReport(report: unknown, options?: { kind?: ReportKind; unitId?: string | null }): Promise<StoredReport>;
  /**
   * Optimistic concurrency: unless `baseRevision` is the current revision, the save is merged with
   * what was stored since (given the page's `base`), and refused with "conflict" only where the same
   * field or cell changed on both sides (or without a base to merge from).
   */
  saveReport(id: string, baseRevision: number, report: unknown, context?: SaveContext): Promise<SaveResult>;
  /**
   * False when not found. A report with a published record (published, or under correction) is removed
   * only by a 管理员, and its published files and history stay; a 填报人 deletes only drafts (编辑中/退回修改).
   */
  deleteReport(id: string): Promise<boolean>;
  restoreReport(id: string): Promise<boolean>;
  /** Hard-deletes reports deleted more than the retention period before `now`, with their versions; never one ever published. */
  purgeDeleted(now?: Date): Promise<number>;
  /** Newest first. */
  listVersions(id: string): Promise<VersionSummary[]>;
  getVersion(id: string, version: number): Promise<StoredVersion | null>;
  /** Writes the content of an earlier version as a new version, labelled as its restore. */
  restoreVersion(id: string, version: number, baseRevision: number): Promise<SaveResult>;
  /**
   * Last year's report of a report, for cross-year checks: the same unit's own live report of year − 1
   * (never a copy, the example or another unit's). Matched by unit, so a renamed agency keeps its chain:
   * the unit's report of the same 机关全称 if there is one, else its only report of that year.
   */
  findPreviousYear(report: Pick<StoredReportSummary, "unitId" | "agencyName" | "year" | "kind">): Promise<StoredReport | null>;
  /** The example report, if one was made. */
  findExample(): Promise<StoredReportSummary | null>;
  /** The same store as seen by a signed-in person: every query limited to the units they may see or change. */
  as(actor: Actor, scopes: AccessScopes): ReportStore;
  /** Who this store acts for; null for the unlimited store (tests, maintenance, the command line). */
  actor: Actor | null;
  scopes: AccessScopes | null;
  /**
   * 编辑中/退回修改 → 已提交: only with nothing that stops the official export (rule errors, cross-year
   * included, and characters no PDF face has), checked again here.
   */
  submitReport(id: string, comment?: string): Promise<StoredReport>;
  /** 已提交 → 编辑中 (撤回): the report's own unit takes back a submission not yet reviewed. */
  withdrawReport(id: string, comment?: string): Promise<StoredReport>;
  /** 已提交 or 审核通过 → 退回修改, with the reviewer's comments at cells or sections. */
  returnReport(id: string, comment: string, comments: readonly NewReviewComment[]): Promise<StoredReport>;
  /** 已提交 → 审核通过; never by the 审核人 who submitted it (an office of one: the 管理员 may). */
  approveReport(id: string, comment?: string): Promise<StoredReport>;
  /** 审核通过 → 已发布: keeps the official files, byte for byte, with their SHA-256. */
  publishReport(id: string, files: PublishedFiles): Promise<StoredReport>;
  /** 已发布 → 编辑中 as a 更正, with its reason; the published record stays. */
  startCorrection(id: string, reason: string): Promise<StoredReport>;
  listTransitions(id: string): Promise<TransitionRecord[]>;
  listComments(id: string): Promise<ReviewComment[]>;
  resolveComment(reportId: string, commentId: string): Promise<boolean>;
  listPublished(id: string): Promise<PublishedRecordSummary[]>;
  getPublishedFile(
    id: string,
    sequence: number,
    format: PublishedFormat,
  ): Promise<{ fileBaseName: string; bytes: Buffer; sha256: string } | null>;
  /** Reports made before accounts existed go to a unit (the first administrator's). */
  assignUnitlessReports(unitId: string): Promise<number>;
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
export const isWellFormedId = (id: string) => UUID_PATTERN.test(id);
const isReportId = isWellFormedId;
export const isPositiveInt4 = (value: number) => Number.isInteger(value) && value >= 1 && value <= 2_147_483_647;

// Every column but the data: the home list never reads the report itself.
const summaryColumns = {
  id: reports.id,
  agencyName: reports.agencyName,
  year: reports.year,
  kind: reports.kind,
  unitId: reports.unitId,
  status: reports.status,
  correctionReason: reports.correctionReason,
  revision: reports.revision,
  errorCount: reports.errorCount,
  warningCount: reports.warningCount,
  createdAt: reports.createdAt,
  updatedAt: reports.updatedAt,
  deletedAt: reports.deletedAt,
};

const storedColumns = { ...summaryColumns, data: reports.data };

/**
 * The summary columns as plain SQL, for the selects every save makes: drizzle's query builder costs
 * as much CPU as the query itself (building the statement, mapping each field), about half of a
 * small select. Rows are decoded by the columns' own drivers' mappings, as the builder would.
 */
const summarySelectList = sql.raw(
  Object.values(summaryColumns)
    .map((column) => `"reports"."${column.name}"`)
    .join(", "),
);

function summaryFromRow(row: Record<string, unknown>): StoredReportSummary {
  const summary: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(summaryColumns)) {
    const value = row[column.name];
    summary[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return summary as StoredReportSummary;
}

/** `SET` assignments of `values`, each encoded by its column's driver mapping as the builder would. */
function assignments(columns: Record<string, PgColumn>, values: Record<string, unknown>): SQL {
  return sql.join(
    Object.entries(values)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => {
        const column = columns[key];
        if (!column) throw new Error(`没有这一列：${key}`);
        return sql`${sql.identifier(column.name)} = ${value === null ? null : column.mapToDriverValue(value)}`;
      }),
    sql`, `,
  );
}

const reportColumns = getTableColumns(reports);
const versionColumns = getTableColumns(reportRevisions);

/** Updates the reports `where` holds and gives their summaries, without the query builder. */
async function updateReturningSummaries(
  executor: Executor,
  values: Partial<typeof reports.$inferInsert>,
  where: SQL,
): Promise<StoredReportSummary[]> {
  const result = await executor.execute<Record<string, unknown>>(
    sql`UPDATE "reports" SET ${assignments(reportColumns, values)} WHERE ${where} RETURNING ${summarySelectList}`,
  );
  return result.rows.map(summaryFromRow);
}

/** Report summaries by `where` (and `tail`: ORDER BY, LIMIT), without the query builder. */
async function selectSummaries(executor: Executor, where: SQL, tail: SQL = sql``): Promise<StoredReportSummary[]> {
  const result = await executor.execute<Record<string, unknown>>(
    sql`SELECT ${summarySelectList} FROM "reports" WHERE ${where}${tail}`,
  );
  return result.rows.map(summaryFromRow);
}
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

/** Every string of stored JSON without the characters text-characters.ts refuses. */
function withoutIllegalText(data: unknown): unknown {
  if (typeof data === "string") return withoutIllegalCharacters(data);
  if (Array.isArray(data)) return data.map(withoutIllegalText);
  if (data !== null && typeof data === "object") {
    return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, withoutIllegalText(value)]));
  }
  return data;
}

/** Stored data was valid when written; parsing again applies defaults added to the schema since. */
function readStoredData(reportId: string, data: unknown): TReport {
  let parsed = parseReport(data);
  // Saved before the schema refused control characters and non-characters: read without them.
  if (!parsed.ok) parsed = parseReport(withoutIllegalText(data));
  if (!parsed.ok) throw new Error(`已存储的报告 ${reportId} 无法读取：${parsed.message}`);
  return parsed.report;
}

function toStored(row: StoredRow): StoredReport {
  const { data, ...summary } = row;
  const report = readStoredData(row.id, data);
  rememberReport(reportRowKey(summary), report);
  return { ...summary, report };
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

type Executor = Pick<StoreDatabase, "select" | "execute">;
type Writer = Pick<StoreDatabase, "select" | "insert" | "update" | "execute">;

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Whether a report was ever published: its record is kept for good (never purged, its files always reachable). */
const hasPublishedRecord = sql`EXISTS (SELECT 1 FROM published_records pr WHERE pr.report_id = "reports"."id")`;

/** A condition limiting reports to a unit scope; null scope: every unit. */
function unitCondition(scope: UnitScope): SQL | undefined {
  if (scope === null) return undefined;
  if (scope.length === 0) return sql`false`;
  return inArray(reports.unitId, [...scope]);
}

type StoreContext = {
  engine: StoreEngine;
  db: StoreDatabase;
  close: () => Promise<void>;
  now: () => Date;
  actor: Actor | null;
  scopes: AccessScopes | null;
};

/** What a transition's `also` sets on the report besides its status: some columns, or nothing. */
type TransitionExtra = Promise<Partial<typeof reports.$inferInsert>> | Promise<void>;

function createStore(context: StoreContext): ReportStore {
  const { engine, db, now, actor, scopes } = context;
  const readScope = scopes?.read ?? null;
  const writeScope = scopes?.write ?? null;
  const reviewScope = scopes?.review ?? null;
  const live = (id: string, scope: UnitScope = readScope): SQL =>
    and(eq(reports.id, id), isNull(reports.deletedAt), unitCondition(scope))!;
  /** A report's records (history, published files), deleted or not: what the office keeps. */
  const recorded = (id: string): SQL => and(eq(reports.id, id), unitCondition(readScope))!;
  /** Reports made before accounts existed have no unit; they form one group of their own. */
  const sameUnit = (unitId: string | null): SQL => (unitId === null ? isNull(reports.unitId) : eq(reports.unitId, unitId));
  /** "One report per agency and year" holds within a unit: another unit's report never collides. */
  const ownReportOf = (unitId: string | null, agencyName: string, year: number): SQL =>
    and(
      sameUnit(unitId),
      eq(reports.agencyName, agencyName.trim()),
      eq(reports.year, year),
      eq(reports.kind, "report"),
      isNull(reports.deletedAt),
    )!;
  const actorId = actor?.userId ?? "system";
  const actorName = actor?.name ?? "系统";

  /**
   * The unit's own live report of the year before, read through `executor` (the store or a transaction)
   * and within what the caller may read: never another unit's, whatever its agency is called.
   */
  async function findPreviousStored(
    executor: Executor,
    unitId: string | null,
    agencyName: string,
    year: number | null,
  ): Promise<StoredReport | null> {
    if (year === null || !Number.isInteger(year)) return null;
    const where = and(
      sameUnit(unitId),
      eq(reports.year, year - 1),
      eq(reports.kind, "report"),
      isNull(reports.deletedAt),
      unitCondition(readScope),
    )!;
    const rows = await selectSummaries(executor, where, sql` ORDER BY "reports"."updated_at" DESC LIMIT 20`);
    const name = agencyName.trim();
    // Several agencies in one unit: the same name; a single report of the unit stands for it even renamed.
    const row = rows.find((candidate) => candidate.agencyName === name) ?? (rows.length === 1 ? rows[0] : undefined);
    return row ? withReport(executor, row, and(where, eq(reports.id, row.id))!) : null;
  }

  /**
   * The stored report of a row whose summary was read: parsed once per revision in this process
   * (parsed-report-cache), else read whole again by `where` — that row, summary and data together.
   */
  async function withReport(executor: Executor, summary: StoredReportSummary, where: SQL): Promise<StoredReport | null> {
    const report = cachedReport(reportRowKey(summary));
    if (report) return { ...summary, report };
    const [row] = await executor.select(storedColumns).from(reports).where(where);
    return row ? toStored(row) : null;
  }

  /** One report by `where`: its summary, and its data only when this revision has not been parsed yet. */
  async function readStoredReport(executor: Executor, where: SQL): Promise<StoredReport | null> {
    const [summary] = await selectSummaries(executor, where);
    return summary ? withReport(executor, summary, where) : null;
  }

  const previousYearOf = async (executor: Executor, unitId: string | null, report: TReport) =>
    (await findPreviousStored(executor, unitId, report.info.agencyName, report.info.year))?.report ?? null;

  async function getReport(id: string, options: { withDeleted?: boolean } = {}): Promise<StoredReport | null> {
    if (!isReportId(id)) return null;
    return readStoredReport(db, options.withDeleted ? recorded(id) : live(id));
  }

  async function getVersion(id: string, version: number): Promise<StoredVersion | null> {
    if (!isReportId(id) || !isPositiveInt4(version)) return null;
    const [row] = await db
      .select({ ...versionSummaryColumns, data: reportRevisions.data })
      .from(reportRevisions)
      .innerJoin(reports, eq(reports.id, reportRevisions.reportId))
      .where(and(live(id), eq(reportRevisions.version, version)));
    if (!row) return null;
    const { data, ...summary } = row;
    return { ...summary, report: readStoredData(id, data) };
  }

  /**
   * Records a save in the version list: it joins the newest version when that is an edit of
   * the same person's sitting, else it opens a new one. Each version's change list is against
   * the version before it, so a joined version describes the whole sitting.
   */
  async function recordVersion(
    tx: Writer,
    id: string,
    revision: number,
    report: TReport,
    kind: Exclude<VersionKind, "create">,
    restoredFromVersion: number | null,
    at: Date,
  ): Promise<void> {
    // The newest version and the one before it, without their data: a parsed copy is usually at hand.
    // Plain SQL, not the query builder: this runs on every save.
    const { rows } = await tx.execute<Record<string, unknown>>(
      sql`SELECT "version", "revision", "kind", "saved_by", "started_at", "saved_at",
        EXISTS (SELECT 1 FROM "published_records" pr WHERE pr."report_id" = rv."report_id" AND pr."version" = rv."version") AS "published"
        FROM "report_revisions" rv WHERE rv."report_id" = ${id} ORDER BY rv."version" DESC LIMIT 2`,
    );
    const [latest, before] = rows.map((row) => ({
      version: versionColumns.version.mapFromDriverValue(row.version) as number,
      revision: versionColumns.revision.mapFromDriverValue(row.revision) as number,
      kind: row.kind as VersionKind,
      savedBy: (row.saved_by ?? null) as string | null,
      startedAt: versionColumns.startedAt.mapFromDriverValue(row.started_at) as Date,
      savedAt: versionColumns.savedAt.mapFromDriverValue(row.saved_at) as Date,
      published: row.published === true || row.published === "t",
    }));
    const savedBy = actor?.userId ?? null;
    const joinsLatest =
      latest !== undefined &&
      kind === "edit" &&
      latest.kind === "edit" &&
      latest.savedBy === savedBy &&
      at.getTime() - latest.savedAt.getTime() < SITTING_PAUSE_MS &&
      at.getTime() - latest.startedAt.getTime() < SITTING_MAX_MS &&
      // What was published is sealed: an edit for a 更正 opens a version of its own.
      !latest.published;
    if (latest && joinsLatest) {
      const diff: ReportDiff = diffReports(before ? await versionData(tx, id, before) : null, report);
      await tx.execute(
        sql`UPDATE "report_revisions" SET ${assignments(versionColumns, { revision, data: report, savedAt: at, ...diff })}
          WHERE "report_id" = ${id} AND "version" = ${latest.version}`,
      );
      rememberReport(versionRowKey(id, { version: latest.version, revision, savedAt: at }), report);
      return;
    }
    const diff = diffReports(latest ? await versionData(tx, id, latest) : null, report);
    const version = (latest?.version ?? 0) + 1;
    await tx.insert(reportRevisions).values({
      reportId: id,
      version,
      revision,
      kind,
      restoredFromVersion,
      data: report,
      savedBy,
      startedAt: at,
      savedAt: at,
      ...diff,
    });
    rememberReport(versionRowKey(id, { version, revision, savedAt: at }), report);
  }

  /** A version's report: parsed once per state of its row in this process, else read and parsed. */
  async function versionData(
    executor: Executor,
    id: string,
    row: { version: number; revision: number; savedAt: Date },
  ): Promise<TReport> {
    const key = versionRowKey(id, row);
    const cached = cachedReport(key);
    if (cached) return cached;
    const [stored] = await executor
      .select({ data: reportRevisions.data })
      .from(reportRevisions)
      .where(
        and(
          eq(reportRevisions.reportId, id),
          eq(reportRevisions.version, row.version),
          eq(reportRevisions.revision, row.revision),
        ),
      );
    if (!stored) throw new Error(`报告 ${id} 的第 ${row.version} 版刚被改动，请重试`);
    const report = readStoredData(id, stored.data);
    rememberReport(key, report);
    return report;
  }

  const lockedMessage = (current: StoredReportSummary) =>
    `这份报告${reportStatusLabels[current.status]}，不能修改${current.status === "published" ? "；如需修改，请先发起更正" : "；如需修改，请审核人退回"}`;

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
    merge: (current: TReport) => { report: TReport; conflicts: MergeConflict[] } | null = () => null,
  ): Promise<SaveResult> {
    return db.transaction(async (tx): Promise<SaveResult> => {
      const currentStored = await readStoredReport(tx, live(id));
      if (!currentStored) return { status: "not_found" };
      const current = currentStored;
      // Seen but not theirs (a 审核人's lower unit): refused as such, not "not found".
      if (!scopeIncludes(writeScope, current.unitId)) throw forbidden("您只能修改本单位的报告；审核人可以退回修改并附上意见");
      if (!isEditableStatus(current.status)) throw new ReportStateError(lockedMessage(current), { current: currentStored });
      if (current.revision !== baseRevision) {
        const merged = merge(currentStored.report);
        if (!merged) return { status: "conflict", current: currentStored };
        if (merged.conflicts.length > 0) return { status: "conflict", current: currentStored, conflicts: merged.conflicts };
        // Merged onto what is stored now: written as the next revision after it.
        report = merged.report;
        baseRevision = current.revision;
      }
      const diff = diffReports(currentStored.report, report);
      if (isEmptyDiff(diff) && currentStored.report.formatVersion === report.formatVersion) {
        return { status: "unchanged", stored: currentStored };
      }

      const revision = baseRevision + 1;
      const at = now();
      const [updated] = await updateReturningSummaries(
        tx,
        {
          ...derivedColumns(report, current.kind === "report" ? await previousYearOf(tx, current.unitId, report) : null),
          revision,
          updatedAt: at,
        },
        and(live(id, writeScope), eq(reports.revision, baseRevision))!,
      );
      if (!updated) {
        // Another writer committed between our read and the UPDATE.
        const [latest] = await tx.select(storedColumns).from(reports).where(live(id, writeScope));
        return latest ? { status: "conflict", current: toStored(latest) } : { status: "not_found" };
      }
      await recordVersion(tx, id, revision, report, restoredFromVersion === null ? "edit" : "restore", restoredFromVersion, at);
      rememberReport(reportRowKey(updated), report);
      return { status: "saved", stored: { ...updated, report } };
    });
  }

  /**
   * Moves a report from one of `from` to `to` in one transaction, with the transition kept.
   * The report must be within `scope`; anything else in the same transaction runs in `also`.
   */
  async function transition(
    id: string,
    scope: UnitScope,
    from: readonly ReportStatus[],
    to: ReportStatus,
    comment: string,
    also: (tx: Writer, current: StoredReport) => TransitionExtra = async () => undefined,
  ): Promise<StoredReport> {
    if (!isReportId(id)) throw new ReportNotFoundError();
    return db.transaction(async (tx) => {
      const [row] = await tx.select(storedColumns).from(reports).where(live(id, readScope));
      if (!row) throw new ReportNotFoundError();
      const current = toStored(row);
      if (!scopeIncludes(scope, current.unitId)) {
        throw forbidden(`您没有权限把这份报告改为“${reportStatusLabels[to]}”`);
      }
      if (!from.includes(current.status)) {
        throw new ReportStateError(
          `这份报告现在是“${reportStatusLabels[current.status]}”，不能改为“${reportStatusLabels[to]}”` +
            `（只有${from.map((status) => `“${reportStatusLabels[status]}”`).join("或")}的报告可以）`,
        );
      }
      const extra = (await also(tx, current)) ?? {};
      const at = now();
      const [updated] = await tx
        .update(reports)
        .set({ status: to, updatedAt: at, ...extra })
        .where(and(eq(reports.id, id), eq(reports.status, current.status)))
        .returning(storedColumns);
      if (!updated) throw new ReportStateError("这份报告刚被其他人处理过，请刷新后再试");
      await tx.insert(reportTransitions).values({
        id: randomUUID(),
        reportId: id,
        fromStatus: current.status,
        toStatus: to,
        userId: actorId,
        userName: actorName,
        comment: comment.trim(),
        at,
      });
      return toStored(updated);
    });
  }

  return {
    engine,
    db,
    actor,
    scopes,

    as(nextActor, nextScopes) {
      return createStore({ ...context, actor: nextActor, scopes: nextScopes });
    },

    async listReports(options = {}) {
      const where = options.deleted
        ? and(
            isNotNull(reports.deletedAt),
            or(gt(reports.deletedAt, sql`now() - ${retention}`), hasPublishedRecord),
            unitCondition(readScope),
          )
        : and(isNull(reports.deletedAt), unitCondition(readScope));
      return db.select(summaryColumns).from(reports).where(where).orderBy(desc(reports.updatedAt));
    },

    getReport,

    async getReportSummary(id) {
      if (!isReportId(id)) return null;
      const [row] = await selectSummaries(db, live(id));
      return row ?? null;
    },

    async getReports(ids) {
      const valid = ids.filter(isReportId);
      if (valid.length === 0) return [];
      const rows = await db
        .select(storedColumns)
        .from(reports)
        .where(and(inArray(reports.id, valid), isNull(reports.deletedAt), unitCondition(readScope)));
      return rows.map(toStored);
    },

    async createReport(input, options = {}) {
      const report = validateReport(input);
      const kind = options.kind ?? "report";
      const unitId = options.unitId === undefined ? (actor?.unitId ?? null) : options.unitId;
      if (actor && !scopeIncludes(writeScope, unitId)) {
        throw forbidden("您只能为本单位新建报告");
      }
      if (actor && unitId) {
        // An archived unit keeps the reports it had; no new ones are made in it.
        const [unit] = await db
          .select({ name: units.name, archivedAt: units.archivedAt })
          .from(units)
          .where(eq(units.id, unitId));
        // Only the administrator can name another unit; one that does not exist is refused, not a database error.
        if (!unit) throw new ReportStateError("找不到要在其中新建报告的单位，可能已被删除；请刷新页面后重新选择单位", {}, 422);
        if (unit.archivedAt)
          throw new ReportStateError(`单位“${unit.name}”已归档，不能在其中新建报告（管理员可在“单位和账号”中恢复它）`);
      }
      const id = randomUUID();
      return db.transaction(async (tx): Promise<StoredReport> => {
        if (kind === "report" && hasIdentity(report)) {
          // Two clicks or two offices at once: the second waits here, then sees the first's row.
          if (engine === "postgres") {
            await tx.execute(
              sql`SELECT pg_advisory_xact_lock(hashtext(${`${unitId ?? ""} ${report.info.year} ${report.info.agencyName.trim()}`}))`,
            );
          }
          const [existing] = await tx
            .select(summaryColumns)
            .from(reports)
            .where(ownReportOf(unitId, report.info.agencyName, report.info.year))
            .limit(1);
          if (existing) throw new DuplicateReportError(existing);
        }
        const at = now();
        const [summary] = await tx
          .insert(reports)
          .values({
            id,
            ...derivedColumns(report, kind === "report" ? await previousYearOf(tx, unitId, report) : null),
            kind,
            unitId,
            revision: 1,
            createdAt: at,
            updatedAt: at,
          })
          .returning(summaryColumns);
        if (!summary) throw new Error("新建报告未返回数据行");
        await tx.insert(reportRevisions).values({
          reportId: id,
          version: 1,
          revision: 1,
          kind: "create",
          data: report,
          savedBy: actor?.userId ?? null,
          startedAt: at,
          savedAt: at,
          ...diffReports(null, report),
        });
        return { ...summary, report };
      });
    },

    async saveReport(id, baseRevision, input, context = {}) {
      const report = validateReport(input);
      const base = context.base === undefined ? null : validateReport(context.base);
      const ownSaved = (
        Array.isArray(context.ownSaved) ? context.ownSaved : context.ownSaved === undefined ? [] : [context.ownSaved]
      )
        .slice(-MAX_OWN_SAVED)
        .map(validateReport);
      if (!isReportId(id)) return { status: "not_found" };
      return writeNewRevision(id, baseRevision, report, null, (current) => {
        // The page's own save it did not see answered: what it wrote is the page's base.
        if (ownSaved.some((own) => jsonEqual(current, own))) return { report, conflicts: [] };
        if (!base) return null;
        const { merged, conflicts } = mergeReports(base, report, current);
        return { report: merged, conflicts };
      });
    },

    async deleteReport(id) {
      if (!isReportId(id)) return false;
      return db.transaction(async (tx) => {
        const [current] = await tx.select(summaryColumns).from(reports).where(live(id));
        if (!current) return false;
        if (!scopeIncludes(writeScope, current.unitId)) throw forbidden("您只能删除本单位的报告");
        const isAdministrator = actor === null || actor.role === "admin";
        const [published] = await tx
          .select({ id: publishedRecords.id })
          .from(publishedRecords)
          .where(eq(publishedRecords.reportId, id))
          .limit(1);
        if ((published || current.status === "published" || current.correctionReason !== null) && !isAdministrator) {
          throw forbidden(
            "已发布的报告（包括更正中的）不能删除：发布记录须保留。如确需移除，请管理员操作；移除后已发布的文件和审核记录仍然保留。",
          );
        }
        if (!isEditableStatus(current.status) && !isAdministrator) {
          throw new ReportStateError(
            `这份报告${reportStatusLabels[current.status]}，不能删除${current.status === "submitted" ? "；如需删除，请先撤回" : ""}`,
          );
        }
        const rows = await tx
          .update(reports)
          .set({ deletedAt: sql`now()` })
          .where(and(live(id, writeScope), eq(reports.status, current.status)))
          .returning({ id: reports.id });
        if (rows.length === 0) throw new ReportStateError("这份报告刚被其他人处理过，请刷新后再试");
        return true;
      });
    },

    async restoreReport(id) {
      if (!isReportId(id)) return false;
      return db.transaction(async (tx) => {
        const restorable = or(
          gt(reports.deletedAt, sql`now() - ${retention}`),
          and(isNotNull(reports.deletedAt), hasPublishedRecord),
        );
        const [row] = await tx
          .select(summaryColumns)
          .from(reports)
          .where(and(eq(reports.id, id), restorable, unitCondition(readScope)));
        if (!row) return false;
        if (!scopeIncludes(writeScope, row.unitId)) throw forbidden("您只能恢复本单位的报告");
        // Back among the live ones, it must not make a second report of its unit, agency and year.
        if (row.kind === "report" && row.year !== null && row.agencyName !== "") {
          const [existing] = await tx
            .select(summaryColumns)
            .from(reports)
            .where(ownReportOf(row.unitId, row.agencyName, row.year))
            .limit(1);
          if (existing) throw new DuplicateReportError(existing);
        }
        const rows = await tx
          .update(reports)
          .set({ deletedAt: null })
          .where(and(eq(reports.id, id), restorable))
          .returning({ id: reports.id });
        return rows.length > 0;
      });
    },

    async purgeDeleted(at) {
      const reference = at ? sql`${at.toISOString()}::timestamptz` : sql`now()`;
      // Versions go with their report (ON DELETE CASCADE); a report ever published is never purged.
      const rows = await db
        .delete(reports)
        .where(and(lte(reports.deletedAt, sql`${reference} - ${retention}`), not(hasPublishedRecord)))
        .returning({ id: reports.id });
      return rows.length;
    },

    async listVersions(id) {
      if (!isReportId(id)) return [];
      return db
        .select(versionSummaryColumns)
        .from(reportRevisions)
        .innerJoin(reports, eq(reports.id, reportRevisions.reportId))
        .where(live(id))
        .orderBy(desc(reportRevisions.version));
    },

    getVersion,

    async restoreVersion(id, version, baseRevision) {
      const earlier = await getVersion(id, version);
      if (!earlier) return { status: "not_found" };
      return writeNewRevision(id, baseRevision, earlier.report, version);
    },

    findPreviousYear: (report) =>
      report.kind === "report" ? findPreviousStored(db, report.unitId, report.agencyName, report.year) : Promise.resolve(null),

    async findExample() {
      const [row] = await db
        .select(summaryColumns)
        .from(reports)
        .where(and(eq(reports.kind, "example"), isNull(reports.deletedAt), unitCondition(readScope)))
        .orderBy(desc(reports.updatedAt))
        .limit(1);
      return row ?? null;
    },

    async submitReport(id, comment = "") {
      // Loaded lazily: the glyph check reads the PDF fonts, which a store that never submits does not need.
      const gate = await import("@/lib/render/official-gate");
      // The glyph check reads fonts: outside the transaction, on the revision the transaction then requires.
      const before = await getReport(id);
      const glyphs = before ? await gate.glyphBlockers(before.report) : [];
      return transition(id, writeScope, ["editing", "returned"], "submitted", comment, async (tx, current) => {
        if (before && current.revision !== before.revision) {
          throw new ReportStateError("报告在提交的同时又保存过，请再提交一次");
        }
        // Rules again here through `tx`, cross-year included. PGlite has one connection, and a query
        // outside the open transaction would wait for it forever.
        const previousYear = current.kind === "report" ? await previousYearOf(tx, current.unitId, current.report) : null;
        const blockers = [...gate.ruleErrors(current.report, previousYear), ...glyphs];
        if (blockers.length > 0) {
          throw new ReportStateError(gate.blockersMessage(blockers, "不能提交审核"), { errors: blockers }, 422);
        }
      });
    },

    withdrawReport: (id, comment = "") => transition(id, writeScope, ["submitted"], "editing", comment || "撤回"),

    async returnReport(id, comment, comments) {
      return transition(id, reviewScope, ["submitted", "approved"], "returned", comment, async (tx) => {
        if (comment.trim() === "" && comments.every((item) => item.body.trim() === "")) {
          throw new ReportStateError("退回修改时请写明意见（可附在单元格或部分上）", {}, 422);
        }
        const at = now();
        for (const item of comments) {
          if (item.body.trim() === "") continue;
          await tx.insert(reviewComments).values({
            id: randomUUID(),
            reportId: id,
            cellId: item.cellId ?? null,
            sectionId: item.sectionId ?? null,
            body: item.body.trim(),
            authorId: actorId,
            authorName: actorName,
            createdAt: at,
          });
        }
      });
    },

    approveReport: (id, comment = "") =>
      transition(id, reviewScope, ["submitted"], "approved", comment, async (tx) => {
        if (actor === null || actor.role === "admin") return;
        // Separation of duties: the one who submitted does not approve; an office of one has its 管理员 approve.
        const [submission] = await tx
          .select({ userId: reportTransitions.userId })
          .from(reportTransitions)
          .where(and(eq(reportTransitions.reportId, id), eq(reportTransitions.toStatus, "submitted")))
          .orderBy(desc(reportTransitions.at))
          .limit(1);
        if (submission?.userId === actorId) {
          throw forbidden("您不能审核通过自己提交的报告（审核与填报分开）：请由其他审核人或管理员审核");
        }
      }),

    async publishReport(id, files) {
      return transition(id, reviewScope, ["approved"], "published", "", async (tx, current) => {
        const [last] = await tx
          .select({ sequence: publishedRecords.sequence })
          .from(publishedRecords)
          .where(eq(publishedRecords.reportId, id))
          .orderBy(desc(publishedRecords.sequence))
          .limit(1);
        const [version] = await tx
          .select({ version: reportRevisions.version })
          .from(reportRevisions)
          .where(eq(reportRevisions.reportId, id))
          .orderBy(desc(reportRevisions.version))
          .limit(1);
        const [pdf, docx, html] = [files.pdf, files.docx, files.html].map((bytes) => Buffer.from(bytes)) as [
          Buffer,
          Buffer,
          Buffer,
        ];
        await tx.insert(publishedRecords).values({
          id: randomUUID(),
          reportId: id,
          sequence: (last?.sequence ?? 0) + 1,
          version: version?.version ?? 1,
          reason: current.correctionReason,
          publishedBy: actorId,
          publishedByName: actorName,
          publishedAt: now(),
          fileBaseName: files.fileBaseName,
          pdf,
          pdfSha256: sha256(pdf),
          docx,
          docxSha256: sha256(docx),
          html,
          htmlSha256: sha256(html),
        });
        return { correctionReason: null };
      });
    },

    async startCorrection(id, reason) {
      if (reason.trim() === "") throw new ReportStateError("发起更正时请写明更正的原因", {}, 422);
      return transition(id, writeScope, ["published"], "editing", `更正：${reason.trim()}`, async () => ({
        correctionReason: reason.trim(),
      }));
    },

    async listTransitions(id) {
      if (!isReportId(id)) return [];
      return db
        .select({
          fromStatus: reportTransitions.fromStatus,
          toStatus: reportTransitions.toStatus,
          userId: reportTransitions.userId,
          userName: reportTransitions.userName,
          comment: reportTransitions.comment,
          at: reportTransitions.at,
        })
        .from(reportTransitions)
        .innerJoin(reports, eq(reports.id, reportTransitions.reportId))
        .where(recorded(id))
        .orderBy(asc(reportTransitions.at));
    },

    async listComments(id) {
      if (!isReportId(id)) return [];
      return db
        .select({
          id: reviewComments.id,
          cellId: reviewComments.cellId,
          sectionId: reviewComments.sectionId,
          body: reviewComments.body,
          authorName: reviewComments.authorName,
          createdAt: reviewComments.createdAt,
          resolvedAt: reviewComments.resolvedAt,
        })
        .from(reviewComments)
        .innerJoin(reports, eq(reports.id, reviewComments.reportId))
        .where(live(id))
        .orderBy(asc(reviewComments.createdAt));
    },

    async resolveComment(reportId, commentId) {
      if (!isReportId(reportId) || !isReportId(commentId)) return false;
      const [report] = await db.select({ unitId: reports.unitId }).from(reports).where(live(reportId));
      if (!report) return false;
      if (!scopeIncludes(writeScope, report.unitId)) throw forbidden("只有本单位的填报人可以把意见标为已处理");
      const rows = await db
        .update(reviewComments)
        .set({ resolvedAt: now(), resolvedBy: actorId })
        .where(and(eq(reviewComments.id, commentId), eq(reviewComments.reportId, reportId), isNull(reviewComments.resolvedAt)))
        .returning({ id: reviewComments.id });
      return rows.length > 0;
    },

    async listPublished(id) {
      if (!isReportId(id)) return [];
      return db
        .select({
          id: publishedRecords.id,
          sequence: publishedRecords.sequence,
          version: publishedRecords.version,
          reason: publishedRecords.reason,
          publishedByName: publishedRecords.publishedByName,
          publishedAt: publishedRecords.publishedAt,
          fileBaseName: publishedRecords.fileBaseName,
          pdfSha256: publishedRecords.pdfSha256,
          docxSha256: publishedRecords.docxSha256,
          htmlSha256: publishedRecords.htmlSha256,
        })
        .from(publishedRecords)
        .innerJoin(reports, eq(reports.id, publishedRecords.reportId))
        .where(recorded(id))
        .orderBy(asc(publishedRecords.sequence));
    },

    async getPublishedFile(id, sequence, format) {
      if (!isReportId(id) || !isPositiveInt4(sequence)) return null;
      const [row] = await db
        .select({
          fileBaseName: publishedRecords.fileBaseName,
          bytes: publishedRecords[format],
          sha256: publishedRecords[`${format}Sha256`],
        })
        .from(publishedRecords)
        .innerJoin(reports, eq(reports.id, publishedRecords.reportId))
        .where(and(recorded(id), eq(publishedRecords.sequence, sequence)));
      return row ?? null;
    },

    async assignUnitlessReports(unitId) {
      const rows = await db.update(reports).set({ unitId }).where(isNull(reports.unitId)).returning({ id: reports.id });
      return rows.length;
    },

    close: context.close,
  };
}

/** A report that does not exist, is deleted, or is outside the units the person may see: 404 alike. */
export class ReportNotFoundError extends Error {
  readonly isReportNotFoundError = true;
  readonly status = 404;
  constructor() {
    super("找不到这份报告，可能已被删除，或不属于您的单位");
    this.name = "ReportNotFoundError";
  }
}

export function isReportNotFoundError(error: unknown): error is ReportNotFoundError {
  return error instanceof Error && (error as Partial<ReportNotFoundError>).isReportNotFoundError === true;
}

/** Opens (and migrates) the server at `databaseUrl` when given, else embedded PGlite in `dataDir` (default ./data). */
export async function openReportStore(options: StoreOptions): Promise<ReportStore> {
  const opened = await openDatabase(options);
  return createStore({
    engine: opened.engine,
    db: opened.db,
    close: opened.close,
    now: options.now ?? (() => new Date()),
    actor: null,
    scopes: null,
  });
}

// On globalThis, not in module scope: Next dev re-evaluates modules, and a second PGlite
// on the same folder would corrupt it.
const storesGlobal = globalThis as { __nianbaotongReportStores?: Map<string, Promise<ReportStore>> };
storesGlobal.__nianbaotongReportStores ??= new Map();
const openStores: Map<string, Promise<ReportStore>> = storesGlobal.__nianbaotongReportStores;

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
