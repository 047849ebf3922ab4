import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { getReportStore } from "@/lib/store/report-store";
import { readServerFile, writeServerFile } from "@/lib/store/server-file";
import { downloadBackup } from "./backup-routes";
import { withTemporaryAppStore } from "./test-support/app-store";
import { signedInCookie } from "./test-support/session";

const folder = withTemporaryAppStore();

const get = (headers: Record<string, string>) => downloadBackup(new Request("http://localhost/api/backup", { headers }));

describe("GET /api/backup", () => {
  it("is the administrator's only: 401 without a session or with a wrong key, 403 for a 填报人 or 审核人", async () => {
    const store = await getReportStore();
    expect((await get({})).status).toBe(401);
    expect((await get({ "x-nianbaotong-backup-key": "guess" })).status).toBe(401);
    for (const role of ["filler", "reviewer"] as const) {
      const response = await get({ cookie: await signedInCookie(store, { role }) });
      expect(response.status).toBe(403);
      expect(((await response.json()) as { message: string }).message).toContain("管理员");
    }
  });

  it("gives the administrator, or the key in the running server's data folder, the whole store", async () => {
    const store = await getReportStore();
    const admin = await get({ cookie: await signedInCookie(store, { role: "admin" }) });
    expect(admin.status).toBe(200);
    expect(admin.headers.get("content-disposition")).toContain("filename*=UTF-8''%E5%B9%B4%E6%8A%A5%E9%80%9A%E5%A4%87%E4%BB%BD-");
    const lines = gunzipSync(Buffer.from(await admin.arrayBuffer()))
      .toString("utf8")
      .trim()
      .split("\n");
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: "nianbaotong-backup", engine: "pglite" });
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ end: true });

    writeServerFile(folder.path, 3000);
    const key = readServerFile(folder.path)!.backupKey;
    const byKey = await get({ "x-nianbaotong-backup-key": key });
    expect(byKey.status).toBe(200);
    expect(new Uint8Array(await byKey.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x1f, 0x8b]));
  });
});
