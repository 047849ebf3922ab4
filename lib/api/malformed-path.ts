/**
 * A path whose percent-encoding is broken (`/reports/%ff`) cannot name anything here. Next.js
 * answers such a path in a dynamic route with a plain-text 500; the server answers it first: 400
 * in Chinese, JSON for the API and a short page for a browser.
 */
export function malformedPathAnswer(url: string): { status: 400; contentType: string; body: string } | null {
  const path = url.split(/[?#]/, 1)[0] ?? "";
  try {
    decodeURIComponent(path);
    return null;
  } catch {
    const message = "网址有误：其中的百分号编码（如 %ff）不是有效的 UTF-8，无法识别要打开的内容。请检查网址，或从首页重新进入。";
    if (path.startsWith("/api/"))
      return { status: 400, contentType: "application/json; charset=utf-8", body: JSON.stringify({ message }) };
    return {
      status: 400,
      contentType: "text/html; charset=utf-8",
      body: `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>网址有误 - 年报通</title></head><body><main><h1>网址有误</h1><p>${message}</p><p><a href="/">返回首页</a></p></main></body></html>`,
    };
  }
}
