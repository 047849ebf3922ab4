import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { errorResponse } from "@/lib/api/api-response";
import { freeBytes, guardAgainstFullDisk, isStorageFullError, StorageFullError, WRITE_RESERVE_BYTES } from "./disk-space";
import { openReportStore } from "./report-store";
import { mountSmallDisk, type SmallDisk, smallDiskUnavailable } from "./test-support/small-disk";

const MB = 1024 * 1024;
const unavailable = smallDiskUnavailable();
if (unavailable) console.warn(`跳过磁盘已满测试：${unavailable}`);

const seed = () => structuredClone(publishedSeedReports()[1]!.report);

describe("a full disk answers 507 in Chinese on either engine", () => {
  it("PostgreSQL's own disk-full error (SQLSTATE 53100), as drizzle wraps it, is a 507 naming the disk", async () => {
    const serverError = Object.assign(new Error('could not extend file "base/16384/16385": No space left on device'), {
      code: "53100",
    });
    const wrapped = new DrizzleQueryError("insert into report_versions …", [], serverError);
    expect(isStorageFullError(wrapped)).toBe(true);
    const response = errorResponse(wrapped);
    expect(response.status).toBe(507);
    const body = (await response.json()) as { message: string; reason: string };
    expect(body.reason).toBe("disk_full");
    expect(body.message).toContain("服务器磁盘空间不足");
    expect(body.message).toContain("已保存的内容完好");
    // Any other server error stays a 500.
    expect(errorResponse(Object.assign(new Error("deadlock detected"), { code: "40P01" })).status).toBe(500);
  });
});

describe.skipIf(unavailable !== null)("PGlite on a disk that fills up (tmpfs)", () => {
  let disk: SmallDisk;

  beforeAll(() => {
    disk = mountSmallDisk(200);
  });
  afterAll(() => disk?.unmount());

  it("refuses saves with 507 while the disk is full, still reads, and saves again once space is back; nothing acknowledged is lost", async () => {
    const dataDir = path.join(disk.folder, "store");
    const store = await openReportStore({ dataDir });
    const created = await store.createReport(seed());
    const first = await store.saveReport(created.id, created.revision, {
      ...created.report,
      ledger: { ...created.report.ledger, "s3.new.natural_person": 101 },
    });
    if (first.status !== "saved") throw new Error(first.status);

    disk.fillLeaving(WRITE_RESERVE_BYTES / 2);
    const refused = await store
      .saveReport(created.id, first.stored.revision, {
        ...first.stored.report,
        ledger: { ...first.stored.report.ledger, "s3.new.natural_person": 202 },
      })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StorageFullError);
    expect((refused as StorageFullError).status).toBe(507);
    expect((refused as Error).message).toContain(`只剩 ${Math.floor(freeBytes(disk.folder) / MB)} MB`);
    // Reads answer, and show the last acknowledged save.
    expect((await store.getReport(created.id))?.report.ledger["s3.new.natural_person"]).toBe(101);
    expect((await store.listVersions(created.id)).map((version) => version.version)).toEqual([2, 1]);

    disk.free();
    const resumed = await store.saveReport(created.id, first.stored.revision, {
      ...first.stored.report,
      ledger: { ...first.stored.report.ledger, "s3.new.natural_person": 303 },
    });
    expect(resumed.status).toBe("saved");
    await store.close();

    // Reopened: every acknowledged save is there, the refused one is not.
    const reopened = await openReportStore({ dataDir });
    try {
      expect((await reopened.getReport(created.id))?.report.ledger["s3.new.natural_person"]).toBe(303);
      // Three acknowledged writes (create and two saves), the refused one never counted.
      expect((await reopened.getReport(created.id))?.revision).toBe(3);
    } finally {
      await reopened.close();
    }
  }, 180_000);

  it("when the disk fills between the check and the write, the engine is not called again: later calls are refused at once, not hung", async () => {
    const client = await PGlite.create(path.join(disk.folder, "raw"));
    // No reserve: the write reaches PGlite, as when another program fills the disk meanwhile.
    guardAgainstFullDisk(client, disk.folder, 0);
    await client.exec("create table notes (id int primary key, body text); insert into notes values (1, 'kept')");
    disk.fillLeaving(256 * 1024);
    // The next write needs a new write-ahead log file, which cannot be made.
    await client.query("select pg_switch_wal()");
    const failed = await client.query("update notes set body = 'lost' where id = 1").catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(StorageFullError);
    // Unguarded, this read never returned (PGlite spins after a failed log write); here it is refused.
    const read = await client.query("select body from notes").catch((error: unknown) => error);
    expect(read).toBeInstanceOf(StorageFullError);
    expect((read as Error).message).toContain("请重新启动年报通");
    await client.close();
    disk.free();
  }, 120_000);
});
