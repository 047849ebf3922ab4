// Prints one closing line over both test runners, from the JSON reports `npm test` asks them for.
import { readFileSync } from "node:fs";

const unit = JSON.parse(readFileSync("test-results-unit.json", "utf8"));
const browser = JSON.parse(readFileSync("test-results-e2e.json", "utf8"));
const passed = unit.numPassedTests + browser.stats.expected + browser.stats.flaky;
const failed = unit.numFailedTests + browser.stats.unexpected;
const skipped = unit.numPendingTests + unit.numTodoTests + browser.stats.skipped;
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
