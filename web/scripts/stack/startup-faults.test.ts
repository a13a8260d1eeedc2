/**
 * `./run dev` start-up failures: each part of the stack is broken or killed right after it starts, in
 * turn (STACK_FAULT, see main.ts). Every time the start must end with ONE last line naming the part, the
 * cause and what to do, exit 1, and leave no process of that stack running (checked by a tag in the
 * environment of every process it started, and by the ports being free again).
 *
 * Slow (one stack start per part: ~5–10 min on 2 cores): runs only with STACK_FAULT_TESTS=1
 * (`./run test --only "start-up faults"`).
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, portInUse } from "./ports.ts";
import { removeRelocated } from "./postgres-root.ts";

const WEB_DIR = path.resolve(import.meta.dirname, "../..");
const ROOT = path.resolve(WEB_DIR, "..");

/** pids of processes whose environment carries `tag` (root reads every /proc/<pid>/environ). */
function processesTagged(tag: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, "utf8").includes(`STACK_RUN_TAG=${tag}`)) found.push(Number(entry));
    } catch {
      /* ended or not readable */
    }
  }
  return found;
}

interface Run {
  code: number | null;
  lastLine: string;
  leftover: number[];
  portsBusy: boolean;
}

async function startStack(dataDir: string, env: Record<string, string>, ports?: [number, number]): Promise<Run> {
  const [webPort, chainPort] = ports ?? [await freePort(), await freePort()];
  const tag = randomUUID();
  const stackEnv: NodeJS.ProcessEnv = { ...process.env, STACK_RUN_TAG: tag, ...env };
  if (!("DATABASE_URL" in env)) delete stackEnv.DATABASE_URL;
  const child = spawn(
    "node_modules/.bin/tsx",
    ["scripts/stack/main.ts", "--data-dir", dataDir, "--web-port", String(webPort), "--chain-port", String(chainPort)],
    { cwd: WEB_DIR, env: stackEnv, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr.on("data", (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  await new Promise((r) => setTimeout(r, 1500)); // let killed process groups finish dying
  const lines = out.split("\n").filter((l) => l.trim() !== "");
  return {
    code,
    lastLine: lines.at(-1) ?? "",
    leftover: processesTagged(tag),
    portsBusy: (await portInUse(webPort)) || (await portInUse(chainPort)),
  };
}

const FAULTS: { fault: string; part: string; cause: RegExp }[] = [
  { fault: "database", part: "database", cause: /killed|stopped answering/ },
  { fault: "chain", part: "chain", cause: /killed/ },
  { fault: "deploy", part: "contract deployment", cause: /killed/ },
  { fault: "migrate", part: "database migration", cause: /password|authentication/i },
  { fault: "seed", part: "seed", cause: /killed/ },
  { fault: "worker", part: "worker", cause: /killed/ },
  { fault: "web", part: "web app", cause: /killed/ },
];

describe.skipIf(process.env.STACK_FAULT_TESTS !== "1")("dev stack start-up failures", () => {
  let dataDir: string;
  beforeAll(async () => {
    await mkdir(path.join(ROOT, ".data"), { recursive: true });
    dataDir = await mkdtemp(path.join(ROOT, ".data/stack-faults-"));
    await chmod(dataDir, 0o755);
  });
  afterAll(async () => {
    await removeRelocated(path.join(dataDir, "postgres"));
    await rm(dataDir, { recursive: true, force: true });
  });

  const expectSentence = (run: Run, part: string, cause: RegExp) => {
    expect(run.lastLine).toMatch(new RegExp(`^\\[stack\\] ${part} failed: .+ — .+`));
    expect(run.lastLine.split(" — ")[0]).toMatch(cause);
    expect(run.code).toBe(1);
    expect(run.leftover).toEqual([]);
    expect(run.portsBusy).toBe(false);
  };

  it("a taken web or chain port stops the start before anything runs", async () => {
    const blocker = net.createServer().listen(0, "127.0.0.1");
    await new Promise((r) => blocker.once("listening", r));
    const taken = (blocker.address() as net.AddressInfo).port;
    try {
      const web = await startStack(dataDir, {}, [taken, await freePort()]);
      expect(web.lastLine).toMatch(/^\[stack\] web app port failed: port \d+ is already in use .+ — .+--web-port/);
      expect(web.leftover).toEqual([]);
      const chain = await startStack(dataDir, {}, [await freePort(), taken]);
      expect(chain.lastLine).toMatch(/^\[stack\] chain port failed: port \d+ is already in use .+ — .+--chain-port/);
      expect(chain.leftover).toEqual([]);
    } finally {
      blocker.close();
    }
  }, 60_000);

  it("an unreachable DATABASE_URL is named as the database's failure", async () => {
    const closed = await freePort();
    const run = await startStack(dataDir, { DATABASE_URL: `postgres://postgres@127.0.0.1:${closed}/x` });
    expectSentence(run, "database", /cannot connect to DATABASE_URL \(ECONNREFUSED\)/);
  }, 60_000);

  for (const { fault, part, cause } of FAULTS) {
    it(`${part} killed (or broken) at start`, async () => {
      const run = await startStack(dataDir, { STACK_FAULT: fault });
      expectSentence(run, part, cause);
    }, 600_000);
  }
});
