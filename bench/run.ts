import { benchApi } from "./api-save";
import { benchExport } from "./export";
import { benchImport } from "./import";
import { benchLedgerRules } from "./ledger-rules";
import { benchOffice } from "./office";
import { benchRegister } from "./register";
import { benchSaveCpu } from "./save-cpu";
import { benchServerMemory } from "./server-memory";
import { benchStore } from "./store";

async function main() {
  console.log(`年报通 基准测试  node ${process.version}  ${new Date().toISOString()}`);
  for (const line of await benchLedgerRules()) console.log(line);
  for (const line of await benchExport()) console.log(line);
  for (const line of await benchImport()) console.log(line);
  for (const line of await benchRegister()) console.log(line);
  for (const line of await benchStore()) console.log(line);
  for (const line of await benchSaveCpu()) console.log(line);
  for (const line of await benchApi()) console.log(line);
  for (const line of await benchServerMemory()) console.log(line);
  for (const line of await benchOffice()) console.log(line);
}

void main();
