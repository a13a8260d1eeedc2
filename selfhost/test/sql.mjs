#!/usr/bin/env node
/**
 * Runs one SQL query against a self-host stack's PostgreSQL and prints the first column of each row (one per
 * line) — how the self-host tests read the database state (e.g. whether an account exists) instead of
 * inferring it from HTTP answers. Connects to 127.0.0.1:<PGPORT> (host network) with the stack's `.env`.
 *
 * usage: node selfhost/test/sql.mjs <.env file> '<query with $1, $2…>' [param…]
 * Uses `pg` from the web workspace package (run `./run install` first). Exit 1 on a connection/query error.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const [envFile, query, ...params] = process.argv.slice(2);
if (!envFile || !query) {
  console.error("usage: sql.mjs <.env file> '<query>' [param…]");
  process.exit(2);
}
const env = Object.fromEntries(
  readFileSync(envFile, "utf8")
    .split("\n")
    .map((l) => /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(l.trim()))
    .filter(Boolean)
    .map((m) => [m[1], m[2]]),
);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const pg = createRequire(path.join(repo, "web/package.json"))("pg");
const client = new pg.Client({
  host: "127.0.0.1",
  port: Number(env.PGPORT ?? 5432),
  user: "postgres",
  password: env.POSTGRES_PASSWORD,
  database: env.POSTGRES_DB ?? "smolitux",
});
try {
  await client.connect();
  const { rows } = await client.query({ text: query, values: params, rowMode: "array" });
  for (const row of rows) console.log(String(row[0]));
} catch (err) {
  console.error(`sql.mjs: ${err.message}`);
  process.exitCode = 1;
} finally {
  await client.end().catch(() => {});
}
