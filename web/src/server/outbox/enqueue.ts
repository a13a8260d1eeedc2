/**
 * Enqueueing platform-signed transactions (ARCHITECTURE rule 3). A row is written once per
 * idempotency key; the sender of its signer address picks it up.
 */
import { currentRequestId } from "../logger.ts";
import { getAddress, isAddress, isHex, type Address, type Hex } from "viem";
import { z } from "zod";
import type { OutboxTx, PrismaClient } from "@smolitux/db";
import { SIGNER_ROLES, type SignerRole } from "../keys.ts";
import { OUTBOX_KINDS, type OutboxKind } from "./kinds.ts";

/** A Prisma client or a transaction client (`db.$transaction(async (tx) => enqueue(tx, …))`). */
export type OutboxDb = Pick<PrismaClient, "outboxTx">;

/** What {@link enqueue} accepts: an {@link OutboxRequest} from a builder plus the idempotency key. */
export interface EnqueueInput {
  /** Caller-chosen key, unique per intended transaction (e.g. `card:<stripe event id>`); 1–200 chars. */
  idempotencyKey: string;
  kind: OutboxKind;
  signerRole: SignerRole;
  to: Address;
  data: Hex;
  /** Wei sent with the call (default 0). */
  value?: bigint;
  /** Readable arguments stored with the payload. */
  args?: Record<string, string | boolean>;
}

/** Stored `payload` of an outbox row. `value` in wei as a decimal string. */
export const outboxPayloadSchema = z.object({
  to: z.string().refine((v) => isAddress(v), "not an address"),
  data: z.string().refine((v) => isHex(v), "not hex"),
  value: z.string().regex(/^\d+$/),
  args: z.record(z.string(), z.union([z.string(), z.boolean()])).default({}),
});
/** Parsed payload. */
export type OutboxPayload = z.infer<typeof outboxPayloadSchema>;

const inputSchema = z.object({
  idempotencyKey: z.string().min(1).max(200),
  kind: z.enum(OUTBOX_KINDS),
  signerRole: z.enum(SIGNER_ROLES),
  to: z.string().refine((v) => isAddress(v), "not an address"),
  data: z.string().refine((v) => isHex(v) && v.length % 2 === 0, "not even-length hex"),
  value: z.bigint().min(0n).default(0n),
});

/** The same idempotency key was enqueued before with a different transaction. */
export class OutboxConflictError extends Error {
  readonly code = "OUTBOX_KEY_CONFLICT";
  constructor(
    readonly idempotencyKey: string,
    readonly difference: string,
  ) {
    super(`Outbox key "${idempotencyKey}" already holds a different transaction (${difference})`);
    this.name = "OutboxConflictError";
  }
}

/**
 * Adds a transaction to the outbox, or returns the row already stored under `idempotencyKey`.
 * Safe inside the caller's transaction (uses `INSERT … ON CONFLICT DO NOTHING`, so a duplicate key
 * never aborts it) and under concurrency (a concurrent insert of the same key waits, then sees it).
 *
 * @param db Prisma client or transaction client
 * @param input the request (from a builder in kinds.ts) and its key
 * @param signerOf address of a role's signer (usually `(role) => signerAddress(role, env())`)
 * @returns the stored row (status PENDING for a new one)
 * @throws OutboxConflictError when the key exists with another kind, signer, target, calldata or value
 * @throws ZodError on malformed input
 */
export async function enqueue(
  db: OutboxDb,
  input: EnqueueInput,
  signerOf: (role: SignerRole) => Address,
): Promise<OutboxTx> {
  const parsed = inputSchema.parse(input);
  const signer = getAddress(signerOf(parsed.signerRole));
  const payload: OutboxPayload = {
    to: getAddress(parsed.to),
    data: `0x${parsed.data.slice(2).toLowerCase()}`,
    value: parsed.value.toString(),
    args: input.args ?? {},
  };
  await db.outboxTx.createMany({
    // The enqueuing request's id follows the job into the worker's log lines (server/logger.ts).
    data: [
      {
        idempotencyKey: parsed.idempotencyKey,
        kind: parsed.kind,
        signer,
        payload,
        requestId: currentRequestId() ?? null,
      },
    ],
    skipDuplicates: true,
  });
  const row = await db.outboxTx.findUniqueOrThrow({ where: { idempotencyKey: parsed.idempotencyKey } });
  const stored = outboxPayloadSchema.parse(row.payload);
  const differences = [
    row.kind !== parsed.kind && "kind",
    row.signer !== signer && "signer",
    stored.to !== payload.to && "to",
    stored.data !== payload.data && "data",
    stored.value !== payload.value && "value",
  ].filter((d): d is string => d !== false);
  if (differences.length > 0) throw new OutboxConflictError(parsed.idempotencyKey, differences.join(", "));
  return row;
}
