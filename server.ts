/**
 * The production server (`npm start`): Next.js behind the checks an office network needs on
 * every request — a known host name (no DNS rebinding), same-origin writes, the client's
 * address from the socket, and the security headers with a fresh script nonce.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import next from "next";
import { malformedPathAnswer } from "./lib/api/malformed-path";
import { allowedHostNames, hostNameOf, isSameOrigin, publicOrigin } from "./lib/auth/server-config";
import { storeOpened } from "./lib/store/startup-signal";

const port = Number(process.env.PORT || 3000);
// All interfaces by default: the units of an office reach the server over the network.
const listenHost = process.env.HOST || undefined;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function contentSecurityPolicy(nonce: string, isFramed: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // React writes style attributes; no script can come in through a style.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    // The PDF preview is our own export in a frame.
    "frame-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${isFramed ? "'self'" : "'none'"}`,
  ].join("; ");
}

function refuse(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  response.end(JSON.stringify({ message }));
}

/**
 * The origin a browser says a write came from: Origin, else the Referer's origin; "null" for an
 * opaque origin. Undefined when the request has neither: not a browser's (a browser always sends
 * Origin with a cross-site write), so not a cross-site request; it still needs a session.
 */
function requestOrigin(request: IncomingMessage): string | undefined {
  const origin = request.headers.origin;
  if (origin) return origin;
  const referer = request.headers.referer;
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return "null";
  }
}

/**
 * The port is taken before anything else: a port already in use ends this process at once,
 * before it opens (and locks) the data folder. Requests wait until Next is ready.
 */
function listen(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      const address = `${listenHost ?? "所有网络地址"}:${port}`;
      console.error(
        error.code === "EADDRINUSE"
          ? `年报通无法启动：端口 ${address} 已被其他程序占用（可能是另一个年报通进程）。请先停止那个程序，或用环境变量 PORT 指定另一个端口。`
          : `年报通无法启动：无法在 ${address} 上监听（${error.message}）`,
      );
      process.exit(1);
    });
    server.listen(port, listenHost, () => resolve());
  });
}

async function main(): Promise<void> {
  const hostNames = allowedHostNames();
  const configuredOrigin = publicOrigin();
  let handle: ((request: IncomingMessage, response: ServerResponse) => Promise<void>) | undefined;
  let ready: () => void = () => {};
  const prepared = new Promise<void>((resolve) => {
    ready = resolve;
  });

  const server = createServer(async (request, response) => {
    const host = request.headers.host ?? "";
    if (!hostNames.has(hostNameOf(host))) {
      refuse(
        response,
        421,
        `本服务器不接受以“${host || "（空）"}”访问的请求。请使用管理员配置的地址访问；管理员可用环境变量 PUBLIC_URL 或 ALLOWED_HOSTS 设置本单位使用的主机名。`,
      );
      return;
    }
    if (!SAFE_METHODS.has(request.method ?? "GET")) {
      const origin = requestOrigin(request);
      if (origin !== undefined && !isSameOrigin(origin, host, configuredOrigin)) {
        refuse(response, 403, `拒绝来自其他网站的修改请求（来源：${origin}）。请在本系统的页面中操作。`);
        return;
      }
    }
    // Whatever a client sent in this header is replaced: rate limits and sessions key on it.
    request.headers["x-nianbaotong-client-address"] = request.socket.remoteAddress ?? "";
    const nonce = randomBytes(16).toString("base64");
    const isPreview = /[?&]inline=1(&|$)/.test(request.url ?? "");
    const policy = contentSecurityPolicy(nonce, isPreview);
    // Next.js reads the nonce for its own inline scripts from the request's policy.
    request.headers["content-security-policy"] = policy;
    response.setHeader("content-security-policy", policy);
    response.setHeader("x-content-type-options", "nosniff");
    response.setHeader("referrer-policy", "same-origin");
    const malformed = malformedPathAnswer(request.url ?? "/");
    if (malformed) {
      response.writeHead(malformed.status, { "content-type": malformed.contentType, "cache-control": "no-store" });
      response.end(malformed.body);
      return;
    }
    await prepared;
    void handle?.(request, response);
  });
  // Node closes an idle kept-alive connection after 5 s; a client sending on it at that moment gets
  // ECONNRESET (seen from slow office PCs and loaded test runs). Keep idle connections as long as
  // browsers do, and headers a moment longer, as Node's documentation advises.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await listen(server);
  const stop = () => {
    server.close(() => process.exit(0));
    // A request still open (a client that keeps its connection, a slow download) does not hold
    // the stop: saves are committed when answered, so nothing acknowledged is lost by ending now.
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);

  const app = next({ dev: false, hostname: listenHost ?? "localhost", port });
  await app.prepare();
  handle = app.getRequestHandler();
  ready();
  // Started means serving: the store opened, not refused for a data folder another process holds.
  await storeOpened();
  console.log(`年报通已启动：http://${listenHost ?? "localhost"}:${port}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
