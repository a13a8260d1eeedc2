/**
 * `pnpm --filter @smolitux/web bench:packs` — prints the time to export and to import a course pack of
 * SIZE_MIB (default 100) MiB of media (4 video files of random bytes + text/quiz lessons): extraction with
 * SHA-256 and CIDv1 of every file, signature check, storage writes (fs driver) and the database transaction.
 * Goal: import ≤ 10 s on 2 cores. PostgreSQL: BENCH_PG_URL (server admin URL; default the machine's server);
 * two scratch databases are created, migrated and dropped. Prints figures only, asserts nothing.
 */
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createPrismaClient } from "@smolitux/db";
import { deploy } from "@smolitux/db/migrate";
import { issuerKeyFromSeed } from "../src/features/certificates/credential/keys.ts";
import { exportCoursePack } from "../src/features/packs/export.ts";
import { importPack } from "../src/features/packs/import.ts";
import { createFsStorage } from "../src/server/storage/fs.ts";

const adminUrl = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const sizeMiB = Number(process.env.SIZE_MIB ?? 100);
const VIDEOS = 4;

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

function dbUrl(name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

const names = [0, 1].map((i) => `smolitux_bench_pack${i}_${randomBytes(4).toString("hex")}`);
const dir = await mkdtemp(path.join(os.tmpdir(), "pack-bench-"));
for (const n of names) await admin(`CREATE DATABASE "${n}"`);
try {
  await Promise.all(names.map((n) => deploy(dbUrl(n))));
  const [src, dst] = names.map((n) => createPrismaClient(dbUrl(n)));
  if (!src || !dst) throw new Error("no databases");
  const srcStorage = createFsStorage(path.join(dir, "src"));
  const dstStorage = createFsStorage(path.join(dir, "dst"));
  const provider = await src.user.create({ data: { name: "Bench provider", roles: ["PROVIDER"] } });
  const lessons = [];
  const per = Math.floor((sizeMiB * 1024 * 1024) / VIDEOS);
  for (let i = 0; i < VIDEOS; i++) {
    const stored = await srcStorage.put(`courses/bench/video-${i}.mp4`, randomBytes(per), "video/mp4");
    const asset = await src.mediaAsset.create({
      data: {
        ownerId: provider.id,
        driver: "FS",
        key: stored.key,
        mimeType: "video/mp4",
        sizeBytes: stored.sizeBytes,
        sha256: stored.sha256,
        originalName: `video-${i}.mp4`,
      },
    });
    lessons.push({ title: `Video ${i + 1}`, kind: "VIDEO" as const, position: 2 * i + 1, mediaId: asset.id });
    lessons.push({ title: `Notes ${i + 1}`, kind: "TEXT" as const, position: 2 * i + 2, body: "Notes ".repeat(500) });
  }
  const course = await src.course.create({
    data: {
      slug: "bench-pack",
      title: "Bench pack",
      providerId: provider.id,
      status: "PUBLISHED",
      publishedAt: new Date(),
      isFree: true,
      sections: { create: [{ title: "All", position: 1, lessons: { create: lessons } }] },
    },
  });
  const key = await issuerKeyFromSeed(randomBytes(32));
  const file = path.join(dir, "bench.coursepack.tar");
  let t = performance.now();
  await exportCoursePack(
    { db: src, storage: srcStorage, key, publisherName: "Bench" },
    course.id,
    createWriteStream(file),
  );
  const exportMs = performance.now() - t;
  const size = (await stat(file)).size;
  const a = await dst.user.create({ data: { username: "bench-admin", roles: ["SCHOOL_ADMIN"] } });
  const deps = { db: dst, storage: dstStorage, tmpDir: path.join(dir, "tmp") };
  t = performance.now();
  const r = await importPack(deps, a, createReadStream(file), { confirmUntrusted: true });
  const importMs = performance.now() - t;
  t = performance.now();
  const again = await importPack(deps, a, createReadStream(file));
  const reimportMs = performance.now() - t;
  const mib = size / 1024 / 1024;
  console.log(`pack size:        ${mib.toFixed(1)} MiB (${r.mediaFiles} media files, ${r.lessons} lessons)`);
  console.log(`export:           ${(exportMs / 1000).toFixed(2)} s`);
  console.log(
    `import (${r.status}): ${(importMs / 1000).toFixed(2)} s  (${(mib / (importMs / 1000)).toFixed(0)} MiB/s; goal ≤ 10 s for 100 MiB on 2 cores)`,
  );
  console.log(`re-import (${again.status}): ${(reimportMs / 1000).toFixed(2)} s (verifies everything, writes nothing)`);
  console.log(
    `cores: ${os.cpus().length}, load average: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  await Promise.all([src.$disconnect(), dst.$disconnect()]);
} finally {
  for (const n of names) await admin(`DROP DATABASE IF EXISTS "${n}" WITH (FORCE)`);
  await rm(dir, { recursive: true, force: true });
}
