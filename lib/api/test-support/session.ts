// Tests only: a signed-in person on a store, as the cookie header a browser would send.
import { createAccount } from "@/lib/auth/accounts";
import type { UserRole } from "@/lib/auth/roles";
import { changeOwnPassword, signIn } from "@/lib/auth/sessions";
import type { ReportStore } from "@/lib/store/report-store";
import { createUnit, listUnits } from "@/lib/store/unit-store";

let counter = 0;

const cookieHeader = (cookies: readonly string[]) => cookies.map((cookie) => cookie.split(";")[0]).join("; ");

export async function signedInCookie(store: ReportStore, options: { role?: UserRole; unitName?: string } = {}): Promise<string> {
  counter += 1;
  const unitName = options.unitName ?? `测试单位${counter}`;
  const unit =
    (await listUnits(store.db)).find((candidate) => candidate.name === unitName) ??
    (await createUnit(store.db, { name: unitName }));
  const username = `tester${counter}${Date.now() % 100000}`;
  const password = "test-password-1";
  await createAccount(store.db, { username, name: "测试人", password, role: options.role ?? "filler", unitId: unit.id });
  const { cookies } = await signIn(store.db, { username, password, address: "127.0.0.1", headers: new Headers() });
  // As the person would at first sign-in: the administrator's password replaced by their own.
  const changed = await changeOwnPassword(store.db, new Headers({ cookie: cookieHeader(cookies) }), {
    currentPassword: password,
    newPassword: `${password}-own`,
  });
  return cookieHeader(changed);
}
