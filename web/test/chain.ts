/**
 * A real local chain for integration tests: a Hardhat node (contracts/node_modules/.bin/hardhat node,
 * 127.0.0.1, a free port) with the platform contracts deployed at the addresses of the committed
 * `@smolitux/contracts` module. One node per test FILE (call in beforeAll, `stop()` in afterAll):
 * test files run in parallel and platform signer nonces must not be shared. Inside a file, isolate
 * tests with `snapshot()` / `revert(id)`.
 */
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";
import {
  createTestClient,
  createWalletClient,
  http,
  publicActions,
  walletActions,
  type Hex,
  type PublicActions,
  type TestClient,
  type WalletActions,
} from "viem";
import { hardhat } from "viem/chains";
import type { PlatformContracts } from "../src/server/contracts.ts";
import { CONTRACTS_DIR } from "./setup/chain-artifacts.ts";
import { deployPlatform } from "./setup/chain-deploy.ts";

/** A running test chain. */
export interface TestChain {
  rpcUrl: string;
  chainId: 31337;
  /** viem test client with public and wallet actions (mine, setAutomine, snapshot, …). */
  client: TestClient<"hardhat", ReturnType<typeof http>, typeof hardhat> & PublicActions & WalletActions;
  contracts: PlatformContracts;
  /** Milliseconds from spawn to the node answering, and to the contracts being deployed. */
  timings: { nodeMs: number; deployMs: number };
  /** `evm_snapshot`: returns an id for {@link revert}. */
  snapshot(): Promise<Hex>;
  /** `evm_revert` to a snapshot (a snapshot is single-use: take a new one after reverting). */
  revert(id: Hex): Promise<void>;
  /** Mines `blocks` blocks (default 1). */
  mine(blocks?: number): Promise<void>;
  /** Stops the node (SIGTERM to its process group, SIGKILL after 3 s). */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/** Starts a Hardhat node and deploys the platform. Typical: ~4 s node start-up, < 1 s deployment. */
export async function startTestChain(): Promise<TestChain> {
  const t0 = Date.now();
  const port = await freePort();
  const rpcUrl = `http://127.0.0.1:${port}`;
  const proc = spawn(
    path.join(CONTRACTS_DIR, "node_modules/.bin/hardhat"),
    ["node", "--hostname", "127.0.0.1", "--port", String(port)],
    { cwd: CONTRACTS_DIR, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  const kill = (signal: NodeJS.Signals) => {
    if (proc.pid === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
    try {
      process.kill(-proc.pid, signal);
    } catch {
      /* already gone */
    }
  };
  const onExit = () => kill("SIGKILL");
  process.once("exit", onExit);
  let stderr = "";
  proc.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Hardhat node did not start within 60 s:\n${stderr}`)), 60_000);
    readline.createInterface({ input: proc.stdout }).on("line", (line) => {
      if (line.includes("Started HTTP")) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Hardhat node exited (${code}) before starting:\n${stderr}`));
    });
  }).catch((err: unknown) => {
    kill("SIGKILL");
    throw err;
  });
  const nodeMs = Date.now() - t0;
  const transport = http(rpcUrl, { retryCount: 0 });
  const client = createTestClient({ mode: "hardhat", chain: hardhat, transport, pollingInterval: 20 })
    .extend(publicActions)
    .extend(walletActions);
  const wallet = createWalletClient({ chain: hardhat, transport });
  const contracts = await deployPlatform(wallet, client);
  const deployMs = Date.now() - t0 - nodeMs;
  return {
    rpcUrl,
    chainId: 31337,
    client,
    contracts,
    timings: { nodeMs, deployMs },
    snapshot: () => client.snapshot(),
    revert: (id) => client.revert({ id }),
    mine: (blocks = 1) => client.mine({ blocks }),
    async stop() {
      process.removeListener("exit", onExit);
      kill("SIGTERM");
      const timer = setTimeout(() => kill("SIGKILL"), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
