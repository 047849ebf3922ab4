import os from "node:os";

/**
 * How the office reaches the server, from the environment:
 * - PUBLIC_URL: the address staff type, e.g. https://nianbao.xtx.gov.cn (its host is allowed; https makes cookies Secure);
 * - ALLOWED_HOSTS: more host names or addresses, comma-separated (a second name, an IP).
 * Without them the server answers to localhost and this machine's own names and addresses.
 */
export function publicOrigin(): string | null {
  const url = process.env.PUBLIC_URL?.trim();
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    throw new Error(`环境变量 PUBLIC_URL 不是有效的网址：“${url}”（应如 https://nianbao.example.gov.cn）`);
  }
}

export const servesHttps = (): boolean => publicOrigin()?.startsWith("https:") ?? false;

/** The host names (without port) the server answers to; anything else is refused (DNS rebinding). */
export function allowedHostNames(): Set<string> {
  const names = new Set(["localhost", "127.0.0.1", "::1", os.hostname().toLowerCase()]);
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const address of addresses ?? []) names.add(address.address.toLowerCase());
  }
  const origin = publicOrigin();
  if (origin) names.add(new URL(origin).hostname.toLowerCase().replace(/^\[|\]$/g, ""));
  for (const name of (process.env.ALLOWED_HOSTS ?? "").split(",")) {
    const trimmed = name.trim().toLowerCase();
    if (trimmed) names.add(trimmed);
  }
  return names;
}

/** The host name of a Host header value: `[::1]:3000` → `::1`, `example:80` → `example`. */
export function hostNameOf(hostHeader: string): string {
  const value = hostHeader.trim().toLowerCase();
  if (value.startsWith("[")) return value.slice(1, value.indexOf("]"));
  const colon = value.lastIndexOf(":");
  return colon > -1 && value.indexOf(":") === colon ? value.slice(0, colon) : value;
}

/**
 * Whether a write's Origin is this site: scheme, host and port all as the browser reached it —
 * this server speaks plain http, so `http://` + the Host header, or else exactly PUBLIC_URL's origin
 * (an https proxy in front). `https://127.0.0.1:3000` on an http server, another port, or "null" are not.
 */
export function isSameOrigin(origin: string, hostHeader: string, configuredOrigin: string | null): boolean {
  let given: string;
  let served: string;
  try {
    given = new URL(origin).origin;
    served = new URL(`http://${hostHeader}`).origin;
  } catch {
    return false;
  }
  if (given === "null") return false;
  return given === served || given === configuredOrigin;
}
