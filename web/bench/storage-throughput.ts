/**
 * Prints put/get throughput of each storage driver for one streamed object (default 64 MiB; set
 * BENCH_MIB). Backends are local and in-process: fs in a temp folder, s3 against fauxqs, ipfs against the
 * Helia-backed Kubo RPC test server. Figures, not assertions.  Run: pnpm exec tsx bench/storage-throughput.ts
 */
import { startFauxqs } from "fauxqs";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { createFsStorage } from "../src/server/storage/fs.ts";
import { createIpfsStorage } from "../src/server/storage/ipfs.ts";
import { createS3Storage } from "../src/server/storage/s3.ts";
import { startFakeKubo } from "../src/server/storage/testing/kubo-rpc-server.ts";
import type { StorageDriver } from "../src/server/storage/types.ts";

const MiB = 1024 * 1024;
const size = Number(process.env.BENCH_MIB ?? 64) * MiB;
const data = randomBytes(size);
const source = () =>
  Readable.from(
    Array.from({ length: Math.ceil(size / (64 * 1024)) }, (_, i) => data.subarray(i * 65536, (i + 1) * 65536)),
  );

async function measure(name: string, s: StorageDriver): Promise<void> {
  let t = performance.now();
  const stored = await s.put("bench/object.bin", source(), "application/octet-stream");
  const put = (performance.now() - t) / 1000;
  t = performance.now();
  let read = 0;
  for await (const c of (await s.get(stored.key)).body) read += (c as Buffer).length;
  const get = (performance.now() - t) / 1000;
  if (read !== size || stored.sizeBytes !== size) throw new Error(`${name}: size mismatch`);
  const mib = size / MiB;
  console.log(
    `${name.padEnd(5)} ${mib} MiB  put ${(mib / put).toFixed(1)} MiB/s (${put.toFixed(2)} s)  get ${(mib / get).toFixed(1)} MiB/s`,
  );
  await s.delete(stored.key);
}

const dir = await mkdtemp(path.join(tmpdir(), "bench-fs-"));
const fauxqs = await startFauxqs({ port: 0, host: "127.0.0.1", logger: false });
fauxqs.createBucket("bench");
const kubo = await startFakeKubo();
try {
  await measure("fs", createFsStorage(dir));
  await measure(
    "s3",
    createS3Storage({
      bucket: "bench",
      region: "us-east-1",
      endpoint: `http://127.0.0.1:${fauxqs.port}`,
      forcePathStyle: true,
      credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
    }),
  );
  await measure("ipfs", createIpfsStorage({ apiUrl: kubo.url }));
} finally {
  await Promise.all([rm(dir, { recursive: true, force: true }), fauxqs.stop(), kubo.stop()]);
}
