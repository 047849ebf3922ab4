import { describe, expect, it } from "vitest";
import { isSameOrigin } from "./server-config";

describe("isSameOrigin: scheme, host and port of a write's Origin", () => {
  it.each([
    ["http://127.0.0.1:3201", "127.0.0.1:3201", null],
    ["http://localhost:3000", "LOCALHOST:3000", null],
    ["http://nianbao.example", "nianbao.example:80", null],
    ["https://nianbao.example", "10.0.0.5:3000", "https://nianbao.example"],
  ])("accepts %s for Host %s", (origin, host, configured) => {
    expect(isSameOrigin(origin, host, configured)).toBe(true);
  });

  it.each([
    ["https://127.0.0.1:3201", "127.0.0.1:3201", null],
    ["http://127.0.0.1:3202", "127.0.0.1:3201", null],
    ["http://127.0.0.1", "127.0.0.1:3201", null],
    ["http://evil.example", "127.0.0.1:3201", null],
    ["null", "127.0.0.1:3201", null],
    ["not a url", "127.0.0.1:3201", null],
    ["http://nianbao.example", "10.0.0.5:3000", "https://nianbao.example"],
    ["https://nianbao.example:8443", "10.0.0.5:3000", "https://nianbao.example"],
  ])("refuses %s for Host %s", (origin, host, configured) => {
    expect(isSameOrigin(origin, host, configured)).toBe(false);
  });
});
