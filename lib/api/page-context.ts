import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { safeNextPath } from "@/lib/auth/safe-next";
import { needsFirstRun } from "@/lib/auth/setup";
import { getReportStore } from "@/lib/store/report-store";
import { CHANGE_PASSWORD_PATH, contextFromHeaders, type RequestContext } from "./request-context";

export { safeNextPath } from "@/lib/auth/safe-next";

/**
 * The signed-in person for a page; none → the login page, which comes back to `path` after
 * login. A server with no account yet goes to the first-run setup instead. Someone still on the
 * first password the administrator set goes to the change-password page first (then to `path`).
 */
export async function requirePageContext(path: string, options: { allowFirstPassword?: boolean } = {}): Promise<RequestContext> {
  const context = await contextFromHeaders(await headers());
  if (context?.mustChangePassword && !options.allowFirstPassword)
    redirect(`${CHANGE_PASSWORD_PATH}?next=${encodeURIComponent(safeNextPath(path))}`);
  if (context) return context;
  if (await needsFirstRun(await getReportStore())) redirect("/setup");
  redirect(`/login?next=${encodeURIComponent(safeNextPath(path))}`);
}

/** For the login and setup pages: who is signed in, if anyone. */
export async function optionalPageContext(): Promise<RequestContext | null> {
  return contextFromHeaders(await headers());
}
