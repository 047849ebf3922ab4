/**
 * Where the keyboard goes on the page an action leads to (a new report, a reload after 提交审核):
 * without it focus falls to <body> and a screen reader says nothing of what happened. One entry
 * in this tab's session storage, taken by the page at that path once it has rendered.
 */
const KEY = "arrival-focus";

type Arrival = { path: string; elementId: string };

export function focusOnArrival(path: string, elementId: string): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ path, elementId } satisfies Arrival));
  } catch {
    // Storage refused (a locked-down browser): the page opens as usual, focus on its start.
  }
}

/** The element to focus if the page at `path` was arrived at by such an action; the entry is used once. */
export function takeArrivalFocus(path: string): string | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (raw === null) return null;
    const arrival = JSON.parse(raw) as Partial<Arrival>;
    if (arrival.path !== path || typeof arrival.elementId !== "string") return null;
    sessionStorage.removeItem(KEY);
    return arrival.elementId;
  } catch {
    return null;
  }
}
