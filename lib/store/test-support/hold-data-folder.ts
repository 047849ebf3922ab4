// Tests only: holds a data folder's lock in a separate process until killed, as a running server would.
import { lockDataFolder } from "../data-folder-lock";

const folder = process.argv[2];
if (!folder) throw new Error("usage: hold-data-folder.ts FOLDER");
void lockDataFolder(folder, () => process.exit(3)).then(() => {
  process.stdout.write("locked\n");
  setInterval(() => undefined, 60_000);
});
