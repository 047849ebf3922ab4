import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next";

describe("safeNextPath: after login only to a path of this site", () => {
  it.each([
    "/%09/evil.example",
    "/\t/evil.example",
    "/%0a/evil.example",
    "/%250a/evil.example",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/%5Cevil.example",
    "/%2F/evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    " /reports",
    "reports",
    "",
    null,
    undefined,
  ])("refuses %j", (value) => {
    expect(safeNextPath(value)).toBe("/");
  });

  it.each([
    ["/", "/"],
    ["/help", "/help"],
    [
      "/reports/3f1c2a5e-0000-4000-8000-000000000000?step=reviews_litigation",
      "/reports/3f1c2a5e-0000-4000-8000-000000000000?step=reviews_litigation",
    ],
    ["/overview/summary?year=2025&units=a,b", "/overview/summary?year=2025&units=a,b"],
    ["/reports/x/history#发布", "/reports/x/history#%E5%8F%91%E5%B8%83"],
  ])("keeps %j", (value, expected) => {
    expect(safeNextPath(value)).toBe(expected);
  });
});
