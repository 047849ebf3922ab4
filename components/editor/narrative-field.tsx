"use client";

import {
  type KeyboardEvent,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import { type Path, useController, useFormContext } from "react-hook-form";
import type { EditorSession } from "@/lib/editor/editor-session";
import { effectiveFigures } from "@/lib/editor/figure-values";
import type { TReportTextFormValues } from "@/lib/editor/form-values";
import type { LinkedFigure } from "@/lib/format/linked-figures";
import type { RuleResult } from "@/lib/format/rule-catalogue";
import { getRule } from "@/lib/format/rule-catalogue";
import { narrativeFields } from "@/lib/narrative/narrative-fields";
import { replaceWithReference, resolveReferences } from "@/lib/narrative/references";
import { type NarrativeTemplate, templateText } from "@/lib/narrative/templates";
import type { TReport } from "@/lib/report/report-schema";
import { fieldDomId, useSession } from "./editor-session-context";
import type { InlinePickerKeys } from "./figure-picker";
import type { NarrativeEditorHandle, TriggerState } from "./narrative-editor";
import { useReview } from "./review-context";
import { useOutsidePointerDown } from "./use-outside-pointer";

type EditorParts = typeof import("./narrative-editor-parts");

type FormPath = Path<TReportTextFormValues>;

type NarrativeFieldProps = {
  path: FormPath;
  label: string;
  hint?: string;
  /** The field's 沿用上年内容 mark, shown as a badge; `carriedPath` is the flag the first edit clears. */
  isCarriedFromLastYear?: boolean;
  carriedPath?: FormPath;
  templates?: readonly NarrativeTemplate[];
};

/** The field's text as the rules last read it (the session's report), so result ranges fit it. */
const checkedText = (report: TReport, path: string): string | null =>
  narrativeFields(report).find((field) => field.path === path)?.text ?? null;

const hasRange = (result: RuleResult) =>
  typeof result.location?.start === "number" &&
  typeof result.location.end === "number" &&
  result.location.end > result.location.start;

/** The rule results about one field, as a stable array (a new one only when they change). */
function useFieldResults(session: EditorSession, path: string): readonly RuleResult[] {
  const cache = useRef<{ key: string; results: readonly RuleResult[] }>({ key: "", results: [] });
  const snapshot = () => {
    const results = session.getResults().filter((result) => result.location?.field === path);
    const key = results
      .map((result) =>
        [
          result.ruleId,
          result.severity,
          result.message,
          result.location?.start,
          result.location?.end,
          result.location?.figureId,
        ].join("\u0001"),
      )
      .join("\u0002");
    if (key !== cache.current.key) cache.current = { key, results };
    return cache.current.results;
  };
  return useSyncExternalStore(session.subscribe, snapshot, snapshot);
}

/** The rule's fix button (rule-catalogue.ts), for a result that carries its replacement. */
const fixLabel = (result: RuleResult): string | null =>
  hasRange(result) && result.location?.replacement !== undefined ? (getRule(result.ruleId).fix ?? null) : null;

const offerReference = (result: RuleResult) =>
  result.ruleId === "narrative.figure_mismatch" && hasRange(result) && !!result.location?.figureId;

type TemplateMenuProps = {
  templates: readonly NarrativeTemplate[];
  /** The sentence as it would read with the tables' current figures. */
  preview: (text: string) => string;
  onChoose: (template: NarrativeTemplate) => void;
  onClose: () => void;
};

function TemplateMenu({ templates, preview, onChoose, onClose }: TemplateMenuProps) {
  const menu = useRef<HTMLDivElement | null>(null);
  useEffect(() => menu.current?.querySelector("button")?.focus(), []);
  useOutsidePointerDown(menu, onClose);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(menu.current?.querySelectorAll("button") ?? [])];
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      items[(index + (event.key === "ArrowDown" ? 1 : -1) + items.length) % items.length]?.focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      onClose();
    }
  };
  return (
    <div className="template-menu" role="menu" aria-label="常用句式" ref={menu} onKeyDown={onKeyDown}>
      {templates.map((template) => (
        <button key={template.id} type="button" role="menuitem" onClick={() => onChoose(template)}>
          {template.title}
          <span className="template-preview">{preview(templateText(template))}</span>
        </button>
      ))}
    </div>
  );
}

/**
 * A narrative field of the report: a light rich-text editor (loaded on first use) whose value
 * in the form is the stored text, paragraphs as lines and linked figures as `{{fig:ID}}`.
 */
export function NarrativeField({
  path,
  label,
  hint,
  isCarriedFromLastYear = false,
  carriedPath,
  templates = [],
}: NarrativeFieldProps) {
  const session = useSession();
  const { control, getValues, setValue } = useFormContext<TReportTextFormValues>();
  const { field } = useController({ control, name: path });
  const review = useReview();
  const value = typeof field.value === "string" ? field.value : "";
  const isCarried = isCarriedFromLastYear;
  const domId = fieldDomId(path);
  const ids = { label: useId(), hint: useId(), badge: useId(), findings: `${domId}-findings` };

  const mount = useRef<HTMLDivElement | null>(null);
  const box = useRef<HTMLDivElement | null>(null);
  const editor = useRef<NarrativeEditorHandle | null>(null);
  // The editor and its pickers, once loaded; the table steps never load them.
  const [parts, setParts] = useState<EditorParts | null>(null);
  const isReady = parts !== null;
  const [trigger, setTrigger] = useState<TriggerState | null>(null);
  const inlinePicker = useRef<InlinePickerKeys | null>(null);
  // The 〔 list's highlighted option while it shows: the editor is then a combobox that controls the list.
  const [activeOption, setActiveOption] = useState<string | undefined>(undefined);
  const isListOpen = trigger !== null && activeOption !== undefined;
  const inlineListId = `${domId}-inline-figures`;
  const [panel, setPanel] = useState<"figures" | "templates" | null>(null);
  const results = useFieldResults(session, path);
  const [activeFinding, setActiveFinding] = useState<number | null>(null);

  const latest = useRef({ value, field, carriedPath });
  latest.current = { value, field, carriedPath };

  // Until the editor has loaded (a moment on first use), the text shows as it will print.
  useLayoutEffect(() => {
    const element = mount.current;
    if (!element || editor.current) return;
    const effective = effectiveFigures(session.getReport());
    element.replaceChildren(
      ...value.split("\n").map((line) => {
        const paragraph = document.createElement("p");
        paragraph.textContent = resolveReferences(line, effective);
        return paragraph;
      }),
    );
  }, [session, value]);

  useEffect(() => {
    let isCancelled = false;
    let handle: NarrativeEditorHandle | null = null;
    void import("./narrative-editor-parts").then((loaded) => {
      const element = mount.current;
      if (isCancelled || !element) return;
      element.replaceChildren();
      handle = loaded.mountNarrativeEditor(element, {
        text: latest.current.value,
        isReadOnly: review.isLocked,
        session,
        onChange: (text) => {
          const { carriedPath: carried, field: current } = latest.current;
          if (carried && getValues(carried) === true) setValue(carried, false, { shouldDirty: true });
          current.onChange(text);
        },
        onTrigger: setTrigger,
        onTriggerKey: (key) => inlinePicker.current?.handleKey(key) ?? false,
        onBlur: () => latest.current.field.onBlur(),
      });
      editor.current = handle;
      setParts(loaded);
    });
    return () => {
      isCancelled = true;
      handle?.destroy();
      editor.current = null;
    };
  }, [getValues, session, setValue, review.isLocked]);

  // A value set outside the editor (reset, restore, an undone deletion of the topic). A render may
  // lag the form (the editor's newer text already in it): only the form's live value is news.
  useEffect(() => {
    if (isReady && value === getValues(path)) editor.current?.setText(value);
  }, [getValues, isReady, path, value]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the editor view is made once; later props reach it through refs
  useEffect(() => {
    if (!isReady) return;
    const text = checkedText(session.getReport(), path);
    if (text === null) return;
    const ranges = results.flatMap((result, index) =>
      hasRange(result)
        ? [
            {
              start: result.location!.start!,
              end: result.location!.end!,
              severity: result.severity,
              isActive: index === activeFinding,
            },
          ]
        : [],
    );
    editor.current?.setFindings(text, ranges);
  }, [activeFinding, isReady, path, results, session, value]);

  const count = useSyncExternalStore(
    session.subscribe,
    () => [...resolveReferences(value, effectiveFigures(session.getReport()))].length,
    () => [...value].length,
  );

  const linkFigure = (result: RuleResult) => {
    const { start, end, figureId } = result.location!;
    const text = checkedText(session.getReport(), path);
    if (text === null || start === undefined || end === undefined || !figureId) return;
    if (editor.current?.replaceWithReference(text, start, end, figureId)) return;
    field.onChange(replaceWithReference(text, start, end, figureId));
  };

  const applyFix = (result: RuleResult) => {
    const { start, end, replacement } = result.location!;
    const text = checkedText(session.getReport(), path);
    if (text === null || start === undefined || end === undefined || replacement === undefined) return;
    if (editor.current?.replaceRange(text, start, end, replacement)) return;
    field.onChange(text.slice(0, start) + replacement + text.slice(end));
  };

  const chooseInline = useCallback((figure: LinkedFigure) => editor.current?.insertFigure(figure.id), []);

  const closePanel = () => {
    setPanel(null);
    editor.current?.focus();
  };

  const containerBox = box.current?.getBoundingClientRect();
  const describedBy = [isCarried ? ids.badge : null, hint ? ids.hint : null, results.length > 0 ? ids.findings : null]
    .filter(Boolean)
    .join(" ");

  return (
    <div className="text-field narrative-field">
      <span className="text-field-label" id={ids.label}>
        {label}
        {isCarried && (
          <span className="badge badge-warning" id={ids.badge}>
            沿用上年内容
          </span>
        )}
      </span>
      {hint && (
        <span className="hint" id={ids.hint}>
          {hint}
        </span>
      )}
      <div className="narrative-input" ref={box}>
        {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: ProseMirror's contenteditable is a multi-line textbox, or, while the 〔 list shows, a combobox; each role gets only its own attributes */}
        <div
          ref={(node) => {
            mount.current = node;
            field.ref(node);
          }}
          id={domId}
          role={isListOpen ? "combobox" : "textbox"}
          aria-multiline={isListOpen ? undefined : true}
          aria-expanded={isListOpen ? true : undefined}
          aria-autocomplete={isListOpen ? "list" : undefined}
          aria-haspopup={isListOpen ? "listbox" : undefined}
          aria-controls={isListOpen ? inlineListId : undefined}
          aria-activedescendant={isListOpen ? activeOption : undefined}
          aria-label={label}
          aria-describedby={describedBy || undefined}
          aria-readonly={!isReady}
          tabIndex={0}
        />
        {parts && trigger && containerBox && (
          <parts.InlineFigurePicker
            ref={inlinePicker}
            session={session}
            listId={inlineListId}
            query={trigger.query}
            position={{ left: Math.max(0, trigger.left - containerBox.left), top: trigger.bottom - containerBox.top + 4 }}
            onChoose={chooseInline}
            onActiveOption={setActiveOption}
          />
        )}
      </div>
      <div className="narrative-tools">
        <button
          type="button"
          aria-haspopup="dialog"
          aria-expanded={panel === "figures"}
          aria-describedby={ids.label}
          disabled={!isReady}
          // Not an outside click for the open picker: the button itself toggles it.
          onPointerDown={(event) => event.stopPropagation()}
          onClick={() => setPanel(panel === "figures" ? null : "figures")}
        >
          插入数字
        </button>
        {templates.length > 0 && (
          <button
            type="button"
            aria-haspopup="menu"
            aria-expanded={panel === "templates"}
            aria-describedby={ids.label}
            disabled={!isReady}
            onPointerDown={(event) => event.stopPropagation()}
            onClick={() => setPanel(panel === "templates" ? null : "templates")}
          >
            插入常用句式
          </button>
        )}
        <span className="char-count">{count} 字</span>
        {parts && panel === "figures" && (
          <parts.FigureSearchPicker
            session={session}
            describedBy={ids.label}
            onChoose={(figure) => {
              setPanel(null);
              editor.current?.insertFigure(figure.id);
            }}
            onClose={closePanel}
          />
        )}
        {panel === "templates" && (
          <TemplateMenu
            templates={templates}
            preview={(text) => resolveReferences(text, effectiveFigures(session.getReport()))}
            onChoose={(template) => {
              setPanel(null);
              editor.current?.insertText(templateText(template));
            }}
            onClose={closePanel}
          />
        )}
      </div>
      {results.length > 0 && (
        <ul className="field-findings" id={ids.findings}>
          {results.map((result, index) => (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: results have no identity (one rule can report the same cells twice); the list is rebuilt on each check and its items hold no state
              key={`${result.ruleId}-${index}`}
              className={result.severity === "error" ? "field-error" : "field-warning"}
              onMouseEnter={() => setActiveFinding(index)}
              onMouseLeave={() => setActiveFinding(null)}
            >
              {hasRange(result) ? (
                <button
                  type="button"
                  className="link-button finding-message"
                  title="在文中标出"
                  onFocus={() => setActiveFinding(index)}
                  onBlur={() => setActiveFinding(null)}
                  onClick={() => editor.current?.select(result.location!.start!, result.location!.end!)}
                >
                  {result.message}
                </button>
              ) : (
                <span>{result.message}</span>
              )}
              {offerReference(result) && (
                <button type="button" className="finding-fix" onClick={() => linkFigure(result)}>
                  改为关联数字
                </button>
              )}
              {fixLabel(result) && (
                <button type="button" className="finding-fix" onClick={() => applyFix(result)}>
                  {fixLabel(result)}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
