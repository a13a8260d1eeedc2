import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The contracts package directory. */
export const contractsRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Runs the package's Hardhat CLI with `args`; rejects with the exit code on failure. */
export function runHardhat(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const bin = path.join(contractsRoot, "node_modules", ".bin", "hardhat");
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd: contractsRoot, env, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`hardhat ${args.join(" ")} exited with code ${code}`)),
    );
  });
}
