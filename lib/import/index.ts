export { readUpload } from "./import-pool";
export {
  type ImportOptions,
  type ImportOutcome,
  type ImportRefusalReason,
  importPublishedReport,
  MAX_IMPORT_BYTES,
  tooLargeMessage,
} from "./import-report";
export { FILE_NAME_HEADER, givenYearMessage, parseGivenYear } from "./limits";
export { type ImportNote, type ImportNoteKind, importNoteKindLabels, type SourceType } from "./types";
