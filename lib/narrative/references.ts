import type { CellId, TCellValue } from "@/lib/format";
import {
  FIGURE_REFERENCE,
  type FigureId,
  figureReference,
  findLinkedFigure,
  type LinkedFigure,
} from "@/lib/format/linked-figures";
import { figureValue } from "@/lib/ledger/derive-ledger";
import { formatCellValue } from "@/lib/ledger/normalise-entry";
import type { TReport } from "@/lib/report/report-schema";

/** Printed in place of a reference to a figure that does not exist (a finding blocks the official export). */
export const UNKNOWN_REFERENCE_TEXT = "〔无效的数字引用〕";
/** Printed in place of a linked figure whose cells are blank (ledger.blank blocks the official export). */
export const BLANK_REFERENCE_TEXT = "〔空白〕";

export type NarrativePart =
  | { type: "text"; text: string; start: number; end: number }
  | { type: "reference"; figureId: FigureId; figure: LinkedFigure | undefined; start: number; end: number };

/** Splits narrative text into plain runs and references, with their character ranges. */
export function parseNarrativeText(text: string): NarrativePart[] {
  const parts: NarrativePart[] = [];
  let last = 0;
  for (const match of text.matchAll(FIGURE_REFERENCE)) {
    const start = match.index;
    if (start > last) parts.push({ type: "text", text: text.slice(last, start), start: last, end: start });
    const figureId = match[1]!.trim();
    parts.push({ type: "reference", figureId, figure: findLinkedFigure(figureId), start, end: start + match[0].length });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ type: "text", text: text.slice(last), start: last, end: text.length });
  return parts;
}

export function hasReferences(text: string): boolean {
  return text.includes("{{fig:");
}

/** The text of a linked figure in running text: the number as the table prints it. */
export function figureText(figure: LinkedFigure | undefined, effective: Readonly<Record<CellId, TCellValue>>): string {
  if (!figure) return UNKNOWN_REFERENCE_TEXT;
  const value = figureValue(figure, effective);
  return value === null ? BLANK_REFERENCE_TEXT : formatCellValue(value);
}

/** Narrative text with every reference replaced by its figure: what the preview and the exports print. */
export function resolveReferences(text: string, effective: Readonly<Record<CellId, TCellValue>>): string {
  if (!hasReferences(text)) return text;
  return parseNarrativeText(text)
    .map((part) => (part.type === "text" ? part.text : figureText(part.figure, effective)))
    .join("");
}

/** 改为关联数字: the stated figure at [start, end) becomes a reference to the figure. */
export function replaceWithReference(text: string, start: number, end: number, figureId: FigureId): string {
  if (!(0 <= start && start < end && end <= text.length)) throw new Error(`range ${start}–${end} is outside the text`);
  return `${text.slice(0, start)}${figureReference(figureId)}${text.slice(end)}`;
}

type Narrative = TReport["narrative"];

/** The narrative with its references resolved, for the document model. */
export function resolveNarrative(narrative: Narrative, effective: Readonly<Record<CellId, TCellValue>>): Narrative {
  const resolve = (text: string) => resolveReferences(text, effective);
  return {
    ...narrative,
    overview: {
      ...narrative.overview,
      intro: resolve(narrative.overview.intro),
      topics: narrative.overview.topics.map((topic) => ({ ...topic, body: resolve(topic.body) })),
    },
    problems: { ...narrative.problems, body: resolve(narrative.problems.body) },
    other_matters: { ...narrative.other_matters, body: resolve(narrative.other_matters.body) },
  };
}
