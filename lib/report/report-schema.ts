import { z } from "zod";
import { ledgerCells, overviewTopics, reportSections, type SectionId } from "@/lib/format";

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

export const ZReport = z
  .object({
    formatVersion: z.literal(FORMAT_VERSION),
    info: ZReportInfo,
    narrative: ZNarrative.default(() => ZNarrative.parse({})),
    ledger: ZLedger.default(() => ({})),
    importedSections: ZImportedSections.optional(),
  })
  .strict();

export type TReport = z.output<typeof ZReport>;
export type TReportInput = z.input<typeof ZReport>;
