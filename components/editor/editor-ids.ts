/** Elements of the editor that other pages send the keyboard to (see components/ui/arrival-focus.ts). */
export const EDITOR_TITLE_ID = "editor-title";
export const REVIEW_STATUS_ID = "review-status";
