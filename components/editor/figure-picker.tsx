"use client";

import {
  type KeyboardEvent,
  type Ref,
  useEffect,
  useId,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import type { EditorSession } from "@/lib/editor/editor-session";
import { figureChoices, flatChoices } from "@/lib/editor/figure-choices";
import { currentFigureText } from "@/lib/editor/figure-values";
import type { LinkedFigure } from "@/lib/format/linked-figures";
import { useOutsidePointerDown } from "./use-outside-pointer";

const optionId = (listId: string, figure: LinkedFigure, index: number) => `${listId}-${index}-${figure.id.replaceAll(".", "-")}`;

/** The picker's choices for a search, with the one the arrow keys are on kept within the list. */
function useFigureChoices(query: string) {
  const groups = useMemo(() => figureChoices(query), [query]);
  const flat = useMemo(() => flatChoices(groups), [groups]);
  const [active, setActive] = useState(0);
  // A new search starts again from its best match.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the reset is meant to run on every new query
  useEffect(() => setActive(0), [query]);
  const activeIndex = flat.length === 0 ? -1 : Math.min(active, flat.length - 1);
  const move = (step: 1 | -1) => {
    if (flat.length > 0) setActive((activeIndex + step + flat.length) % flat.length);
  };
  return { groups, flat, activeIndex, setActive, move, chosen: activeIndex >= 0 ? flat[activeIndex]! : null };
}

type FigureListProps = {
  id: string;
  session: EditorSession;
  choices: ReturnType<typeof useFigureChoices>;
  onChoose: (figure: LinkedFigure) => void;
};

/** The figures grouped under their headings, each with its current value; the active one in view. */
function FigureList({ id, session, choices, onChoose }: FigureListProps) {
  const { groups, activeIndex, setActive: onHover } = choices;
  const report = useSyncExternalStore(session.subscribe, session.getReport, session.getReport);
  const list = useRef<HTMLDivElement | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scrolls the active option into view whenever it changes
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: "nearest" });
  }, [activeIndex, groups]);
  if (groups.length === 0) {
    return (
      <p className="figure-list-empty" role="status">
        没有名称含此文字的数字
      </p>
    );
  }
  let index = -1;
  return (
    // Not a Tab stop of its own (Chrome makes a scrolling box one): the keys that move in it belong to the search or the text.
    <div className="figure-list" role="listbox" id={id} aria-label="表格数字" ref={list} tabIndex={-1}>
      {groups.map((group) => (
        // biome-ignore lint/a11y/useSemanticElements: an ARIA listbox group; a fieldset is for form controls
        <div role="group" aria-label={group.title} key={group.key}>
          <div className="figure-group-title" aria-hidden="true">
            {group.title}
          </div>
          {group.figures.map((figure) => {
            index += 1;
            const position = index;
            return (
              // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/useFocusableInteractive: a listbox option; the search box's keys move the active option (aria-activedescendant)
              <div
                key={figure.id}
                id={optionId(id, figure, position)}
                role="option"
                aria-selected={position === activeIndex}
                className="figure-option"
                title={figure.name}
                // The editor keeps the focus (and its caret) while a choice is clicked.
                onMouseDown={(event) => event.preventDefault()}
                onMouseMove={() => position !== activeIndex && onHover(position)}
                onClick={() => onChoose(figure)}
              >
                <span className="figure-option-name">{figure.shortName}</span>
                <span className="figure-option-value">{currentFigureText(report, figure.id)}</span>
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}

const activeOptionId = (listId: string, flat: readonly LinkedFigure[], activeIndex: number) =>
  activeIndex >= 0 ? optionId(listId, flat[activeIndex]!, activeIndex) : undefined;

type SearchPickerProps = {
  session: EditorSession;
  /** The field's label element, which the dialog names as its target. */
  describedBy: string;
  onChoose: (figure: LinkedFigure) => void;
  onClose: () => void;
};

/** 插入数字: search by name, arrows and Enter to insert, Esc to go back to the text. */
export function FigureSearchPicker({ session, describedBy, onChoose, onClose }: SearchPickerProps) {
  const [query, setQuery] = useState("");
  const choices = useFigureChoices(query);
  const listId = useId();
  const box = useRef<HTMLDivElement | null>(null);

  useOutsidePointerDown(box, onClose);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      choices.move(event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (choices.chosen) onChoose(choices.chosen);
    } else if (event.key === "Escape") {
      event.preventDefault();
      onClose();
    }
  };

  return (
    <div className="figure-picker" ref={box} role="dialog" aria-label="插入关联数字" aria-describedby={describedBy}>
      <input
        type="search"
        role="combobox"
        aria-label="查找表格数字"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={activeOptionId(listId, choices.flat, choices.activeIndex)}
        placeholder="输入名称查找，如：办结、行政复议、不予公开"
        // biome-ignore lint/a11y/noAutofocus: the picker opens on a keystroke to search at once
        autoFocus
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <FigureList id={listId} session={session} choices={choices} onChoose={onChoose} />
      <p className="figure-picker-help">↑↓ 选择，回车插入，Esc 返回正文。正文中键入“〔”也可插入。</p>
    </div>
  );
}

/** What the editor asks the picker opened by 〔 while it has the keyboard. */
export type InlinePickerKeys = { handleKey: (key: "ArrowDown" | "ArrowUp" | "Enter") => boolean };

type InlinePickerProps = {
  ref: Ref<InlinePickerKeys>;
  session: EditorSession;
  listId: string;
  query: string;
  position: { left: number; top: number };
  onChoose: (figure: LinkedFigure) => void;
  /** The option the arrow keys are on (the editor's aria-activedescendant); undefined while no list shows. */
  onActiveOption: (optionId: string | undefined) => void;
};

/** The list under the caret after 〔: the text typed after it searches; nothing shows when nothing matches. */
export function InlineFigurePicker({ ref, session, listId, query, position, onChoose, onActiveOption }: InlinePickerProps) {
  const choices = useFigureChoices(query);
  const latest = useRef(choices);
  latest.current = choices;
  const activeId = activeOptionId(listId, choices.flat, choices.activeIndex);
  useEffect(() => onActiveOption(activeId), [activeId, onActiveOption]);
  useEffect(() => () => onActiveOption(undefined), [onActiveOption]);
  useImperativeHandle(
    ref,
    () => ({
      handleKey: (key) => {
        const current = latest.current;
        if (key === "Enter") {
          if (!current.chosen) return false;
          onChoose(current.chosen);
          return true;
        }
        if (current.flat.length === 0) return false;
        current.move(key === "ArrowDown" ? 1 : -1);
        return true;
      },
    }),
    [onChoose],
  );
  if (choices.flat.length === 0) return null;
  return (
    <div className="figure-picker figure-picker-inline" style={position}>
      <p className="figure-picker-help">插入关联数字：↑↓ 选择，回车插入，Esc 关闭（保留已键入的“〔”）</p>
      <FigureList id={listId} session={session} choices={choices} onChoose={onChoose} />
    </div>
  );
}
