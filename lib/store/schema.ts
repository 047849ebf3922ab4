import { desc, sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
// Type-only: drizzle-kit loads this file without the "@/" path alias.
import type { TReport } from "../report/report-schema";

/** Sections whose change a revision records besides the ledger cells. */
export const reportSectionKeys = ["info", "overview", "problems", "other_matters"] as const;
export type ReportSectionKey = (typeof reportSectionKeys)[number];

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const reports = pgTable(
  "reports",
  {
    // Generated in JS (crypto.randomUUID) so both engines need no extension.
    id: uuid("id").primaryKey(),
    agencyName: text("agency_name").notNull(),
    year: integer("year").notNull(),
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

export const reportRevisions = pgTable(
  "report_revisions",
  {
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    revision: integer("revision").notNull(),
    data: jsonb("data").$type<TReport>().notNull(),
    savedAt: timestamptz("saved_at").notNull().defaultNow(),
    changedCells: text("changed_cells").array().notNull().default(sql`'{}'::text[]`),
    changedSections: text("changed_sections").array().$type<ReportSectionKey[]>().notNull().default(sql`'{}'::text[]`),
  },
  (table) => [primaryKey({ columns: [table.reportId, table.revision] })],
);
