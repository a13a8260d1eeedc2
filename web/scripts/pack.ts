/**
 * Course packs from the command line (features/packs), with DATABASE_URL, the storage settings and
 * CREDENTIAL_ISSUER_KEY (or DEV_CHAIN_KEYS) from the environment:
 *
 *   pnpm --filter @smolitux/web pack export <course-slug> [<out.tar>]      signed pack of a published course
 *   pnpm --filter @smolitux/web pack import <file.tar> [--trust] [--as <username-or-email>]
 *
 * `import` acts as a school admin (`--as`, default: the oldest SCHOOL_ADMIN/PLATFORM_ADMIN account) and needs
 * `--trust` for a publisher key that is not trusted yet. Exit code 0 on success, 1 with one line naming the
 * problem (for a rejected pack: the file inside the pack and the reason), nothing written.
 */
import { createReadStream, createWriteStream } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createPrismaClient } from "@smolitux/db";
import { issuerKeyFromEnv } from "../src/features/certificates/credential/keys.ts";
import { exportCoursePack } from "../src/features/packs/export.ts";
import { importPack } from "../src/features/packs/import.ts";
import { packFileName } from "../src/features/packs/service.ts";
import { ApiError } from "../src/server/http.ts";
import { parseEnv } from "../src/server/env.ts";
import { createStorageFromEnv } from "../src/server/storage/index.ts";

function fail(message: string): never {
  process.stderr.write(`pack: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { trust: { type: "boolean", default: false }, as: { type: "string" } },
  });
  const [command, target, out] = positionals;
  if ((command !== "export" && command !== "import") || !target) {
    fail("usage: pack export <course-slug> [<out.tar>] | pack import <file.tar> [--trust] [--as <user>]");
  }
  let env;
  try {
    env = parseEnv(process.env);
  } catch (err) {
    fail((err as Error).message);
  }
  const db = createPrismaClient(env.DATABASE_URL, { max: 2 });
  const storage = createStorageFromEnv(env);
  try {
    if (command === "export") {
      const course = await db.course.findUnique({ where: { slug: target }, select: { id: true } });
      if (!course) fail(`no course with the slug "${target}"`);
      const school = await db.schoolSettings.findUnique({ where: { id: "school" }, select: { name: true } });
      const file = path.resolve(out ?? packFileName(target));
      const manifest = await exportCoursePack(
        { db, storage, key: await issuerKeyFromEnv(env), publisherName: school?.name ?? "Smolitux Academy" },
        course.id,
        createWriteStream(file),
      );
      process.stdout.write(
        `${file}: ${manifest.files.length} files, version ${manifest.course.version}, signed by ${manifest.publisher.did}\n`,
      );
      return;
    }
    const who = values.as;
    const admin = await db.user.findFirst({
      where: who
        ? { OR: [{ username: who.toLowerCase() }, { email: who.toLowerCase() }] }
        : { roles: { hasSome: ["SCHOOL_ADMIN", "PLATFORM_ADMIN"] } },
      orderBy: { createdAt: "asc" },
      select: { id: true, roles: true },
    });
    if (!admin) fail(who ? `no user "${who}"` : "no school admin yet: create one at /setup first (or pass --as)");
    const result = await importPack(
      { db, storage, tmpDir: path.resolve(env.UPLOAD_TMP_DIR, "packs") },
      admin,
      createReadStream(path.resolve(target)),
      { confirmUntrusted: values.trust },
    );
    process.stdout.write(
      `${result.status}: ${result.title} (${result.slug}) version ${result.version} from ${result.publisher.name}, ` +
        `${result.lessons} lessons, ${result.mediaFiles} media files, ${result.elapsedMs} ms\n`,
    );
  } catch (err) {
    if (err instanceof ApiError) {
      const extra = err.fields?.reason === "untrusted" ? " (re-run with --trust to import and trust it)" : "";
      fail(`${err.message}${extra}`);
    }
    fail(err instanceof Error ? err.message : String(err));
  } finally {
    await db.$disconnect();
  }
}

void main();
