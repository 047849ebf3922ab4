import { runBackup, runRestore } from "./backup-command";

const [command, ...args] = process.argv.slice(2);
const output = {
  stdout: (text: string) => process.stdout.write(`${text}\n`),
  stderr: (text: string) => process.stderr.write(`${text}\n`),
};
(command === "restore" ? runRestore(args, output) : runBackup(args, output)).then((code) => {
  process.exitCode = code;
});
