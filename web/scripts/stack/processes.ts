/**
 * Child-process supervision for the dev stack: prefixed output, readiness waits, and a reverse-order
 * shutdown that also runs when any child dies unexpectedly.
 */
import { spawn, type ChildProcess } from "node:child_process";
import readline from "node:readline";

export interface Child {
  name: string;
  proc: ChildProcess;
  /** resolves with the exit code when the process ends, or null when a signal ended it */
  exited: Promise<number | null>;
}

const COLORS = [36, 35, 33, 32, 34, 31];
let colorIndex = 0;

/** Prints `line` prefixed with `[name]` in a stable colour per name. */
export function prefixer(name: string): (line: string) => void {
  const color = COLORS[colorIndex++ % COLORS.length];
  const tag = process.stdout.isTTY ? `\x1b[${color}m[${name}]\x1b[0m` : `[${name}]`;
  return (line: string) => process.stdout.write(`${tag} ${line}\n`);
}

/**
 * Spawns `cmd args` in `cwd` with `env`, streaming prefixed stdout/stderr. The child gets its own
 * process group so that its descendants are stopped with it.
 */
export function startChild(
  name: string,
  cmd: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; show?: (line: string) => boolean },
): Child {
  const proc = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const print = prefixer(name);
  const show = opts.show ?? (() => true);
  for (const stream of [proc.stdout, proc.stderr]) {
    if (stream) readline.createInterface({ input: stream }).on("line", (line) => show(line) && print(line));
  }
  const exited = new Promise<number | null>((resolve) => {
    proc.once("exit", (code) => resolve(code)); // null: ended by a signal (killed)
    proc.once("error", (err) => {
      print(`failed to start: ${err.message}`);
      resolve(127);
    });
  });
  return { name, proc, exited };
}

/** Sends `signal` to the child's whole process group, synchronously; no-op when it has exited. */
export function signalChild(child: Child, signal: NodeJS.Signals): void {
  const pid = child.proc.pid;
  if (pid === undefined || child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

/** Sends SIGTERM to the child's process group, then SIGKILL after `graceMs`. */
export async function stopChild(child: Child, graceMs = 8000): Promise<void> {
  const pid = child.proc.pid;
  if (pid === undefined || child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  const kill = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      /* already gone */
    }
  };
  kill("SIGTERM");
  const timer = setTimeout(() => kill("SIGKILL"), graceMs);
  await child.exited;
  clearTimeout(timer);
}

/**
 * Polls `check` every `intervalMs` until it resolves true.
 * @throws Error naming `what` after `timeoutMs` milliseconds
 */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 60_000,
  intervalMs = 250,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
