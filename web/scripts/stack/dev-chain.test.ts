import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CHAIN_RESET_SENTENCE, learnerTestAccount, walletBanner } from "./dev-chain.ts";

const README = readFileSync(path.resolve(import.meta.dirname, "../../../README.md"), "utf8");

describe("dev chain: test wallet and reset notice", () => {
  it("the banner and the README name the same learner test account, which holds no platform role", () => {
    const a = learnerTestAccount();
    expect(a.index).toBeGreaterThan(4);
    expect(README).toContain(a.address);
    expect(README).toContain(a.privateKey);
    expect(README).toContain(`account #${a.index}`);
    const banner = walletBanner("http://127.0.0.1:8545", 31337).join("\n");
    expect(banner).toContain(a.address);
    expect(banner).toContain(a.privateKey);
  });

  it("README quotes the exact reset sentence and keeps the quick start at two commands", () => {
    expect(README).toContain(CHAIN_RESET_SENTENCE);
    const quick = /## Quick start[\s\S]*?```bash\n([\s\S]*?)```/.exec(README)?.[1] ?? "";
    expect(
      quick
        .trim()
        .split("\n")
        .map((l) => l.split("#")[0]!.trim()),
    ).toEqual(["./run dev", "./run test"]);
  });
});
