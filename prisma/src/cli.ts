/**
 * `pnpm --filter @smolitux/db migrate <deploy|status|dev <name>|check>`
 * deploy/status read DATABASE_URL; dev and check run in memory (no server needed).
 */
import { createMigration, deploy, pendingSchemaSql, status } from "./migrate.ts";

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    console.error("DATABASE_URL must be set to a postgres:// URL (got " + (url ? `"${url}"` : "nothing") + ")");
    process.exit(2);
  }
  return url;
}

async function main(): Promise<number> {
  const [cmd, arg] = process.argv.slice(2);
  switch (cmd) {
    case "deploy": {
      const applied = await deploy(databaseUrl());
      console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
      return 0;
    }
    case "status": {
      const s = await status(databaseUrl());
      console.log(JSON.stringify(s, null, 2));
      return s.pending.length || s.failed.length || s.diagnostic ? 1 : 0;
    }
    case "dev": {
      const folder = await createMigration(arg ?? "");
      console.log(folder ? `created migrations/${folder}` : "schema and migrations agree; nothing to create");
      return 0;
    }
    case "check": {
      const sql = await pendingSchemaSql();
      if (sql) {
        console.error(
          "Migration drift: schema.prisma differs from migrations/. Run `./run --filter @smolitux/db migrate dev <name>`.\n" +
            sql,
        );
        return 1;
      }
      console.log("schema.prisma and migrations/ agree");
      return 0;
    }
    default:
      console.error("usage: migrate deploy | status | dev <name> | check");
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
