/**
 * The chain indexer: reads CourseMarketplace and CourseCertificate logs from a persisted cursor up to
 * the last FINAL block, stores each log once (ChainLog), and projects it (projection.ts) in the SAME
 * transaction that advances the cursor. The database is an index of the chain: deleting every row this
 * module writes and restarting rebuilds the same state from the deployment block.
 *
 * Safety:
 * - crash at any point: the batch transaction either commits logs + projection + cursor together, or
 *   nothing; the next run re-reads the same range.
 * - two indexers: each batch locks the cursor row (`SELECT … FOR UPDATE`) and aborts when the cursor is
 *   no longer where the batch started (another instance advanced it); the worker additionally runs one
 *   indexer per stream through its advisory lock (the second instance waits).
 * - reorgs: before each step the stored hash of the cursor block is compared with the chain, and each
 *   batch checks continuity: the parent hash of its first block must equal the cursor's block hash,
 *   and its last block's hash must be the same before and after reading the logs. Blocks are
 *   hash-chained, so this proves the batch extends exactly the indexed chain. On a mismatch the newest
 *   stored log block still on the chain is the common ancestor; logs above it are deleted, their
 *   purchases/certificates/enrollments re-derived from the remaining logs, and the range is re-read.
 *   If no stored block matches (dev node restarted) everything is rebuilt from the deployment block.
 * - throughput (replay >= 2,000 logs/s is the goal; `bench:indexer` prints it): one getLogs and three
 *   header reads per batch, the next range read while the current batch commits, logs decoded by topic
 *   (createLogDecoder) and validated once, one bulk insert of the logs, bulk purchase writes, and
 *   enrollments re-derived with set queries and one bulk upsert under all pairs' advisory locks
 *   (projection.ts, enrollment-sync.ts) — a constant number of round trips per batch, not per log.
 * - time: every stored log carries its block's timestamp (`blockTime`); projections never use the
 *   wall clock, so a rebuild reproduces the same rows.
 */
import { randomUUID } from "node:crypto";
import type { PrismaClient, Prisma } from "@smolitux/db";
import { BlockNotFoundError, type Hex, type Log, type PublicClient } from "viem";
import type { PlatformContracts } from "@/server/contracts.ts";
import { lastFinalBlock, type Finality } from "@/server/outbox/finality.ts";
import { INDEXED_EVENTS, createLogDecoder, eventItems, parseForStorage, type DecodedLog } from "./events.ts";
import { applyBatch, reproject, type StoredLog } from "./projection.ts";
import type { Logger } from "@/server/logger.ts";

/** The part of the app logger (server/logger.ts) the indexer uses. */
export type IndexerLogger = Pick<Logger, "info" | "warn">;

/** Chain reads the indexer needs (a viem PublicClient satisfies it). */
export type IndexerClient = Pick<PublicClient, "getBlock" | "getBlockNumber" | "getLogs">;

/** Dependencies of {@link createIndexer}. */
export interface IndexerDeps {
  db: PrismaClient;
  client: IndexerClient;
  contracts: PlatformContracts;
  finality: Finality;
  /** Max blocks per getLogs call and per transaction (INDEXER_BATCH_BLOCKS). */
  batchBlocks: number;
  log?: IndexerLogger;
  /** Test hook: called inside the batch transaction after each applied log (throw to simulate a crash). */
  afterLog?: (applied: number) => void;
}

/** Block headers read at once for logs without `blockTimestamp` (nodes that do not return it). */
const HEADER_READS_IN_FLIGHT = 8;

/** Result of one {@link Indexer.step}. */
export interface StepResult {
  /** logs stored and projected */
  logs: number;
  /** batches committed */
  batches: number;
  /** cursor block after the step */
  cursor: bigint;
  /** blocks rolled back by a reorg / chain reset (0 when none) */
  rolledBack: bigint;
}

/** Thrown inside a batch when another instance moved the cursor (the batch is rolled back and skipped). */
export class CursorMovedError extends Error {
  constructor() {
    super("the indexer cursor moved during the batch (another instance is indexing)");
    this.name = "CursorMovedError";
  }
}

/** A running indexer for one chain. */
export interface Indexer {
  /** Name of the ChainCursor row (`indexer:<chainId>`). */
  stream: string;
  /** Indexes up to `maxBatches` batches (default 50) of final blocks, handling reorgs first. */
  step(opts?: { maxBatches?: number }): Promise<StepResult>;
}

interface Cursor {
  blockNumber: bigint;
  blockHash: string;
}

/** Creates the indexer of `contracts.chainId`. */
export function createIndexer(deps: IndexerDeps): Indexer {
  const { db, client, contracts } = deps;
  const chainId = contracts.chainId;
  const stream = `indexer:${chainId}`;
  const startBlock = BigInt(
    Math.max(0, Math.min(contracts.CourseMarketplace.deployBlock, contracts.CourseCertificate.deployBlock) - 1),
  );
  const addresses = [contracts.CourseMarketplace.address, contracts.CourseCertificate.address];
  const events = [
    ...eventItems(contracts.CourseMarketplace.abi, INDEXED_EVENTS.CourseMarketplace),
    ...eventItems(contracts.CourseCertificate.abi, INDEXED_EVENTS.CourseCertificate),
  ];
  const decode = createLogDecoder(events);
  const contractOf = new Map<string, string>([
    ...INDEXED_EVENTS.CourseMarketplace.map((e) => [e, contracts.CourseMarketplace.address] as const),
    ...INDEXED_EVENTS.CourseCertificate.map((e) => [e, contracts.CourseCertificate.address] as const),
  ]);

  async function headerAt(blockNumber: bigint): Promise<{ hash: Hex; parentHash: Hex; timestamp: bigint } | null> {
    try {
      const b = await client.getBlock({ blockNumber });
      return { hash: b.hash, parentHash: b.parentHash, timestamp: b.timestamp };
    } catch (err) {
      if (err instanceof BlockNotFoundError) return null;
      throw err;
    }
  }

  async function hashAt(blockNumber: bigint): Promise<Hex | null> {
    return (await headerAt(blockNumber))?.hash ?? null;
  }

  async function readCursor(): Promise<Cursor | null> {
    return db.chainCursor.findUnique({ where: { name: stream }, select: { blockNumber: true, blockHash: true } });
  }

  /** Locks the cursor row and checks it is still `expected`. */
  async function lockCursor(tx: Prisma.TransactionClient, expected: Cursor | null): Promise<void> {
    const rows = await tx.$queryRaw<Cursor[]>`
      SELECT "blockNumber", "blockHash" FROM "ChainCursor" WHERE "name" = ${stream} FOR UPDATE`;
    const row = rows[0] ?? null;
    const same =
      row === null
        ? expected === null
        : expected !== null && row.blockNumber === expected.blockNumber && row.blockHash === expected.blockHash;
    if (!same) throw new CursorMovedError();
  }

  async function writeCursor(tx: Prisma.TransactionClient, next: Cursor): Promise<void> {
    await tx.chainCursor.upsert({
      where: { name: stream },
      create: { name: stream, chainId, ...next },
      update: next,
    });
  }

  /** The newest stored log block that is still on the chain, else the start block. */
  async function commonAncestor(cursor: Cursor): Promise<Cursor | null> {
    const where = { chainId, blockNumber: { lte: cursor.blockNumber } };
    const oldest = await db.chainLog.findFirst({
      where,
      orderBy: { blockNumber: "asc" },
      select: { blockNumber: true, blockHash: true },
    });
    if (oldest && (await hashAt(oldest.blockNumber)) === oldest.blockHash) {
      let below = cursor.blockNumber + 1n;
      for (;;) {
        const page = await db.chainLog.findMany({
          where: { chainId, blockNumber: { lt: below } },
          orderBy: { blockNumber: "desc" },
          distinct: ["blockNumber"],
          take: 50,
          select: { blockNumber: true, blockHash: true },
        });
        if (page.length === 0) break;
        for (const b of page) if ((await hashAt(b.blockNumber)) === b.blockHash) return b;
        below = page[page.length - 1]!.blockNumber;
      }
    }
    const hash = await hashAt(startBlock);
    return hash ? { blockNumber: startBlock, blockHash: hash } : null;
  }

  async function rollBack(cursor: Cursor): Promise<bigint> {
    const ancestor = await commonAncestor(cursor);
    if (!ancestor) return 0n; // the chain is shorter than the deployment block: wait for it
    try {
      await db.$transaction(
        async (tx) => {
          await lockCursor(tx, cursor);
          const orphaned = await tx.chainLog.findMany({
            where: { chainId, blockNumber: { gt: ancestor.blockNumber } },
            orderBy: [{ blockNumber: "asc" }, { logIndex: "asc" }],
          });
          await tx.chainLog.deleteMany({ where: { chainId, blockNumber: { gt: ancestor.blockNumber } } });
          await reproject(tx, chainId, orphaned);
          await writeCursor(tx, ancestor);
        },
        { timeout: 120_000, maxWait: 10_000 },
      );
    } catch (err) {
      if (err instanceof CursorMovedError) return 0n; // another instance handled it
      throw err;
    }
    const depth = cursor.blockNumber - ancestor.blockNumber;
    deps.log?.warn("chain reorganization: rolled back", {
      from: cursor.blockNumber.toString(),
      to: ancestor.blockNumber.toString(),
      rebuild: ancestor.blockNumber === startBlock,
    });
    return depth;
  }

  function toStored(log: Log, ev: DecodedLog, times: Map<bigint, Date>): StoredLog {
    const l = { ...log, eventName: ev.eventName, args: ev.args } as Log & {
      eventName: string;
      args: unknown;
      blockTimestamp?: bigint | null;
    };
    if (l.blockNumber === null || l.blockHash === null || l.transactionHash === null || l.logIndex === null) {
      throw new Error("getLogs returned a pending log");
    }
    if (contractOf.get(l.eventName)?.toLowerCase() !== l.address.toLowerCase()) {
      throw new Error(`${l.eventName} log from unexpected address ${l.address}`);
    }
    const parsed = parseForStorage(l.eventName, l.args);
    return {
      chainId,
      txHash: l.transactionHash,
      logIndex: l.logIndex,
      blockNumber: l.blockNumber,
      blockHash: l.blockHash,
      address: contractOf.get(l.eventName)!,
      eventName: l.eventName,
      args: parsed.args,
      event: parsed.event,
      blockTime:
        l.blockTimestamp !== undefined && l.blockTimestamp !== null
          ? new Date(Number(l.blockTimestamp) * 1000)
          : (times.get(l.blockNumber) ?? null),
    };
  }

  /**
   * Fetches and validates the logs of [from, to] and checks continuity with `cursor`.
   * @returns the logs and the hash of `to`; "reorg" when block `from` does not extend the cursor
   * block; null when the range changed while reading (retry next step)
   */
  async function fetchRange(
    cursor: Cursor,
    from: bigint,
    to: bigint,
  ): Promise<{ logs: StoredLog[]; toHash: Hex } | "reorg" | null> {
    const [first, last] = await Promise.all([headerAt(from), headerAt(to)]);
    if (!first || !last) return null;
    if (first.parentHash !== cursor.blockHash) return "reorg";
    // Undecoded logs of both contracts, decoded here by topic (createLogDecoder: one selector map instead
    // of viem hashing every event signature per log); events that are not indexed are skipped.
    const all = await client.getLogs({ address: addresses, fromBlock: from, toBlock: to });
    const raw: { log: Log & { blockTimestamp?: bigint | null }; ev: DecodedLog }[] = [];
    for (const log of all) {
      const ev = decode(log);
      if (ev) raw.push({ log, ev });
    }
    // Nodes without `blockTimestamp` in logs: read the headers of the blocks that have logs (once each).
    const times = new Map<bigint, Date>([
      [from, new Date(Number(first.timestamp) * 1000)],
      [to, new Date(Number(last.timestamp) * 1000)],
    ]);
    const missing = [
      ...new Set(
        raw
          .filter(
            ({ log: l }) => (l.blockTimestamp === undefined || l.blockTimestamp === null) && l.blockNumber !== null,
          )
          .map(({ log: l }) => l.blockNumber!)
          .filter((n) => !times.has(n)),
      ),
    ];
    for (let i = 0; i < missing.length; i += HEADER_READS_IN_FLIGHT) {
      const headers = await Promise.all(missing.slice(i, i + HEADER_READS_IN_FLIGHT).map((n) => headerAt(n)));
      headers.forEach((h, j) => {
        if (h) times.set(missing[i + j]!, new Date(Number(h.timestamp) * 1000));
      });
    }
    const logs = raw
      .map(({ log, ev }) => toStored(log, ev, times))
      .sort((a, b) =>
        a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1,
      );
    // The last block unchanged after reading ⇒ (hash chain) every block of the range is the one read.
    if ((await hashAt(to)) !== last.hash) return null;
    if (logs.some((l) => l.blockNumber === to && l.blockHash !== last.hash)) return null;
    return { logs, toHash: last.hash };
  }

  /** Stores `logs` with one INSERT (unnest of column arrays; Prisma's createMany is ~50× slower here). */
  async function insertLogs(tx: Prisma.TransactionClient, logs: StoredLog[]): Promise<void> {
    if (logs.length === 0) return;
    const col = <K extends keyof StoredLog>(k: K) => logs.map((l) => l[k]);
    await tx.$executeRaw`
      INSERT INTO "ChainLog" ("id", "chainId", "txHash", "logIndex", "blockNumber", "blockHash", "address",
        "eventName", "args", "blockTime", "createdAt")
      SELECT v.id, ${chainId}, v.tx, v.idx, v.block::bigint, v.hash, v.address, v.event, v.args::jsonb, v.time, now()
      FROM unnest(${logs.map(() => randomUUID())}::text[], ${col("txHash")}::text[], ${col("logIndex")}::int[],
        ${logs.map((l) => l.blockNumber.toString())}::text[], ${col("blockHash")}::text[], ${col("address")}::text[],
        ${col("eventName")}::text[], ${logs.map((l) => JSON.stringify(l.args))}::text[],
        ${col("blockTime")}::timestamp(3)[])
        AS v(id, tx, idx, block, hash, address, event, args, time)`;
  }

  async function commitBatch(cursor: Cursor, logs: StoredLog[], next: Cursor): Promise<void> {
    await db.$transaction(
      async (tx) => {
        await lockCursor(tx, cursor);
        await insertLogs(tx, logs);
        await applyBatch(tx, chainId, logs, deps.afterLog);
        await writeCursor(tx, next);
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
  }

  async function initialCursor(): Promise<Cursor | null> {
    const hash = await hashAt(startBlock);
    if (!hash) return null;
    const c = { blockNumber: startBlock, blockHash: hash };
    await db.chainCursor.createMany({ data: [{ name: stream, chainId, ...c }], skipDuplicates: true });
    return readCursor();
  }

  return {
    stream,
    async step(opts = {}) {
      const result: StepResult = { logs: 0, batches: 0, cursor: -1n, rolledBack: 0n };
      const stored = (await readCursor()) ?? (await initialCursor());
      if (!stored) return result;
      let cursor: Cursor = stored;
      if ((await hashAt(cursor.blockNumber)) !== cursor.blockHash) {
        result.rolledBack = await rollBack(cursor);
        const after = await readCursor();
        if (!after) return result;
        cursor = after;
      }
      const final = await lastFinalBlock(client, deps.finality);
      const maxBatches = opts.maxBatches ?? 50;
      // The next range is read while the current batch commits (it only needs the current range's last
      // block hash for its continuity check); a failed commit drops it.
      let ahead: { from: bigint; fetched: Promise<Awaited<ReturnType<typeof fetchRange>>> } | null = null;
      const rangeEnd = (from: bigint): bigint => {
        const last = from + BigInt(deps.batchBlocks) - 1n;
        return last < final ? last : final;
      };
      while (result.batches < maxBatches && cursor.blockNumber < final) {
        const from: bigint = cursor.blockNumber + 1n;
        const to = rangeEnd(from);
        const range = ahead?.from === from ? await ahead.fetched : await fetchRange(cursor, from, to);
        ahead = null;
        if (range === "reorg") {
          // The chain changed below this batch since the cursor was written: roll back and re-read.
          const depth = await rollBack(cursor);
          result.rolledBack += depth;
          const after = await readCursor();
          if (!after || depth === 0n) break;
          cursor = after;
          continue;
        }
        if (!range) break;
        const next: Cursor = { blockNumber: to, blockHash: range.toHash };
        if (result.batches + 1 < maxBatches && to < final) {
          const fetched = fetchRange(next, to + 1n, rangeEnd(to + 1n));
          fetched.catch(() => undefined); // a failure surfaces when the next iteration awaits it
          ahead = { from: to + 1n, fetched };
        }
        try {
          await commitBatch(cursor, range.logs, next);
        } catch (err) {
          if (!(err instanceof CursorMovedError)) throw err;
          deps.log?.warn("another indexer advanced the cursor; stopping this step", { stream });
          break;
        }
        cursor = next;
        result.logs += range.logs.length;
        result.batches++;
      }
      result.cursor = cursor.blockNumber;
      return result;
    },
  };
}
