import type { ReviewComment, TransitionRecord } from "./report-store";

/**
 * The comments each return gave, beside it in the review record. Comments are written only when
 * a report is returned, in the same transaction as the return and within moments of its time
 * (each takes the clock on its own), so each belongs to the return nearest it in time.
 */
export function commentsOfTransitions(
  transitions: readonly TransitionRecord[],
  comments: readonly ReviewComment[],
): ReviewComment[][] {
  const byTransition = transitions.map((): ReviewComment[] => []);
  for (const comment of comments) {
    let owner = -1;
    let distance = Number.POSITIVE_INFINITY;
    transitions.forEach((transition, index) => {
      const apart = Math.abs(transition.at.getTime() - comment.createdAt.getTime());
      if (transition.toStatus === "returned" && apart < distance) {
        owner = index;
        distance = apart;
      }
    });
    if (owner >= 0) byTransition[owner]!.push(comment);
  }
  return byTransition;
}
