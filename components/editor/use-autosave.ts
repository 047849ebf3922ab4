"use client";

import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { ApiError, callApi, OFFLINE_STATUS } from "@/components/ui/api-client";
import type { EditorSession } from "@/lib/editor/editor-session";
import { jsonEqual } from "@/lib/report/json-equal";
import type { MergeConflict } from "@/lib/report/merge-reports";
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
  | {
      kind: "conflict";
      message: string;
      serverRevision: number;
      /** The fields and cells changed both here and elsewhere; empty when the save could not be merged at all. */
      conflicts: readonly MergeConflict[];
      /** The report as stored now (the other side of each conflict). */
      current: TReport | null;
    };

/** What the browser keeps until the server confirms it: the whole report and any refused typing. */
export type LocalCopy = {
  baseRevision: number;
  savedAt: string;
  report: TReport;
  /** Texts that are not figures, by cell id or numeric field path. */
  rejectedTexts: Record<string, string>;
  /** Saves the page had sent without seeing their answers: any of them stored is the copy's base too. */
  ownSaved?: TReport[];
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

type MergeModule = typeof import("@/lib/report/merge-reports");

/**
 * The three-way merge is fetched when a save first meets changes made elsewhere (the server's
 * merged answer, or a conflict), not with the page: most pages never need it. A failed fetch is
 * the server out of reach, and the save is retried as for a failed request.
 */
let mergeModule: Promise<MergeModule> | null = null;
let loadedMerge: MergeModule | null = null;
function loadMerge(): Promise<MergeModule> {
  mergeModule ??= import("@/lib/report/merge-reports").then(
    (module) => {
      loadedMerge = module;
      return module;
    },
    () => {
      mergeModule = null;
      throw new ApiError("无法连接服务器", OFFLINE_STATUS, null);
    },
  );
  return mergeModule;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

const localKey = (reportId: string) => `nianbaotong:report:${reportId}`;
/** A copy found on opening that staff have not yet chosen to restore or discard: the page's own backups never overwrite it. */
const heldKey = (reportId: string) => `nianbaotong:report:${reportId}:held`;

/** The copy waiting for staff's choice, else the last page's unsaved copy. */
export async function readLocalCopy(reportId: string): Promise<LocalCopy | null> {
  return (await readCopyAt(heldKey(reportId))) ?? readCopyAt(localKey(reportId));
}

/** Keeps a copy found on opening apart until staff choose, so editing on does not overwrite it. */
export function holdLocalCopy(reportId: string, copy: LocalCopy): void {
  try {
    window.localStorage.setItem(heldKey(reportId), JSON.stringify(copy));
    window.localStorage.removeItem(localKey(reportId));
  } catch {
    // Storage may be disabled: the copy stays where it was.
  }
}

/** Staff chose (restored or discarded): the held copy goes. */
export function removeHeldCopy(reportId: string): void {
  try {
    window.localStorage.removeItem(heldKey(reportId));
  } catch {
    // Storage may be disabled; nothing to remove then.
  }
}

async function readCopyAt(key: string): Promise<LocalCopy | null> {
  try {
    const text = window.localStorage.getItem(key);
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

/**
 * Removes the page's copy only when it holds what the server acknowledged (`saved`): a save of
 * other content (another page's, or an older state) never deletes typing the server lacks.
 */
function removeAcknowledgedCopy(reportId: string, saved: readonly TReport[]): void {
  try {
    const text = window.localStorage.getItem(localKey(reportId));
    if (!text) return;
    const copy = JSON.parse(text) as LocalCopy;
    if (Object.keys(copy.rejectedTexts ?? {}).length > 0) return;
    if (saved.some((report) => jsonEqual(copy.report, report))) window.localStorage.removeItem(localKey(reportId));
  } catch {
    // Unreadable: left alone.
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

type SaveResponse = { status: "saved" | "unchanged"; stored: { revision: number; updatedAt: string; report: TReport } };
type ConflictBody = { current?: { revision?: number; report?: TReport }; conflicts?: MergeConflict[] };

/** Unanswered saves remembered: a save on its way and one or two sent on leaving. */
const MAX_UNANSWERED = 3;

const withUnanswered = (list: readonly TReport[], report: TReport): TReport[] =>
  [...list.filter((own) => !jsonEqual(own, report)), report].slice(-MAX_UNANSWERED);

/** A keepalive request's body may not exceed 64 KB (the browser refuses a larger one). */
const KEEPALIVE_MAX_BYTES = 60_000;

/**
 * `mine` (what the page holds now) with the changes stored elsewhere since `sent` (what the page
 * last sent) taken in; where both changed the same field or cell, the page's newer typing stays.
 */
function takeInChanges({ mergeReports, withValueAt }: MergeModule, sent: TReport, mine: TReport, stored: TReport): TReport {
  const { merged, conflicts } = mergeReports(sent, mine, stored);
  return conflicts.reduce((report, conflict) => withValueAt(report, conflict.path, conflict.mine), merged);
}

/**
 * Saves the session to the server shortly after each change, and keeps every change in
 * the browser until the server has confirmed it, so a closed tab, a crash or a server
 * that is down never loses typing. A save made on a stale revision is merged by the server
 * with what was stored since; only the same field or cell changed on both sides stops
 * autosave until staff choose. Leaving the page (reload, close, hidden) sends what is unsaved
 * with a request that outlives the page.
 */
export function useAutosave(
  session: EditorSession,
  reportId: string,
  initial: { revision: number; savedAt: Date; report: TReport },
  /** Changes saved elsewhere and merged by the server: the page shows them (the form follows the session). */
  onMerged: (report: TReport) => void,
) {
  const [store] = useState(() => new SaveStateStore({ kind: "saved", at: initial.savedAt, refusedEntries: 0 }));
  /** The revision the page's content is based on, and that revision's report (the base of a merge). */
  const acknowledged = useRef({ revision: initial.revision, report: initial.report });
  /** Saves of the page's own whose answers it has not seen (sent on leaving, or still on their way). */
  const unanswered = useRef<TReport[]>([]);
  const confirmedVersion = useRef(session.version);
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const isStopped = useRef(false);
  const onMergedRef = useRef(onMerged);
  onMergedRef.current = onMerged;

  const saveBody = useCallback(
    (report: TReport, withBase: boolean) => ({
      baseRevision: acknowledged.current.revision,
      report,
      ...(withBase ? { base: acknowledged.current.report } : {}),
      ...(unanswered.current.length > 0 ? { ownSaved: unanswered.current } : {}),
    }),
    [],
  );

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
    const sent = parsed.data;
    const put = (withBase: boolean) => {
      const request = callApi<SaveResponse>(`/api/reports/${reportId}`, { method: "PUT", json: saveBody(sent, withBase) });
      // Until its answer comes, this save is the page's own unanswered one (leaving sends on top of it).
      unanswered.current = withUnanswered(unanswered.current, sent);
      return request;
    };
    try {
      let response: SaveResponse;
      try {
        response = await put(false);
      } catch (error) {
        // Stored elsewhere since (another page, or a save of this page's own it left unanswered): merge.
        const body = error instanceof ApiError && error.status === 409 ? (error.body as ConflictBody | null) : null;
        if (!body || (body.conflicts?.length ?? 0) > 0) throw error;
        response = await put(true);
      }
      const { stored } = response;
      // Merged with changes made elsewhere: the merge code first, before the page counts this revision as its base.
      const merge = jsonEqual(stored.report, sent) ? null : await loadMerge();
      acknowledged.current = { revision: stored.revision, report: stored.report };
      unanswered.current = [];
      confirmedVersion.current = version;
      if (merge) {
        // Merged with changes made elsewhere: the page takes them in, keeping what was typed meanwhile.
        const next = takeInChanges(merge, sent, session.getReport(), stored.report);
        if (!jsonEqual(next, session.getReport())) onMergedRef.current(next);
        if (jsonEqual(next, stored.report)) confirmedVersion.current = session.version;
      }
      const refusedEntries = Object.keys(session.getRejectedTexts()).length;
      removeAcknowledgedCopy(reportId, [sent, stored.report]);
      // A change made while this save was on its way is not saved yet: never show 已保存 for it.
      store.set(
        session.version === confirmedVersion.current
          ? { kind: "saved", at: new Date(stored.updatedAt), refusedEntries }
          : { kind: "pending" },
      );
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        isStopped.current = true;
        const body = error.body as ConflictBody | null;
        // Settling the conflict merges: ready before it is shown (without it, staff still have the other two choices).
        await loadMerge().catch(() => undefined);
        store.set({
          kind: "conflict",
          message: error.message,
          serverRevision: body?.current?.revision ?? 0,
          conflicts: body?.conflicts ?? [],
          current: body?.current?.report ?? null,
        });
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
  }, [reportId, saveBody, session, store]);

  /**
   * Leaving (reload, close, the tab hidden, another page of the app): what is unsaved goes now, in a
   * request the browser completes after the page is gone. A save still on its way counts as the
   * page's own, so the server takes this one on top of it. The browser copy stays until acknowledged.
   */
  const sendOnLeaving = useCallback(() => {
    session.commitDraft();
    if (isStopped.current || session.version === confirmedVersion.current) return;
    const report = session.getReport();
    if (unanswered.current.some((own) => jsonEqual(own, report))) return;
    const small = JSON.stringify(saveBody(report, false));
    const withBase = JSON.stringify(saveBody(report, true));
    const body = new Blob([withBase]).size <= KEEPALIVE_MAX_BYTES ? withBase : small;
    if (new Blob([body]).size > KEEPALIVE_MAX_BYTES) return;
    try {
      void fetch(`/api/reports/${reportId}`, {
        method: "PUT",
        keepalive: true,
        headers: { "content-type": "application/json" },
        body,
      }).catch(() => undefined);
      unanswered.current = withUnanswered(unanswered.current, report);
    } catch {
      // Refused by the browser: the browser copy keeps the typing.
    }
  }, [reportId, saveBody, session]);

  useEffect(() => {
    let backupPending = false;
    const keepLocally = (always = false) => {
      if (!backupPending && !always) return;
      backupPending = false;
      writeLocalCopy(reportId, {
        baseRevision: acknowledged.current.revision,
        savedAt: new Date().toISOString(),
        report: session.getReport(),
        rejectedTexts: session.getRejectedTexts(),
        ownSaved: unanswered.current,
      });
    };
    const onChange = () => {
      // Kept locally as soon as the browser is idle (within 300 ms), never delaying the keystroke's paint.
      if (!backupPending) {
        backupPending = true;
        if ("requestIdleCallback" in window) window.requestIdleCallback(() => keepLocally(), { timeout: 300 });
        else setTimeout(() => keepLocally(), 0);
      }
      if (isStopped.current) return;
      // Same state object while already pending: typing does not re-render the editor.
      store.set((current) => (current.kind === "offline" || current.kind === "pending" ? current : { kind: "pending" }));
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void saveNow(), SAVE_DELAY_MS);
    };
    const unsubscribe = session.subscribe(onChange);
    // Changed before this listened: what was typed in the table before the page was hydrated, taken in
    // by the cells as they mounted (their effects run before this one). Saved like any change.
    if (session.version !== confirmedVersion.current) onChange();
    // Closing the tab: what is being typed in a cell counts too.
    const leave = () => {
      session.commitDraft();
      keepLocally(session.version !== confirmedVersion.current);
      sendOnLeaving();
    };
    const onHidden = () => {
      if (document.visibilityState === "hidden") leave();
    };
    const onOnline = () => void saveNow();
    window.addEventListener("pagehide", leave);
    document.addEventListener("visibilitychange", onHidden);
    window.addEventListener("online", onOnline);
    return () => {
      leave();
      unsubscribe();
      window.removeEventListener("pagehide", leave);
      document.removeEventListener("visibilitychange", onHidden);
      window.removeEventListener("online", onOnline);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [reportId, saveNow, sendOnLeaving, session, store]);

  /** After staff chose to keep the server's version, settled a conflict, or restored a revision: start over from it. */
  const resetTo = useCallback(
    (revision: number, savedAt: Date, report: TReport, options: { isSaved: boolean } = { isSaved: true }) => {
      acknowledged.current = { revision, report };
      unanswered.current = [];
      confirmedVersion.current = options.isSaved ? session.version : -1;
      isStopped.current = false;
      store.set(options.isSaved ? { kind: "saved", at: savedAt, refusedEntries: 0 } : { kind: "pending" });
      if (!options.isSaved) void saveNow();
    },
    [saveNow, session, store],
  );

  /**
   * The report with each conflict settled as staff chose (`true`: this page's value), every change
   * made on either side without a conflict taken in; null without a conflict to settle.
   */
  const settleConflicts = useCallback(
    (keepMine: readonly boolean[]): { report: TReport; current: TReport; revision: number } | null => {
      const state = store.get();
      if (state.kind !== "conflict" || !state.current || !loadedMerge) return null;
      const { mergeReports, withValueAt } = loadedMerge;
      const { merged, conflicts } = mergeReports(acknowledged.current.report, session.getReport(), state.current);
      const report = conflicts.reduce((result, conflict) => {
        const index = state.conflicts.findIndex((shown) => jsonEqual(shown.path, conflict.path));
        return keepMine[index] === false ? result : withValueAt(result, conflict.path, conflict.mine);
      }, merged);
      return { report, current: state.current, revision: state.serverRevision };
    },
    [session, store],
  );

  return { store, saveNow, resetTo, settleConflicts };
}
