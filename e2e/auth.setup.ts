// Prepares the office every browser test works in: the first-run setup, units A and B under the top unit, and an account per role.
import { expect, test as setup } from "@playwright/test";
import {
  type AccountName,
  accounts,
  firstPasswordOf,
  originHeaders,
  setUpServer,
  signIn,
  signInFirstTime,
  storageStatePath,
  TOP_UNIT,
  UNIT_A,
  UNIT_B,
} from "./fixtures/accounts";

setup("首次设置、单位和各角色账号", async ({ playwright, baseURL }) => {
  const base = baseURL!;
  const admin = await playwright.request.newContext({ baseURL: base, extraHTTPHeaders: originHeaders(base) });
  await setUpServer(admin, base);
  await signIn(admin, base, accounts.admin);
  const { units } = (await (await admin.get("/api/units")).json()) as { units: { id: string; name: string }[] };
  const top = units.find((unit) => unit.name === TOP_UNIT)!;
  for (const name of [UNIT_A, UNIT_B]) {
    const response = await admin.post("/api/units", { data: { name, parentId: top.id } });
    expect([201, 409], await response.text()).toContain(response.status());
  }
  const all = ((await (await admin.get("/api/units")).json()) as { units: { id: string; name: string }[] }).units;
  for (const key of ["reviewer", "fillerA", "fillerB"] as const) {
    const account = accounts[key];
    const unitId = all.find((unit) => unit.name === account.unit)!.id;
    const response = await admin.post("/api/users", {
      data: { username: account.username, name: account.name, password: firstPasswordOf(account), role: account.role, unitId },
    });
    expect([201, 409], await response.text()).toContain(response.status());
    // 409: kept from an earlier local run, where its first password was changed already.
    if (response.status() === 201) {
      const person = await playwright.request.newContext({ baseURL: base, extraHTTPHeaders: originHeaders(base) });
      await signInFirstTime(person, base, account);
      await person.dispose();
    }
  }
  for (const key of Object.keys(accounts) as AccountName[]) {
    const context = await playwright.request.newContext({ baseURL: base, extraHTTPHeaders: originHeaders(base) });
    await signIn(context, base, accounts[key]);
    await context.storageState({ path: storageStatePath(key) });
    await context.dispose();
  }
  await admin.dispose();
});
