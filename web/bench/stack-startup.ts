/**
 * Benchmark (prints figures, asserts nothing): cold start of the embedded dev stack — fresh data dir,
 * so PostgreSQL initdb, Hardhat node, contract deployment, migrations and seed all run — until the first
 * HTTP 200 from /api/health; then a warm restart on the same data; then the total RSS (bytes) of the
 * stack's process tree, read from /proc.
 *
 *   pnpm --filter @smolitux/web bench:stack [-- --mode prod] [--runs 1]
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { freePort } from "../scripts/stack/ports.ts";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: { mode: { type: "string", default: "dev" }, runs: { type: "string", default: "1" } },
});
const WEB_DIR = path.resolve(import.meta.dirname, "..");
/** The embedded default: no DATABASE_URL (an external database would not measure the embedded stack). */
const stackEnv = { ...process.env };
delete stackEnv.DATABASE_URL;

/** Descendant pids of `pid` (including itself), from /proc/<pid>/stat parent links. */
function processTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      /* process ended */
    }
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop() as number;
    out.push(pid);
    stack.push(...(parents.get(pid) ?? []));
  }
  return out;
}

function rssBytes(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Starts the stack, waits for the first 200 from /api/health; returns ms and the RSS breakdown. */
async function startOnce(dataDir: string): Promise<{ ms: number; rss: Map<string, number> }> {
  const [webPort, chainPort] = [await freePort(), await freePort()];
  const t0 = performance.now();
  const child = spawn(
    "node_modules/.bin/tsx",
    [
      "scripts/stack/main.ts",
      "--mode",
      values.mode ?? "dev",
      "--data-dir",
      dataDir,
      "--web-port",
      String(webPort),
      "--chain-port",
      String(chainPort),
    ],
    { cwd: WEB_DIR, stdio: ["ignore", "ignore", "pipe"], detached: true, env: stackEnv },
  );
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let ms = -1;
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`the stack exited before it was healthy:\n${stderr}`);
    const ok = await fetch(`http://127.0.0.1:${webPort}/api/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) {
      ms = performance.now() - t0;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 3000)); // let the worker and caches settle before measuring memory
  const rss = new Map<string, number>();
  for (const pid of processTree(child.pid as number)) {
    let name = "other";
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
      name = /postgres/.test(cmd)
        ? "postgres"
        : /hardhat/.test(cmd)
          ? "hardhat node"
          : /next/.test(cmd)
            ? "next"
            : /worker/.test(cmd)
              ? "worker"
              : /stack\/main/.test(cmd)
                ? "supervisor"
                : "other";
    } catch {
      /* gone */
    }
    rss.set(name, (rss.get(name) ?? 0) + rssBytes(pid));
  }
  process.kill(-(child.pid as number), "SIGTERM");
  await exited;
  return { ms, rss };
}

const mib = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
const dataDir = await mkdtemp(path.join(tmpdir(), "smolitux-bench-"));
try {
  for (let run = 1; run <= Number(values.runs); run++) {
    await rm(dataDir, { recursive: true, force: true });
    const cold = await startOnce(dataDir);
    const warm = await startOnce(dataDir);
    console.log(`run ${run} (mode ${values.mode})`);
    console.log(`  cold start → first 200 /api/health: ${(cold.ms / 1000).toFixed(1)} s`);
    console.log(`  warm restart (same data)          : ${(warm.ms / 1000).toFixed(1)} s`);
    const total = [...warm.rss.values()].reduce((a, b) => a + b, 0);
    console.log(
      `  RSS after warm start: total ${mib(total)} — ${[...warm.rss].map(([k, v]) => `${k} ${mib(v)}`).join(", ")}`,
    );
  }
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
