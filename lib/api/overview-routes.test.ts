import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { centralDirectory } from "@/lib/render/test-support/zip-entries";
import { getReportStore } from "@/lib/store/report-store";
import { createUnit, listUnits } from "@/lib/store/unit-store";
import { batchExport } from "./overview-routes";
import { signedInCookie } from "./test-support/session";

// The handlers use the app's store: a fresh embedded one in a temporary folder.
let dataDir = "";
let cookie = "";
const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "nianbaotong-overview-"));
  process.env.DATA_DIR = dataDir;
  process.env.DATABASE_URL = "";
  const store = await getReportStore();
  cookie = await signedInCookie(store, { role: "admin", unitName: "湘潭县人民政府" });
  const top = (await listUnits(store.db)).find((unit) => unit.name === "湘潭县人民政府")!;
  await createUnit(store.db, { name: "花石镇人民政府", parentId: top.id });
  await store.createReport({ formatVersion: "2021", info: { agencyName: "湘潭县人民政府", year: 2025 } }, { unitId: top.id });
}, 60_000);
afterAll(async () => {
  await (await getReportStore()).close();
  process.env.DATA_DIR = saved.DATA_DIR;
  process.env.DATABASE_URL = saved.DATABASE_URL;
  await rm(dataDir, { recursive: true, force: true });
});

describe("GET /api/batch-export", () => {
  it("names each unit's file so Explorer on Chinese Windows shows it, and lists the units left out", async () => {
    const response = await batchExport(
      new Request("http://localhost/api/batch-export?year=2025&drafts=1", { headers: { cookie } }),
    );
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const names = centralDirectory(bytes).map((entry) => new TextDecoder("gbk").decode(entry.rawName));
    expect(names).toEqual(["湘潭县人民政府（草稿）.pdf", "未包含的单位.txt"]);
    const zip = await JSZip.loadAsync(bytes);
    const draft = await zip.file("湘潭县人民政府（草稿）.pdf")!.async("uint8array");
    expect(new TextDecoder().decode(draft.slice(0, 5))).toBe("%PDF-");
    const leftOut = await zip.file("未包含的单位.txt")!.async("string");
    expect(leftOut).toBe("\uFEFF花石镇人民政府：未建报告\r\n");
  }, 60_000);
});
