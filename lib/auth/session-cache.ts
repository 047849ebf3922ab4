import { LRUCache } from "lru-cache";
import type { StoreDatabase } from "@/lib/store/database";
import type { Actor } from "./access";

/** A signed-in person, and whether they still have to replace the password the administrator set. */
export type SignedIn = { actor: Actor; mustChangePassword: boolean };

/**
 * How long a session looked up for a cookie is reused. Every request (an autosave each second while
 * someone types) otherwise verifies the cookie's signature and reads the session and the account.
 * Changes made in this process end every reuse at once (forgetSessions); the period only bounds
 * how long a change made by another process on the same PostgreSQL server takes to be seen.
 */
export const SESSION_REUSE_MS = 10_000;

type Entry = { signedIn: SignedIn; generation: number; until: number };
type StoreSessions = { generation: number; entries: LRUCache<string, Entry> };

// On globalThis, not in module scope: Next.js may load this module once per server layer, and an
// account disabled through an API route must end the reuse in page renders too.
const sessionsGlobal = globalThis as { __nianbaotongSessionCache?: WeakMap<StoreDatabase, StoreSessions> };
sessionsGlobal.__nianbaotongSessionCache ??= new WeakMap();
const byStore: WeakMap<StoreDatabase, StoreSessions> = sessionsGlobal.__nianbaotongSessionCache;

function sessionsOf(db: StoreDatabase): StoreSessions {
  let sessions = byStore.get(db);
  if (!sessions) {
    // Bounded: a flood of made-up cookies is never remembered (only sessions found), and real ones are few.
    sessions = { generation: 0, entries: new LRUCache({ max: 2_000 }) };
    byStore.set(db, sessions);
  }
  return sessions;
}

const copy = (signedIn: SignedIn): SignedIn => ({ ...signedIn, actor: { ...signedIn.actor } });

/** What to pass to rememberSession: a lookup that began before a change must not be kept after it. */
export const sessionGeneration = (db: StoreDatabase): number => sessionsOf(db).generation;

/** The person a cookie header was found to belong to less than SESSION_REUSE_MS ago, unless anything changed since. */
export function recentSession(db: StoreDatabase, cookie: string): SignedIn | null {
  const sessions = sessionsOf(db);
  const entry = sessions.entries.get(cookie);
  if (!entry) return null;
  if (entry.generation !== sessions.generation || Date.now() >= entry.until) {
    sessions.entries.delete(cookie);
    return null;
  }
  return copy(entry.signedIn);
}

/** Keeps a lookup begun at `generation`, never past the session's own expiry. */
export function rememberSession(
  db: StoreDatabase,
  cookie: string,
  signedIn: SignedIn,
  generation: number,
  sessionExpiresAt: Date,
): void {
  const sessions = sessionsOf(db);
  if (generation !== sessions.generation) return;
  const until = Math.min(Date.now() + SESSION_REUSE_MS, sessionExpiresAt.getTime());
  sessions.entries.set(cookie, { signedIn: copy(signedIn), generation, until });
}

/**
 * After any change to accounts or sessions (sign-out, password, disabling, role, unit or name):
 * every cookie is looked up again, so the change holds from the next request on.
 */
export function forgetSessions(db: StoreDatabase): void {
  const sessions = sessionsOf(db);
  sessions.generation += 1;
  sessions.entries.clear();
}
