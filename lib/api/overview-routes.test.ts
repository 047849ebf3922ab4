import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { centralDirectory } from "@/lib/render/test-support/zip-entries";
import { createUnit, listUnits } from "@/lib/store/unit-store";
import { batchExport } from "./overview-routes";
import { withTemporaryAppStore } from "./test-support/app-store";
import { signedInCookie } from "./test-support/session";

let cookie = "";
withTemporaryAppStore(async (store) => {
  cookie = await signedInCookie(store, { role: "admin", unitName: "湘潭县人民政府" });
  const top = (await listUnits(store.db)).find((unit) => unit.name === "湘潭县人民政府")!;
  await createUnit(store.db, { name: "花石镇人民政府", parentId: top.id });
  await store.createReport({ formatVersion: "2021", info: { agencyName: "湘潭县人民政府", year: 2025 } }, { unitId: top.id });
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
