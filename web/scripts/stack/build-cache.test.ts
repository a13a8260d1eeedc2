import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildInputsHash, buildIsCurrent, recordBuild } from "./build-cache.ts";

let root: string;
afterAll(async () => root && rm(root, { recursive: true, force: true }));

describe("production build reuse", () => {
  it("reuses a build while the inputs' bytes are unchanged and rebuilds after a source change", async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "build-cache-"));
    const web = path.join(root, "web");
    await mkdir(path.join(web, "src"), { recursive: true });
    await mkdir(path.join(web, ".next"), { recursive: true });
    await mkdir(path.join(root, "contracts/generated"), { recursive: true });
    await writeFile(path.join(web, "src/page.tsx"), "export default 1;");
    await writeFile(path.join(root, "contracts/generated/deployedContracts.ts"), "export const a = 1;");
    const h1 = buildInputsHash(root, {});
    expect(buildIsCurrent(web, h1)).toBe(false); // no build yet
    await writeFile(path.join(web, ".next/BUILD_ID"), "x");
    await recordBuild(web, h1);
    expect(buildIsCurrent(web, h1)).toBe(true);
    // rewritten with the same bytes (as the contract module at each start): still current
    await writeFile(path.join(root, "contracts/generated/deployedContracts.ts"), "export const a = 1;");
    expect(buildInputsHash(root, {})).toBe(h1);
    // a source edit, a new file, or another NEXT_PUBLIC_ value: rebuild
    await writeFile(path.join(web, "src/page.tsx"), "export default 2;");
    const h2 = buildInputsHash(root, {});
    expect(h2).not.toBe(h1);
    expect(buildIsCurrent(web, h2)).toBe(false);
    expect(buildInputsHash(root, { NEXT_PUBLIC_X: "1" })).not.toBe(h2);
    // test files do not go into the build
    await writeFile(path.join(web, "src/page.test.ts"), "test");
    expect(buildInputsHash(root, {})).toBe(h2);
  });
});
