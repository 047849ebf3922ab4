import { getCell, reportSections, type SectionId, sectionHeading, tableSection } from "@/lib/format";
import type { RuleResult } from "@/lib/format/rule-catalogue";

export type EditorStepId = "info" | SectionId | "export";
export type EditorStep = { id: EditorStepId; label: string };

/** The editor's steps: report information, then the six sections in the national order. */
export const editorSteps: readonly EditorStep[] = [
  { id: "info", label: "报告信息" },
  ...reportSections.map((section) => ({ id: section.id, label: sectionHeading(section) })),
  { id: "export", label: "预览与导出" },
];

/** The step that edits a form field, by its path in the report. */
export function fieldStep(path: string): EditorStepId {
  const [root, part] = path.split(".");
  if (root === "narrative" && (part === "overview" || part === "problems" || part === "other_matters")) return part;
  return "info";
}

/**
 * The step a rule result is shown under: its field's step when it is about a text (a sentence
 * contradicting 表三 is fixed in 一, where it is shown), else the section of the table its
 * cells sit in, else its section.
 */
export function resultStep(result: RuleResult): EditorStepId {
  const { field, sectionId } = result.location ?? {};
  if (field) return fieldStep(field);
  const [first] = result.cellIds;
  if (first) return tableSection(getCell(first).tableId).id;
  return sectionId ?? "info";
}

/** The step where a review comment's cell or section is edited. */
export function commentStep(place: { cellId: string | null; sectionId: string | null }): EditorStepId {
  if (place.cellId) return tableSection(getCell(place.cellId).tableId).id;
  return editorSteps.some((step) => step.id === place.sectionId) ? (place.sectionId as EditorStepId) : "info";
}

export const isEditorStep = (value: string | null): value is EditorStepId => editorSteps.some((step) => step.id === value);

export type StepCounts = Record<EditorStepId, { errors: number; warnings: number }>;

export function countResultsByStep(results: readonly RuleResult[]): StepCounts {
  const counts = Object.fromEntries(editorSteps.map((step) => [step.id, { errors: 0, warnings: 0 }])) as StepCounts;
  for (const result of results) {
    const count = counts[resultStep(result)];
    if (result.severity === "error") count.errors += 1;
    else count.warnings += 1;
  }
  return counts;
}
