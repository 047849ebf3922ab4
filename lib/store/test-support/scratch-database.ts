import { randomBytes } from "node:crypto";
import pg from "pg";

/** Tests and benchmarks only: a throwaway database on a PostgreSQL server, so runs never share tables. */

export const DEFAULT_TEST_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/test";

export function testDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
}

/** Null when the server answers, else why not (for the skip message). */
export async function probePostgres(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export type ScratchDatabase = { url: string; drop(): Promise<void> };

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A new empty database on the server of `serverUrl`, dropped by `drop()`. Where the
 * user may not create databases, falls back to `serverUrl` itself with the store's
 * tables and migration history dropped (runs on it then must not overlap).
 */
export async function createScratchDatabase(serverUrl: string): Promise<ScratchDatabase> {
  const name = `nianbaotong_scratch_${process.pid}_${randomBytes(4).toString("hex")}`;
  try {
    // Identifiers cannot be bound as parameters; the name is generated and escaped.
    await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
  } catch (error) {
    if ((error as { code?: string }).code !== "42501") throw error; // insufficient_privilege
    console.warn(`无权创建临时数据库，改为清空 ${serverUrl} 中的报告表`);
    await withClient(serverUrl, (client) =>
      client.query("DROP TABLE IF EXISTS report_revisions, reports CASCADE; DROP SCHEMA IF EXISTS drizzle CASCADE"),
    );
    return { url: serverUrl, drop: async () => undefined };
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withClient(serverUrl, async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      }),
  };
}
