/**
 * Backup and restore of the whole store, the same on both engines.
 *
 * A backup is every row of every table of the app, read in one snapshot (a REPEATABLE READ
 * transaction on a server; PGlite has one connection, so one transaction is one snapshot), as
 * PostgreSQL's own JSON form of each row, gzipped, one JSON document per line. Restoring
 * turns each row back through PostgreSQL's own text input (json_populate_recordset), so every
 * type — bytea of the published files, timestamps, jsonb — comes back exactly. Being logical
 * rather than a copy of files, a backup of the embedded store restores onto a PostgreSQL server
 * and back. pg_dump would need its program and a server; this needs neither.
 */
import { createHash } from "node:crypto";
import { createGunzip, createGzip } from "node:zlib";
import { sql } from "drizzle-orm";
import type { StoreDatabase, StoreEngine } from "./database";

export const BACKUP_FORMAT = "nianbaotong-backup";
const BACKUP_VERSION = 1;
// Rows per read: a published record holds three files, so keep pages small.
const PAGE_ROWS = 50;

/** 年报通备份-20261207-094336.gz (UTC): sorts by time, no character a file system refuses. */
export const backupFileName = (date: Date): string =>
  `年报通备份-${date.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-")}.gz`;

type TableInfo = { name: string; columns: string[]; selfReferences: string[] };

type BackupHeader = {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  engine: StoreEngine;
  migrations: number;
  tables: TableInfo[];
};
type BackupRows = { table: string; rows: Record<string, unknown>[] };
type BackupEnd = { end: true; counts: Record<string, number>; sha256: string };

export type BackupSummary = { counts: Record<string, number>; createdAt: string };

/** A backup file that cannot be restored: the message says why, in Chinese. */
export class BackupError extends Error {
  readonly isBackupError = true;
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** The app's tables in an order where every table comes after the tables it refers to. */
async function appTables(db: StoreDatabase): Promise<TableInfo[]> {
  const { rows: tables } = await db.execute<{ name: string }>(
    sql`SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const { rows: columns } = await db.execute<{ table: string; column: string }>(
    sql`SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
        WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  const { rows: references } = await db.execute<{ table: string; target: string; column: string }>(
    sql`SELECT c.conrelid::regclass::text AS "table", c.confrelid::regclass::text AS target, a.attname AS "column"
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
        WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`,
  );
  const unquote = (name: string) => name.replace(/^"(.*)"$/, "$1").replaceAll('""', '"');
  const infos = new Map<string, TableInfo>(
    tables.map(({ name }) => [
      name,
      {
        name,
        columns: columns.filter((column) => column.table === name).map((column) => column.column),
        selfReferences: [],
      },
    ]),
  );
  const dependsOn = new Map<string, Set<string>>([...infos.keys()].map((name) => [name, new Set<string>()]));
  for (const reference of references) {
    const table = unquote(reference.table);
    const target = unquote(reference.target);
    if (table === target) infos.get(table)?.selfReferences.push(reference.column);
    else dependsOn.get(table)?.add(target);
  }
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  while (ordered.length < infos.size) {
    const ready = [...infos.keys()].filter(
      (name) => !placed.has(name) && [...dependsOn.get(name)!].every((target) => placed.has(target) || !infos.has(target)),
    );
    if (ready.length === 0) throw new Error("数据库表之间的引用成环，无法确定备份顺序");
    for (const name of ready) {
      placed.add(name);
      ordered.push(infos.get(name)!);
    }
  }
  return ordered;
}

async function appliedMigrations(db: StoreDatabase): Promise<number> {
  const { rows } = await db.execute<{ count: number }>(sql`SELECT count(*)::int AS count FROM drizzle.__drizzle_migrations`);
  return rows[0]?.count ?? 0;
}

/**
 * Writes a consistent backup of the store to `write` (gzipped bytes, in order) and returns
 * how many rows each table had. Reads only: the app keeps working while it runs.
 */
export async function writeBackup(
  db: StoreDatabase,
  engine: StoreEngine,
  write: (chunk: Uint8Array) => Promise<void> | void,
): Promise<BackupSummary> {
  const gzip = createGzip();
  const flushed = new Promise<void>((resolve, reject) => {
    gzip.on("data", (chunk: Buffer) => {
      // Backpressure: pause while the receiver takes the chunk.
      const pending = write(new Uint8Array(chunk));
      if (pending) {
        gzip.pause();
        pending.then(() => gzip.resume(), reject);
      }
    });
    gzip.once("end", resolve);
    gzip.once("error", reject);
  });
  const hash = createHash("sha256");
  const line = (value: BackupHeader | BackupRows | BackupEnd) => {
    const text = `${JSON.stringify(value)}\n`;
    if (!("end" in value)) hash.update(text);
    return new Promise<void>((resolve) => (gzip.write(text) ? resolve() : gzip.once("drain", resolve)));
  };
  const createdAt = new Date().toISOString();
  const counts: Record<string, number> = {};
  await db.transaction(
    async (tx) => {
      const tables = await appTables(tx as unknown as StoreDatabase);
      const migrations = await appliedMigrations(tx as unknown as StoreDatabase);
      await line({ format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt, engine, migrations, tables });
      for (const table of tables) {
        counts[table.name] = 0;
        // ctid is stable within this snapshot, so pages neither skip nor repeat rows.
        for (let offset = 0; ; offset += PAGE_ROWS) {
          const { rows } = await tx.execute<{ row: Record<string, unknown> }>(
            sql.raw(
              `SELECT to_jsonb(t) AS row FROM ${quoteIdentifier(table.name)} t ORDER BY t.ctid LIMIT ${PAGE_ROWS} OFFSET ${offset}`,
            ),
          );
          if (rows.length === 0) break;
          counts[table.name] = (counts[table.name] ?? 0) + rows.length;
          await line({ table: table.name, rows: rows.map(({ row }) => (typeof row === "string" ? JSON.parse(row) : row)) });
          if (rows.length < PAGE_ROWS) break;
        }
      }
    },
    engine === "postgres" ? { isolationLevel: "repeatable read", accessMode: "read only" } : undefined,
  );
  const end: BackupEnd = { end: true, counts, sha256: hash.digest("hex") };
  await line(end);
  gzip.end();
  await flushed;
  return { counts, createdAt };
}

/** Splits gzipped backup bytes into its JSON lines. */
async function* backupLines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<{ text: string; value: unknown }> {
  const gunzip = createGunzip();
  const feeding = (async () => {
    try {
      for await (const chunk of chunks) {
        if (!gunzip.write(chunk)) await new Promise((resolve) => gunzip.once("drain", resolve));
      }
      gunzip.end();
    } catch (error) {
      gunzip.destroy(error as Error);
    }
  })();
  let rest = "";
  const decoder = new TextDecoder();
  try {
    for await (const chunk of gunzip) {
      rest += decoder.decode(chunk as Buffer, { stream: true });
      let newline = rest.indexOf("\n");
      while (newline >= 0) {
        const text = rest.slice(0, newline + 1);
        rest = rest.slice(newline + 1);
        yield { text, value: JSON.parse(text) as unknown };
        newline = rest.indexOf("\n");
      }
    }
  } catch (error) {
    if (error instanceof SyntaxError) throw new BackupError(`备份文件内容损坏（${error.message}）`);
    throw new BackupError(`备份文件不是年报通的备份，或已损坏（${(error as Error).message}）`);
  }
  await feeding;
  if (rest.trim() !== "") throw new BackupError("备份文件不完整：最后一行被截断");
}

/**
 * Restores a backup into a store that holds nothing yet (a new data folder or an empty
 * database, already migrated). All or nothing: any problem leaves the store as it was.
 */
export async function restoreBackup(db: StoreDatabase, chunks: AsyncIterable<Uint8Array>): Promise<BackupSummary> {
  const ownTables = new Map((await appTables(db)).map((table) => [table.name, table]));
  const ownMigrations = await appliedMigrations(db);
  const counts: Record<string, number> = {};
  let header: BackupHeader | undefined;
  let ended: BackupEnd | undefined;
  const hash = createHash("sha256");
  await db.transaction(async (tx) => {
    for (const table of ownTables.keys()) {
      const { rows } = await tx.execute<{ found: boolean }>(
        sql.raw(`SELECT EXISTS (SELECT 1 FROM ${quoteIdentifier(table)}) AS found`),
      );
      // app_settings holds the session secret a fresh store makes itself; it is replaced below.
      if (rows[0]?.found && table !== "app_settings") {
        throw new BackupError(`目标数据库不是空的（表 ${table} 已有数据）。请恢复到一个新的数据文件夹或空数据库。`);
      }
    }
    await tx.execute(sql.raw(`DELETE FROM ${quoteIdentifier("app_settings")}`));
    const pendingSelf: { table: TableInfo; rows: Record<string, unknown>[] }[] = [];
    for await (const { text, value } of backupLines(chunks)) {
      if (ended) throw new BackupError("备份文件在结束标记之后还有内容");
      if (!header) {
        const first = value as Partial<BackupHeader>;
        if (first.format !== BACKUP_FORMAT) throw new BackupError("这不是年报通的备份文件");
        if (first.version !== BACKUP_VERSION) throw new BackupError(`备份文件的版本 ${first.version} 本程序不认识`);
        if ((first.migrations ?? 0) > ownMigrations) {
          throw new BackupError("备份来自更新版本的年报通（数据库结构更新），请先升级本程序再恢复");
        }
        header = first as BackupHeader;
        hash.update(text);
        continue;
      }
      if ((value as BackupEnd).end === true) {
        ended = value as BackupEnd;
        if (ended.sha256 !== hash.digest("hex")) throw new BackupError("备份文件校验不符，文件已损坏");
        continue;
      }
      hash.update(text);
      const { table: name, rows } = value as BackupRows;
      const own = ownTables.get(name);
      const saved = header.tables.find((table) => table.name === name);
      if (!own || !saved) throw new BackupError(`备份中的表 ${name} 本程序没有`);
      // Columns the backup has; a column added since takes its default.
      const columns = saved.columns.filter((column) => own.columns.includes(column));
      const selfReferences = own.selfReferences.filter((column) => columns.includes(column));
      const list = columns.map(quoteIdentifier).join(", ");
      const values = columns.map((column) => (selfReferences.includes(column) ? "NULL" : quoteIdentifier(column))).join(", ");
      await tx.execute(
        sql`${sql.raw(`INSERT INTO ${quoteIdentifier(name)} (${list}) SELECT ${values} FROM json_populate_recordset(NULL::${quoteIdentifier(name)}, `)}${JSON.stringify(rows)}${sql.raw("::json)")}`,
      );
      if (selfReferences.length > 0) pendingSelf.push({ table: own, rows });
      counts[name] = (counts[name] ?? 0) + rows.length;
    }
    if (!header) throw new BackupError("备份文件是空的");
    if (!ended) throw new BackupError("备份文件不完整：缺少结束标记（文件可能在复制中被截断）");
    for (const [name, count] of Object.entries(ended.counts)) {
      if ((counts[name] ?? 0) !== count) throw new BackupError(`备份文件不完整：表 ${name} 应有 ${count} 行`);
    }
    // Links within a table (a unit's parent) once every row of it is there.
    for (const { table, rows } of pendingSelf) {
      for (const column of table.selfReferences) {
        await tx.execute(
          sql`${sql.raw(`UPDATE ${quoteIdentifier(table.name)} t SET ${quoteIdentifier(column)} = s.${quoteIdentifier(column)} FROM json_populate_recordset(NULL::${quoteIdentifier(table.name)}, `)}${JSON.stringify(rows)}${sql.raw(`::json) s WHERE t.id = s.id AND s.${quoteIdentifier(column)} IS NOT NULL`)}`,
        );
      }
    }
  });
  return { counts, createdAt: header!.createdAt };
}

export function isBackupError(error: unknown): error is BackupError {
  return error instanceof Error && (error as Partial<BackupError>).isBackupError === true;
}
