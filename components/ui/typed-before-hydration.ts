"use client";

import { type RefCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { FieldPath, FieldValues, PathValue, RegisterOptions, UseFormReturn } from "react-hook-form";

/**
 * What was typed into a server-rendered input before the page's script took it over: on an old
 * office PC the page shows, and its inputs accept typing, seconds before React has hydrated it.
 * The browser keeps the server's value as the input's `defaultValue` (the value attribute), so
 * a different `value` at that moment is the person's typing. Read it when the input is first
 * attached, before anything sets the value from the script's own state.
 *
 * A page restored from the browser history also refills its inputs (with what they held when
 * the page was left, saved then): that is no new typing, and taking it could overwrite a change
 * stored since, so nothing is taken from such a load.
 */
export function typedBeforeHydration(input: HTMLInputElement): string | null {
  if (input.type === "checkbox" || input.type === "radio" || input.value === input.defaultValue) return null;
  const [navigation] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
  return navigation?.type === "back_forward" ? null : input.value;
}

type Registered<T extends FieldValues> = ReturnType<UseFormReturn<T>["register"]> & {
  defaultValue: string;
  ref: RefCallback<HTMLInputElement>;
};

/**
 * `register(name)` for a text input of a server-rendered form, keeping what is typed before
 * hydration. The input is rendered with its value (so the page shows the real content at once,
 * and the browser can tell typing from it, even a field emptied); the typing is handed to the
 * form as a change once the hydration's effects have run, so whoever listens to the form (the
 * editor's session, its autosave) hears it.
 */
export function useRegisterKeepingTyped<T extends FieldValues, N extends FieldPath<T>>(
  form: Pick<UseFormReturn<T>, "register" | "getValues" | "setValue">,
  name: N,
  options?: RegisterOptions<T, N>,
): Registered<T> {
  const registration = form.register(name, options);
  const [serverValue] = useState(() => {
    const value: unknown = form.getValues(name);
    return value === null || value === undefined ? "" : String(value);
  });
  const input = useRef<HTMLInputElement | null>(null);
  const hasAttached = useRef(false);
  const typed = useRef<string | null>(null);
  // Every attach goes on to react-hook-form as `{...register(name)}` would; only the first is looked at.
  const ref = (node: HTMLInputElement | null) => {
    const early = node && !hasAttached.current ? typedBeforeHydration(node) : null;
    if (node) {
      hasAttached.current = true;
      input.current = node;
    }
    // react-hook-form would take the typing in as the field's value without a word to those who watch
    // the form (the editor's session would never hear of it): it attaches to the server's value, and
    // the typing is handed in below as a change.
    if (node && early !== null) node.value = node.defaultValue;
    registration.ref(node);
    if (node && early !== null) {
      // Shown as typed from the first frame.
      node.value = early;
      typed.current = early;
    }
  };
  const { setValue } = form;
  const setValueAs = options?.setValueAs;
  useEffect(() => {
    if (typed.current === null) return;
    typed.current = null;
    // After every effect of this commit (they run in one go): the form's own (until it has run, its values
    // read as the defaults) and those of whoever watches it (the editor subscribes in its effect, after ours).
    queueMicrotask(() => {
      if (!input.current) return;
      // The input's value now, with any key pressed since it was attached, read as its own onChange reads it.
      const text = input.current.value;
      setValue(name, (setValueAs ? setValueAs(text) : text) as PathValue<T, N>, { shouldDirty: true });
    });
  }, [name, setValue, setValueAs]);
  return { ...registration, defaultValue: serverValue, ref };
}

const subscribeToNothing = () => () => undefined;

/**
 * False in the server's HTML and while React hydrates it, true once the page's script is live. A
 * button whose action is script is disabled until then: a click on it would do nothing (or submit
 * the form natively, reloading the page and dropping what was typed).
 */
export function useIsHydrated(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}
