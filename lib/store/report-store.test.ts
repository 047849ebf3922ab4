import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { checkReport, countBySeverity } from "@/lib/checks/check-report";
import { startFromLastYear } from "@/lib/report/carry-forward";
import type { TReport } from "@/lib/report/report-schema";
import { type DatabaseOptions, migrationsFolder } from "./database";
import {
  DuplicateReportError,
  getReportStore,
  MAX_REPORT_BYTES,
  openReportStore,
  ReportPayloadError,
  type ReportStore,
  ReportValidationError,
  type StoreEngine,
} from "./report-store";
import { createScratchDatabase, probePostgres, testDatabaseUrl } from "./test-support/scratch-database";

const DAY_MS = 86_400_000;
const CELL = "s3.new.natural_person";

const serverUrl = testDatabaseUrl();
const serverProblem = await probePostgres(serverUrl);
if (serverProblem && !process.env.CI) {
  console.warn(
    `跳过 PostgreSQL 存储测试：无法连接 ${serverUrl}（${serverProblem}）；设置 TEST_DATABASE_URL 指向可用的服务器即可运行`,
  );
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
const SLOW = 180_000;

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
  (JSON.parse(readFileSync(path.join(migrationsFolder(), "meta/_journal.json"), "utf8")) as { entries: unknown[] }).entries
    .length;

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
  /** Moves the store's clock, for the sittings versions are grouped by. */
  let clockOffset = 0;

  beforeAll(async () => {
    location = await newLocation();
    store = await openReportStore({ ...location.options, now: () => new Date(Date.now() + clockOffset) });
  }, SLOW);

  afterAll(async () => {
    await store?.close();
    await location?.dispose();
  });

  beforeEach(async () => {
    clockOffset = 0;
    await store.db.execute(sql`TRUNCATE report_revisions, reports CASCADE`);
  });

  it("opens on the expected engine", () => {
    expect(store.engine).toBe(engine);
  });

  it("creates a report at revision 1 and reads back the parsed report", async () => {
    const created = await store.createReport({ formatVersion: "2021", info: { agencyName: "  湘潭县财政局 ", year: 2025 } });
    expect(created.revision).toBe(1);
    expect(created.report.info.agencyName).toBe("湘潭县财政局");
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

    const [first] = await store.listVersions(stored.id);
    expect(first).toMatchObject({
      version: 1,
      kind: "create",
      changedSections: ["info", "overview", "problems", "other_matters"],
    });
    expect(first?.changedCells).toContain(CELL);
    expect((await store.getVersion(stored.id, 1))?.report).toEqual(report);
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
    const revisions = await store.listVersions(created.id);
    expect(revisions.map((revision) => revision.version)).toEqual([2, 1]);
    expect(revisions[0]).toMatchObject({ kind: "edit", changedCells: [CELL], changedSections: ["problems"] });
    expect(revisions[0]?.savedAt).toEqual(result.stored.updatedAt);
    expect((await store.getVersion(created.id, 2))?.report).toEqual(changed);
  });

  it("hands out copies: changing a report read or saved changes neither what is stored nor the next read", async () => {
    const created = await store.createReport(seed001());
    const figure = created.report.ledger[CELL];
    const read = (await store.getReport(created.id))!;
    read.report.ledger[CELL] = 424_242;
    created.report.ledger[CELL] = 434_343;
    expect((await store.getReport(created.id))?.report.ledger[CELL]).toBe(figure);

    const changed = withCell(read.report, 7);
    const result = await store.saveReport(created.id, 1, changed);
    if (result.status !== "saved") throw new Error(result.status);
    changed.ledger[CELL] = 8;
    result.stored.report.ledger[CELL] = 9;
    expect((await store.getReport(created.id))?.report.ledger[CELL]).toBe(7);
    expect((await store.getVersion(created.id, 2))?.report.ledger[CELL]).toBe(7);
    const [row] = await rawRows(store, sql`SELECT data->'ledger'->>${CELL} AS figure FROM reports WHERE id = ${created.id}`);
    expect(row).toEqual({ figure: "7" });
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

  it("merges a stale save given its base: different parts both kept, the same cell a conflict naming both values", async () => {
    const created = await store.createReport(seed001());
    const other = structuredClone(created.report);
    other.narrative.problems.body = "另一页写的五。";
    expect((await store.saveReport(created.id, 1, other)).status).toBe("saved");

    const merged = await store.saveReport(created.id, 1, withCell(created.report, 333), { base: created.report });
    expect(merged.status).toBe("saved");
    if (merged.status !== "saved") return;
    expect(merged.stored.revision).toBe(3);
    expect(merged.stored.report.ledger[CELL]).toBe(333);
    expect(merged.stored.report.narrative.problems.body).toBe("另一页写的五。");

    const clash = await store.saveReport(created.id, 1, withCell(created.report, 444), { base: created.report });
    expect(clash.status).toBe("conflict");
    if (clash.status !== "conflict") return;
    expect(clash.conflicts).toEqual([{ path: ["ledger", CELL], base: created.report.ledger[CELL], mine: 444, theirs: 333 }]);
    expect((await store.getReport(created.id))?.report.ledger[CELL]).toBe(333);
  });

  it("takes a save on a revision its own unanswered save produced as no conflict", async () => {
    const created = await store.createReport(seed001());
    const sent = withCell(created.report, 5);
    expect((await store.saveReport(created.id, 1, sent)).status).toBe("saved");
    const next = withCell(created.report, 6);
    const result = await store.saveReport(created.id, 1, next, { ownSaved: sent });
    expect(result.status).toBe("saved");
    expect((await store.getReport(created.id))?.report.ledger[CELL]).toBe(6);
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
    expect(await rejection(store.createReport({ info: { agencyName: "", year: 2025 } }))).toBeInstanceOf(ReportValidationError);
    expect(await rejection(store.saveReport(created.id, 1, badCell))).toBeInstanceOf(ReportValidationError);

    expect(await count(store, "reports")).toBe(1);
    expect(await count(store, "report_revisions")).toBe(1);
    expect(await store.getReport(created.id)).toEqual(created);
  });

  it("refuses a payload over 1 MB with status 413 and stores nothing", async () => {
    const huge = seed001();
    huge.narrative.problems.body = "问".repeat(40_000);
    huge.narrative.overview.topics = huge.narrative.overview.topics.map((topic) => ({ ...topic, body: "政".repeat(50_000) }));
    while (huge.narrative.overview.topics.length < 10)
      huge.narrative.overview.topics.push({ title: "其他", body: "务".repeat(50_000), carriedFromLastYear: false });
    const text = JSON.stringify(huge);
    expect(Buffer.byteLength(text)).toBeGreaterThan(MAX_REPORT_BYTES);

    const error = await rejection(store.createReport(huge));
    expect(error.status).toBe(413);
    expect(error.message).toMatch(/^提交的数据过大：/);
    expect(await count(store, "reports")).toBe(0);
  });

  it("soft-deletes, lists deleted reports, restores, and purges after 30 days", async () => {
    const kept = await store.createReport(seeds[0]);
    const removed = await store.createReport(seed001());

    expect(await store.deleteReport(removed.id)).toBe(true);
    expect(await store.deleteReport(removed.id)).toBe(false);
    expect(await store.getReport(removed.id)).toBeNull();
    expect(await store.saveReport(removed.id, 1, seed001())).toEqual({ status: "not_found" });
    expect(await store.listVersions(removed.id)).toEqual([]);
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
      const report =
        summary.id === touched.id ? withCell(touched.report, 5) : created.find((item) => item.id === summary.id)!.report;
      const { errors, warnings } = countBySeverity(checkReport(report));
      expect(summary).toMatchObject({ errorCount: errors, warningCount: warnings });
    }
  });

  it("restores an earlier revision as a new revision", async () => {
    const created = await store.createReport(seed001());
    const saved = await store.saveReport(created.id, 1, withCell(created.report, 7));
    expect(saved.status).toBe("saved");

    const restored = await store.restoreVersion(created.id, 1, 2);
    expect(restored.status).toBe("saved");
    if (restored.status !== "saved") return;
    expect(restored.stored.revision).toBe(3);
    expect(restored.stored.report).toEqual(created.report);
    expect((await store.getVersion(created.id, 3))?.report).toEqual((await store.getVersion(created.id, 1))?.report);
    expect((await store.listVersions(created.id))[0]).toMatchObject({
      version: 3,
      kind: "restore",
      restoredFromVersion: 1,
      changedCells: [CELL],
      changedSections: [],
    });

    expect((await store.restoreVersion(created.id, 2, 2)).status).toBe("conflict");
    expect((await store.restoreVersion(created.id, 1, 3)).status).toBe("unchanged");
    expect(await store.restoreVersion(created.id, 99, 3)).toEqual({ status: "not_found" });
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

  it("finds last year's own live report of the same unit, never a copy or the example", async () => {
    const own = await store.createReport(seed001());
    const copy = await store.createReport(seed001(), { kind: "copy" });
    const example = await store.createReport(seed001(), { kind: "example" });
    const lastYear = seed001();
    lastYear.info.year = 2024;
    const previous = await store.createReport(lastYear);

    expect(copy.kind).toBe("copy");
    expect((await store.findPreviousYear(own))?.id).toBe(previous.id);
    expect(await store.findPreviousYear(copy)).toBeNull();
    expect(await store.findPreviousYear(previous)).toBeNull();
    expect((await store.findExample())?.id).toBe(example.id);
    await store.deleteReport(previous.id);
    expect(await store.findPreviousYear(own)).toBeNull();
  });

  it("refuses a second report of the same 机关全称 and 年度, naming the one there is; a copy is allowed", async () => {
    const own = await store.createReport(seed001());
    const error = await store
      .createReport({ ...seed001(), info: { ...seed001().info, agencyName: " 湘潭县人民政府" } })
      .catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(DuplicateReportError);
    expect((error as DuplicateReportError).existing.id).toBe(own.id);
    expect((error as DuplicateReportError).message).toBe(
      "已有一份湘潭县人民政府2025年度报告，不能再新建一份；请打开已有的报告，或另存为副本",
    );
    expect((await store.createReport(seed001(), { kind: "copy" })).kind).toBe("copy");
    // Deleted, it no longer stands in the way.
    await store.deleteReport(own.id);
    expect((await store.createReport(seed001())).kind).toBe("report");
    expect(await count(store, "reports")).toBe(3);
  });

  it("lets exactly one of two simultaneous creations of the same agency and year through", async () => {
    const outcomes = await Promise.allSettled([store.createReport(seed001()), store.createReport(seed001())]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = outcomes.find((outcome) => outcome.status === "rejected");
    expect(refused?.status === "rejected" && refused.reason).toBeInstanceOf(DuplicateReportError);
    expect(await count(store, "reports")).toBe(1);
  });

  it("keeps a draft with no 机关全称 and no 年度, and counts what is missing as errors", async () => {
    const created = await store.createReport(seed001());
    const draft = seed001();
    draft.info.agencyName = "";
    draft.info.year = null;
    draft.narrative.problems.body = "机关全称清空后写下的五、存在的主要问题";
    const saved = await store.saveReport(created.id, 1, draft);
    expect(saved.status).toBe("saved");
    const [row] = await rawRows(
      store,
      sql`SELECT agency_name, year, error_count, data->'narrative'->'problems'->>'body' AS problems FROM reports WHERE id = ${created.id}`,
    );
    expect(row).toEqual({ agency_name: "", year: null, error_count: 2, problems: "机关全称清空后写下的五、存在的主要问题" });
    // Two drafts without an identity are not duplicates of each other.
    expect((await store.createReport(draft)).report.info.year).toBeNull();
  });

  it("refuses text the database cannot keep (NUL, a lone surrogate) with a Chinese message naming the field", async () => {
    const created = await store.createReport(seed001());
    for (const bad of ["问题\u0000描述", "问题\uD800描述"]) {
      const report = seed001();
      report.narrative.problems.body = bad;
      const error = await rejection(store.saveReport(created.id, 1, report));
      expect(error.status).toBe(400);
      expect(error.message).toContain("五、存在的主要问题及改进情况 正文");
      expect(error.message).toMatch(/无法保存的(控制字符|不成对的代理码元)（U\+(0000|D800)）/);
    }
    const badDate = seed001();
    badDate.info.issuedOn = "2025-13-45";
    expect((await rejection(store.saveReport(created.id, 1, badDate))).message).toContain("落款日期");
    expect((await store.getReport(created.id))?.revision).toBe(1);
  });

  it("groups the autosaves of one sitting into one version; a pause of 10 minutes starts the next", async () => {
    // As in an office where another report's version 2 is published: that seals its version, not this one's.
    const other = await store.createReport({ formatVersion: "2021", info: { agencyName: "已发布的单位", year: 2025 } });
    await store.db.execute(sql`
      INSERT INTO published_records (id, report_id, sequence, version, published_by, published_by_name, file_base_name,
        pdf, pdf_sha256, docx, docx_sha256, html, html_sha256)
      VALUES (${randomUUID()}, ${other.id}, 1, 2, 'u', '发布人', 'f', ''::bytea, '', ''::bytea, '', ''::bytea, '')`);
    const created = await store.createReport(seed001());
    let revision = 1;
    const save = async (value: number) => {
      const result = await store.saveReport(created.id, revision, withCell(created.report, value));
      expect(result.status).toBe("saved");
      if (result.status === "saved") revision = result.stored.revision;
    };
    await save(1);
    clockOffset = 60_000;
    await save(2);
    clockOffset = 2 * 60_000;
    await save(3);
    expect((await store.listVersions(created.id)).map((version) => version.version)).toEqual([2, 1]);
    clockOffset = 13 * 60_000;
    await save(4);
    const versions = await store.listVersions(created.id);
    expect(versions.map((version) => [version.version, version.kind])).toEqual([
      [3, "edit"],
      [2, "edit"],
      [1, "create"],
    ]);
    expect(revision).toBe(5);
    // The sitting's version holds its last state and spans its saves.
    expect((await store.getVersion(created.id, 2))?.report.ledger[CELL]).toBe(3);
    expect(versions[1]!.savedAt.getTime() - versions[1]!.startedAt.getTime()).toBeGreaterThanOrEqual(2 * 60_000 - 1_000);
    expect(versions[1]).toMatchObject({ changedCells: [CELL] });
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
    expect(await store.listVersions("x")).toEqual([]);
    expect(await store.getVersion(created.id, 0)).toBeNull();
    expect(await store.getVersion(created.id, 2 ** 40)).toBeNull();
    expect(await store.restoreVersion(unknown, 1, 1)).toEqual({ status: "not_found" });
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
          expect((await second.listVersions(created.id)).map((version) => version.version)).toEqual([2, 1]);
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
