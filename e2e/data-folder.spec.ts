// Guards "one process per data folder": a second server on the same folder would lose or corrupt every report.
import { once } from "node:events";
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { openReportStore } from "@/lib/store/report-store";
import { accounts, originHeaders, setUpServer, signIn } from "./fixtures/accounts";
import { runAppServerToExit, startAppServer, testPort } from "./fixtures/app-server";
import { createReport } from "./fixtures/reports-api";

test("同一数据文件夹启动第二个进程：它立即退出并说明原因，第一个照常工作，停止后库里有每一次确认的保存", async ({
  playwright,
}) => {
  test.setTimeout(180_000);
  const first = await startAppServer(3105);
  const request = await playwright.request.newContext({ extraHTTPHeaders: originHeaders(first.url) });
  await setUpServer(request, first.url);
  await signIn(request, first.url, accounts.admin);
  try {
    const acknowledged: string[] = [];
    for (const name of ["甲", "乙"])
      acknowledged.push((await createReport(request, { agencyName: `独占测试${name}县`, year: 2025 }, first.url)).id);

    const second = await runAppServerToExit(3108, first.dataDir, 90_000);
    expect(second.code).not.toBe(0);
    expect(second.output).toContain(`年报通无法启动：数据文件夹 ${first.dataDir} 已由进程`);
    expect(second.output).toContain("同一数据文件夹同一时间只能由一个年报通进程打开");
    // It never said it had started.
    expect(second.output).not.toContain("年报通已启动");

    acknowledged.push((await createReport(request, { agencyName: "独占测试丙县", year: 2025 }, first.url)).id);
    const list = (await (await request.get(`${first.url}/api/reports`)).json()) as { reports: { id: string }[] };
    expect(list.reports.map((report) => report.id).sort()).toEqual([...acknowledged].sort());

    await first.kill();
    const store = await openReportStore({ dataDir: first.dataDir });
    try {
      for (const id of acknowledged) expect(await store.getReport(id)).not.toBeNull();
    } finally {
      await store.close();
    }
  } finally {
    await first.kill();
  }
});

test("端口已被占用：第二个进程立即以非零状态退出并说明原因，不打印“已启动”，数据文件夹不被占用", async () => {
  test.setTimeout(120_000);
  const port = testPort(3107);
  const holder = createServer().listen(port, "127.0.0.1");
  await once(holder, "listening");
  const dataDir = await mkdtemp(path.join(tmpdir(), "nianbao-port-"));
  try {
    const second = await runAppServerToExit(3107, dataDir, 90_000);
    expect(second.code).not.toBe(0);
    expect(second.output).toContain(`年报通无法启动：端口 127.0.0.1:${port} 已被其他程序占用`);
    expect(second.output).not.toContain("年报通已启动");
    // The folder is free: a store opens on it (a lock left behind would refuse this).
    const store = await openReportStore({ dataDir });
    await store.close();
  } finally {
    holder.close();
  }
});
