import type { RuleResult } from "@/lib/format/rule-catalogue";
import type { TReport } from "@/lib/report/report-schema";
import { checkNarrativeFigures, checkReferences } from "./contradictions";
import { checkOutline } from "./outline";
import { checkStructure } from "./structure";
import { checkTypography } from "./typography";

export * from "./contradictions";
export * from "./narrative-fields";
export * from "./outline";
export * from "./references";
export * from "./similarity";
export * from "./stated-figures";
export * from "./structure";
export * from "./templates";
export * from "./typography";

/** Every rule on the report's text and shape that needs no other report: narrative.* and structure.*. */
export function checkNarrative(report: TReport): RuleResult[] {
  return [
    ...checkReferences(report),
    ...checkStructure(report),
    ...checkNarrativeFigures(report),
    ...checkOutline(report),
    ...checkTypography(report),
  ];
}
