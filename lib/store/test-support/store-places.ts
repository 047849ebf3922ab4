// Tests only: where a test's store lives — a fresh PGlite folder, or a scratch database on the server.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { openReportStore, type ReportStore, type StoreEngine } from "../report-store";
import { createScratchDatabase, probePostgres, testDatabaseUrl } from "./scratch-database";

export type StorePlace = { open(): Promise<ReportStore>; dispose(): Promise<void> };

export async function pglitePlace(): Promise<StorePlace> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "nianbaotong-store-"));
  return { open: () => openReportStore({ dataDir }), dispose: () => rm(dataDir, { recursive: true, force: true }) };
}

export async function postgresPlace(): Promise<StorePlace> {
  const scratch = await createScratchDatabase(testDatabaseUrl());
  return { open: () => openReportStore({ databaseUrl: scratch.url }), dispose: scratch.drop };
}

export const storePlaces: Record<StoreEngine, () => Promise<StorePlace>> = { pglite: pglitePlace, postgres: postgresPlace };

/** Both engines; the server one carries why it cannot be reached (skipped then, except in CI). */
export async function storePlaceCases(): Promise<
  { engine: StoreEngine; place: () => Promise<StorePlace>; unavailable: string | null }[]
> {
  const unavailable = await probePostgres(testDatabaseUrl());
  return [
    { engine: "pglite", place: pglitePlace, unavailable: null },
    { engine: "postgres", place: postgresPlace, unavailable },
  ];
}
