/** A failed call to our API, with the Chinese message the server gave (or one for no connection). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(message);
  }
}

export const OFFLINE_STATUS = 0;

/** What to show staff for a failure: the server's Chinese message, or the error as text. */
export function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : String(error);
}

type Failures = {
  /** The message when the server cannot be reached. */
  offline: string;
  /** The message for a refusal whose body names none. */
  refused: (status: number) => string;
};

const callFailures: Failures = {
  offline: "无法连接服务器，请检查网络或稍后重试",
  refused: (status) => `服务器返回错误（${status}）`,
};

/** fetch, turning no connection and every refusal into an ApiError whose message can be shown as is. */
async function request(url: string, init: RequestInit & { json?: unknown }, failures: Failures): Promise<Response> {
  const { json, ...rest } = init;
  let response: Response;
  try {
    response = await fetch(url, {
      ...rest,
      headers: json === undefined ? rest.headers : { "content-type": "application/json", ...rest.headers },
      body: json === undefined ? rest.body : JSON.stringify(json),
    });
  } catch {
    throw new ApiError(failures.offline, OFFLINE_STATUS, null);
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    const message =
      typeof body === "object" && body !== null && "message" in body && typeof body.message === "string"
        ? body.message
        : failures.refused(response.status);
    throw new ApiError(message, response.status, body);
  }
  return response;
}

/** fetch + JSON, turning every failure into an ApiError whose message can be shown as is. */
export async function callApi<T>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const response = await request(url, init, callFailures);
  return (await response.json().catch(() => null)) as T;
}

/**
 * A file from our API (an export): the response to read as a blob or text, and the file name
 * the server chose (RFC 6266 `filename*`), or `fallback`. Failures as in callApi, worded for a download.
 */
export async function downloadApi(url: string, fallback: string): Promise<{ response: Response; fileName: string }> {
  const response = await request(
    url,
    {},
    { offline: "无法连接服务器，导出未完成", refused: (status) => `导出失败（${status}）` },
  );
  const encoded = response.headers.get("content-disposition")?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  return { response, fileName: encoded ? decodeURIComponent(encoded) : fallback };
}

const pad = (value: number) => String(value).padStart(2, "0");

export function formatTime(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${formatTime(date)}`;
}
