/**
 * Benchmark (prints figures; not a test): a file of SIZE_MIB (default 100) random bytes through the chunked
 * upload route handlers (POST /api/uploads → PUT 8 MiB chunks → POST complete, real session cookie, fs
 * storage in a tmpdir), then read back through GET /api/media/<id>.
 *
 * Needs a PostgreSQL server: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres); a scratch
 * database is created, migrated and dropped.
 *   pnpm exec tsx src/features/media/bench/upload-throughput.ts
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createPrismaClient } from "@smolitux/db";
import { deploy } from "@smolitux/db/migrate";
import { sessionCookie, TEST_APP_URL, TEST_AUTH_SECRET } from "../../../../test/authz/session.ts";

const adminUrl = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const sizeMiB = Number(process.env.SIZE_MIB ?? 100);
const CHUNK = 8 * 1024 * 1024;

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const name = `smolitux_bench_${randomBytes(4).toString("hex")}`;
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const dir = await mkdtemp(path.join(os.tmpdir(), "upload-bench-"));
await admin(`CREATE DATABASE "${name}"`);
try {
  await deploy(url.toString());
  Object.assign(process.env, {
    DATABASE_URL: url.toString(),
    NEXTAUTH_SECRET: TEST_AUTH_SECRET,
    APP_URL: TEST_APP_URL,
    STORAGE_DRIVER: "fs",
    STORAGE_DIR: path.join(dir, "media"),
    UPLOAD_TMP_DIR: path.join(dir, "tmp"),
  });
  const db = createPrismaClient(url.toString());
  const user = await db.user.create({ data: { name: "bench", roles: ["LEARNER", "PROVIDER"] } });
  const cookie = await sessionCookie(user);
  const { POST: create } = await import("@/app/api/uploads/route.ts");
  const { PUT: put } = await import("@/app/api/uploads/[id]/route.ts");
  const { POST: complete } = await import("@/app/api/uploads/[id]/complete/route.ts");
  const { GET: media } = await import("@/app/api/media/[id]/route.ts");

  // An mp4 header so the sniffer accepts it, then random bytes.
  const bytes = randomBytes(sizeMiB * 1024 * 1024);
  Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]).copy(bytes, 0);
  const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
  const headers = { cookie, "content-type": "application/json" };

  const t0 = performance.now();
  const created = await create(
    new Request(`${TEST_APP_URL}/api/uploads`, {
      method: "POST",
      headers,
      body: JSON.stringify({ filename: "bench.mp4", type: "video/mp4", sizeBytes: bytes.length }),
    }),
  );
  const { id } = (await created.json()) as { id: string };
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, bytes.length) - 1;
    const res = await put(
      new Request(`${TEST_APP_URL}/api/uploads/${id}`, {
        method: "PUT",
        headers: { cookie, "content-range": `bytes ${start}-${end}/${bytes.length}` },
        body: bytes.subarray(start, end + 1),
      }),
      ctx(id),
    );
    if (res.status !== 200) throw new Error(`chunk ${start}: ${res.status} ${await res.text()}`);
  }
  const t1 = performance.now();
  const done = await complete(
    new Request(`${TEST_APP_URL}/api/uploads/${id}/complete`, { method: "POST", headers: { cookie } }),
    ctx(id),
  );
  const { assetId } = (await done.json()) as { assetId: string };
  const t2 = performance.now();
  const res = await media(new Request(`${TEST_APP_URL}/api/media/${assetId}`, { headers: { cookie } }), ctx(assetId));
  const read = (await res.arrayBuffer()).byteLength;
  const t3 = performance.now();
  if (read !== bytes.length) throw new Error("read back a different size");
  const mibs = (ms: number) => ((sizeMiB / ms) * 1000).toFixed(0);
  console.log(
    `file: ${sizeMiB} MiB in ${Math.ceil(bytes.length / CHUNK)} chunks of 8 MiB (fs driver, route handlers in-process)`,
  );
  console.log(`chunks PUT:   ${(t1 - t0).toFixed(0)} ms  (${mibs(t1 - t0)} MiB/s)`);
  console.log(
    `complete:     ${(t2 - t1).toFixed(0)} ms  (sniff + store through the driver with sha256 + MediaAsset row)`,
  );
  console.log(`end to end:   ${(t2 - t0).toFixed(0)} ms  (${mibs(t2 - t0)} MiB/s)`);
  console.log(`GET media:    ${(t3 - t2).toFixed(0)} ms  (${mibs(t3 - t2)} MiB/s)`);
  await db.$disconnect();
  const { db: appDb } = await import("@/server/db.ts");
  await appDb().$disconnect();
} finally {
  await rm(dir, { recursive: true, force: true });
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
