import { desc, sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
// Type-only: drizzle-kit loads this file without the "@/" path alias.
import type { TReport } from "../report/report-schema";

/**
 * Sections whose change a revision records besides the ledger cells; `import_review`: the
 * 请核对 marks and notes of an imported report (confirming a figure changes only those).
 */
export const reportSectionKeys = ["info", "overview", "problems", "other_matters", "import_review"] as const;
export type ReportSectionKey = (typeof reportSectionKeys)[number];

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * A report is the agency's own (one per 机关全称 and 年度), a deliberate copy of one, or the
 * built-in example. Copies and the example never stand for an agency's year in cross-year rules.
 */
export const reportKinds = ["report", "copy", "example"] as const;
export type ReportKind = (typeof reportKinds)[number];

/** 编辑中 → 已提交 → 退回修改 / 审核通过 → 已发布; a 更正 of a published report starts again at 编辑中. */
export const reportStatuses = ["editing", "submitted", "returned", "approved", "published"] as const;
export type ReportStatus = (typeof reportStatuses)[number];

/** The office's units as a tree (湘潭县人民政府 → 县财政局, 易俗河镇 …); a report belongs to one. */
export const units = pgTable(
  "units",
  {
    id: uuid("id").primaryKey(),
    name: text("name").notNull(),
    parentId: uuid("parent_id").references((): AnyPgColumn => units.id, { onDelete: "restrict" }),
    /** MM-DD of the publication deadline for this unit's reports (条例 第四十九条: 01-31 for departments). */
    deadline: text("deadline").notNull().default("01-31"),
    sortOrder: integer("sort_order").notNull().default(0),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    /** Set when a unit that has reports or accounts is removed: kept for its reports, offered nowhere. */
    archivedAt: timestamptz("archived_at"),
  },
  (table) => [uniqueIndex("units_name_idx").on(table.name), index("units_parent_idx").on(table.parentId)],
);

export const reports = pgTable(
  "reports",
  {
    // Generated in JS (crypto.randomUUID) so both engines need no extension.
    id: uuid("id").primaryKey(),
    agencyName: text("agency_name").notNull(),
    // Null while a draft has no valid 年度 yet.
    year: integer("year"),
    kind: text("kind").$type<ReportKind>().notNull().default("report"),
    formatVersion: text("format_version").notNull(),
    /** Null only for reports made before accounts existed, until the first administrator's unit takes them. */
    unitId: uuid("unit_id").references(() => units.id, { onDelete: "restrict" }),
    status: text("status").$type<ReportStatus>().notNull().default("editing"),
    /** While a published report is being corrected (更正): the reason staff gave. */
    correctionReason: text("correction_reason"),
    data: jsonb("data").$type<TReport>().notNull(),
    revision: integer("revision").notNull().default(1),
    // Counted by the rule engine at save time, so the home list never evaluates rules.
    errorCount: integer("error_count").notNull().default(0),
    warningCount: integer("warning_count").notNull().default(0),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
    deletedAt: timestamptz("deleted_at"),
  },
  (table) => [
    index("reports_home_list_idx").on(table.deletedAt, desc(table.updatedAt)),
    index("reports_agency_year_idx").on(table.agencyName, table.year),
    index("reports_unit_year_idx").on(table.unitId, table.year),
  ],
);

/** A version records one sitting of edits (autosaves a short pause apart), a restore, or the creation. */
export const versionKinds = ["create", "edit", "restore"] as const;
export type VersionKind = (typeof versionKinds)[number];

export const reportRevisions = pgTable(
  "report_revisions",
  {
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    /** 第 N 版 as staff see it: 1, 2, 3 … per report. */
    version: integer("version").notNull(),
    /** The report's revision (the save counter) when this version was last written. */
    revision: integer("revision").notNull(),
    kind: text("kind").$type<VersionKind>().notNull().default("edit"),
    /** For a restore: the version whose content it brought back. */
    restoredFromVersion: integer("restored_from_version"),
    data: jsonb("data").$type<TReport>().notNull(),
    /** Who saved it (a sitting is one person's); null for versions saved before accounts existed. */
    savedBy: text("saved_by"),
    startedAt: timestamptz("started_at").notNull().defaultNow(),
    savedAt: timestamptz("saved_at").notNull().defaultNow(),
    /** What this version changed against the version before it. */
    changedCells: text("changed_cells").array().notNull().default(sql`'{}'::text[]`),
    changedSections: text("changed_sections").array().$type<ReportSectionKey[]>().notNull().default(sql`'{}'::text[]`),
  },
  (table) => [primaryKey({ columns: [table.reportId, table.version] })],
);

/** Every change of a report's status: who, when, and what they said. */
export const reportTransitions = pgTable(
  "report_transitions",
  {
    id: uuid("id").primaryKey(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    fromStatus: text("from_status").$type<ReportStatus>().notNull(),
    toStatus: text("to_status").$type<ReportStatus>().notNull(),
    userId: text("user_id").notNull(),
    userName: text("user_name").notNull(),
    comment: text("comment").notNull().default(""),
    at: timestamptz("at").notNull().defaultNow(),
  },
  (table) => [index("report_transitions_report_idx").on(table.reportId, table.at)],
);

/** A reviewer's comment on a returned report, at a cell or a section, open until resolved. */
export const reviewComments = pgTable(
  "review_comments",
  {
    id: uuid("id").primaryKey(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    cellId: text("cell_id"),
    sectionId: text("section_id"),
    body: text("body").notNull(),
    authorId: text("author_id").notNull(),
    authorName: text("author_name").notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    resolvedAt: timestamptz("resolved_at"),
    resolvedBy: text("resolved_by"),
  },
  (table) => [index("review_comments_report_idx").on(table.reportId)],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * What was published, byte for byte: the official PDF, DOCX and HTML with their SHA-256.
 * A 更正 adds a record; none is ever changed or removed while the report exists.
 */
export const publishedRecords = pgTable(
  "published_records",
  {
    id: uuid("id").primaryKey(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    /** 1 for the first publication, 2 for the first 更正 … */
    sequence: integer("sequence").notNull(),
    /** The report version that was published. */
    version: integer("version").notNull(),
    reason: text("reason"),
    publishedBy: text("published_by").notNull(),
    publishedByName: text("published_by_name").notNull(),
    publishedAt: timestamptz("published_at").notNull().defaultNow(),
    fileBaseName: text("file_base_name").notNull(),
    pdf: bytea("pdf").notNull(),
    pdfSha256: text("pdf_sha256").notNull(),
    docx: bytea("docx").notNull(),
    docxSha256: text("docx_sha256").notNull(),
    html: bytea("html").notNull(),
    htmlSha256: text("html_sha256").notNull(),
  },
  (table) => [uniqueIndex("published_records_report_sequence_idx").on(table.reportId, table.sequence)],
);

// Accounts: the tables better-auth (lib/auth) reads and writes through its drizzle adapter.
export const userRoles = ["filler", "reviewer", "admin"] as const;
export type UserRole = (typeof userRoles)[number];

export const user = pgTable("user", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  // better-auth needs an e-mail; offices on an intranet have none, so it is a placeholder from the username.
  email: text("email").notNull().unique(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  username: text("username").unique(),
  displayUsername: text("display_username"),
  role: text("role").$type<UserRole>().notNull().default("filler"),
  unitId: uuid("unit_id").references(() => units.id, { onDelete: "restrict" }),
  disabled: boolean("disabled").notNull().default(false),
  /** The password was set by the administrator (new account, reset): the person must change it before anything else. */
  mustChangePassword: boolean("must_change_password").notNull().default(false),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
  updatedAt: timestamptz("updated_at").notNull().defaultNow(),
});

export const session = pgTable(
  "session",
  {
    id: text("id").primaryKey(),
    token: text("token").notNull().unique(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    expiresAt: timestamptz("expires_at").notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (table) => [index("session_user_idx").on(table.userId)],
);

export const account = pgTable("account", {
  id: text("id").primaryKey(),
  accountId: text("account_id").notNull(),
  providerId: text("provider_id").notNull(),
  userId: text("user_id")
    .notNull()
    .references(() => user.id, { onDelete: "cascade" }),
  accessToken: text("access_token"),
  refreshToken: text("refresh_token"),
  idToken: text("id_token"),
  accessTokenExpiresAt: timestamptz("access_token_expires_at"),
  refreshTokenExpiresAt: timestamptz("refresh_token_expires_at"),
  scope: text("scope"),
  password: text("password"),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
  updatedAt: timestamptz("updated_at").notNull().defaultNow(),
});

export const verification = pgTable("verification", {
  id: text("id").primaryKey(),
  identifier: text("identifier").notNull(),
  value: text("value").notNull(),
  expiresAt: timestamptz("expires_at").notNull(),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
  updatedAt: timestamptz("updated_at").notNull().defaultNow(),
});

/** Failed logins counted per username and per address, for the lockout message. */
export const loginFailures = pgTable("login_failures", {
  key: text("key").primaryKey(),
  count: integer("count").notNull(),
  windowStartedAt: timestamptz("window_started_at").notNull(),
});

/** Small server-wide settings, e.g. the hash of the first-run setup code. */
export const appSettings = pgTable("app_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/** What the administrator did to units and accounts (管理记录): who, when, what, in words. */
export const adminActions = pgTable(
  "admin_actions",
  {
    id: uuid("id").primaryKey(),
    at: timestamptz("at").notNull().defaultNow(),
    userId: text("user_id").notNull(),
    userName: text("user_name").notNull(),
    /** unit.create, unit.rename, user.role …: for filtering; the sentence is in `detail`. */
    action: text("action").notNull(),
    /** The unit or account acted on. */
    targetId: text("target_id"),
    detail: text("detail").notNull(),
  },
  (table) => [index("admin_actions_at_idx").on(table.at)],
);
