import { getSection, type SectionId, sectionHeading } from "@/lib/format";
import { bracketOrdinal } from "@/lib/report/chinese-numeral";
import type { TReport } from "@/lib/report/report-schema";

/** A text field of a report that staff write (or an importer fills) and the rules read. */
export type NarrativeField = {
  /** Dotted path in the report JSON, e.g. `narrative.overview.topics.1.body` (topics counted from 0). */
  path: string;
  /** The section the field belongs to; null for the opening paragraph before 一. */
  sectionId: SectionId | null;
  /** Where the field is, as staff name it: 一、总体情况（二）依申请公开. */
  label: string;
  text: string;
};

export const OPENING_PARAGRAPH_FIELD = "info.openingParagraph";
export const OVERVIEW_INTRO_FIELD = "narrative.overview.intro";
export const PROBLEMS_FIELD = "narrative.problems.body";
export const OTHER_MATTERS_FIELD = "narrative.other_matters.body";
export const topicField = (index: number) => `narrative.overview.topics.${index}.body`;

const heading = (id: SectionId) => sectionHeading(getSection(id));

/** The report's own text fields in reading order; the opening paragraph only when staff or an import wrote one. */
export function narrativeFields(report: TReport): NarrativeField[] {
  const { narrative, info } = report;
  const fields: NarrativeField[] = [];
  if (info.openingParagraph !== null) {
    fields.push({ path: OPENING_PARAGRAPH_FIELD, sectionId: null, label: "开头段落", text: info.openingParagraph });
  }
  fields.push({
    path: OVERVIEW_INTRO_FIELD,
    sectionId: "overview",
    label: `${heading("overview")} 导语`,
    text: narrative.overview.intro,
  });
  let ordinal = 0;
  narrative.overview.topics.forEach((topic, index) => {
    const title = topic.title.trim();
    if (title !== "") ordinal += 1;
    fields.push({
      path: topicField(index),
      sectionId: "overview",
      label: `${heading("overview")}${title !== "" ? `${bracketOrdinal(ordinal)}${title}` : ""}`,
      text: topic.body,
    });
  });
  fields.push({ path: PROBLEMS_FIELD, sectionId: "problems", label: heading("problems"), text: narrative.problems.body });
  fields.push({
    path: OTHER_MATTERS_FIELD,
    sectionId: "other_matters",
    label: heading("other_matters"),
    text: narrative.other_matters.body,
  });
  return fields;
}
