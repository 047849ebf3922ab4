/**
 * The narrative fields' rich-text editor, on ProseMirror. Loaded only when a text step shows
 * a field (see narrative-field.tsx): the table steps never download it.
 */
import { baseKeymap } from "prosemirror-commands";
import { closeHistory, history, redo, undo } from "prosemirror-history";
import { keymap } from "prosemirror-keymap";
import { DOMSerializer, Fragment, type Node as ProseNode, Slice } from "prosemirror-model";
import { EditorState, Plugin, PluginKey, TextSelection, type Transaction } from "prosemirror-state";
import { Decoration, DecorationSet, EditorView, type NodeView } from "prosemirror-view";
import type { EditorSession } from "@/lib/editor/editor-session";
import { currentFigureText } from "@/lib/editor/figure-values";
import {
  cleanPastedSlice,
  docToText,
  figureNode,
  joinWrappedChinese,
  narrativeSchema,
  sliceText,
  textOffsetToPos,
  textToDoc,
  textToParagraphs,
} from "@/lib/editor/narrative-doc";
import { findLinkedFigure } from "@/lib/format/linked-figures";
import { BLANK_REFERENCE_TEXT, replaceWithReference } from "@/lib/narrative/references";

/** Typing one of these opens the figure picker at the caret: 〔 as Chinese input methods type it, and its neighbours. */
const TRIGGERS = new Set(["〔", "【", "["]);
/** Longer than this after the trigger, the text is prose, not a search. */
const MAX_QUERY = 16;
const OBJECT_CHAR = "\ufffc";

export type TriggerState = { query: string; left: number; bottom: number };
export type TriggerKey = "ArrowDown" | "ArrowUp" | "Enter";
export type FindingRange = { start: number; end: number; severity: "error" | "warning"; isActive: boolean };

export type NarrativeEditorOptions = {
  text: string;
  /** A submitted, approved or published report: the text reads but does not change. */
  isReadOnly?: boolean;
  session: EditorSession;
  /** Each change of the text by the user (never while a Chinese input method is composing). */
  onChange: (text: string) => void;
  /** The picker typed with 〔 opened, changed its search, or closed (null). */
  onTrigger: (state: TriggerState | null) => void;
  /** A key while that picker is open; true when the picker used it. */
  onTriggerKey: (key: TriggerKey) => boolean;
  onBlur: () => void;
};

export type NarrativeEditorHandle = {
  /** The field's value changed outside the editor (a reset, an undone deletion): start again from it. */
  setText(text: string): void;
  /** Marks the ranges of the rule results about `text` (ignored if the text has changed since). */
  setFindings(text: string, findings: readonly FindingRange[]): void;
  /** A chip at the caret, or in place of the 〔 and the search typed after it. */
  insertFigure(figureId: string): void;
  /** Text with references (a sentence template) at the caret. */
  insertText(text: string): void;
  /** 改为关联数字: the stated figure at [start, end) of `text` becomes its reference, as one undoable step. */
  replaceWithReference(text: string, start: number, end: number, figureId: string): boolean;
  /** A finding's one-click fix: [start, end) of `text` becomes `replacement` (which may hold references), as one undoable step. */
  replaceRange(text: string, start: number, end: number, replacement: string): boolean;
  /** Selects [start, end) of the stored text and shows it. */
  select(start: number, end: number): void;
  closeTrigger(): void;
  focus(): void;
  destroy(): void;
};

/** A linked figure: its current value, updated as the tables change; deleted like one character. */
class FigureChipView implements NodeView {
  dom: HTMLElement;
  private readonly figureId: string;
  /** What a screen reader says the chip is: the figure's full name from the format, not only its value. */
  private readonly what: string;
  private readonly unsubscribe: () => void;

  constructor(
    node: ProseNode,
    private readonly session: EditorSession,
  ) {
    this.figureId = node.attrs.figureId as string;
    this.dom = document.createElement("span");
    this.dom.contentEditable = "false";
    this.dom.dataset.figure = this.figureId;
    const figure = findLinkedFigure(this.figureId);
    this.dom.className = `figure-chip${figure ? "" : " is-unknown"}`;
    this.dom.title = figure ? `关联数字：${figure.name}（随表格更新）` : `关联数字“${this.figureId}”不是表格中的数字`;
    this.what = figure ? `关联数字：${figure.name}` : `关联数字“${this.figureId}”（不是表格中的数字）`;
    // One object in the text, read by its name (an image is what assistive technology reads so).
    this.dom.setAttribute("role", "img");
    this.render();
    this.unsubscribe = session.subscribe(() => this.render());
  }

  private render() {
    const text = currentFigureText(this.session.getReport(), this.figureId);
    if (this.dom.textContent !== text) this.dom.textContent = text;
    this.dom.setAttribute("aria-label", `${this.what} ${text}`);
    this.dom.classList.toggle("is-blank", text === BLANK_REFERENCE_TEXT);
  }

  update(node: ProseNode) {
    return node.type.name === "figure" && node.attrs.figureId === this.figureId;
  }

  selectNode() {
    this.dom.classList.add("is-selected");
  }

  deselectNode() {
    this.dom.classList.remove("is-selected");
  }

  ignoreMutation() {
    return true;
  }

  destroy() {
    this.unsubscribe();
  }
}

const findingsKey = new PluginKey<DecorationSet>("findings");

/** The rule results' ranges, marked in the text and kept in place while typing until the next results. */
const findingsPlugin = new Plugin<DecorationSet>({
  key: findingsKey,
  state: {
    init: () => DecorationSet.empty,
    apply: (tr, set) => (tr.getMeta(findingsKey) as DecorationSet | undefined) ?? set.map(tr.mapping, tr.doc),
  },
  props: { decorations: (state) => findingsKey.getState(state) },
});

/** The transactions that come from outside (a new value, new findings), not from the user. */
const EXTERNAL = "narrativeExternal";

function insertedText(tr: Transaction): string {
  let text = "";
  for (const step of tr.steps) {
    const slice = (step as { slice?: Slice }).slice;
    if (slice) text += slice.content.textBetween(0, slice.content.size, "\n", OBJECT_CHAR);
  }
  return text;
}

/**
 * How many of its own recent texts the editor recognises when they come back as the field's value.
 * A render lags its changes by a few at most, even on a slow PC.
 */
const RECENT_OWN_TEXTS = 64;

export function mountNarrativeEditor(element: HTMLElement, options: NarrativeEditorOptions): NarrativeEditorHandle {
  const { session } = options;
  let lastText = options.text;
  /**
   * The texts this editor sent since it was last set from outside. React may render the field with
   * one of them after a newer change (a punctuation mark right after a composition, on a slow PC):
   * that is an echo of the editor's own past, never a reason to rewrite what is being typed.
   */
  const ownTexts: string[] = [];
  let pendingText: string | null = null;
  let findings: { text: string; ranges: readonly FindingRange[] } = { text: "", ranges: [] };
  /** The position of the 〔 that opened the picker, while it is open. */
  let triggerFrom: number | null = null;
  let lastInsert = "";
  let isPastingText = false;

  const chipText = (figureId: string) => currentFigureText(session.getReport(), figureId);
  const baseSerializer = DOMSerializer.fromSchema(narrativeSchema);
  // Copied out of the editor, a chip is its number (Word, a web form); pasted into another field, a chip again.
  const clipboardSerializer = new DOMSerializer(
    {
      ...baseSerializer.nodes,
      figure: (node) => ["span", { "data-figure": node.attrs.figureId as string }, chipText(node.attrs.figureId as string)],
    },
    baseSerializer.marks,
  );

  const plugins = [history(), keymap({ "Mod-z": undo, "Mod-y": redo, "Mod-Shift-z": redo }), keymap(baseKeymap), findingsPlugin];
  const createState = (text: string) => EditorState.create({ doc: textToDoc(text), plugins });

  const closeTrigger = () => {
    if (triggerFrom === null) return;
    triggerFrom = null;
    options.onTrigger(null);
  };

  /** The search typed after the 〔, or null when the caret has left it. */
  const triggerQuery = (state: EditorState): string | null => {
    if (triggerFrom === null) return null;
    const { selection, doc } = state;
    if (!selection.empty || triggerFrom >= doc.content.size) return null;
    const $from = doc.resolve(triggerFrom);
    const cursor = selection.from;
    if (
      cursor <= triggerFrom ||
      cursor > $from.end() ||
      !TRIGGERS.has(doc.textBetween(triggerFrom, triggerFrom + 1, "", OBJECT_CHAR))
    ) {
      return null;
    }
    const query = doc.textBetween(triggerFrom + 1, cursor, "", OBJECT_CHAR);
    return query.includes(OBJECT_CHAR) || query.length > MAX_QUERY ? null : query;
  };

  const reportTrigger = () => {
    const query = triggerQuery(view.state);
    if (query === null) {
      closeTrigger();
      return;
    }
    const coords = view.coordsAtPos(triggerFrom!);
    options.onTrigger({ query, left: coords.left, bottom: coords.bottom });
  };

  /** A 〔 just typed (not pasted, not inside a composition) right before the caret opens the picker. */
  const detectTrigger = () => {
    if (triggerFrom !== null) return;
    const { selection } = view.state;
    if (!selection.empty || lastInsert.length === 0 || lastInsert.length > 2) return;
    const $cursor = selection.$from;
    if ($cursor.parentOffset === 0) return;
    const before = $cursor.parent.textBetween($cursor.parentOffset - 1, $cursor.parentOffset, "", OBJECT_CHAR);
    if (!TRIGGERS.has(before) || !lastInsert.endsWith(before)) return;
    triggerFrom = selection.from - 1;
  };

  const emitChange = () => {
    const text = docToText(view.state.doc);
    if (text === lastText) return;
    lastText = text;
    ownTexts.push(text);
    if (ownTexts.length > RECENT_OWN_TEXTS) ownTexts.shift();
    options.onChange(text);
  };

  /** After a composition: send the text it produced, and apply what waited for it. */
  const afterComposition = () => {
    if (view.composing) return;
    emitChange();
    detectTrigger();
    if (triggerFrom !== null) reportTrigger();
    if (pendingText !== null) {
      const text = pendingText;
      pendingText = null;
      handle.setText(text);
    }
    applyFindings();
  };

  const view: EditorView = new EditorView(
    { mount: element },
    {
      state: createState(options.text),
      editable: () => !options.isReadOnly,
      nodeViews: { figure: (node) => new FigureChipView(node, session) },
      clipboardSerializer,
      clipboardTextSerializer: (slice) => sliceText(slice, chipText),
      transformPastedHTML: joinWrappedChinese,
      // Marks a paste that came as plain text (ProseMirror's own flag means Shift+paste only); its last
      // line end is no paragraph break, and its lines are joined back into paragraphs.
      transformPastedText: (text) => {
        isPastingText = true;
        return text.replace(/[\r\n]+$/u, "");
      },
      transformPasted: (slice, _view, plain) => {
        const fromHtml = !(plain || isPastingText);
        isPastingText = false;
        return cleanPastedSlice(slice, fromHtml);
      },
      handleKeyDown: (_view, event) => {
        if (triggerFrom === null || view.composing || event.isComposing || event.keyCode === 229) return false;
        if (event.key === "Escape") {
          // Closes the picker and leaves the 〔 typed (a 文号 is written with it).
          closeTrigger();
          return true;
        }
        if (event.key === "ArrowDown" || event.key === "ArrowUp" || event.key === "Enter") {
          return options.onTriggerKey(event.key);
        }
        return false;
      },
      handleDOMEvents: {
        blur: () => {
          closeTrigger();
          options.onBlur();
          return false;
        },
        compositionend: () => {
          // ProseMirror reads the composed text shortly after compositionend.
          setTimeout(afterComposition, 50);
          return false;
        },
      },
      dispatchTransaction(tr) {
        view.updateState(view.state.apply(tr));
        if (triggerFrom !== null) triggerFrom = tr.mapping.map(triggerFrom, 1);
        if (tr.docChanged && !tr.getMeta(EXTERNAL)) {
          lastInsert = tr.getMeta("uiEvent") === "paste" || tr.getMeta("uiEvent") === "drop" ? "" : insertedText(tr);
          if (view.composing) return;
          emitChange();
          detectTrigger();
        }
        if (triggerFrom !== null && (tr.docChanged || tr.selectionSet)) reportTrigger();
      },
    },
  );

  function applyFindings() {
    if (view.composing || findings.text !== lastText) return;
    const { doc } = view.state;
    const decorations = findings.ranges.flatMap((range) => {
      const from = textOffsetToPos(doc, range.start, -1);
      const to = textOffsetToPos(doc, range.end, 1);
      if (from >= to) return [];
      const className = `finding finding-${range.severity}${range.isActive ? " finding-active" : ""}`;
      return [Decoration.inline(from, to, { class: className })];
    });
    view.dispatch(
      view.state.tr
        .setMeta(findingsKey, DecorationSet.create(doc, decorations))
        .setMeta(EXTERNAL, true)
        .setMeta("addToHistory", false),
    );
  }

  const handle: NarrativeEditorHandle = {
    setText(text) {
      if (text === lastText) return;
      // While typing, an earlier text of its own is stale; a field left alone takes any value set from outside.
      if ((view.composing || view.hasFocus()) && ownTexts.includes(text)) return;
      if (view.composing) {
        pendingText = text;
        return;
      }
      closeTrigger();
      lastText = text;
      ownTexts.length = 0;
      // A fresh state: the undo history of the replaced text would not fit the new one. The caret
      // stays where it was (as far as the new text reaches), not thrown to the start.
      const caret = view.state.selection.from;
      const state = createState(text);
      const kept = Math.min(caret, state.doc.content.size);
      view.updateState(state.apply(state.tr.setSelection(TextSelection.near(state.doc.resolve(kept)))));
      applyFindings();
    },
    setFindings(text, ranges) {
      findings = { text, ranges };
      applyFindings();
    },
    insertFigure(figureId) {
      const { state } = view;
      const chip = figureNode(figureId);
      const from = triggerFrom !== null && triggerQuery(state) !== null ? triggerFrom : state.selection.from;
      const to = state.selection.to;
      closeTrigger();
      const tr = state.tr.replaceWith(from, to, chip);
      tr.setSelection(TextSelection.create(tr.doc, from + chip.nodeSize)).scrollIntoView();
      view.dispatch(tr);
      view.focus();
    },
    insertText(text) {
      const slice = new Slice(Fragment.from(textToParagraphs(text)), 1, 1);
      view.dispatch(view.state.tr.replaceSelection(slice).scrollIntoView());
      view.focus();
    },
    replaceWithReference(text, start, end, figureId) {
      const { state } = view;
      if (docToText(state.doc) !== text) return false;
      const expected = replaceWithReference(text, start, end, figureId);
      const from = textOffsetToPos(state.doc, start, -1);
      const to = textOffsetToPos(state.doc, end, 1);
      let tr = state.tr.replaceWith(from, to, figureNode(figureId));
      if (docToText(tr.doc) !== expected) tr = state.tr.replaceWith(0, state.doc.content.size, textToParagraphs(expected));
      // Its own step in the undo history: Ctrl+Z brings the typed number back.
      closeHistory(tr);
      const $chip = tr.doc.resolve(Math.min(from, tr.doc.content.size));
      tr.setSelection(TextSelection.near(tr.doc.resolve($chip.nodeAfter?.type.name === "figure" ? from + 1 : $chip.pos)));
      view.dispatch(tr.scrollIntoView());
      view.dispatch(closeHistory(view.state.tr));
      view.focus();
      return true;
    },
    replaceRange(text, start, end, replacement) {
      const { state } = view;
      if (docToText(state.doc) !== text) return false;
      const expected = text.slice(0, start) + replacement + text.slice(end);
      // The whole text set anew (chips included), as one step Ctrl+Z takes back.
      const tr = state.tr.replaceWith(0, state.doc.content.size, textToParagraphs(expected));
      closeHistory(tr);
      tr.setSelection(TextSelection.near(tr.doc.resolve(textOffsetToPos(tr.doc, start + replacement.length, 1))));
      view.dispatch(tr.scrollIntoView());
      view.dispatch(closeHistory(view.state.tr));
      view.focus();
      return true;
    },
    select(start, end) {
      const { doc } = view.state;
      const from = textOffsetToPos(doc, start, -1);
      const to = textOffsetToPos(doc, end, 1);
      view.focus();
      view.dispatch(view.state.tr.setSelection(TextSelection.create(doc, from, Math.max(from, to))).scrollIntoView());
    },
    closeTrigger,
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };

  if (document.activeElement === element) view.focus();
  return handle;
}
