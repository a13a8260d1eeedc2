/**
 * CI check: compiles, deploys the local module to Hardhat's in-process network (written to a
 * throwaway Ignition deployment directory), regenerates the typed module into a temp file and
 * compares it with the committed `generated/deployedContracts.ts`. Exit 1 on any difference.
 *
 * Run: `node scripts/check-generated.ts` (package script `check:generated`).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { generate } from "./generate-ts-abis.ts";
import { contractsRoot, runHardhat } from "./lib/hardhat-cli.ts";

const deploymentId = `gencheck-${process.pid}`;
const deploymentDir = path.join(contractsRoot, "ignition", "deployments", deploymentId);
const tempDir = mkdtempSync(path.join(tmpdir(), "deployed-contracts-"));
const committed = path.join(contractsRoot, "generated", "deployedContracts.ts");

try {
  await runHardhat(["compile", "--quiet"]);
  await runHardhat([
    "ignition",
    "deploy",
    "ignition/modules/Local.ts",
    "--write-localhost-deployment",
    "--deployment-id",
    deploymentId,
  ]);
  const fresh = await generate(path.join(tempDir, "deployedContracts.ts"), deploymentDir);
  const expected = readFileSync(committed, "utf8");
  const actual = readFileSync(fresh, "utf8");
  if (expected !== actual) {
    const a = expected.split("\n");
    const b = actual.split("\n");
    const line = a.findIndex((text, i) => text !== b[i]);
    console.error(
      `✗ generated/deployedContracts.ts is out of date (first difference at line ${line + 1}).\n` +
        `  committed: ${a[line]?.slice(0, 160) ?? "<end of file>"}\n` +
        `  fresh:     ${b[line]?.slice(0, 160) ?? "<end of file>"}\n` +
        "  Regenerate with `pnpm --filter @smolitux/contracts deploy:local` against a fresh node (or run\n" +
        "  `node scripts/generate-ts-abis.ts` after this check's deployment) and commit the result.",
    );
    process.exitCode = 1;
  } else {
    console.log("✓ generated/deployedContracts.ts is up to date");
  }
} finally {
  rmSync(deploymentDir, { recursive: true, force: true });
  rmSync(tempDir, { recursive: true, force: true });
}
