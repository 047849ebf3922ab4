import { LRUCache } from "lru-cache";
import type { TReport } from "@/lib/report/report-schema";

/**
 * Reports this process has already read or written, by row and revision. A save reads the stored
 * report, the year before and the version it joins; without this each is fetched, parsed by the
 * driver and checked by the schema again on every keystroke's save.
 *
 * A key names one immutable state: the row's id, its revision and the time that revision was
 * written (backups are restored only into an empty store, so an id's revision means one content).
 * Values are copies, and copies are handed out, so no caller can change what another reads.
 */
const cache = new LRUCache<string, TReport>({ max: 256 });

export const reportRowKey = (row: { id: string; revision: number; updatedAt: Date }): string =>
  `report:${row.id}:${row.revision}:${row.updatedAt.getTime()}`;

export const versionRowKey = (reportId: string, row: { version: number; revision: number; savedAt: Date }): string =>
  `version:${reportId}:${row.version}:${row.revision}:${row.savedAt.getTime()}`;

export function cachedReport(key: string): TReport | null {
  const report = cache.get(key);
  return report === undefined ? null : structuredClone(report);
}

export function rememberReport(key: string, report: TReport): void {
  cache.set(key, structuredClone(report));
}
