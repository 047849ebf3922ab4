// Tests only: the route handlers use the app's own store; each test file gets a fresh embedded one.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { getReportStore, type ReportStore } from "@/lib/store/report-store";

/**
 * Points the app's store at a new temporary data folder for this file's tests, runs `prepare`
 * on it once, and removes it afterwards. Returns the folder's path (set before the tests run).
 */
export function withTemporaryAppStore(prepare: (store: ReportStore) => Promise<void> = async () => undefined) {
  const folder = { path: "" };
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  beforeAll(async () => {
    folder.path = await mkdtemp(path.join(os.tmpdir(), "nianbaotong-routes-"));
    process.env.DATA_DIR = folder.path;
    process.env.DATABASE_URL = "";
    await prepare(await getReportStore());
  }, 60_000);
  afterAll(async () => {
    await (await getReportStore()).close();
    process.env.DATA_DIR = saved.DATA_DIR;
    process.env.DATABASE_URL = saved.DATABASE_URL;
    await rm(folder.path, { recursive: true, force: true });
  });
  return folder;
}
