import { z } from "zod";
import { ledgerCells, overviewTopics } from "@/lib/format";

// Schema messages reach office staff and the `check` command: Chinese everywhere.
z.config(z.locales.zhCN());

/** 国办公开办函〔2021〕30号, the only national format the app writes. */
export const FORMAT_VERSION = "2021";

/** “/”: the figure does not apply to this agency. Distinct from 0 and from blank. */
export const NOT_APPLICABLE = "/";

/**
 * A table cell: a number, “/” (不适用) or null (blank, not yet filled).
 * Whether a number is allowed in a given cell (integer, non-negative) is a ledger
 * rule, not a schema matter, so an imported report with a wrong figure is still read
 * and the rule names the figure.
 */
export const ZCellValue = z.union([z.number().finite(), z.literal(NOT_APPLICABLE), z.null()]);
export type TCellValue = z.infer<typeof ZCellValue>;

/**
 * The figures of 表二, 表三 and 表四 keyed by cell id. A missing key is blank. Computed
 * cells (totals) are usually absent and derived; when present they are the printed
 * figures of an imported or pasted table and are checked against the derivation.
 */
export const ZLedger = z
  .object(Object.fromEntries(ledgerCells.map((cell) => [cell.id, ZCellValue.optional()])))
  .strict();
export type TLedger = Partial<Record<string, TCellValue>>;

const ZShortText = z.string().trim().max(200);
const ZNarrativeText = z.string().max(50_000);

export const ZReportInfo = z.object({
  agencyName: z.string().trim().min(1, "请填写机关全称").max(100),
  agencyShortName: z.string().trim().max(50).default(""),
  year: z.number().int().min(2008).max(2100),
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
  /** Date printed in the closing block (YYYY-MM-DD); null leaves the block undated. */
  issuedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD")
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
const defaultOverviewTopics = () =>
  overviewTopics.map((topic) => ({ title: topic.title, body: "", carriedFromLastYear: false }));
const emptyProcessingFees = () => ({ noticesIssued: null, noticedAmount: null, collectedAmount: null });

export const ZProcessingFees = z.object({
  noticesIssued: z.number().int().min(0).nullable().default(null),
  /** 元, as in 国办函〔2020〕109号 notices. */
  noticedAmount: z.number().min(0).nullable().default(null),
  collectedAmount: z.number().min(0).nullable().default(null),
});

export const ZNarrative = z.object({
  overview: z
    .object({ intro: ZNarrativeText.default(""), topics: z.array(ZNarrativeBlock).max(20).default(defaultOverviewTopics) })
    .default(() => ({ intro: "", topics: defaultOverviewTopics() })),
  problems: ZSectionText.default(() => ({ body: "", carriedFromLastYear: false })),
  other_matters: ZSectionText.extend({
    processingFees: ZProcessingFees.default(emptyProcessingFees),
  }).default(() => ({ body: "", carriedFromLastYear: false, processingFees: emptyProcessingFees() })),
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
  notes: z.array(ZImportNote).max(1000).default(() => []),
  unconfirmedCellIds: z.array(ZCellId).max(ledgerCells.length).default(() => []),
});
export type TImportReview = z.output<typeof ZImportReview>;

export const ZReport = z
  .object({
    formatVersion: z.literal(FORMAT_VERSION),
    info: ZReportInfo,
    narrative: ZNarrative.default(() => ZNarrative.parse({})),
    ledger: ZLedger.default(() => ({})),
    /** Set when the report was imported from a published file; null for one made here. */
    importReview: ZImportReview.nullable().default(null),
  })
  .strict();

export type TReport = z.output<typeof ZReport>;
export type TReportInput = z.input<typeof ZReport>;
