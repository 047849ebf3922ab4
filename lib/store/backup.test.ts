import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { type Actor, accessScopes } from "@/lib/auth/access";
import { createAccount } from "@/lib/auth/accounts";
import { signIn } from "@/lib/auth/sessions";
import { BackupError, restoreBackup, writeBackup } from "./backup";
import type { ReportStore, StoreEngine } from "./report-store";
import { probePostgres, testDatabaseUrl } from "./test-support/scratch-database";
import { storePlaces as places, type StorePlace } from "./test-support/store-places";
import { createUnit, listUnits } from "./unit-store";

const serverProblem = await probePostgres(testDatabaseUrl());
const SLOW = 120_000;

const engines: StoreEngine[] = serverProblem && !process.env.CI ? ["pglite"] : ["pglite", "postgres"];

async function backupBytes(store: ReportStore): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  await writeBackup(store.db, store.engine, (chunk) => {
    chunks.push(chunk);
  });
  return Buffer.concat(chunks);
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  // In small pieces, as a file is read.
  for (let at = 0; at < bytes.length; at += 4096) yield bytes.subarray(at, at + 4096);
}

/** Every app table's rows, as PostgreSQL prints them, ordered: equal means the same data. */
async function everything(store: ReportStore): Promise<Record<string, string[]>> {
  const { rows: tables } = await store.db.execute<{ name: string }>(
    sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const result: Record<string, string[]> = {};
  for (const { name } of tables) {
    const { rows } = await store.db.execute<{ row: string }>(sql.raw(`SELECT to_jsonb(t)::text AS row FROM "${name}" t`));
    result[name] = rows.map((row) => row.row).sort();
  }
  return result;
}

const published = {
  fileBaseName: "某县财政局2025年政府信息公开工作年度报告",
  pdf: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x80, 0x0a]),
  docx: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00]),
  html: new TextEncoder().encode("<p>发布𠀀</p>"),
};

describe.each(engines)("backup of a %s store", (engine) => {
  let source: StorePlace;
  let store: ReportStore;
  let backup: Buffer;
  let reportId = "";

  beforeAll(async () => {
    source = await places[engine]();
    store = await source.open();
    const top = await createUnit(store.db, { name: "某县人民政府" });
    const unit = await createUnit(store.db, { name: "某县财政局", parentId: top.id });
    await createAccount(store.db, {
      username: "caizheng",
      name: "填报人",
      password: "pass-word-1",
      role: "filler",
      unitId: unit.id,
    });
    const units = await listUnits(store.db);
    const as = (actor: Actor) => store.as(actor, accessScopes(actor, units));
    const filler = as({ userId: "u-a", username: "a", name: "填报人", role: "filler", unitId: unit.id });
    const reviewer = as({ userId: "u-r", username: "r", name: "审核人", role: "reviewer", unitId: top.id });
    const report = structuredClone(publishedSeedReports()[1]!.report);
    report.info.agencyName = "某县财政局";
    const created = await filler.createReport(report);
    reportId = created.id;
    await filler.submitReport(created.id);
    await reviewer.approveReport(created.id);
    await reviewer.publishReport(created.id, published);
    // A second report with history, still being edited.
    const draft = await filler.createReport({ formatVersion: "2021", info: { agencyName: "某县财政局", year: 2026 } });
    const edited = structuredClone(draft.report);
    edited.narrative.problems.body = "第二次保存的文字";
    await filler.saveReport(draft.id, 1, edited);
    backup = await backupBytes(store);
  }, SLOW);

  afterAll(async () => {
    await store?.close();
    await source?.dispose();
  });

  it.each(engines)(
    "restores into an empty %s store with every row, published file and password as they were",
    async (target) => {
      const place = await places[target]();
      const restored = await place.open();
      try {
        const summary = await restoreBackup(restored.db, once(backup));
        expect(summary.counts).toMatchObject({ units: 2, reports: 2, published_records: 1 });
        expect(await everything(restored)).toEqual(await everything(store));
        const file = await restored.getPublishedFile(reportId, 1, "pdf");
        expect(file?.bytes.equals(Buffer.from(published.pdf))).toBe(true);
        const html = await restored.getPublishedFile(reportId, 1, "html");
        expect(html?.bytes.toString("utf8")).toBe("<p>发布𠀀</p>");
        const { userId } = await signIn(restored.db, {
          username: "caizheng",
          password: "pass-word-1",
          address: "127.0.0.1",
          headers: new Headers(),
        });
        expect(userId).toBeTruthy();
      } finally {
        await restored.close();
        await place.dispose();
      }
    },
    SLOW,
  );

  it("refuses a store that already holds data, and leaves it as it was", async () => {
    const before = await everything(store);
    await expect(restoreBackup(store.db, once(backup))).rejects.toThrow("目标数据库不是空的");
    expect(await everything(store)).toEqual(before);
  });

  it(
    "refuses a cut-short or altered file with nothing restored",
    async () => {
      const place = await places[engine]();
      const restored = await place.open();
      try {
        const text = gunzipSync(backup).toString("utf8");
        const cut = gzipSync(text.slice(0, text.lastIndexOf("\n", text.length - 2) + 1));
        await expect(restoreBackup(restored.db, once(cut))).rejects.toThrow("缺少结束标记");
        const altered = gzipSync(text.replace("第二次保存的文字", "被改过的文字啊"));
        const error = await restoreBackup(restored.db, once(altered)).catch((reason: unknown) => reason);
        expect(error).toBeInstanceOf(BackupError);
        expect((error as Error).message).toContain("校验不符");
        await expect(restoreBackup(restored.db, once(new TextEncoder().encode("not a backup")))).rejects.toThrow(
          "不是年报通的备份",
        );
        const { rows } = await restored.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM reports`);
        expect(rows[0]!.n).toBe(0);
        // And the same store still takes the whole backup afterwards.
        await restoreBackup(restored.db, once(backup));
        expect(
          createHash("sha256")
            .update(JSON.stringify(await everything(restored)))
            .digest("hex"),
        ).toBe(
          createHash("sha256")
            .update(JSON.stringify(await everything(store)))
            .digest("hex"),
        );
      } finally {
        await restored.close();
        await place.dispose();
      }
    },
    SLOW,
  );
});
