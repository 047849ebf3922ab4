"use client";

import { createContext, useContext } from "react";
import type { EditorSession } from "@/lib/editor/editor-session";

/** The session the text steps report findings from and record their undoable steps in. */
export const EditorSessionContext = createContext<EditorSession | null>(null);

export function useSession(): EditorSession {
  const session = useContext(EditorSessionContext);
  if (!session) throw new Error("text steps need an EditorSessionContext");
  return session;
}

/** The id of a form field's input, which a rule result about the field jumps to. */
export const fieldDomId = (path: string) => `field-${path.replaceAll(".", "-")}`;
