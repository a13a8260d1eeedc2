/**
 * Read-only database access for the self-host smoke (SELFHOST_DATABASE_URL: the stack's PostgreSQL on
 * 127.0.0.1 — the compose `db` role or the native one in the loopback namespace). Used only to assert what the
 * UI cannot show: that a rejected pack import wrote nothing (issue 12 §6c).
 */
import pg from "pg";

/** Connection string of the stack under test, or undefined when the runner gave none. */
export const databaseUrl = process.env.SELFHOST_DATABASE_URL;

/**
 * Exact row count of every table in the `public` schema (Prisma's `_prisma_migrations` included), read in one
 * REPEATABLE READ transaction so the counts are one snapshot.
 * @returns table name → rows
 */
export async function tableCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables) {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`);
      counts[name] = Number(rows[0]?.n ?? 0);
    }
    await client.query("COMMIT");
    return counts;
  } finally {
    await client.end();
  }
}
