/**
 * What stops a report from being official: every error of the rule engine (cross-year rules
 * included) and every character that no embedded PDF face has. Submitting, the official export
 * and publishing all ask this one module, so a report that passes submit can always be published.
 * The glyph check reads the fonts: callers import this module lazily (the store does).
 */

import { checkReport } from "@/lib/checks/check-report";
import { buildReportDocument } from "@/lib/document/build-report-document";
import type { TReport } from "@/lib/report/report-schema";
import { MissingGlyphError } from "./pdf/glyph-coverage";
import { findMissingGlyphs } from "./pdf/missing-glyphs";

/** One reason the report cannot be official, as the API lists them. */
export type OfficialBlocker = { ruleId: string; message: string; cellIds: string[] };

export const MISSING_GLYPH_RULE = "export.missing_glyph";

/** The rule engine's errors, cheap and synchronous (the store checks them again inside its transaction). */
export function ruleErrors(report: TReport, previousYear: TReport | null): OfficialBlocker[] {
  return checkReport(report, { previousYear })
    .filter((result) => result.severity === "error")
    .map(({ ruleId, message, cellIds }) => ({ ruleId, message, cellIds }));
}

/** Characters of the official document that no PDF face has: one finding naming them and where they stand. */
export async function glyphBlockers(report: TReport): Promise<OfficialBlocker[]> {
  const missing = await findMissingGlyphs(buildReportDocument(report, { isDraft: false }));
  return missing.length === 0
    ? []
    : [{ ruleId: MISSING_GLYPH_RULE, message: new MissingGlyphError(missing).message, cellIds: [] }];
}

export async function officialBlockers(report: TReport, previousYear: TReport | null): Promise<OfficialBlocker[]> {
  return [...ruleErrors(report, previousYear), ...(await glyphBlockers(report))];
}

/** The sentence that refuses an action for these blockers, quoting the glyph finding, which has no cell to point at. */
export function blockersMessage(blockers: readonly OfficialBlocker[], refused: string): string {
  const glyphs = blockers.find((blocker) => blocker.ruleId === MISSING_GLYPH_RULE);
  return `报告还有 ${blockers.length} 个错误，${refused}。请先改正（与正式导出的要求相同）。${glyphs ? glyphs.message : ""}`;
}
