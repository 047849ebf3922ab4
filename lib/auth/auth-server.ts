import { randomBytes } from "node:crypto";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { username } from "better-auth/plugins";
import { eq } from "drizzle-orm";
import type { StoreDatabase } from "@/lib/store/database";
import { account, appSettings, session, user, verification } from "@/lib/store/schema";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./auth-limits";
import { publicOrigin, servesHttps } from "./server-config";

/** A session lasts three days; it is extended once a day while in use. */
const SESSION_SECONDS = 3 * 24 * 60 * 60;

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./auth-limits";

/** The signing secret: env BETTER_AUTH_SECRET, else one made at first start and kept in the store. */
async function authSecret(db: StoreDatabase): Promise<string> {
  if (process.env.BETTER_AUTH_SECRET) return process.env.BETTER_AUTH_SECRET;
  const key = "auth_secret";
  const [existing] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key));
  if (existing) return existing.value;
  await db
    .insert(appSettings)
    .values({ key, value: randomBytes(32).toString("base64url") })
    .onConflictDoNothing();
  const [stored] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key));
  return stored!.value;
}

function createAuth(db: StoreDatabase, secret: string) {
  return betterAuth({
    appName: "年报通",
    secret,
    baseURL: publicOrigin() ?? "http://localhost",
    database: drizzleAdapter(db, { provider: "pg", schema: { user, session, account, verification } }),
    // Offline intranets: nothing is sent anywhere.
    telemetry: { enabled: false },
    emailAndPassword: {
      enabled: true,
      // Accounts are made by the administrator, never by sign-up.
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
    },
    session: { expiresIn: SESSION_SECONDS, updateAge: 24 * 60 * 60 },
    user: {
      additionalFields: {
        role: { type: "string", required: true, input: false, defaultValue: "filler" },
        unitId: { type: "string", required: false, input: false },
        disabled: { type: "boolean", required: true, input: false, defaultValue: false },
        mustChangePassword: { type: "boolean", required: true, input: false, defaultValue: false },
      },
    },
    // Our own limiter counts failures per username and per address, with Chinese messages (lib/auth/login-limiter.ts).
    rateLimit: { enabled: false },
    advanced: {
      useSecureCookies: servesHttps(),
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      // Set by the server (server.mjs) from the socket, replacing whatever a client sent.
      ipAddress: { ipAddressHeaders: ["x-nianbaotong-client-address"] },
    },
    plugins: [username({ minUsernameLength: 2, maxUsernameLength: 32 })],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const authsGlobal = globalThis as { __nianbaotongAuths?: Map<StoreDatabase, Promise<Auth>> };
authsGlobal.__nianbaotongAuths ??= new Map();
const auths: Map<StoreDatabase, Promise<Auth>> = authsGlobal.__nianbaotongAuths;

/** The authentication of a store (tests open their own stores). */
export function authFor(db: StoreDatabase): Promise<Auth> {
  let auth = auths.get(db);
  if (!auth) {
    auth = authSecret(db).then((secret) => createAuth(db, secret));
    auths.set(db, auth);
  }
  return auth;
}
