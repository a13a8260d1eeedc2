import { createRequire } from "node:module";

import hardhatToolboxViemPlugin from "@nomicfoundation/hardhat-toolbox-viem";
import { configVariable, defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);

/**
 * Offline compiler: the npm `solc` package (same version) is loaded as wasm, so Hardhat never
 * tries to download a compiler list (HHE905 on machines without internet).
 */
const SOLC_VERSION = "0.8.28";
const solcPath = require.resolve("solc/soljson.js");

/** Fuzz runs for Solidity fuzz tests; 1,000 by default, raise with FUZZ_RUNS=10000. */
const fuzzRuns = Number.parseInt(process.env.FUZZ_RUNS ?? "1000", 10);
/** Invariant (stateful fuzz) runs × depth: 160 × 64 = 10,240 random operations per invariant by default. */
const invariantRuns = Number.parseInt(process.env.INVARIANT_RUNS ?? "160", 10);
const invariantDepth = Number.parseInt(process.env.INVARIANT_DEPTH ?? "64", 10);

export default defineConfig({
  plugins: [hardhatToolboxViemPlugin],
  // `hardhat ignition verify chain-<id>` (hardhat-verify, Etherscan v2 API incl. Polygonscan); read lazily.
  verify: { etherscan: { apiKey: configVariable("ETHERSCAN_API_KEY") } },
  solidity: {
    profiles: {
      default: {
        version: SOLC_VERSION,
        path: solcPath,
        settings: {
          optimizer: { enabled: true, runs: 200 },
          evmVersion: "cancun",
        },
      },
      production: {
        version: SOLC_VERSION,
        path: solcPath,
        settings: {
          optimizer: { enabled: true, runs: 200 },
          evmVersion: "cancun",
        },
      },
    },
  },
  test: {
    solidity: {
      fuzz: { runs: fuzzRuns },
      invariant: { runs: invariantRuns, depth: invariantDepth, failOnRevert: false },
    },
  },
  networks: {
    // In-process simulated chain used by `hardhat test` and the check:generated script.
    hardhat: {
      type: "edr-simulated",
      chainType: "l1",
      chainId: 31337,
    },
    // The dev stack's `hardhat node` (chainId 31337).
    localhost: {
      type: "http",
      chainType: "l1",
      url: process.env.RPC_URL ?? "http://127.0.0.1:8545",
    },
    // Keys and RPC URLs are configuration variables (env or hardhat-keystore), never in the repo.
    polygonAmoy: {
      type: "http",
      chainType: "l1",
      chainId: 80002,
      url: configVariable("POLYGON_AMOY_RPC_URL"),
      accounts: [configVariable("POLYGON_AMOY_DEPLOYER_KEY")],
    },
    polygon: {
      type: "http",
      chainType: "l1",
      chainId: 137,
      url: configVariable("POLYGON_RPC_URL"),
      accounts: [configVariable("POLYGON_DEPLOYER_KEY")],
    },
  },
});
