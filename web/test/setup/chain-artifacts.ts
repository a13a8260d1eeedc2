/**
 * Vitest global setup: makes sure the compiled contract artifacts exist (contracts/artifacts is not
 * committed) before any test file starts a chain with test/chain.ts — compiled once per run, not once
 * per file, and only when missing (~11 s cold; a no-op otherwise).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The contracts package directory. */
export const CONTRACTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../contracts");
/** Contracts test/chain.ts deploys. */
export const CHAIN_CONTRACTS = ["CourseCertificate", "ESNToken", "CourseMarketplace"] as const;

/** Path of the Hardhat artifact of `name`. */
export function artifactPath(name: (typeof CHAIN_CONTRACTS)[number]): string {
  return path.join(CONTRACTS_DIR, "artifacts", "contracts", `${name}.sol`, `${name}.json`);
}

export default async function setup(): Promise<void> {
  if (CHAIN_CONTRACTS.every((name) => existsSync(artifactPath(name)))) return;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(path.join(CONTRACTS_DIR, "node_modules/.bin/hardhat"), ["compile", "--quiet"], {
      cwd: CONTRACTS_DIR,
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`hardhat compile exited with ${code}`))));
  });
}
