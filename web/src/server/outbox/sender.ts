/**
 * The outbox sender of ONE signer key: assigns nonces, signs, broadcasts, follows receipts until
 * final, replaces stuck transactions. Run exactly one per signer address (the worker holds a
 * PostgreSQL advisory lock for it); each `tick()` is one pass and may be interrupted anywhere.
 *
 * Crash safety (kill -9 at any point):
 * - A row gets its nonce, signed raw transaction and hash in ONE committed update (status SENT)
 *   BEFORE the broadcast. After a restart every SENT row not yet mined is broadcast again from the
 *   stored raw transaction (same hash), so a crash between commit and broadcast loses nothing.
 * - Nonces: next = max(chain `pending` nonce, highest nonce of a SENT row + 1); nonces of mined rows
 *   are below the chain nonce. So no nonce is assigned twice and none is skipped.
 * - A replacement re-signs the same nonce, target, calldata, value and gas with ≥ 12.5 % higher fees,
 *   and is recorded (txHashes) before its broadcast; whichever attempt gets mined is the one kept.
 * - Rows are CONFIRMED or FAILED (reverted) only once their block is final (see finality.ts); a
 *   reorg that un-mines a transaction just clears `blockNumber`. A mined transaction waiting for
 *   finality is never FAILED; a receipt lookup that errors (RPC down) fails the tick instead of
 *   counting as "not found".
 */
import {
  keccak256,
  parseTransaction,
  TransactionReceiptNotFoundError,
  type Abi,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
} from "viem";
import type { OutboxTx, PrismaClient } from "@smolitux/db";
import type { PlatformSigner } from "../keys.ts";
import { outboxPayloadSchema, type OutboxPayload } from "./enqueue.ts";
import { lastFinalBlock, type Finality } from "./finality.ts";
import { decodeRevert, errorText } from "./revert.ts";
import type { Logger } from "../logger.ts";

/** The part of the app logger (server/logger.ts) the sender uses (one line per event). */
export type OutboxLogger = Pick<Logger, "info" | "warn" | "error">;

/** Dependencies and settings of a sender. */
export interface SenderOptions {
  db: PrismaClient;
  /** Reads nonces, fees, receipts, blocks; broadcasts raw transactions. */
  client: PublicClient;
  signer: PlatformSigner;
  chainId: number;
  finality: Finality;
  /** Milliseconds after which an unmined attempt is replaced with higher fees. */
  stuckAfterMs: number;
  /** ABIs used to decode reverts (the platform contracts). */
  abis: readonly Abi[];
  log: OutboxLogger;
  /** Most transactions in flight (signed, not mined) at once; default 16 (a common mempool per-account limit). */
  maxInFlight?: number;
  /** Clock in ms (tests). */
  now?: () => number;
  /** Crash points for kill-safety tests: a throw here aborts the tick like a killed process. */
  hooks?: { afterPersist?(row: { id: string; nonce: number; txHash: Hex }): void; afterBroadcast?(txHash: Hex): void };
}

/** What one tick did. */
export interface TickSummary {
  sent: number;
  replaced: number;
  confirmed: number;
  failed: number;
  deferred: number;
}

/** A gas-limit headroom of 20 % over the estimate. */
const gasWithHeadroom = (estimate: bigint) => (estimate * 12n) / 10n;
/** Replacement fee bump (12.5 % + 1 wei; nodes require ≥ 10 %). */
const bump = (fee: bigint) => fee + fee / 8n + 1n;
const maxOf = (...values: bigint[]) => values.reduce((a, b) => (a > b ? a : b));
const ALREADY_SENT = /already known|known transaction|nonce too low|already imported|already exists/i;

/** Creates the sender of `options.signer`. */
export function createOutboxSender(options: SenderOptions) {
  const { db, client, signer, log } = options;
  const now = options.now ?? Date.now;
  const maxInFlight = options.maxInFlight ?? 16;
  /** Hashes this process has seen accepted by the node (others are (re)broadcast). */
  const broadcasted = new Set<Hex>();

  async function broadcast(row: Pick<OutboxTx, "id">, raw: Hex, hash: Hex): Promise<void> {
    try {
      await client.sendRawTransaction({ serializedTransaction: raw });
      broadcasted.add(hash);
    } catch (err) {
      if (ALREADY_SENT.test(errorText(err))) {
        broadcasted.add(hash);
        return;
      }
      log.warn("broadcast failed; retrying next tick", { id: row.id, txHash: hash, error: errorText(err) });
      await db.outboxTx.update({ where: { id: row.id }, data: { lastError: `broadcast: ${errorText(err)}` } });
      return;
    }
    options.hooks?.afterBroadcast?.(hash);
  }

  /**
   * The receipt of whichever attempt was mined, or undefined when the node knows none of them.
   * "Not found" and an RPC error are different answers: an RPC error throws (the tick fails and is
   * retried), so a flaky node can never make a mined transaction look lost.
   */
  async function receiptOf(hashes: readonly string[]): Promise<TransactionReceipt | undefined> {
    for (const hash of [...hashes].reverse()) {
      try {
        return await client.getTransactionReceipt({ hash: hash as Hex });
      } catch (err) {
        if (!(err instanceof TransactionReceiptNotFoundError)) throw err;
      }
    }
    return undefined;
  }

  /**
   * Why a mined transaction reverted: replays the call on the state after its block (reverts caused
   * by an earlier transaction in the same block show there), then on the state before it.
   */
  async function revertReason(payload: OutboxPayload, blockNumber: bigint): Promise<string> {
    for (const at of [blockNumber, blockNumber - 1n]) {
      try {
        await client.call({
          account: signer.address,
          to: payload.to as Hex,
          data: payload.data as Hex,
          value: BigInt(payload.value),
          blockNumber: at,
        });
      } catch (err) {
        const revert = decodeRevert(err, options.abis);
        if (revert && revert.name !== "UnknownRevert") return revert.text;
      }
    }
    return `UnknownRevert() (reverted in block ${blockNumber})`;
  }

  /** Follows one SENT row: mined → final → CONFIRMED/FAILED; unmined → rebroadcast or replace. */
  async function settle(row: OutboxTx, latestNonce: number, finalBlock: bigint, s: TickSummary): Promise<boolean> {
    const nonce = row.nonce ?? 0;
    const hashes = row.txHashes.length > 0 ? row.txHashes : [row.txHash ?? ""];
    const age = now() - (row.sentAt?.getTime() ?? 0);
    if (nonce < latestNonce) {
      const receipt = await receiptOf(hashes);
      if (!receipt) {
        // Seen mined before (blockNumber set) and now unknown: a reorg is re-including it — never FAILED.
        if (age > options.stuckAfterMs && row.blockNumber === null) {
          await db.outboxTx.update({
            where: { id: row.id },
            data: { status: "FAILED", lastError: `nonce ${nonce} was used by a transaction this outbox did not send` },
          });
          s.failed++;
          log.error("nonce consumed elsewhere", { id: row.id, requestId: row.requestId ?? undefined, nonce });
        }
        return false;
      }
      const final = receipt.blockNumber <= finalBlock;
      if (!final) {
        if (row.blockNumber !== receipt.blockNumber || row.txHash !== receipt.transactionHash) {
          await db.outboxTx.update({
            where: { id: row.id },
            data: { blockNumber: receipt.blockNumber, txHash: receipt.transactionHash },
          });
        }
        return false;
      }
      const ok = receipt.status === "success";
      const lastError = ok ? null : await revertReason(outboxPayloadSchema.parse(row.payload), receipt.blockNumber);
      await db.outboxTx.update({
        where: { id: row.id },
        data: {
          status: ok ? "CONFIRMED" : "FAILED",
          blockNumber: receipt.blockNumber,
          txHash: receipt.transactionHash,
          lastError,
        },
      });
      if (ok) s.confirmed++;
      else s.failed++;
      log.info(ok ? "confirmed" : "reverted", {
        id: row.id,
        requestId: row.requestId ?? undefined,
        kind: row.kind,
        nonce,
        txHash: receipt.transactionHash,
        lastError,
      });
      return false;
    }
    if (row.blockNumber !== null) await db.outboxTx.update({ where: { id: row.id }, data: { blockNumber: null } });
    if (age >= options.stuckAfterMs && row.rawTx) {
      await replace(row, row.rawTx as Hex);
      s.replaced++;
    } else if (row.rawTx && row.txHash && !broadcasted.has(row.txHash as Hex)) {
      await broadcast(row, row.rawTx as Hex, row.txHash as Hex);
    }
    return true;
  }

  async function replace(row: OutboxTx, previousRaw: Hex): Promise<void> {
    const prev = parseTransaction(previousRaw);
    const fees = await client.estimateFeesPerGas();
    const maxPriorityFeePerGas = maxOf(bump(prev.maxPriorityFeePerGas ?? 0n), fees.maxPriorityFeePerGas);
    const maxFeePerGas = maxOf(bump(prev.maxFeePerGas ?? 0n), fees.maxFeePerGas, maxPriorityFeePerGas);
    const raw = await signer.account.signTransaction({
      type: "eip1559",
      chainId: options.chainId,
      nonce: prev.nonce,
      to: prev.to,
      data: prev.data,
      value: prev.value,
      gas: prev.gas,
      maxFeePerGas,
      maxPriorityFeePerGas,
    });
    const hash = keccak256(raw);
    const updated = await db.outboxTx.updateMany({
      where: { id: row.id, requestId: row.requestId ?? undefined, status: "SENT", txHash: row.txHash },
      data: { rawTx: raw, txHash: hash, txHashes: { push: hash }, attempts: { increment: 1 }, sentAt: new Date(now()) },
    });
    if (updated.count === 0) return;
    log.warn("replacing stuck transaction", {
      id: row.id,
      requestId: row.requestId ?? undefined,
      nonce: prev.nonce,
      previous: row.txHash,
      txHash: hash,
    });
    await broadcast(row, raw, hash);
  }

  /** Signs and sends one PENDING row with `nonce`. */
  async function sendNew(
    row: OutboxTx,
    nonce: number,
    fees: { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint },
    waitingForEarlier: boolean,
  ): Promise<"sent" | "failed" | "deferred" | "skipped"> {
    const payload = outboxPayloadSchema.parse(row.payload);
    const call = { to: payload.to as Hex, data: payload.data as Hex, value: BigInt(payload.value) };
    let gas: bigint;
    try {
      gas = await client.estimateGas({ account: signer.address, ...call });
    } catch (err) {
      const revert = decodeRevert(err, options.abis);
      if (!revert) throw err;
      if (waitingForEarlier) {
        // It may depend on an earlier transaction of this key that is not mined yet: retry later.
        await db.outboxTx.update({ where: { id: row.id }, data: { lastError: `waiting: ${revert.text}` } });
        return "deferred";
      }
      await db.outboxTx.update({ where: { id: row.id }, data: { status: "FAILED", lastError: revert.text } });
      log.warn("would revert; not sent", {
        id: row.id,
        requestId: row.requestId ?? undefined,
        kind: row.kind,
        error: revert.text,
      });
      return "failed";
    }
    const raw = await signer.account.signTransaction({
      type: "eip1559",
      chainId: options.chainId,
      nonce,
      gas: gasWithHeadroom(gas),
      ...fees,
      ...call,
    });
    const hash = keccak256(raw);
    const updated = await db.outboxTx.updateMany({
      where: { id: row.id, requestId: row.requestId ?? undefined, status: "PENDING" },
      data: {
        status: "SENT",
        nonce,
        rawTx: raw,
        txHash: hash,
        txHashes: [hash],
        attempts: { increment: 1 },
        sentAt: new Date(now()),
        lastError: null,
      },
    });
    if (updated.count === 0) return "skipped";
    options.hooks?.afterPersist?.({ id: row.id, nonce, txHash: hash });
    await broadcast(row, raw, hash);
    log.info("sent", { id: row.id, requestId: row.requestId ?? undefined, kind: row.kind, nonce, txHash: hash });
    return "sent";
  }

  /**
   * One pass: settle every SENT row, then sign and broadcast PENDING rows (oldest first) while fewer
   * than `maxInFlight` are unmined. Throws on RPC/database errors (the caller logs and retries).
   */
  async function tick(): Promise<TickSummary> {
    const s: TickSummary = { sent: 0, replaced: 0, confirmed: 0, failed: 0, deferred: 0 };
    const address = signer.address;
    const [latestNonce, pendingNonce, finalBlock] = await Promise.all([
      client.getTransactionCount({ address, blockTag: "latest" }),
      client.getTransactionCount({ address, blockTag: "pending" }),
      lastFinalBlock(client, options.finality),
    ]);
    const sent = await db.outboxTx.findMany({ where: { signer: address, status: "SENT" }, orderBy: { nonce: "asc" } });
    let inFlight = 0;
    let nextNonce = pendingNonce;
    for (const row of sent) {
      if (await settle(row, latestNonce, finalBlock, s)) inFlight++;
      if (row.nonce !== null && row.nonce + 1 > nextNonce) nextNonce = row.nonce + 1;
    }
    if (inFlight >= maxInFlight) return s;
    const pending = await db.outboxTx.findMany({
      where: { signer: address, status: "PENDING" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: maxInFlight - inFlight,
    });
    if (pending.length === 0) return s;
    const fees = await client.estimateFeesPerGas();
    for (const row of pending) {
      const result = await sendNew(row, nextNonce, fees, inFlight > 0);
      if (result === "sent") {
        nextNonce++;
        inFlight++;
        s.sent++;
      } else if (result === "failed") s.failed++;
      else if (result === "deferred") {
        s.deferred++;
        break; // keep the order of this key's transactions
      }
    }
    return s;
  }

  return { tick, address: signer.address };
}

/** A sender created by {@link createOutboxSender}. */
export type OutboxSender = ReturnType<typeof createOutboxSender>;
