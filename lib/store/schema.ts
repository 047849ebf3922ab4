import { desc, sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
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
    startedAt: timestamptz("started_at").notNull().defaultNow(),
    savedAt: timestamptz("saved_at").notNull().defaultNow(),
    /** What this version changed against the version before it. */
    changedCells: text("changed_cells").array().notNull().default(sql`'{}'::text[]`),
    changedSections: text("changed_sections").array().$type<ReportSectionKey[]>().notNull().default(sql`'{}'::text[]`),
  },
  (table) => [primaryKey({ columns: [table.reportId, table.version] })],
);
