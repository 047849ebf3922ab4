/**
 * A 300 MB zip bomb read as an upload is: time and peak RSS of this process. Asserts nothing.
 *   npx tsx bench/zip-bomb.ts            the importer (checked before unpacking)
 *   npx tsx bench/zip-bomb.ts --unchecked  mammoth on it directly, as before the check (run with a heap cap)
 */
import mammoth from "mammoth";
import { importPublishedReport } from "@/lib/import";
import { docxBomb } from "@/lib/import/test-support/heavy-uploads";

async function main(): Promise<void> {
  const bomb = await docxBomb(300);
  const before = process.memoryUsage().rss;
  const started = performance.now();
  const outcome = process.argv.includes("--unchecked")
    ? await mammoth.convertToHtml({ buffer: bomb }).then(() => "读完")
    : await importPublishedReport(bomb, "bomb.docx").then((result) => (result.ok ? "读完" : result.message));
  console.log(
    `压缩炸弹 ${(bomb.length / 1024 / 1024).toFixed(2)} MB → 300 MB：${((performance.now() - started) / 1000).toFixed(2)} s，` +
      `RSS 读前 ${Math.round(before / 1024 / 1024)} MB，峰值 ${Math.round(process.resourceUsage().maxRSS / 1024)} MB；${outcome}`,
  );
}

void main();
