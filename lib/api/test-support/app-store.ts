import { afterAll, beforeAll, describe, it } from "vitest";
import type { ReportStore, StoreEngine } from "@/lib/store/report-store";
import { type AppStoreCase, openAppStore } from "./app-store-place";

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

/** A route test's view of its store: opened before the suite's own `beforeAll` runs. */
export type AppOnEngine = { readonly engine: StoreEngine; readonly store: ReportStore };

/**
 * A route suite on each engine: a fresh store opened before its tests and released after; the
 * PostgreSQL run is skipped with its reason when no server answers (never in CI).
 */
export function describeOnEachEngine(cases: readonly AppStoreCase[], title: string, body: (app: AppOnEngine) => void): void {
  describe.each(cases)(`${title}（$engine）`, ({ engine, unavailable }) => {
    if (unavailable !== null && !process.env.CI) {
      it.skip(`跳过：无法连接 PostgreSQL（${unavailable}）`, () => undefined);
      return;
    }
    let opened: Awaited<ReturnType<typeof openAppStore>> | undefined;
    const app: AppOnEngine = {
      engine,
      get store() {
        if (!opened) throw new Error("the store is opened in beforeAll");
        return opened.store;
      },
    };
    beforeAll(async () => {
      opened = await openAppStore(engine);
      // Opening runs the migrations: slow on a loaded machine, never a finding.
    }, 180_000);
    afterAll(async () => opened?.release());
    body(app);
  });
}
