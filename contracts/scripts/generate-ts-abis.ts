/**
 * Writes `generated/deployedContracts.ts` from the Ignition deployment state of every chain in
 * `ignition/deployments/chain-<id>` (addresses, deployment blocks, ABIs of the deployed artifacts).
 * Usage: `node scripts/generate-ts-abis.ts [--out <file>] [--local-deployment <dir>]`
 * (`--local-deployment` replaces chain 31337's state, used by check:generated).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { findDeploymentSources, renderDeployedContracts } from "./lib/generate.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** The committed module; its path decides the Prettier configuration used for every output. */
export const committedFile = path.join(root, "generated", "deployedContracts.ts");

export async function generate(outFile: string, localDeployment?: string): Promise<string> {
  let sources = findDeploymentSources(path.join(root, "ignition", "deployments"));
  if (localDeployment !== undefined) {
    sources = [...sources.filter((s) => s.chainId !== 31337), { chainId: 31337, dir: localDeployment }];
  }
  const code = await renderDeployedContracts(sources, committedFile);
  mkdirSync(path.dirname(outFile), { recursive: true });
  // Unchanged content is not rewritten: the web app's dev server watches this module, and the dev stack
  // regenerates it at every start (a rewrite would invalidate Next.js' compiled pages and caches).
  if (!existsSync(outFile) || readFileSync(outFile, "utf8") !== code) writeFileSync(outFile, code);
  return outFile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { out: { type: "string" }, "local-deployment": { type: "string" } },
  });
  const out = path.resolve(values.out ?? committedFile);
  const local = values["local-deployment"];
  await generate(out, local === undefined ? undefined : path.resolve(local));
  console.log(`Wrote ${path.relative(process.cwd(), out)}`);
}
