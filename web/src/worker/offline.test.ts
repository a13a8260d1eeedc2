/** Integration: the worker process in offline mode starts without any chain and runs only chain-free loops. */
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/db.ts";

const WEB = path.resolve(import.meta.dirname, "../..");
let tdb: TestDatabase;

beforeAll(async () => {
  tdb = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await tdb?.drop();
});

describe("worker process, OFFLINE_MODE=true", () => {
  it("starts without RPC_URL or signer keys, runs certificates + upload sweep, stops on SIGTERM", async () => {
    // RPC_URL points at a port where nothing listens: offline mode must never contact it.
    // node --import tsx (not the tsx CLI): no signal-relaying parent process between the test and the worker
    const child = spawn(process.execPath, ["--import", "tsx", "src/worker/main.ts"], {
      cwd: WEB,
      env: {
        PATH: process.env.PATH ?? "",
        NODE_ENV: "test",
        DATABASE_URL: tdb.url,
        OFFLINE_MODE: "true",
        LOG_LEVEL: "info",
        CERTIFICATE_POLL_INTERVAL_MS: "100",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const end = Date.now() + 60_000;
    while (!out.includes('"msg":"lock acquired; running"') || !out.includes('"msg":"worker started"')) {
      if (Date.now() > end) throw new Error(`worker did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 500)); // a few certificate ticks
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const started = out.split("\n").find((l) => l.includes('"msg":"worker started"')) ?? "{}";
    const info = JSON.parse(started) as { loops?: string[]; offline?: boolean; chain?: string };
    expect(info.offline).toBe(true);
    expect(info.chain).toBe("disabled");
    expect(info.loops?.sort()).toEqual(["certificates", "upload-sweep"]);
    expect(out).not.toMatch(/cannot reach RPC_URL|tick failed/);
  }, 90_000);
});
