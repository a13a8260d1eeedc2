/**
 * Start-up failures of the dev stack as one sentence: the part that failed, the cause, and what to do.
 * `./run dev` prints exactly this line last (after stopping every process it started).
 */

/** Parts of the stack, in start order (names as printed in the sentence). */
export type StackPart =
  | "web app port"
  | "chain port"
  | "database"
  | "mail catcher"
  | "chain"
  | "contract deployment"
  | "database migration"
  | "seed"
  | "worker"
  | "web build"
  | "web app";

/** A failure of one part while the stack starts. */
export class StartupError extends Error {
  constructor(
    readonly part: StackPart,
    readonly reason: string,
    readonly fix: string,
  ) {
    super(`${part} failed: ${oneLine(reason)} — ${fix}`);
    this.name = "StartupError";
  }
}

/** The first meaningful line of an error message (multi-line tool output stays in the part's own log). */
export function oneLine(text: string): string {
  const line =
    text
      .split("\n")
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? "unknown error";
  return line.length > 240 ? `${line.slice(0, 237)}…` : line;
}

/** What to do when `part` exits or fails during start-up with exit `code`. */
export function partFailed(part: StackPart, code: number | null): StartupError {
  const exit = code === null ? "it was killed" : `it exited with code ${code}`;
  const see = `see the [${TAG[part]}] lines above`;
  const fixes: Record<StackPart, string> = {
    "web app port": "stop the program that uses the port or start with --web-port <free port>",
    "chain port": "stop the program that uses the port or start with --chain-port <free port>",
    database: "stop any other stack that uses this data folder, or start with --fresh for an empty dev database",
    "mail catcher": "free the port given with --smtp-port, or set SMTP_URL to a real mail server",
    chain: `${see}; check that the chain port is free and that \`./run install\` completed`,
    "contract deployment": `${see}; fix the contracts (\`./run --filter @smolitux/contracts build\`) and start again`,
    "database migration": "fix the failing migration, or start with --fresh for an empty dev database",
    seed: `${see}; start with --fresh to rebuild the dev data`,
    worker: `${see}; fix the reported error and start again`,
    "web build": `${see}; fix the reported build error and start again`,
    "web app": `${see}; fix the reported error and start again`,
  };
  return new StartupError(part, exit, fixes[part]);
}

const TAG: Record<StackPart, string> = {
  "web app port": "stack",
  "chain port": "stack",
  database: "stack",
  "mail catcher": "stack",
  chain: "chain",
  "contract deployment": "deploy",
  "database migration": "stack",
  seed: "seed",
  worker: "worker",
  "web build": "build",
  "web app": "web",
};
