import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startFromLastYear } from "@/lib/report/carry-forward";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { checkReport, countBySeverity } from "@/lib/report/check-report";
import type { TReport } from "@/lib/report/report-schema";
import { migrationsFolder, type DatabaseOptions } from "./database";
import {
  getReportStore,
  MAX_REPORT_BYTES,
  openReportStore,
  parseReportPayload,
  ReportPayloadError,
  ReportValidationError,
  type ReportStore,
  type StoreEngine,
} from "./report-store";
import { createScratchDatabase, probePostgres, testDatabaseUrl } from "./scratch-database";

const DAY_MS = 86_400_000;
const CELL = "s3.new.natural_person";

const serverUrl = testDatabaseUrl();
const serverProblem = await probePostgres(serverUrl);
if (serverProblem && !process.env.CI) {
  console.warn(`跳过 PostgreSQL 存储测试：无法连接 ${serverUrl}（${serverProblem}）；设置 TEST_DATABASE_URL 指向可用的服务器即可运行`);
}

/** Where one store lives: a fresh PGlite folder, or a scratch database on the server. */
type Location = { options: DatabaseOptions; dispose(): Promise<void> };
type EngineCase = { engine: StoreEngine; unavailable: string | null; newLocation(): Promise<Location> };

async function newPgliteLocation(): Promise<Location> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "nianbaotong-store-"));
  return { options: { dataDir }, dispose: () => rm(dataDir, { recursive: true, force: true }) };
}

async function newPostgresLocation(): Promise<Location> {
  const scratch = await createScratchDatabase(serverUrl);
  return { options: { databaseUrl: scratch.url }, dispose: scratch.drop };
}

const engineCases: EngineCase[] = [
  { engine: "pglite", unavailable: null, newLocation: newPgliteLocation },
  { engine: "postgres", unavailable: serverProblem, newLocation: newPostgresLocation },
];

// Fresh PGlite folders run initdb in WebAssembly: seconds, not milliseconds.
const SLOW = 60_000;

// As published, narrative included: without its text a report is incomplete (structure.section_empty).
const seeds = publishedSeedReports().map((seed) => seed.report);
const seed001 = () => structuredClone(seeds[1]!);

function withCell(report: TReport, value: number): TReport {
  const changed = structuredClone(report);
  changed.ledger[CELL] = value;
  return changed;
}

async function rawRows(store: ReportStore, query: SQL): Promise<Record<string, unknown>[]> {
  return (await store.db.execute(query)).rows;
}

async function count(store: ReportStore, table: "reports" | "report_revisions"): Promise<number> {
  const [row] = await rawRows(store, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`);
  return Number(row?.n);
}

async function rejection(promise: Promise<unknown>): Promise<ReportPayloadError> {
  const error: unknown = await promise.then(
    () => new Error("expected the store to refuse the report"),
    (reason: unknown) => reason,
  );
  if (error instanceof ReportPayloadError) return error;
  throw error;
}

const migrationCount = (): number =>
  (JSON.parse(readFileSync(path.join(migrationsFolder(), "meta/_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;

async function appliedMigrations(store: ReportStore): Promise<number> {
  const [row] = await rawRows(store, sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
  return Number(row?.n);
}

describe.each(engineCases)("报告存储（$engine）", ({ engine, unavailable, newLocation }) => {
  if (unavailable !== null) {
    if (process.env.CI) {
      it("CI 中必须能连接 PostgreSQL 服务器", () => {
        throw new Error(`无法连接 ${serverUrl}：${unavailable}（CI 不跳过 PostgreSQL 存储测试）`);
      });
    } else {
      it.skip(`跳过：无法连接 ${serverUrl}（${unavailable}）`, () => undefined);
    }
    return;
  }

  let location: Location | undefined;
  let store: ReportStore;

  beforeAll(async () => {
    location = await newLocation();
    store = await openReportStore(location.options);
  }, SLOW);

  afterAll(async () => {
    await store?.close();
    await location?.dispose();
  });

  beforeEach(async () => {
    await store.db.execute(sql`TRUNCATE report_revisions, reports`);
  });

  it("opens on the expected engine", () => {
    expect(store.engine).toBe(engine);
  });

  it("creates a report at revision 1 and reads back the parsed report", async () => {
    const created = await store.createReport({ formatVersion: "2021", info: { agencyName: "  湘潭县人民政府 ", year: 2025 } });
    expect(created.revision).toBe(1);
    expect(created.report.info.agencyName).toBe("湘潭县人民政府");
    expect(created.report.narrative.overview.topics.length).toBeGreaterThan(0); // schema defaults applied
    expect(created.deletedAt).toBeNull();
    expect(await store.getReport(created.id)).toEqual(created);

    const report = seed001();
    const stored = await store.createReport(report);
    expect(stored).toMatchObject({ agencyName: "湘潭县人民政府", year: 2025, revision: 1, report });
    expect(await store.getReport(stored.id)).toEqual(stored);

    // jsonb holds the report as an object, not a JSON string.
    const [row] = await rawRows(
      store,
      sql`SELECT jsonb_typeof(data) AS kind, data->'info'->>'agencyName' AS agency FROM reports WHERE id = ${stored.id}`,
    );
    expect(row).toEqual({ kind: "object", agency: "湘潭县人民政府" });

    const [first] = await store.listRevisions(stored.id);
    expect(first).toMatchObject({ revision: 1, changedSections: ["info", "overview", "problems", "other_matters"] });
    expect(first?.changedCells).toContain(CELL);
    expect((await store.getRevision(stored.id, 1))?.report).toEqual(report);
  });

  it("saves on the current revision: revision 2 with the changed cells and sections", async () => {
    const created = await store.createReport(seed001());
    expect(created.errorCount).toBe(0);
    const changed = withCell(created.report, 99_999);
    changed.narrative.problems.body = "部分栏目更新不及时，已建立月度检查制度。";

    const result = await store.saveReport(created.id, 1, changed);
    expect(result.status).toBe("saved");
    if (result.status !== "saved") return;
    expect(result.stored.revision).toBe(2);
    expect(result.stored.report).toEqual(changed);
    expect(result.stored.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
    // Counts come from the rule engine at save time: the new figure unbalances 表三.
    const { errors, warnings } = countBySeverity(checkReport(changed));
    expect(errors).toBeGreaterThan(0);
    expect(result.stored).toMatchObject({ errorCount: errors, warningCount: warnings });

    expect(await store.getReport(created.id)).toEqual(result.stored);
    const revisions = await store.listRevisions(created.id);
    expect(revisions.map((revision) => revision.revision)).toEqual([2, 1]);
    expect(revisions[0]).toMatchObject({ changedCells: [CELL], changedSections: ["problems"] });
    expect(revisions[0]?.savedAt).toEqual(result.stored.updatedAt);
    expect((await store.getRevision(created.id, 2))?.report).toEqual(changed);
  });

  it("refuses a save on a stale revision and keeps the first writer's data", async () => {
    const created = await store.createReport(seed001());
    const first = await store.saveReport(created.id, 1, withCell(created.report, 111));
    expect(first.status).toBe("saved");

    const second = await store.saveReport(created.id, 1, withCell(created.report, 222));
    expect(second.status).toBe("conflict");
    if (second.status !== "conflict") return;
    expect(second.current.revision).toBe(2);
    expect(second.current.report.ledger[CELL]).toBe(111);

    const rows = await rawRows(
      store,
      sql`SELECT revision, (data->'ledger'->>${CELL})::int AS cell FROM reports WHERE id = ${created.id}`,
    );
    expect(rows).toEqual([{ revision: 2, cell: 111 }]);
    expect(await count(store, "report_revisions")).toBe(2);
  });

  it("lets exactly one of two simultaneous saves on the same revision through", async () => {
    const created = await store.createReport(seed001());
    const results = await Promise.all([
      store.saveReport(created.id, 1, withCell(created.report, 1)),
      store.saveReport(created.id, 1, withCell(created.report, 2)),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["conflict", "saved"]);
    const winner = results.find((result) => result.status === "saved");
    const [row] = await rawRows(store, sql`SELECT revision, (data->'ledger'->>${CELL})::int AS cell FROM reports`);
    expect(row).toEqual({ revision: 2, cell: winner?.status === "saved" ? winner.stored.report.ledger[CELL] : null });
    expect(await count(store, "report_revisions")).toBe(2);
  });

  it("does not bump the revision when the data is unchanged", async () => {
    const report = seed001();
    delete report.ledger[CELL];
    const created = await store.createReport(report);
    const same = structuredClone(created.report);
    same.ledger[CELL] = null; // null and a missing cell are both blank
    const result = await store.saveReport(created.id, 1, same);
    expect(result).toEqual({ status: "unchanged", stored: created });
    expect(await count(store, "report_revisions")).toBe(1);
    expect((await store.getReport(created.id))?.updatedAt).toEqual(created.updatedAt);
  });

  it("refuses a malformed report with a Chinese message and stores nothing", async () => {
    const created = await store.createReport(seed001());
    const badCell = { ...seed001(), ledger: { ...seed001().ledger, [CELL]: "abc" } };
    const unknownCell = { ...seed001(), ledger: { ...seed001().ledger, "s3.unknown.total": 1 } };

    const cellError = await rejection(store.createReport(badCell));
    expect(cellError).toBeInstanceOf(ReportValidationError);
    expect(cellError.status).toBe(400);
    expect(cellError.message).toMatch(/^不符合报告格式：表三.*（s3\.new\.natural_person）：/);
    expect(await rejection(store.createReport(unknownCell))).toBeInstanceOf(ReportValidationError);
    expect(await rejection(store.createReport({ info: { agencyName: "", year: 2025 } }))).toBeInstanceOf(
      ReportValidationError,
    );
    expect(await rejection(store.saveReport(created.id, 1, badCell))).toBeInstanceOf(ReportValidationError);

    expect(await count(store, "reports")).toBe(1);
    expect(await count(store, "report_revisions")).toBe(1);
    expect(await store.getReport(created.id)).toEqual(created);
  });

  it("refuses a payload over 1 MB with status 413 and stores nothing", async () => {
    const huge = seed001();
    huge.narrative.problems.body = "问".repeat(40_000);
    huge.narrative.overview.topics = huge.narrative.overview.topics.map((topic) => ({ ...topic, body: "政".repeat(50_000) }));
    while (huge.narrative.overview.topics.length < 10) huge.narrative.overview.topics.push({ title: "其他", body: "务".repeat(50_000), carriedFromLastYear: false });
    const text = JSON.stringify(huge);
    expect(Buffer.byteLength(text)).toBeGreaterThan(MAX_REPORT_BYTES);

    expect(() => parseReportPayload(text)).toThrow(expect.objectContaining({ status: 413 }));
    const error = await rejection(store.createReport(huge));
    expect(error.status).toBe(413);
    expect(error.message).toMatch(/^报告数据过大/);
    expect(await count(store, "reports")).toBe(0);
  });

  it("soft-deletes, lists deleted reports, restores, and purges after 30 days", async () => {
    const kept = await store.createReport(seeds[0]);
    const removed = await store.createReport(seed001());

    expect(await store.deleteReport(removed.id)).toBe(true);
    expect(await store.deleteReport(removed.id)).toBe(false);
    expect(await store.getReport(removed.id)).toBeNull();
    expect(await store.saveReport(removed.id, 1, seed001())).toEqual({ status: "not_found" });
    expect(await store.listRevisions(removed.id)).toEqual([]);
    expect((await store.listReports()).map((summary) => summary.id)).toEqual([kept.id]);
    const deleted = await store.listReports({ deleted: true });
    expect(deleted.map((summary) => summary.id)).toEqual([removed.id]);
    expect(deleted[0]?.deletedAt).toBeInstanceOf(Date);

    expect(await store.restoreReport(removed.id)).toBe(true);
    expect(await store.restoreReport(removed.id)).toBe(false);
    expect(await store.getReport(removed.id)).toEqual(removed);
    expect(await store.listReports({ deleted: true })).toEqual([]);

    expect(await store.deleteReport(removed.id)).toBe(true);
    const now = Date.now();
    expect(await store.purgeDeleted(new Date(now + 29 * DAY_MS))).toBe(0);
    expect(await store.purgeDeleted(new Date(now + 31 * DAY_MS))).toBe(1);
    expect(await rawRows(store, sql`SELECT revision FROM report_revisions WHERE report_id = ${removed.id}`)).toEqual([]);
    expect(await store.restoreReport(removed.id)).toBe(false);
    expect(await store.getReport(kept.id)).toEqual(kept);
  });

  it("neither lists nor restores a report deleted more than 30 days ago", async () => {
    const created = await store.createReport(seed001());
    await store.deleteReport(created.id);
    await store.db.execute(sql`UPDATE reports SET deleted_at = now() - interval '31 days' WHERE id = ${created.id}`);
    expect(await store.listReports({ deleted: true })).toEqual([]);
    expect(await store.restoreReport(created.id)).toBe(false);
    expect(await store.purgeDeleted()).toBe(1);
    expect(await count(store, "report_revisions")).toBe(0);
  });

  it("lists summaries with the rule counts, newest updated first", async () => {
    const created: { id: string; report: TReport }[] = [];
    for (const report of seeds) created.push(await store.createReport(report));
    await new Promise((resolve) => setTimeout(resolve, 5)); // PGlite's clock has millisecond steps
    const touched = created[2]!;
    expect((await store.saveReport(touched.id, 1, withCell(touched.report, 5))).status).toBe("saved");

    const list = await store.listReports();
    expect(list).toHaveLength(seeds.length);
    expect(list[0]?.id).toBe(touched.id);
    const times = list.map((summary) => summary.updatedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(list[0]).not.toHaveProperty("report");

    const seed003 = list.find((summary) => summary.agencyName === "怀化市鹤城区");
    // Two balance errors and its 表二, which the published report lacks.
    expect(seed003).toMatchObject({ year: 2025, errorCount: 3 });
    for (const summary of list) {
      const report = summary.id === touched.id ? withCell(touched.report, 5) : created.find((item) => item.id === summary.id)!.report;
      const { errors, warnings } = countBySeverity(checkReport(report));
      expect(summary).toMatchObject({ errorCount: errors, warningCount: warnings });
    }
  });

  it("restores an earlier revision as a new revision", async () => {
    const created = await store.createReport(seed001());
    const saved = await store.saveReport(created.id, 1, withCell(created.report, 7));
    expect(saved.status).toBe("saved");

    const restored = await store.restoreRevision(created.id, 1, 2);
    expect(restored.status).toBe("saved");
    if (restored.status !== "saved") return;
    expect(restored.stored.revision).toBe(3);
    expect(restored.stored.report).toEqual(created.report);
    expect((await store.getRevision(created.id, 3))?.report).toEqual((await store.getRevision(created.id, 1))?.report);
    expect((await store.listRevisions(created.id))[0]).toMatchObject({ revision: 3, changedCells: [CELL], changedSections: [] });

    expect((await store.restoreRevision(created.id, 2, 2)).status).toBe("conflict");
    expect((await store.restoreRevision(created.id, 1, 3)).status).toBe("unchanged");
    expect(await store.restoreRevision(created.id, 99, 3)).toEqual({ status: "not_found" });
    expect(await count(store, "report_revisions")).toBe(3);
  });

  it("counts the cross-year carry-over error when last year's report is stored", async () => {
    await store.createReport(seed001());
    const nextYear = startFromLastYear(seed001());
    nextYear.ledger["s3.carried_over.natural_person"] = 8;
    const created = await store.createReport(nextYear);
    expect(created.errorCount).toBe(countBySeverity(checkReport(nextYear, { previousYear: seed001() })).errors);
    expect(created.errorCount).toBeGreaterThan(countBySeverity(checkReport(nextYear)).errors);
  });

  it("finds the newest non-deleted report of an agency and year", async () => {
    const older = await store.createReport(seed001());
    const newer = await store.createReport(seed001());
    const lastYear = seed001();
    lastYear.info.year = 2024;
    const previous = await store.createReport(lastYear);

    expect((await store.findReport("湘潭县人民政府", 2025))?.id).toBe(newer.id);
    expect((await store.findReport("湘潭县人民政府", 2024))?.id).toBe(previous.id);
    await store.deleteReport(newer.id);
    expect((await store.findReport(" 湘潭县人民政府 ", 2025))?.id).toBe(older.id);
    expect(await store.findReport("湘潭县人民政府", 2023)).toBeNull();
    expect(await store.findReport("湘潭市人民政府", 2025)).toBeNull();
  });

  it("answers unknown and malformed ids without a database error", async () => {
    const created = await store.createReport(seed001());
    const unknown = randomUUID();
    expect(await store.getReport(unknown)).toBeNull();
    expect(await store.getReport("not-a-uuid")).toBeNull();
    expect(await store.saveReport(unknown, 1, seed001())).toEqual({ status: "not_found" });
    expect(await store.saveReport("1; DROP TABLE reports", 1, seed001())).toEqual({ status: "not_found" });
    expect(await store.deleteReport("x")).toBe(false);
    expect(await store.restoreReport(unknown)).toBe(false);
    expect(await store.listRevisions("x")).toEqual([]);
    expect(await store.getRevision(created.id, 0)).toBeNull();
    expect(await store.getRevision(created.id, 2 ** 40)).toBeNull();
    expect(await store.restoreRevision(unknown, 1, 1)).toEqual({ status: "not_found" });
    expect((await store.saveReport(created.id, 1.5, seed001())).status).toBe("conflict");
  });

  it(
    "keeps the data when reopened, and applies each migration once",
    async () => {
      const place = await newLocation();
      try {
        const first = await openReportStore(place.options);
        const created = await first.createReport(seed001());
        const saved = await first.saveReport(created.id, 1, withCell(created.report, 3));
        await first.close();

        const second = await openReportStore(place.options);
        try {
          expect(await second.getReport(created.id)).toEqual(saved.status === "saved" ? saved.stored : null);
          expect((await second.listRevisions(created.id)).map((revision) => revision.revision)).toEqual([2, 1]);
          expect(await appliedMigrations(second)).toBe(migrationCount());
        } finally {
          await second.close();
        }
      } finally {
        await place.dispose();
      }
    },
    SLOW,
  );
});

describe("打开存储", () => {
  it(
    "keeps one store per process from DATA_DIR, refuses a second PGlite on it, and reopens after close",
    async () => {
      const place = await newPgliteLocation();
      vi.stubEnv("DATABASE_URL", "");
      vi.stubEnv("DATA_DIR", place.options.dataDir);
      try {
        const [first, again] = await Promise.all([getReportStore(), getReportStore()]);
        expect(again).toBe(first);
        expect(first.engine).toBe("pglite");
        // A second PGlite on the same folder would corrupt it.
        await expect(openReportStore(place.options)).rejects.toThrow(/已在本进程中打开/);
        const created = await first.createReport(seed001());
        await first.close();
        const reopened = await getReportStore();
        expect(reopened).not.toBe(first);
        expect((await reopened.getReport(created.id))?.revision).toBe(1);
        await reopened.close();
      } finally {
        vi.unstubAllEnvs();
        await place.dispose();
      }
    },
    SLOW,
  );

  it.skipIf(serverProblem !== null)(
    "migrates a new PostgreSQL database once when two processes open it at the same time",
    async () => {
      const place = await newPostgresLocation();
      try {
        const stores = await Promise.all([openReportStore(place.options), openReportStore(place.options)]);
        expect(await appliedMigrations(stores[0])).toBe(migrationCount());
        await Promise.all(stores.map((store) => store.close()));
      } finally {
        await place.dispose();
      }
    },
    SLOW,
  );
});
