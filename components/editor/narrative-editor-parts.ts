/** What the narrative fields load on first use: the editor and its figure pickers (see narrative-field.tsx). */

export { FigureSearchPicker, InlineFigurePicker } from "./figure-picker";
export { mountNarrativeEditor } from "./narrative-editor";
