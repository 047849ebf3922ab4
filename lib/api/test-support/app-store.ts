import { afterAll, beforeAll } from "vitest";
import type { ReportStore } from "@/lib/store/report-store";
import { openAppStore } from "./app-store-place";

export { type AppStoreCase, appStoreCases, openAppStore as useAppStore } from "./app-store-place";

/**
 * For a test file on the embedded store only: a fresh store for its tests, `prepare` run on it
 * once, released afterwards. The returned folder's path is set before the tests run.
 */
export function withTemporaryAppStore(prepare: (store: ReportStore) => Promise<void> = async () => undefined) {
  const folder = { path: "" };
  let release: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const opened = await openAppStore("pglite");
    release = opened.release;
    folder.path = process.env.DATA_DIR ?? "";
    await prepare(opened.store);
  }, 60_000);
  afterAll(async () => {
    await release?.();
  });
  return folder;
}
