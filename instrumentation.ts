/**
 * Runs once when the server starts. The store is opened now, not at the first request, so a
 * second process on the same data folder stops at once with a message instead of serving errors.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { openStoreAtStartup } = await import("./startup");
  const { announceStoreOpening } = await import("@/lib/store/startup-signal");
  const opening = openStoreAtStartup();
  announceStoreOpening(opening);
  await opening;
}
