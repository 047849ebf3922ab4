export { importPublishedReport, MAX_IMPORT_BYTES, tooLargeMessage, type ImportOutcome, type ImportRefusalReason } from "./import-report";
export { importNoteKindLabels, type ImportNote, type ImportNoteKind, type SourceType } from "./types";
