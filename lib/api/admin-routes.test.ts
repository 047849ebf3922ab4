// 单位和账号 at the handlers, on both engines: the pasted list, unit changes, account changes, the
// first password every account made by the administrator must change, and the 管理记录.
import { beforeAll, expect, it } from "vitest";
import { signIn } from "@/lib/auth/sessions";
import { listAdminActions } from "@/lib/store/admin-log";
import type { ReportStore } from "@/lib/store/report-store";
import { listUnits } from "@/lib/store/unit-store";
import { deleteUnit, patchUnit, patchUser, postUnits, postUser, resetUserPassword } from "./admin-routes";
import { changePassword, me } from "./auth-routes";
import { listReports } from "./report-routes";
import { appStoreCases, describeOnEachEngine } from "./test-support/app-store";
import { idParams, jsonRequest } from "./test-support/requests";
import { signedInCookie } from "./test-support/session";

const cases = await appStoreCases();

const send = jsonRequest;
const json = async (response: Response) => (await response.json()) as Record<string, unknown> & { message?: string };
const cookieOf = (cookies: string[]) => cookies.map((cookie) => cookie.split(";")[0]).join("; ");

describeOnEachEngine(cases, "单位和账号的接口", (app) => {
  let store: ReportStore;
  let admin = "";
  let topId = "";

  beforeAll(async () => {
    store = app.store;
    admin = await signedInCookie(store, { role: "admin", unitName: "平潭县人民政府" });
    topId = (await listUnits(store.db)).find((unit) => unit.name === "平潭县人民政府")!.id;
  }, 60_000);

  const unitId = async (name: string) => (await listUnits(store.db)).find((unit) => unit.name === name)!.id;

  it("按示例粘贴名单（含已有的顶层单位）：已有的按名称对应，其余添加，记入管理记录", async () => {
    const response = await postUnits(
      send(admin, "POST", "/api/units", { list: "平潭县人民政府\n    县发展和改革局\n    县财政局", parentId: topId }),
    );
    expect(response.status).toBe(201);
    const body = (await response.json()) as { units: { name: string }[]; matched: { name: string }[] };
    expect(body.units.map((unit) => unit.name)).toEqual(["县发展和改革局", "县财政局"]);
    expect(body.matched.map((unit) => unit.name)).toEqual(["平潭县人民政府"]);
    const [latest] = await listAdminActions(store.db);
    expect(latest?.detail).toBe("按名单添加 2 个单位：县发展和改革局、县财政局");
    expect(latest?.userName).toContain("测试人");
  });

  it("改名、移动、移除（归档）单位；移到自己的下级下面回答 409", async () => {
    const finance = await unitId("县财政局");
    const renamed = await patchUnit(
      send(admin, "PATCH", `/api/units/${finance}`, { name: "县财政局（国资办）" }),
      idParams(finance),
    );
    expect(((await json(renamed)).unit as { name: string }).name).toBe("县财政局（国资办）");
    const below = await postUnits(send(admin, "POST", "/api/units", { name: "县国库集中支付中心", parentId: finance }));
    const belowId = ((await json(below)).units as { id: string }[])[0]!.id;
    const loop = await patchUnit(send(admin, "PATCH", `/api/units/${finance}`, { parentId: belowId }), idParams(finance));
    expect(loop.status).toBe(409);
    expect((await json(loop)).message).toBe("不能把“县财政局（国资办）”移到它自己的下级单位“县国库集中支付中心”下面");
    const moved = await patchUnit(
      send(admin, "PATCH", `/api/units/${belowId}`, { parentId: await unitId("县发展和改革局") }),
      idParams(belowId),
    );
    expect(moved.status).toBe(200);
    await store.createReport(
      { formatVersion: "2021", info: { agencyName: "县国库集中支付中心", year: 2025 } },
      { unitId: belowId },
    );
    const removed = await deleteUnit(send(admin, "DELETE", `/api/units/${belowId}`), idParams(belowId));
    expect(await json(removed)).toMatchObject({ outcome: "archived", reportCount: 1 });
    // The archived unit's report is still there for the administrator.
    const list = (await json(await listReports(send(admin, "GET", "/api/reports")))) as unknown as {
      reports: { agencyName: string }[];
    };
    expect(list.reports.some((report) => report.agencyName === "县国库集中支付中心")).toBe(true);
    // Its former parent has only that archived unit below it: archived too, not deleted.
    const parentId = await unitId("县发展和改革局");
    const parent = await deleteUnit(send(admin, "DELETE", `/api/units/${parentId}`), idParams(parentId));
    expect(await json(parent)).toMatchObject({ outcome: "archived", reportCount: 0 });
    const busy = await deleteUnit(send(admin, "DELETE", `/api/units/${topId}`), idParams(topId));
    expect(busy.status).toBe(409);
    expect((await json(busy)).message).toContain("下还有单位");
  });

  it("初始密码：登录后其他接口一律 403 并说明，改为自己的密码后才可用；重设密码后又须修改", async () => {
    const made = await postUser(
      send(admin, "POST", "/api/users", {
        username: "wangwu",
        name: "王五",
        password: "chushi-mima-1",
        role: "filler",
        unitId: await unitId("县财政局（国资办）"),
      }),
    );
    expect(made.status).toBe(201);
    const personId = ((await json(made)).user as { id: string }).id;
    const first = cookieOf(
      (await signIn(store.db, { username: "wangwu", password: "chushi-mima-1", address: "10.9.0.1", headers: new Headers() }))
        .cookies,
    );
    const refused = await listReports(send(first, "GET", "/api/reports"));
    expect(refused.status).toBe(403);
    expect((await json(refused)).message).toBe(
      "请先修改初始密码：管理员设置的密码须在首次登录时改为您自己的密码（页面“修改初始密码”）",
    );
    expect(await json(await me(send(first, "GET", "/api/auth/me")))).toMatchObject({
      username: "wangwu",
      mustChangePassword: true,
    });
    const same = await changePassword(
      send(first, "POST", "/api/auth/password", { currentPassword: "chushi-mima-1", newPassword: "chushi-mima-1" }),
    );
    expect((await json(same)).message).toBe("新密码不能与当前密码相同");
    const changed = await changePassword(
      send(first, "POST", "/api/auth/password", { currentPassword: "chushi-mima-1", newPassword: "wo-de-mima-2" }),
    );
    expect(changed.status).toBe(200);
    const own = cookieOf(changed.headers.getSetCookie());
    expect((await listReports(send(own, "GET", "/api/reports"))).status).toBe(200);

    const reset = await resetUserPassword(
      send(admin, "POST", `/api/users/${personId}/password`, { password: "chongshe-mima-3" }),
      idParams(personId),
    );
    expect(reset.status).toBe(200);
    const again = cookieOf(
      (await signIn(store.db, { username: "wangwu", password: "chongshe-mima-3", address: "10.9.0.2", headers: new Headers() }))
        .cookies,
    );
    expect((await listReports(send(again, "GET", "/api/reports"))).status).toBe(403);
    const details = (await listAdminActions(store.db)).map((entry) => entry.detail);
    expect(details).toContain("建立账号 wangwu（王五）：县财政局（国资办），填报人");
    expect(details).toContain("重设 wangwu（王五） 的密码（须在下次登录时修改）");
  }, 60_000);

  it("改账号的单位和角色；管理员不能改自己的角色；不是管理员 403", async () => {
    const person = (await json(
      await postUser(
        send(admin, "POST", "/api/users", {
          username: "zhaoliu",
          name: "赵六",
          password: "chushi-mima-1",
          role: "filler",
          unitId: topId,
        }),
      ),
    )) as { user: { id: string } };
    const changed = await patchUser(
      send(admin, "PATCH", `/api/users/${person.user.id}`, { role: "reviewer", unitId: await unitId("县财政局（国资办）") }),
      idParams(person.user.id),
    );
    expect((await json(changed)).user).toMatchObject({ role: "reviewer" });
    const adminId = (await json(await me(send(admin, "GET", "/api/auth/me")))).userId as string;
    const self = await patchUser(send(admin, "PATCH", `/api/users/${adminId}`, { role: "reviewer" }), idParams(adminId));
    expect(self.status).toBe(409);
    expect((await json(self)).message).toBe("不能修改自己的角色：请由另一位管理员修改");
    const filler = await signedInCookie(store, { unitName: "平潭县人民政府" });
    const notAdmin = await patchUser(send(filler, "PATCH", `/api/users/${adminId}`, { role: "filler" }), idParams(adminId));
    expect(notAdmin.status).toBe(403);
    const details = (await listAdminActions(store.db)).map((entry) => entry.detail);
    expect(details).toContain("修改账号 zhaoliu（赵六）：单位由“平潭县人民政府”改为“县财政局（国资办）”；角色由填报人改为审核人");
  }, 60_000);

  it("新建账号被拒绝时，回答指明是哪一栏（表单据此标出该栏并把光标放回）", async () => {
    const attempt = async (fields: Record<string, string>) => {
      const draft = { username: "qianqi", name: "钱七", password: "chushi-mima-1", role: "filler", unitId: topId, ...fields };
      const response = await postUser(send(admin, "POST", "/api/users", draft));
      return { status: response.status, ...(await json(response)) };
    };
    expect(await attempt({ username: "张三" })).toMatchObject({ status: 400, field: "username" });
    expect(await attempt({ password: "short" })).toMatchObject({ status: 400, field: "password", message: "密码至少 8 个字符" });
    expect(await attempt({ unitId: "00000000-0000-4000-8000-000000000000" })).toMatchObject({ status: 400, field: "unitId" });
    expect(await attempt({ username: "zhaoliu" })).toMatchObject({ status: 409, field: "username" });
  }, 60_000);
});
