export {
  type ImportOutcome,
  type ImportRefusalReason,
  importPublishedReport,
  MAX_IMPORT_BYTES,
  tooLargeMessage,
} from "./import-report";
export { type ImportNote, type ImportNoteKind, importNoteKindLabels, type SourceType } from "./types";
