export { importPublishedReport, MAX_IMPORT_BYTES, tooLargeMessage, type ImportOutcome, type ImportRefusalReason } from "./import-report";
export type { ImportNote, ImportNoteKind, SourceType } from "./types";
