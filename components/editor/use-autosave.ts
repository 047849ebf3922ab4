"use client";

import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { ApiError, callApi, OFFLINE_STATUS } from "@/components/ui/api-client";
import type { EditorSession } from "@/lib/editor/editor-session";
import type { TReport } from "@/lib/report/report-schema";

/** A save starts this long after the last change (the issue asks for within 1 s). */
const SAVE_DELAY_MS = 700;
const RETRY_DELAY_MS = 3000;

export type SaveState =
  /** `refusedEntries`: cells whose typed text is not a figure, kept in the browser only. */
  | { kind: "saved"; at: Date; refusedEntries: number }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "offline" }
  | { kind: "invalid"; message: string }
  | { kind: "failed"; message: string }
  | { kind: "conflict"; message: string; serverRevision: number };

/** What the browser keeps until the server confirms it: the whole report and any refused typing. */
export type LocalCopy = {
  baseRevision: number;
  savedAt: string;
  report: TReport;
  /** Texts that are not figures, by cell id or numeric field path. */
  rejectedTexts: Record<string, string>;
};

/**
 * The report schema (zod, some 45 KB gzip) is fetched at the first save, not with the page: only
 * a save needs it, and a save needs the server anyway. Typing is kept in the browser meanwhile.
 */
let schemaModules: Promise<[typeof import("@/lib/report/report-schema"), typeof import("@/lib/report/parse-report")]> | null =
  null;
function loadReportSchema() {
  schemaModules ??= Promise.all([import("@/lib/report/report-schema"), import("@/lib/report/parse-report")]).catch(
    (error: unknown) => {
      schemaModules = null;
      throw error;
    },
  );
  return schemaModules;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

const localKey = (reportId: string) => `nianbaotong:report:${reportId}`;

export async function readLocalCopy(reportId: string): Promise<LocalCopy | null> {
  try {
    const text = window.localStorage.getItem(localKey(reportId));
    if (!text) return null;
    const copy = JSON.parse(text) as LocalCopy;
    const [{ ZReport }] = await loadReportSchema();
    const parsed = ZReport.safeParse(copy.report);
    if (parsed.success) return { ...copy, report: parsed.data };
    // A copy the server would refuse (say, a text over the length limit) is still what staff typed: keep it.
    const report: unknown = copy.report;
    return isRecord(report) && isRecord(report.info) && isRecord(report.narrative) && isRecord(report.ledger) ? copy : null;
  } catch {
    return null;
  }
}

export function removeLocalCopy(reportId: string): void {
  try {
    window.localStorage.removeItem(localKey(reportId));
  } catch {
    // Storage may be disabled; nothing to remove then.
  }
}

function writeLocalCopy(reportId: string, copy: LocalCopy): boolean {
  try {
    window.localStorage.setItem(localKey(reportId), JSON.stringify(copy));
    return true;
  } catch {
    return false;
  }
}

/**
 * The save state outside React state: the status line, the conflict banner and the export panel
 * subscribe to it, so a save going from pending to saving to saved re-renders them, not the editor.
 */
export class SaveStateStore {
  private listeners = new Set<() => void>();
  constructor(private state: SaveState) {}

  get = (): SaveState => this.state;

  set = (next: SaveState | ((current: SaveState) => SaveState)): void => {
    const value = typeof next === "function" ? next(this.state) : next;
    if (value === this.state) return;
    this.state = value;
    for (const listener of this.listeners) listener();
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

export function useSaveState(store: SaveStateStore): SaveState {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

type SaveResponse = { status: "saved" | "unchanged"; stored: { revision: number; updatedAt: string } };

/**
 * Saves the session to the server shortly after each change, and keeps every change in
 * the browser until the server has confirmed it, so a closed tab, a crash or a server
 * that is down never loses typing. A stale save (409) stops autosave until staff choose.
 */
export function useAutosave(session: EditorSession, reportId: string, initialRevision: number, initialSavedAt: Date) {
  const [store] = useState(() => new SaveStateStore({ kind: "saved", at: initialSavedAt, refusedEntries: 0 }));
  const baseRevision = useRef(initialRevision);
  const confirmedVersion = useRef(session.version);
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const isStopped = useRef(false);

  /** Saves what the session holds now; a save already under way is waited for, then this one goes. */
  const saveNow = useCallback(async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    while (inFlight.current) await inFlight.current;
    if (isStopped.current) return;
    const version = session.version;
    if (version === confirmedVersion.current) return;
    const report = session.getReport();
    const retryLater = () => {
      store.set({ kind: "offline" });
      timer.current = setTimeout(() => void saveNow(), RETRY_DELAY_MS);
    };
    let schema: Awaited<ReturnType<typeof loadReportSchema>>;
    try {
      schema = await loadReportSchema();
    } catch {
      // The schema's script could not be fetched: the server is out of reach, as for a failed save.
      retryLater();
      return;
    }
    const [{ ZReport }, { describeSchemaIssue }] = schema;
    const parsed = ZReport.safeParse(report);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      store.set({ kind: "invalid", message: issue ? describeSchemaIssue(issue) : "报告数据不完整" });
      return;
    }
    let finished: () => void = () => undefined;
    inFlight.current = new Promise((resolve) => {
      finished = resolve;
    });
    store.set({ kind: "saving" });
    try {
      const response = await callApi<SaveResponse>(`/api/reports/${reportId}`, {
        method: "PUT",
        json: { baseRevision: baseRevision.current, report: parsed.data },
      });
      baseRevision.current = response.stored.revision;
      confirmedVersion.current = version;
      const refusedEntries = Object.keys(session.getRejectedTexts()).length;
      if (session.version === version && refusedEntries === 0) removeLocalCopy(reportId);
      // A change made while this save was on its way is not saved yet: never show 已保存 for it.
      store.set(
        session.version === version
          ? { kind: "saved", at: new Date(response.stored.updatedAt), refusedEntries }
          : { kind: "pending" },
      );
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        isStopped.current = true;
        const current = (error.body as { current?: { revision?: number } } | null)?.current;
        store.set({ kind: "conflict", message: error.message, serverRevision: current?.revision ?? 0 });
      } else if (error instanceof ApiError && (error.status === OFFLINE_STATUS || error.status >= 500)) {
        retryLater();
      } else {
        store.set({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
      }
    } finally {
      inFlight.current = null;
      finished();
    }
    if (!isStopped.current && session.version !== confirmedVersion.current && !timer.current) {
      timer.current = setTimeout(() => void saveNow(), SAVE_DELAY_MS);
    }
  }, [reportId, session, store]);

  useEffect(() => {
    let backupPending = false;
    const keepLocally = () => {
      if (!backupPending) return;
      backupPending = false;
      writeLocalCopy(reportId, {
        baseRevision: baseRevision.current,
        savedAt: new Date().toISOString(),
        report: session.getReport(),
        rejectedTexts: session.getRejectedTexts(),
      });
    };
    const unsubscribe = session.subscribe(() => {
      // Kept locally as soon as the browser is idle (within 300 ms), never delaying the keystroke's paint.
      if (!backupPending) {
        backupPending = true;
        if ("requestIdleCallback" in window) window.requestIdleCallback(keepLocally, { timeout: 300 });
        else setTimeout(keepLocally, 0);
      }
      if (isStopped.current) return;
      // Same state object while already pending: typing does not re-render the editor.
      store.set((current) => (current.kind === "offline" || current.kind === "pending" ? current : { kind: "pending" }));
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void saveNow(), SAVE_DELAY_MS);
    });
    // Closing the tab: what is being typed in a cell counts too.
    const flush = () => {
      session.commitDraft();
      keepLocally();
    };
    const onOnline = () => void saveNow();
    window.addEventListener("pagehide", flush);
    window.addEventListener("online", onOnline);
    return () => {
      flush();
      unsubscribe();
      window.removeEventListener("pagehide", flush);
      window.removeEventListener("online", onOnline);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [reportId, saveNow, session, store]);

  /** After staff chose to keep the server's version, or restored a revision: start over from it. */
  const resetTo = useCallback(
    (revision: number, savedAt: Date) => {
      baseRevision.current = revision;
      confirmedVersion.current = session.version;
      isStopped.current = false;
      store.set({ kind: "saved", at: savedAt, refusedEntries: 0 });
    },
    [session, store],
  );

  return { store, saveNow, resetTo };
}
