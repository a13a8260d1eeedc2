/**
 * Benchmark (prints figures, asserts nothing): memory and latency of a running self-host stack — the
 * `pi` profile (web + worker + PostgreSQL) in containers, or the same processes natively. Memory is PSS
 * (proportional set size: shared pages divided among the processes sharing them) summed from
 * /proc/<pid>/smaps_rollup over each role's process tree. Measured idle, then while N simulated learners
 * browse and watch (each: home page → a course page → a lesson's media range → health, with think time;
 * bounded load on 127.0.0.1), reporting the peak PSS and the page latency percentiles.
 *
 *   pnpm --filter @smolitux/web bench:selfhost -- --url http://127.0.0.1:3000 [--learners 30] [--seconds 60]
 *
 * Processes are found by command line (`next-server`, `dist/worker.mjs`) among those whose environment has
 * MIGRATIONS_DIR=<--app-dir>/migrations (default /app: the image; natively the app folder), and PostgreSQL by its
 * executable inside <--app-dir>/node_modules (the db role execs it; its children rewrite their environment
 * area for their process titles); containers' processes are visible in the host's /proc, so run it on the
 * Docker host (as root).
 * Budgets (issue 12): ≤ 400 MB idle, ≤ 600 MB loaded, printed next to the figures.
 */
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    url: { type: "string", default: "http://127.0.0.1:3000" },
    learners: { type: "string", default: "30" },
    seconds: { type: "string", default: "60" },
    "idle-seconds": { type: "string", default: "15" },
    "think-ms": { type: "string", default: "1000" },
    "app-dir": { type: "string", default: "/app" },
  },
});
const BASE = values.url.replace(/\/$/, "");
const LEARNERS = Number(values.learners);
const SECONDS = Number(values.seconds);
const THINK_MS = Number(values["think-ms"]);
const BUDGET = { idle: 400, loaded: 600 };
/**
 * A process belongs to the measured stack when its environment carries the stack's MIGRATIONS_DIR (set by
 * the image and by native-stack.sh): other Next.js servers on the same machine are not counted.
 */
const APP_DIR = values["app-dir"].replace(/\/$/, "");
const STACK_MARK = `MIGRATIONS_DIR=${APP_DIR}/migrations`;
const ROLES: Record<string, RegExp> = {
  web: /standalone\/web\/server\.js|next-server/,
  worker: /dist\/worker\.mjs/,
  db: /\/bin\/postgres\b/,
};

interface Proc {
  pid: number;
  ppid: number;
  cmd: string;
  /** carries the stack's environment mark */
  ours: boolean;
}
function processes(): Proc[] {
  const out: Proc[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ");
      let exe = "";
      try {
        exe = readlinkSync(`/proc/${entry}/exe`);
      } catch {
        /* kernel thread or another user's process */
      }
      const ours =
        exe.startsWith(`${APP_DIR}/node_modules/`) ||
        readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(STACK_MARK);
      out.push({ pid: Number(entry), ppid, cmd, ours });
    } catch {
      /* ended */
    }
  }
  return out;
}

/** pids per role: the matching process and all its descendants (PostgreSQL's backends under db). */
function roleTrees(): Record<string, number[]> {
  const all = processes();
  const children = new Map<number, number[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const out: Record<string, number[]> = {};
  for (const [role, re] of Object.entries(ROLES)) {
    const roots = all.filter((p) => p.ours && re.test(p.cmd) && !all.some((q) => q.pid === p.ppid && re.test(q.cmd)));
    const pids: number[] = [];
    const stack = roots.map((r) => r.pid);
    while (stack.length) {
      const pid = stack.pop() as number;
      pids.push(pid);
      stack.push(...(children.get(pid) ?? []));
    }
    out[role] = pids;
  }
  return out;
}

function pssKb(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function measure(): { total: number; byRole: Record<string, number>; count: Record<string, number> } {
  const trees = roleTrees();
  const byRole: Record<string, number> = {};
  const count: Record<string, number> = {};
  for (const [role, pids] of Object.entries(trees)) {
    byRole[role] = pids.reduce((s, p) => s + pssKb(p), 0) / 1024;
    count[role] = pids.length;
  }
  return { total: Object.values(byRole).reduce((a, b) => a + b, 0), byRole, count };
}

const mb = (n: number) => `${n.toFixed(1)} MB`;
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Pages a learner visits: the home page, course pages linked from it, lesson media found on them. */
async function discover(): Promise<{ pages: string[]; media: string[] }> {
  const home = await (await fetch(`${BASE}/`)).text();
  const courses = [...new Set([...home.matchAll(/href="(\/courses\/[^"#?]+)"/g)].map((m) => m[1] as string))].slice(
    0,
    5,
  );
  const media: string[] = [];
  for (const c of courses) {
    const html = await (await fetch(`${BASE}${c}`)).text();
    for (const m of html.matchAll(/(?:src|href)="(\/api\/media\/[^"]+)"/g))
      media.push((m[1] as string).replace(/&amp;/g, "&"));
  }
  return { pages: ["/", ...courses, "/signin"], media: [...new Set(media)].slice(0, 5) };
}

async function main(): Promise<void> {
  const health = await fetch(`${BASE}/api/health`).catch(() => undefined);
  if (!health) throw new Error(`nothing answers at ${BASE}`);
  const first = measure();
  if (!first.count.web || !first.count.db)
    throw new Error(`processes not found (web ${first.count.web}, db ${first.count.db}); run on the host, as root`);
  const { pages, media } = await discover();
  console.log(
    `stack at ${BASE}: ${JSON.stringify(first.count)} processes; pages ${pages.join(", ")}; media ${media.length}`,
  );

  await new Promise((r) => setTimeout(r, Number(values["idle-seconds"]) * 1000));
  const idle = measure();

  const latencies: number[] = [];
  let errors = 0;
  /** failed requests by HTTP status ("network" when no answer came) */
  const errorKinds = new Map<string, number>();
  const failed = (kind: string) => {
    errors++;
    errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
  };
  let bytes = 0;
  let peak = idle;
  const until = Date.now() + SECONDS * 1000;
  const sampler = setInterval(() => {
    const m = measure();
    if (m.total > peak.total) peak = m;
  }, 1000);
  const learner = async (i: number) => {
    let step = i;
    while (Date.now() < until) {
      const isMedia = media.length > 0 && step % 4 === 2;
      const path = isMedia ? media[step % media.length] : pages[step % pages.length];
      const started = performance.now();
      try {
        const res = await fetch(`${BASE}${path}`, isMedia ? { headers: { range: "bytes=0-262143" } } : {});
        const body = await res.arrayBuffer();
        bytes += body.byteLength;
        if (!res.ok) failed(`${res.status} ${path}`);
        else if (!isMedia) latencies.push(performance.now() - started);
      } catch {
        failed(`network ${path}`);
      }
      step++;
      await new Promise((r) => setTimeout(r, THINK_MS * (0.5 + Math.random())));
    }
  };
  await Promise.all(Array.from({ length: LEARNERS }, (_, i) => learner(i)));
  clearInterval(sampler);
  const after = measure();
  if (after.total > peak.total) peak = after;
  latencies.sort((a, b) => a - b);

  const row = (label: string, m: ReturnType<typeof measure>, budget?: number) =>
    console.log(
      `${label.padEnd(22)} total ${mb(m.total).padStart(9)}  web ${mb(m.byRole.web ?? 0).padStart(9)}  worker ${mb(m.byRole.worker ?? 0).padStart(9)}  db ${mb(m.byRole.db ?? 0).padStart(9)}` +
        (budget ? `   budget ${budget} MB: ${m.total <= budget ? "within" : "OVER"}` : ""),
    );
  console.log("\nPSS (smaps_rollup, summed per role's process tree)");
  row("idle", idle, BUDGET.idle);
  row(`peak, ${LEARNERS} learners`, peak, BUDGET.loaded);
  row("after the load", after);
  console.log(
    `\npages: ${latencies.length} requests in ${SECONDS} s (${(latencies.length / SECONDS).toFixed(1)}/s), errors ${errors}, ` +
      `p50 ${pct(latencies, 50).toFixed(0)} ms, p95 ${pct(latencies, 95).toFixed(0)} ms, max ${(latencies.at(-1) ?? NaN).toFixed(0)} ms; ` +
      `${(bytes / 1e6).toFixed(1)} MB transferred`,
  );
  if (errors > 0) {
    console.log(`failed requests: ${[...errorKinds].map(([kind, n]) => `${n} × ${kind}`).join(", ")}`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
