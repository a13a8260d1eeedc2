import { existsSync, statSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./postgres.ts";
import { removeRelocated, SHARED_DIR } from "./postgres-root.ts";

const asRoot = process.getuid?.() === 0;

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

// A clone in /root or in a `mktemp -d` folder: PostgreSQL runs as the unprivileged "postgres" user, which
// cannot enter such a folder (issue: `spawn …/initdb EACCES`).
describe.skipIf(!asRoot)("embedded PostgreSQL as root in a private (0700) folder", () => {
  let parent: string;
  afterAll(async () => {
    if (parent) {
      await removeRelocated(path.join(parent, "checkout/.data/postgres"));
      await rm(parent, { recursive: true, force: true });
    }
  });

  it("starts, keeps its data across a restart, and starts afresh when the checkout's data is wiped", async () => {
    parent = await mkdtemp(path.join(os.tmpdir(), "smolitux-private-"));
    expect(statSync(parent).mode & 0o777).toBe(0o700);
    const dir = path.join(parent, "checkout/.data/postgres");

    const first = await startEmbeddedPostgres(dir);
    try {
      await first.ensureDatabase("smolitux");
      await query(first.url("smolitux"), "CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)");
    } finally {
      await first.stop();
    }
    // The cluster lives where the postgres user can reach it; the checkout only holds the pointer.
    const marker = (await readFile(path.join(dir, "data-location"), "utf8")).trim();
    expect(path.dirname(marker)).toBe(SHARED_DIR);
    expect(existsSync(path.join(marker, "data/PG_VERSION"))).toBe(true);

    const second = await startEmbeddedPostgres(dir);
    try {
      expect(await query(second.url("smolitux"), "SELECT v FROM kept")).toEqual([{ v: 42 }]);
    } finally {
      await second.stop();
    }

    await rm(path.join(parent, "checkout/.data"), { recursive: true, force: true });
    const third = await startEmbeddedPostgres(dir);
    try {
      const dbs = await query(third.url("postgres"), "SELECT datname FROM pg_database WHERE datname = 'smolitux'");
      expect(dbs).toEqual([]);
    } finally {
      await third.stop();
    }
  }, 120_000);
});
