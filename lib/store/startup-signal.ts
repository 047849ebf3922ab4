/**
 * How the production server (server.ts, bundled apart from Next's code) learns that the store
 * has opened at startup (instrumentation.ts): through one promise on globalThis, shared by both
 * bundles. The server says it has started only once this has settled.
 */
const KEY = "__nianbaotongStoreOpening";
type WithOpening = { [KEY]?: Promise<void> };

export function announceStoreOpening(opening: Promise<void>): void {
  (globalThis as WithOpening)[KEY] = opening;
}

/** Settles when the startup opening has (the server exits if the folder is held by another process). */
export async function storeOpened(): Promise<void> {
  while ((globalThis as WithOpening)[KEY] === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
  await (globalThis as WithOpening)[KEY];
}
