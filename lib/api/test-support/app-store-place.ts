// Tests and benchmarks only: the route handlers read the app's store from the environment; point it
// at a fresh PGlite folder or a scratch database on the PostgreSQL server, so handlers run on both engines.
// Without vitest, so that a benchmark run by tsx can use it too.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { getReportStore, type ReportStore, type StoreEngine } from "@/lib/store/report-store";
import { createScratchDatabase, probePostgres, testDatabaseUrl } from "@/lib/store/test-support/scratch-database";

export type AppStoreCase = { engine: StoreEngine; unavailable: string | null };

/** Both engines; the server one carries why it cannot be reached (skipped then, except in CI). */
export async function appStoreCases(): Promise<AppStoreCase[]> {
  return [
    { engine: "pglite", unavailable: null },
    { engine: "postgres", unavailable: await probePostgres(testDatabaseUrl()) },
  ];
}

/** Points DATA_DIR / DATABASE_URL at a fresh store of `engine`; `release` closes it and puts the environment back. */
export async function openAppStore(engine: StoreEngine): Promise<{ store: ReportStore; release(): Promise<void> }> {
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  let dispose: () => Promise<void>;
  if (engine === "pglite") {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "nianbaotong-routes-"));
    process.env.DATA_DIR = dataDir;
    process.env.DATABASE_URL = "";
    dispose = () => rm(dataDir, { recursive: true, force: true });
  } else {
    const scratch = await createScratchDatabase(testDatabaseUrl());
    process.env.DATABASE_URL = scratch.url;
    dispose = scratch.drop;
  }
  const store = await getReportStore();
  return {
    store,
    async release() {
      await store.close();
      await dispose();
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    },
  };
}
