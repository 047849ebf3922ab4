import { findCell, reportSections, sectionHeading } from "@/lib/format";

/** Where a review comment is attached, as staff name it: the cell's name or the section's heading. */
export const commentPlaceName = (comment: { cellId: string | null; sectionId: string | null }): string =>
  comment.cellId
    ? (findCell(comment.cellId)?.name ?? comment.cellId)
    : sectionHeading(reportSections.find((section) => section.id === comment.sectionId) ?? reportSections[0]!);
