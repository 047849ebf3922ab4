const SITE = "http://nianbaotong.invalid";

/**
 * Only a path of this site: a `next=` pointing elsewhere would send people off to another site
 * after they sign in. Browsers drop tabs and newlines inside a URL and read `\` as `/`, so
 * `/\t/evil.example` or `/\evil` lands on another host: any control character, whitespace or
 * backslash, in the value or in its percent-decoded forms, is refused, and what is left must
 * resolve to this site. Anything else goes to the home page.
 */
export function safeNextPath(value: string | null | undefined): string {
  if (!value?.startsWith("/") || value.length > 2_000) return "/";
  const forms = [value];
  for (let round = 0; round < 3; round += 1) {
    try {
      const decoded = decodeURIComponent(forms.at(-1)!);
      if (decoded === forms.at(-1)) break;
      forms.push(decoded);
    } catch {
      return "/";
    }
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are refused on purpose (browsers drop some inside URLs)
  if (forms.some((form) => /[\u0000-\u001F\u007F\s\\]/u.test(form) || /^\/[/\\]/.test(form))) return "/";
  let url: URL;
  try {
    url = new URL(value, SITE);
  } catch {
    return "/";
  }
  if (url.origin !== SITE) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
