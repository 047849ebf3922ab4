import type { KeyboardEvent as ReactKeyboardEvent } from "react";

type KeyLike = Pick<KeyboardEvent | ReactKeyboardEvent, "key" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey">;

const withControl = (event: KeyLike) => (event.ctrlKey || event.metaKey) && !event.altKey;

/** Ctrl+Z (⌘Z): one step back. */
export const isUndoKey = (event: KeyLike) => withControl(event) && !event.shiftKey && event.key.toLowerCase() === "z";

/** Ctrl+Y or Ctrl+Shift+Z: one step forward, as in Excel and WPS. */
export const isRedoKey = (event: KeyLike) =>
  withControl(event) &&
  ((event.key.toLowerCase() === "y" && !event.shiftKey) || (event.key.toLowerCase() === "z" && event.shiftKey));

/** Ctrl+S: save now, instead of the browser's save-page dialog. */
export const isSaveKey = (event: KeyLike) => withControl(event) && !event.shiftKey && event.key.toLowerCase() === "s";
