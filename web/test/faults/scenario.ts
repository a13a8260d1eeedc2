/**
 * The fault-injection scenario of issue 10 §5, shared by the integration test (faults.test.ts) and
 * `pnpm bench:faults`: real PostgreSQL (a private embedded server, so it can be restarted), the real
 * Hardhat node with the platform deployed, the local Stripe stub, and TWO real worker processes whose
 * RPC goes through a proxy that drops, errors or delays `faultRate` of the responses.
 *
 * Operations: course listings through the outbox, then `card` card sales (each signed
 * `checkout.session.completed` delivered three times, all deliveries shuffled = out of order, handled
 * by the real webhook handler), `native` native-coin purchases and `permit` ESN purchases with an
 * EIP-2612 permit, sent by the learners' own wallets. Faults: one worker SIGKILLed mid-run (an
 * orchestrator starts a replacement), PostgreSQL restarted once, the RPC proxy all along.
 *
 * Settled = every expected (user, course) enrollment ACTIVE and every outbox row CONFIRMED.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { zeroAddress } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { createPrismaClient, type PrismaClient } from "@smolitux/db";
import { deploy } from "@smolitux/db/migrate";
import { courseIdToBytes32 } from "@smolitux/contracts/courseId";
import { startEmbeddedPostgres, type EmbeddedPg } from "../../scripts/stack/postgres.ts";
import { createCardCheckout } from "../../src/features/checkout/card/checkout.ts";
import type { CardDeps } from "../../src/features/checkout/card/deps.ts";
import { handleStripeWebhook } from "../../src/features/checkout/card/webhook.ts";
import { placeholderAddress } from "../../src/features/enrollment/learner-address.ts";
import { chainActions, devAccount } from "../../src/features/indexer/chain-fixtures.ts";
import {
  buildPermitTypedData,
  permitDeadline,
  permitSignatureArgs,
} from "../../src/features/checkout/crypto/permit.ts";
import { platformContracts } from "../../src/server/contracts.ts";
import { HARDHAT_TEST_MNEMONIC, signerAddress } from "../../src/server/keys.ts";
import { enqueue, listCourse } from "../../src/server/outbox/index.ts";
import { createStripeClient } from "../../src/server/stripe.ts";
import { startTestChain, type TestChain } from "../chain.ts";
import { saleEvents, type SignedDelivery } from "../stripe/events.ts";
import { randomStripeKey, randomWebhookSecret } from "../stripe/harness.ts";
import { startStripeStub, type StripeStub } from "../stripe/server.ts";
import { prng, startRpcProxy, type FaultCounts, type RpcProxy } from "./rpc-proxy.ts";

const WEB = path.resolve(import.meta.dirname, "../..");
const ROOT = path.resolve(WEB, "..");
const DEV = { DEV_CHAIN_KEYS: true, CHAIN_ID: 31337 } as const;
const NATIVE_PRICE = 10n ** 16n;
const ESN_PRICE = 10n ** 18n;
const COURSES = 6; // 0-2 listed for the native coin, 3-5 for ESN
const WALLET_LEARNERS = 10; // Hardhat accounts 7..16

/** Scenario settings. */
export interface FaultRunOptions {
  /** card sales (≤ 10 × 4), native (≤ 10 × 3) and permit (≤ 10 × 3) purchases */
  card?: number;
  native?: number;
  permit?: number;
  /** share of RPC responses the proxy spoils (0..1) */
  faultRate?: number;
  seed?: number;
  /** give up waiting for the settled state after this many ms */
  settleTimeoutMs?: number;
  /**
   * 0 (default): webhooks go to the app's handler in this process. N > 0: N real web processes
   * (`next start` of the production build in web/.next) receive the deliveries over HTTP, round-robin.
   */
  webProcesses?: number;
  /** Start a replacement for the SIGKILLed worker (default true); false = the survivor must take over. */
  replaceKilledWorker?: boolean;
  /** Restart PostgreSQL once after the operations (default true). */
  restartPostgres?: boolean;
  /** SIGKILL one worker half-way through the webhook deliveries (default true). */
  killWorker?: boolean;
  log?: (line: string) => void;
}

/** Figures of one run. */
export interface FaultRunResult {
  operations: { card: number; native: number; permit: number; webhookDeliveries: number; outboxRows: number };
  faults: FaultCounts & { workerKills: number; workerStarts: number; postgresRestarts: number };
  enrollments: { expected: number; active: number };
  refunds: number;
  losses: { paidButLocked: number; duplicateRecords: number; outboxNotConfirmed: number; onChainPurchases: number };
  /** loops the killed worker held, and ms until the surviving workers held all of them again */
  takeover: { loops: string[]; ms: number } | null;
  /** webhook deliveries per second over the run's delivery phase, per-web-process counts, and 5xx answers redelivered */
  webhooks: { perSecond: number; byProcess: number[]; redeliveries: number };
  /** card sale: last delivery → enrollment ACTIVE (ms), p50 and p95 */
  unlockMs: { p50: number; p95: number };
  /** ms from the last operation to the settled state; total ms of the run */
  settleMs: number;
  totalMs: number;
}

type Worker = {
  name: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** loops (log scope) whose advisory lock this worker acquired, with the time it did */
  acquired: { loop: string; at: number }[];
};

/** A free TCP port on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries `fn` while PostgreSQL is restarting (connection errors). */
async function retrying<T>(fn: () => Promise<T>, attempts = 60): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= attempts) throw err;
      await sleep(250);
    }
  }
}

/** Runs the scenario; always cleans up (processes, servers, data folder). */
export async function runFaultScenario(opts: FaultRunOptions = {}): Promise<FaultRunResult> {
  const card = opts.card ?? 40;
  const native = opts.native ?? 30;
  const permit = opts.permit ?? 30;
  const log = opts.log ?? (() => undefined);
  const webCount = opts.webProcesses ?? 0;
  const replaceKilled = opts.replaceKilledWorker ?? true;
  const rand = prng(opts.seed ?? 10);
  const t0 = Date.now();
  const cleanup: (() => Promise<unknown>)[] = [];
  const workers: Worker[] = [];
  let stopping = false;
  try {
    // --- infrastructure -------------------------------------------------------------------------
    await mkdir(path.join(ROOT, ".data"), { recursive: true });
    const pgDir = await mkdtemp(path.join(ROOT, ".data/faults-pg-"));
    await chmod(pgDir, 0o755);
    cleanup.push(() => rm(pgDir, { recursive: true, force: true }));
    let server: EmbeddedPg = await startEmbeddedPostgres(pgDir);
    const pgPort = server.port;
    cleanup.unshift(() => server.stop());
    await server.ensureDatabase("faults");
    const dbUrl = server.url("faults");
    await deploy(dbUrl);
    let db: PrismaClient = createPrismaClient(dbUrl, { max: 8 });
    cleanup.unshift(() => db.$disconnect());

    const chain: TestChain = await startTestChain();
    cleanup.unshift(() => chain.stop());
    const proxy: RpcProxy = await startRpcProxy(chain.rpcUrl, { rate: opts.faultRate ?? 0.2, seed: opts.seed ?? 10 });
    cleanup.unshift(() => proxy.close());
    const stripeKey = randomStripeKey();
    const webhookSecret = randomWebhookSecret();
    const stub: StripeStub = await startStripeStub(stripeKey);
    cleanup.unshift(() => stub.close());
    log(
      `infrastructure up after ${Date.now() - t0} ms (postgres :${pgPort}, chain ${chain.rpcUrl}, proxy ${proxy.url})`,
    );

    const contracts = platformContracts(31337);
    const signerOf = (role: Parameters<typeof signerAddress>[0]) => signerAddress(role, DEV);
    const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const deps = (): CardDeps => ({
      db,
      stripe: createStripeClient({
        CARD_PAYMENTS: true,
        STRIPE_SECRET_KEY: stripeKey,
        STRIPE_WEBHOOK_SECRET: webhookSecret,
        STRIPE_API_BASE: stub.url,
      }),
      appUrl: "http://localhost:3000",
      webhookSecret,
      outbox: { contracts, signerOf },
      learnerAddress: async (_tx, userId) => placeholderAddress(userId),
      log: silent,
      platformFeeBps: 1_000,
    });

    // --- workers --------------------------------------------------------------------------------
    let starts = 0;
    const workerEnv = {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "test",
      DATABASE_URL: dbUrl,
      RPC_URL: proxy.url,
      CHAIN_ID: "31337",
      DEV_CHAIN_KEYS: "true",
      OUTBOX_POLL_INTERVAL_MS: "200",
      OUTBOX_STUCK_AFTER_SECONDS: "20",
      INDEXER_POLL_INTERVAL_MS: "200",
      CARD_PAYMENTS: "true",
      STRIPE_SECRET_KEY: stripeKey,
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_BASE: stub.url,
      CARD_SETTLE_INTERVAL_MS: "1000",
      LOG_LEVEL: "info", // "lock acquired" lines tell which worker runs which loop (takeover figures)
    };
    const startWorker = (name: string): Worker => {
      starts++;
      const child = spawn(process.execPath, ["--import", "tsx", "src/worker/main.ts"], {
        cwd: WEB,
        env: workerEnv as NodeJS.ProcessEnv,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      const acquired: Worker["acquired"] = [];
      const keep = (c: Buffer) => {
        const text = c.toString();
        for (const m of text.matchAll(/"scope":"([^"]+)","msg":"lock acquired/g))
          acquired.push({ loop: m[1]!, at: Date.now() });
        out = (out + text).slice(-20_000);
      };
      child.stdout?.on("data", keep);
      child.stderr?.on("data", keep);
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      const w: Worker = { name, child, output: () => out, exited, acquired };
      // An orchestrator restarts a worker that exits on its own (e.g. the RPC failed at start-up).
      void exited.then((code) => {
        if (stopping || child.signalCode === "SIGKILL") return;
        log(`worker ${name} exited (${code}); restarting`);
        const i = workers.indexOf(w);
        if (i >= 0) workers[i] = startWorker(name);
      });
      return w;
    };
    workers.push(startWorker("A"), startWorker("B"));

    // --- web processes (production build), when asked for -----------------------------------------
    const webs: { url: string; child: ChildProcess; deliveries: number; output: () => string }[] = [];
    for (let i = 0; i < webCount; i++) {
      const port = await freePort();
      const child = spawn(
        path.join(WEB, "node_modules/.bin/next"),
        ["start", "--hostname", "127.0.0.1", "--port", String(port)],
        {
          cwd: WEB,
          env: {
            ...workerEnv,
            NODE_ENV: "production",
            APP_URL: `http://127.0.0.1:${port}`,
            NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
            NEXT_TELEMETRY_DISABLED: "1",
          } as NodeJS.ProcessEnv,
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let out = "";
      child.stdout?.on("data", (c: Buffer) => (out = (out + c.toString()).slice(-5_000)));
      child.stderr?.on("data", (c: Buffer) => (out = (out + c.toString()).slice(-5_000)));
      cleanup.unshift(async () => {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      });
      const url = `http://127.0.0.1:${port}`;
      const ready = Date.now() + 120_000;
      while (
        !(await fetch(`${url}/api/health?probe=live`)
          .then((r) => r.ok)
          .catch(() => false))
      ) {
        if (child.exitCode !== null || Date.now() > ready) throw new Error(`web process ${i} did not start:\n${out}`);
        await sleep(250);
      }
      webs.push({ url, child, deliveries: 0, output: () => out });
    }
    if (webCount) log(`${webCount} web processes up: ${webs.map((w) => w.url).join(", ")}`);

    // --- seed -----------------------------------------------------------------------------------
    const provider = await db.user.create({ data: { name: "Fault provider", roles: ["LEARNER", "PROVIDER"] } });
    const courses = [];
    for (let i = 0; i < COURSES; i++) {
      const id = `faultcourse${i}${randomBytes(3).toString("hex")}`;
      courses.push(
        await db.course.create({
          data: {
            id,
            slug: `fault-course-${i}-${id.slice(-6)}`,
            title: `Fault course ${i}`,
            status: "PUBLISHED",
            publishedAt: new Date(),
            providerId: provider.id,
            onchainCourseId: courseIdToBytes32(id),
            prices: { create: [{ currency: "EUR", amount: "1999" }] },
          },
        }),
      );
    }
    for (const [i, c] of courses.entries()) {
      const req = listCourse(contracts, {
        courseDbId: c.id,
        provider: devAccount(6),
        token: i < 3 ? zeroAddress : contracts.ESNToken.address,
        price: i < 3 ? NATIVE_PRICE : ESN_PRICE,
        refundWindowSeconds: 86_400,
        active: true,
      });
      await enqueue(db, { idempotencyKey: `faults:list:${c.id}`, ...req }, signerOf);
    }
    const walletLearners = [];
    for (let i = 0; i < WALLET_LEARNERS; i++) {
      const address = devAccount(7 + i);
      walletLearners.push({
        address,
        index: 7 + i,
        user: await db.user.create({ data: { name: `Wallet learner ${i}`, wallets: { create: { address } } } }),
      });
    }
    const cardUsers = [];
    for (let i = 0; i < Math.ceil(card / 4); i++) {
      cardUsers.push(
        await db.user.create({ data: { name: `Card learner ${i}`, email: `card-${i}-${t0}@example.org` } }),
      );
    }
    // ESN for the permit buyers (treasury = account 4), sent directly (learners' own wallets, no proxy).
    for (const l of walletLearners) {
      await chain.client.writeContract({
        address: contracts.ESNToken.address,
        abi: contracts.ESNToken.abi,
        functionName: "transfer",
        args: [l.address, 3n * ESN_PRICE],
        account: devAccount(4),
        chain: hardhat,
      });
    }
    log("waiting for the listings (outbox through the faulty proxy)");
    const until = async (what: string, check: () => Promise<boolean>, ms: number) => {
      const end = Date.now() + ms;
      while (!(await retrying(check))) {
        if (Date.now() > end) {
          const tails = workers.map((w) => `--- worker ${w.name}\n${w.output().slice(-3000)}`).join("\n");
          throw new Error(`${what}: not reached within ${ms} ms\n${tails}`);
        }
        await sleep(250);
      }
    };
    await until(
      "listings confirmed",
      async () => (await db.outboxTx.count({ where: { kind: "listCourse", status: "CONFIRMED" } })) === COURSES,
      120_000,
    );

    // --- the plan: which (user, course) pairs get bought how -------------------------------------
    const expected: { userId: string; courseId: string }[] = [];
    const cryptoOps: { learner: (typeof walletLearners)[number]; course: (typeof courses)[number]; permit: boolean }[] =
      [];
    for (let i = 0; i < native; i++) {
      const learner = walletLearners[i % WALLET_LEARNERS]!;
      const course = courses[Math.floor(i / WALLET_LEARNERS) % 3]!;
      cryptoOps.push({ learner, course, permit: false });
    }
    for (let i = 0; i < permit; i++) {
      const learner = walletLearners[i % WALLET_LEARNERS]!;
      const course = courses[3 + (Math.floor(i / WALLET_LEARNERS) % 3)]!;
      cryptoOps.push({ learner, course, permit: true });
    }
    for (const op of cryptoOps) expected.push({ userId: op.learner.user.id, courseId: op.course.id });

    // Card checkouts (through the app's service and the Stripe stub), then their signed events ×3, shuffled.
    const deliveries: SignedDelivery[] = [];
    for (let i = 0; i < card; i++) {
      const user = cardUsers[Math.floor(i / 4)]!;
      const course = courses[i % 4]!;
      const co = await createCardCheckout(deps(), user.id, { courseSlug: course.slug, currency: "EUR" });
      const events = saleEvents(webhookSecret, {
        id: co.sessionId,
        paymentIntent: String(stub.sessions.get(co.sessionId)?.payment_intent),
        amountTotal: 1999,
        currency: "eur",
        metadata: { courseId: course.id, userId: user.id },
      });
      const completed = events.completed();
      deliveries.push(completed, completed, completed);
      expected.push({ userId: user.id, courseId: course.id });
    }
    for (let i = deliveries.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
    }

    // --- run: webhooks and wallet purchases concurrently; SIGKILL a worker half-way ----------------
    const tOps = Date.now();
    let kills = 0;
    let killedAt = 0;
    let victimLoops: string[] = [];
    const lastDelivery = new Map<string, number>(); // "userId:courseId" → ms
    const pairOf = (d: SignedDelivery) => {
      const o = (JSON.parse(d.body) as { data: { object: { metadata: { userId: string; courseId: string } } } }).data
        .object;
      return `${o.metadata.userId}:${o.metadata.courseId}`;
    };
    let deliveredAt = { first: 0, last: 0 };
    let redeliveries = 0;
    const half = Math.floor(deliveries.length / 2);
    const webhookRun = (async () => {
      let next = 0;
      const lane = async () => {
        while (next < deliveries.length) {
          const i = next++;
          const d = deliveries[i]!;
          if (i === half && (opts.killWorker ?? true)) {
            // The worker running the most loops (both start together and race for the locks).
            const held = (w: Worker) => new Set(w.acquired.map((a) => a.loop)).size;
            const vi = held(workers[1]!) > held(workers[0]!) ? 1 : 0;
            const victim = workers[vi]!;
            log(`SIGKILL worker ${victim.name} (pid ${victim.child.pid}) after ${i} deliveries`);
            victimLoops = [...new Set(victim.acquired.map((a) => a.loop))];
            victim.child.kill("SIGKILL");
            killedAt = Date.now();
            kills++;
            if (replaceKilled) workers[vi] = startWorker(`${victim.name}'`); // the orchestrator replaces it
          }
          deliveredAt = { first: deliveredAt.first || Date.now(), last: Date.now() };
          if (webs.length) {
            const web = webs[i % webs.length]!;
            web.deliveries++;
            // Like Stripe: a non-2xx answer (e.g. a transaction that lost a race under load) is redelivered.
            let res: Response | undefined;
            for (let attempt = 0; attempt < 20; attempt++) {
              res = await retrying(() =>
                fetch(`${web.url}/api/webhooks/stripe`, {
                  method: "POST",
                  headers: { "content-type": "application/json", "stripe-signature": d.signature },
                  body: d.body,
                }),
              );
              if (res.status < 500) break;
              redeliveries++;
              await sleep(250 * (attempt + 1));
            }
            if (res?.status !== 200) {
              throw new Error(
                `web ${web.url} answered ${res?.status}: ${await res?.text()}\n${web.output().slice(-3000)}`,
              );
            }
          } else {
            const res = await retrying(() => handleStripeWebhook(deps(), d.body, d.signature));
            if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${JSON.stringify(res.body)}`);
          }
          lastDelivery.set(pairOf(d), Date.now());
        }
      };
      await Promise.all([lane(), lane(), lane(), lane()]);
    })();
    const act = chainActions(chain.client, chain.contracts);
    const cryptoRun = (async () => {
      for (const op of cryptoOps) {
        if (!op.permit) {
          await act.buy(op.course.id, op.learner.address, NATIVE_PRICE);
          continue;
        }
        const owner = mnemonicToAccount(HARDHAT_TEST_MNEMONIC, { addressIndex: op.learner.index });
        const nonce = await chain.client.readContract({
          address: contracts.ESNToken.address,
          abi: contracts.ESNToken.abi,
          functionName: "nonces",
          args: [op.learner.address],
        });
        const deadline = permitDeadline(Date.now() / 1000, 3600);
        const typed = buildPermitTypedData(
          { name: "ESN Token", version: "1", chainId: 31337, verifyingContract: contracts.ESNToken.address },
          {
            owner: op.learner.address,
            spender: contracts.CourseMarketplace.address,
            value: ESN_PRICE,
            nonce,
            deadline,
          },
        );
        const { v, r, s } = permitSignatureArgs(await owner.signTypedData(typed));
        const hash = await chain.client.writeContract({
          address: contracts.CourseMarketplace.address,
          abi: contracts.CourseMarketplace.abi,
          functionName: "purchaseWithPermit",
          args: [
            courseIdToBytes32(op.course.id),
            op.learner.address,
            contracts.ESNToken.address,
            ESN_PRICE,
            0, // minRefundWindow: the scenario accepts any refund window
            deadline,
            v,
            r,
            s,
          ],
          account: op.learner.address,
          chain: hardhat,
        });
        const receipt = await chain.client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
        if (receipt.status !== "success") throw new Error("permit purchase reverted");
      }
    })();
    await Promise.all([webhookRun, cryptoRun]);
    const deliverSeconds = Math.max(1, deliveredAt.last - deliveredAt.first) / 1000;
    if (opts.restartPostgres ?? true) {
      log(`operations done after ${Date.now() - tOps} ms; restarting PostgreSQL`);
      // --- PostgreSQL restart (workers keep running and must reconnect) --------------------------
      await db.$disconnect();
      await server.stop();
      await sleep(500);
      server = await startEmbeddedPostgres(pgDir, pgPort);
      db = createPrismaClient(dbUrl, { max: 4 });
    } else {
      log(`operations done after ${Date.now() - tOps} ms`);
    }
    const tSettle = Date.now();

    // --- settle ---------------------------------------------------------------------------------
    const pairsActive = async () => {
      const rows = await db.enrollment.findMany({
        where: { status: "ACTIVE" },
        select: { userId: true, courseId: true },
      });
      const active = new Set(rows.map((r) => `${r.userId}:${r.courseId}`));
      return expected.filter((p) => active.has(`${p.userId}:${p.courseId}`)).length;
    };
    await until(
      "settled (all enrollments active, all outbox rows confirmed)",
      async () =>
        (await pairsActive()) === expected.length &&
        (await db.outboxTx.count({ where: { status: { not: "CONFIRMED" } } })) === 0,
      opts.settleTimeoutMs ?? 150_000,
    );
    const settleMs = Date.now() - tSettle;

    // --- takeover: the surviving workers hold every loop the killed one held ------------------------
    const takenOverAt = (loop: string) =>
      Math.min(
        ...workers.flatMap((w) => w.acquired.filter((a) => a.loop === loop && a.at >= killedAt).map((a) => a.at)),
      );
    let takeover: FaultRunResult["takeover"] = null;
    if (killedAt) {
      await until(
        "every loop of the killed worker taken over",
        async () => victimLoops.every((l) => Number.isFinite(takenOverAt(l))),
        60_000,
      );
      takeover = {
        loops: victimLoops,
        ms: victimLoops.length ? Math.max(...victimLoops.map(takenOverAt)) - killedAt : 0,
      };
    }

    // --- unlock latency of card sales: last delivery → enrollment row ---------------------------------
    const cardRows = await db.enrollment.findMany({
      where: { userId: { in: cardUsers.map((u) => u.id) }, status: "ACTIVE" },
      select: { userId: true, courseId: true, createdAt: true },
    });
    const unlock = cardRows
      .map((r) => r.createdAt.getTime() - (lastDelivery.get(`${r.userId}:${r.courseId}`) ?? r.createdAt.getTime()))
      .map((ms) => Math.max(0, ms))
      .sort((a, b) => a - b);

    // --- figures --------------------------------------------------------------------------------
    const activeTotal = await db.enrollment.count({ where: { status: "ACTIVE" } });
    const dup = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM (
        SELECT 1 FROM "Purchase" WHERE "status" = 'ACTIVE' GROUP BY "courseChainId", "learner" HAVING count(*) > 1
      ) d`;
    const onChain = (await chain.client.readContract({
      address: contracts.CourseMarketplace.address,
      abi: contracts.CourseMarketplace.abi,
      functionName: "purchaseCount",
    })) as bigint;
    const paidButLocked = expected.length - (await pairsActive());
    const result: FaultRunResult = {
      operations: {
        card,
        native,
        permit,
        webhookDeliveries: deliveries.length,
        outboxRows: await db.outboxTx.count(),
      },
      faults: {
        ...proxy.counts,
        workerKills: kills,
        workerStarts: starts,
        postgresRestarts: (opts.restartPostgres ?? true) ? 1 : 0,
      },
      enrollments: { expected: expected.length, active: activeTotal },
      refunds: await db.cardPayment.count({ where: { OR: [{ status: "REFUNDED" }, { problem: { not: null } }] } }),
      losses: {
        paidButLocked,
        duplicateRecords: Number(dup[0]?.n ?? 0n),
        outboxNotConfirmed: await db.outboxTx.count({ where: { status: { not: "CONFIRMED" } } }),
        onChainPurchases: Number(onChain),
      },
      takeover,
      webhooks: {
        perSecond: Math.round((deliveries.length / deliverSeconds) * 10) / 10,
        byProcess: webs.map((w) => w.deliveries),
        redeliveries,
      },
      unlockMs: { p50: percentile(unlock, 50), p95: percentile(unlock, 95) },
      settleMs,
      totalMs: Date.now() - t0,
    };
    return result;
  } finally {
    stopping = true;
    await Promise.all(
      workers.map(async (w) => {
        if (w.child.exitCode !== null || w.child.signalCode !== null) return;
        w.child.kill("SIGTERM");
        const timer = setTimeout(() => w.child.kill("SIGKILL"), 10_000);
        await w.exited;
        clearTimeout(timer);
      }),
    );
    for (const fn of cleanup) await fn().catch(() => undefined);
  }
}
