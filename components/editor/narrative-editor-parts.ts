/** What the narrative fields load on first use: the editor and its figure pickers (see narrative-field.tsx). */
export { mountNarrativeEditor } from "./narrative-editor";
export { FigureSearchPicker, InlineFigurePicker } from "./figure-picker";
