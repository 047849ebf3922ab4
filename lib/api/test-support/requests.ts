// Tests only: requests as a browser sends them to a route handler, and the handler's context.

/** A JSON request to `url` with the signed-in cookie; without a body when `body` is undefined. */
export const jsonRequest = (cookie: string, method: string, url: string, body?: unknown): Request =>
  new Request(`http://localhost${url}`, {
    method,
    headers: { cookie, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

/** The context Next hands an `[id]` route. */
export const idParams = (id: string) => ({ params: Promise.resolve({ id }) });
