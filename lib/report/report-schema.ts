import { z } from "zod";
import {
  FIRST_REPORT_YEAR,
  LAST_REPORT_YEAR,
  ledgerCells,
  NOT_APPLICABLE,
  overviewTopics,
  reportSections,
  type SectionId,
  type TCellValue,
} from "@/lib/format";
import { isCalendarDate } from "./calendar-date";
import { schemaMessage } from "./schema-messages";
import { findIllegalCharacter, illegalCharacterMessage } from "./text-characters";

// Schema messages reach office staff and the `check` command: Chinese prose everywhere.
z.config({ localeError: schemaMessage });

/** 国办公开办函〔2021〕30号, the only national format the app writes. */
export const FORMAT_VERSION = "2021";

/**
 * A table cell: a number, “/” (不适用) or null (blank, not yet filled).
 * Whether a number is allowed in a given cell (integer, non-negative) is a ledger
 * rule, not a schema matter, so an imported report with a wrong figure is still read
 * and the rule names the figure.
 */
export const ZCellValue: z.ZodType<TCellValue> = z.union([z.number().finite(), z.literal(NOT_APPLICABLE), z.null()]);

/**
 * The figures of 表二, 表三 and 表四 keyed by cell id. A missing key is blank. Computed
 * cells (totals) are usually absent and derived; when present they are the printed
 * figures of an imported or pasted table and are checked against the derivation.
 */
export const ZLedger = z.object(Object.fromEntries(ledgerCells.map((cell) => [cell.id, ZCellValue.optional()]))).strict();

/** Text as stored: a length limit and no character a database or a document cannot hold (text-characters.ts). */
export const ZText = (maxLength: number, options: { trim?: boolean } = {}) =>
  (options.trim ? z.string().trim() : z.string()).max(maxLength).superRefine((text, context) => {
    const found = findIllegalCharacter(text);
    if (found) context.addIssue({ code: "custom", message: illegalCharacterMessage(found) });
  });

const ZShortText = ZText(200, { trim: true });
const ZNarrativeText = ZText(50_000);

/**
 * A draft may have no 机关全称 yet and no valid 年度: the store keeps it, and the rules
 * `info.agency_name` / `info.year` report what is missing before an official export.
 */
export const ZReportInfo = z.object({
  agencyName: ZText(100, { trim: true }),
  agencyShortName: ZText(50, { trim: true }).default(""),
  year: z.number().int().min(0).max(9999).nullable(),
  compilingOffice: z
    .object({
      name: ZShortText.default(""),
      address: ZShortText.default(""),
      postcode: ZShortText.default(""),
      phone: ZShortText.default(""),
      email: ZShortText.default(""),
    })
    .default(() => ({ name: "", address: "", postcode: "", phone: "", email: "" })),
  publicationChannel: z
    .object({ siteName: ZShortText.default(""), url: ZShortText.default("") })
    .default(() => ({ siteName: "", url: "" })),
  /** A further basis cited in the opening paragraph, e.g. a provincial notice. */
  extraBasis: ZShortText.default(""),
  /** The opening paragraph as edited by staff; null means the generated one is used. */
  openingParagraph: ZNarrativeText.nullable().default(null),
  /**
   * The title as published (an imported report) or as the agency words it; null means the
   * standard title {机关全称}{年度}年政府信息公开工作年度报告. Rule structure.title.
   */
  title: ZShortText.nullable().default(null),
  /** Staff confirmed that `title` is the agency's approved wording, so it is not an error. */
  titleApproved: z.boolean().default(false),
  /** Date printed in the closing block (YYYY-MM-DD); null leaves the block undated. */
  issuedOn: z
    .string()
    .refine(isCalendarDate, { message: "应为实际存在的日期，格式为 YYYY-MM-DD（如 2026-01-20）" })
    .nullable()
    .default(null),
});

export const ZNarrativeBlock = z.object({
  title: ZShortText,
  body: ZNarrativeText.default(""),
  /** Copied from last year's report and not yet edited (沿用上年内容). */
  carriedFromLastYear: z.boolean().default(false),
});
export type TNarrativeBlock = z.infer<typeof ZNarrativeBlock>;

const ZSectionText = z.object({
  body: ZNarrativeText.default(""),
  carriedFromLastYear: z.boolean().default(false),
});

// Defaults are functions: zod copies a default value only shallowly, so a shared object
// would leak one report's text into the next report parsed without it.
const defaultOverviewTopics = () => overviewTopics.map((topic) => ({ title: topic.title, body: "", carriedFromLastYear: false }));
const emptyProcessingFees = () => ({ noticesIssued: null, noticedAmount: null, collectedAmount: null });

export const ZProcessingFees = z.object({
  noticesIssued: z.number().int().min(0).nullable().default(null),
  /** 元, as in 国办函〔2020〕109号 notices. */
  noticedAmount: z.number().min(0).nullable().default(null),
  collectedAmount: z.number().min(0).nullable().default(null),
});

export const ZNarrative = z.object({
  overview: z
    .object({
      intro: ZNarrativeText.default(""),
      /** The 导语 copied from last year's report and not yet edited (沿用上年内容). */
      introCarriedFromLastYear: z.boolean().default(false),
      topics: z.array(ZNarrativeBlock).max(20).default(defaultOverviewTopics),
    })
    .default(() => ({ intro: "", introCarriedFromLastYear: false, topics: defaultOverviewTopics() })),
  problems: ZSectionText.default(() => ({ body: "", carriedFromLastYear: false })),
  other_matters: ZSectionText.extend({
    processingFees: ZProcessingFees.default(emptyProcessingFees),
  }).default(() => ({ body: "", carriedFromLastYear: false, processingFees: emptyProcessingFees() })),
});

const ZSectionId = z.enum(reportSections.map((section) => section.id) as [SectionId, ...SectionId[]]);

/**
 * Set by the importer: how the published source laid out its sections. A section listed
 * here and still without content gets the structural finding structure.section_empty.
 */
export const ZImportedSections = z.object({
  /** Sections whose heading the source lacks altogether (seed 004 has no 四). */
  absent: z.array(ZSectionId).default([]),
  /** Sections whose heading the source has with nothing under it (seed 003: 二、三、四 without tables). */
  empty: z.array(ZSectionId).default([]),
});

const ledgerCellIds = new Set(ledgerCells.map((cell) => cell.id));
const ZCellId = z.string().refine((id) => ledgerCellIds.has(id), { message: "不是统计表的单元格编号" });

/** One thing the importer said about its reading (lib/import): `kind` is a stable id such as "ambiguous". */
export const ZImportNote = z.object({
  kind: z.string().trim().min(1).max(40),
  cellIds: z.array(ZCellId).max(200),
  message: z.string().max(2000),
});

/**
 * A report read from a published file: where it came from, which format its tables
 * were in, what the importer noted, and the cells whose figures it could not read with
 * certainty (请核对) until staff confirm or change each one.
 */
export const ZImportReview = z.object({
  source: z.object({
    fileName: z.string().max(300),
    fileType: z.enum(["pdf", "docx", "html", "text"]),
  }),
  /** "2021" or "2019" (国办公开办函〔2019〕60号), as detected from the tables; "unknown" without tables. */
  detectedFormat: z.enum(["2021", "2019", "unknown"]),
  notes: z
    .array(ZImportNote)
    .max(1000)
    .default(() => []),
  unconfirmedCellIds: z
    .array(ZCellId)
    .max(ledgerCells.length)
    .default(() => []),
  /** Only 表三's 上年结转 came from the file (last year's published report); the report itself was made here. */
  carriedOverOnly: z.boolean().optional(),
});
export type TImportReview = z.output<typeof ZImportReview>;

export const ZReport = z
  .object({
    formatVersion: z.literal(FORMAT_VERSION),
    info: ZReportInfo,
    narrative: ZNarrative.default(() => ZNarrative.parse({})),
    ledger: ZLedger.default(() => ({})),
    importedSections: ZImportedSections.optional(),
    /** Set when the report was imported from a published file; null for one made here. */
    importReview: ZImportReview.nullable().default(null),
  })
  .strict();

export type TReport = z.output<typeof ZReport>;
export type TReportInput = z.input<typeof ZReport>;

/** A new report needs the identity a draft may lack: one report per 机关全称 and 年度 hangs on it. */
export const ZNewReportIdentity = z.object({
  agencyName: ZReportInfo.shape.agencyName.refine((name) => name !== "", { message: "请填写机关全称" }),
  year: z
    .number({ message: "请填写年度（四位数字，如 2025）" })
    .int({ message: "年度应为整数" })
    .min(FIRST_REPORT_YEAR, { message: `年度应在 ${FIRST_REPORT_YEAR}—${LAST_REPORT_YEAR} 之间` })
    .max(LAST_REPORT_YEAR, { message: `年度应在 ${FIRST_REPORT_YEAR}—${LAST_REPORT_YEAR} 之间` }),
});
