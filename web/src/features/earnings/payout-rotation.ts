/**
 * A provider moves the payout address of its listed courses (issue 10 §1.3). CourseMarketplace lets only
 * the course's current provider do that — its own transaction, or its EIP-712 `ProviderChange` signature
 * relayed by anyone — so the platform's catalog key alone can never redirect a provider's earnings.
 *
 * Flow: {@link rotationRequest} returns, for each listed course whose on-chain provider is not yet the new
 * address, the typed data its current provider must sign (domain "CourseMarketplace"/"1", this chain and
 * contract; nonces read from the contract, consecutive per provider; one deadline). The provider signs them
 * with its wallet; {@link submitRotation} re-derives the same messages, verifies every signature against the
 * on-chain provider (EOA or ERC-1271 through `verifyTypedData`), and enqueues one `setProviderWithSig`
 * outbox row per course, in nonce order, signed by the catalog key; the user's payout address (used for
 * new listings) becomes the new one in the same transaction. {@link rotationViews} shows each row's state
 * (pending → confirmed, or failed with the contract's reason — e.g. the signature expired before the
 * worker sent it; the nonce stays unused, so the provider simply signs again and gets new rows). Purchases already paid keep their payee (payee epochs on-chain).
 */
import { getAddress, isAddressEqual, zeroAddress, type Address, type Hex, type PublicClient } from "viem";
import type { PrismaClient } from "@smolitux/db";
import { courseIdToBytes32 } from "@smolitux/contracts/courseId";
import type { PlatformContracts } from "@/server/contracts.ts";
import { ApiError } from "@/server/http-error.ts";
import type { SignerRole } from "@/server/keys.ts";
import { enqueue, outboxStatus, setProviderWithSig, type OutboxStatusView } from "@/server/outbox/index.ts";
import { payoutAddressProblem } from "@/lib/payout-address.ts";
import { recordAudit } from "@/features/admin/audit.ts";

/** How long a requested signature stays valid (s). */
export const ROTATION_SIGNATURE_TTL_SECONDS = 3_600;

/** Dependencies of the payout rotation. */
export interface RotationDeps {
  db: PrismaClient;
  client: Pick<PublicClient, "readContract" | "verifyTypedData" | "getBlock">;
  contracts: PlatformContracts;
  signerOf: (role: SignerRole) => Address;
  /** Unix time in seconds (tests pass a fixed clock); default: the latest block's timestamp */
  now?: () => number;
}

/** The time the contract checks deadlines against: the latest block's timestamp (s), not the wall clock. */
async function chainTime(deps: RotationDeps): Promise<number> {
  if (deps.now) return deps.now();
  return Number((await onChain(() => deps.client.getBlock({ blockTag: "latest" }))).timestamp);
}

/** A chain read; an RPC failure is ApiError 503 (try again), never a 500. */
async function onChain<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch {
    throw new ApiError("unavailable", "The chain did not answer; try again.");
  }
}

/** EIP-712 `ProviderChange` types (CourseMarketplace.PROVIDER_CHANGE_TYPEHASH). */
export const PROVIDER_CHANGE_TYPES = {
  ProviderChange: [
    { name: "courseId", type: "bytes32" },
    { name: "newProvider", type: "address" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** One signature the provider is asked for. Integers as decimal strings (JSON). */
export interface RotationItem {
  courseDbId: string;
  title: string;
  /** the course's current on-chain provider: the wallet that must sign */
  signer: Address;
  typedData: {
    domain: { name: "CourseMarketplace"; version: "1"; chainId: number; verifyingContract: Address };
    types: typeof PROVIDER_CHANGE_TYPES;
    primaryType: "ProviderChange";
    message: { courseId: Hex; newProvider: Address; nonce: string; deadline: string };
  };
}

/**
 * Outbox key of one signed change. The deadline is part of it: a change the contract refused (expired,
 * nonce used) leaves the nonce unused, so the provider's next signature carries the same nonce and must
 * get a row of its own; a resubmission of the same signed messages stays idempotent.
 */
const keyOf = (courseDbId: string, signer: Address, nonce: string, deadline: string) =>
  `provider:${courseDbId}:${signer}:${nonce}:${deadline}`;

function checkAddress(newAddress: string): Address {
  const problem = payoutAddressProblem(newAddress);
  if (problem === "zero_address") {
    throw new ApiError("unprocessable", "The zero address cannot receive payouts.", { newAddress: problem });
  }
  if (problem === "platform_contract") {
    throw new ApiError("unprocessable", "A platform contract cannot receive payouts.", { newAddress: problem });
  }
  return getAddress(newAddress);
}

async function rotationRows(db: PrismaClient, courseIds: string[]) {
  if (courseIds.length === 0) return [];
  return db.outboxTx.findMany({
    where: {
      kind: "setProviderWithSig",
      OR: courseIds.map((id) => ({ idempotencyKey: { startsWith: `provider:${id}:` } })),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { idempotencyKey: true, status: true, payload: true },
  });
}

/**
 * The typed data to sign to move the payouts of every listed course of `userId` to `newAddress`.
 * @throws ApiError 422 for the zero address or a platform contract; 409 while an earlier change is pending
 */
export async function rotationRequest(
  deps: RotationDeps,
  userId: string,
  newAddress: string,
  deadline?: bigint,
): Promise<{ newAddress: Address; deadline: string; items: RotationItem[] }> {
  const target = checkAddress(newAddress);
  const { db, client, contracts } = deps;

  const courses = await db.course.findMany({
    where: { providerId: userId, onchainCourseId: { not: null } },
    orderBy: { createdAt: "asc" },
    select: { id: true, title: true },
  });
  const pending = (
    await rotationRows(
      db,
      courses.map((c) => c.id),
    )
  ).some((r) => r.status !== "CONFIRMED" && r.status !== "FAILED");
  if (pending)
    throw new ApiError("conflict", "A payout address change is still being recorded; try again when it is confirmed.");
  if (courses.length === 0) return { newAddress: target, deadline: (deadline ?? 0n).toString(), items: [] };
  // chain time: a local chain moved forward (or a skewed server clock) must not void the signatures
  const until = deadline ?? BigInt((await chainTime(deps)) + ROTATION_SIGNATURE_TTL_SECONDS);
  const mkt = { address: contracts.CourseMarketplace.address, abi: contracts.CourseMarketplace.abi } as const;
  const nextNonce = new Map<Address, bigint>();
  const items: RotationItem[] = [];
  for (const c of courses) {
    const courseId = courseIdToBytes32(c.id);
    const current = getAddress(
      await onChain(() => client.readContract({ ...mkt, functionName: "providerOf", args: [courseId] })),
    );
    if (current === "0x0000000000000000000000000000000000000000" || isAddressEqual(current, target)) continue;
    let nonce = nextNonce.get(current);
    if (nonce === undefined) {
      nonce = await onChain(() => client.readContract({ ...mkt, functionName: "nonces", args: [current] }));
    }
    nextNonce.set(current, nonce + 1n);
    items.push({
      courseDbId: c.id,
      title: c.title,
      signer: current,
      typedData: {
        domain: { name: "CourseMarketplace", version: "1", chainId: contracts.chainId, verifyingContract: mkt.address },
        types: PROVIDER_CHANGE_TYPES,
        primaryType: "ProviderChange",
        message: { courseId, newProvider: target, nonce: nonce.toString(), deadline: until.toString() },
      },
    });
  }
  return { newAddress: target, deadline: until.toString(), items };
}

/** What the provider sends back: the new address, the deadline it signed, and one signature per course. */
export interface RotationSubmission {
  newAddress: string;
  deadline: string;
  signatures: { courseDbId: string; signature: Hex }[];
}

/**
 * Verifies the provider's signatures and enqueues the on-chain changes (see the module comment).
 * @returns the outbox keys, one per course, in the order they will be sent
 * @throws ApiError 422 for a bad address, an expired deadline, a missing course or a signature that is
 *   not the current provider's; 409 while an earlier change is pending
 */
export async function submitRotation(deps: RotationDeps, userId: string, input: RotationSubmission): Promise<string[]> {
  const deadline = BigInt(input.deadline);
  const request = await rotationRequest(deps, userId, input.newAddress, deadline);
  if (request.items.length === 0) throw new ApiError("unprocessable", "No listed course needs this change.");
  if (deadline <= BigInt(await chainTime(deps))) {
    throw new ApiError("unprocessable", "The signatures expired; sign again.", { deadline: "expired" });
  }
  const signed = new Map(input.signatures.map((s) => [s.courseDbId, s.signature]));
  for (const item of request.items) {
    const signature = signed.get(item.courseDbId);
    const { message, ...rest } = item.typedData;
    const valid =
      signature !== undefined &&
      (await deps.client
        .verifyTypedData({
          address: item.signer,
          ...rest,
          message: { ...message, nonce: BigInt(message.nonce), deadline: BigInt(message.deadline) },
          signature,
        })
        .catch(() => false)); // a malformed signature is a wrong one
    if (!valid) {
      throw new ApiError("unprocessable", `The signature for “${item.title}” is not the current payout wallet's.`, {
        [`signatures.${item.courseDbId}`]: "invalid",
      });
    }
  }
  return deps.db.$transaction(async (tx) => {
    const keys: string[] = [];
    for (const item of request.items) {
      const key = keyOf(item.courseDbId, item.signer, item.typedData.message.nonce, item.typedData.message.deadline);
      const req = setProviderWithSig(deps.contracts, {
        courseDbId: item.courseDbId,
        newProvider: request.newAddress,
        deadline,
        signature: signed.get(item.courseDbId)!,
      });
      await enqueue(tx, { idempotencyKey: key, ...req }, deps.signerOf);
      keys.push(key);
    }
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { payoutAddress: true } });
    if (user.payoutAddress !== request.newAddress) {
      await tx.user.update({ where: { id: userId }, data: { payoutAddress: request.newAddress } });
      await recordAudit(tx, {
        actorId: userId,
        action: "user.payout_address_changed",
        entity: "User",
        entityId: userId,
        details: { from: user.payoutAddress, to: request.newAddress, onchain: keys },
      });
    }
    return keys;
  });
}

/** Why the contract refused a change: its signature (expired, nonce used), the signer no longer the provider, or another revert. */
export type RotationFailure = "signature" | "notProvider" | "other";

/** One course's payout change as /earnings shows it. */
export interface RotationView {
  courseDbId: string;
  title: string;
  newProvider: string;
  outbox: OutboxStatusView;
  /** set when the row is FAILED (the revert is in `outbox.lastError`); the provider signs again */
  failure: RotationFailure | null;
}

const FAILURE_OF: Record<string, RotationFailure> = {
  CourseMarketplaceInvalidProviderSignature: "signature",
  CourseMarketplaceNotProvider: "notProvider",
};

/** The latest payout change of each of the provider's courses, newest first. */
export async function rotationViews(db: PrismaClient, userId: string): Promise<RotationView[]> {
  const courses = await db.course.findMany({ where: { providerId: userId }, select: { id: true, title: true } });
  const titleOf = new Map(courses.map((c) => [c.id, c.title]));
  const rows = await rotationRows(
    db,
    courses.map((c) => c.id),
  );
  const seen = new Set<string>();
  const views: RotationView[] = [];
  for (const r of rows) {
    const courseDbId = r.idempotencyKey.split(":")[1]!;
    if (seen.has(courseDbId)) continue;
    seen.add(courseDbId);
    const outbox = await outboxStatus(db, r.idempotencyKey);
    const args = (r.payload as { args?: Record<string, unknown> }).args ?? {};
    if (outbox) {
      views.push({
        courseDbId,
        title: titleOf.get(courseDbId) ?? courseDbId,
        newProvider: String(args.newProvider ?? ""),
        outbox,
        failure: outbox.status === "FAILED" ? (FAILURE_OF[outbox.errorName ?? ""] ?? "other") : null,
      });
    }
  }
  return views;
}

/**
 * Guards a payout address change made outside the provider-signed path (`PUT`/`POST /api/auth/provider`):
 * the database's payout address must name what the escrow contract pays. Allowed when no course of
 * `userId` is listed on chain, or when every listed course already pays `newAddress` on chain; otherwise
 * the change goes through /earnings ({@link rotationRequest} → {@link submitRotation}), signed by the
 * current payout wallet.
 * @param chain the chain reader and contracts, asked for only when the user has courses with an on-chain id
 * @param newAddress the requested payout address, or null to clear it
 * @throws ApiError 409 (field `payoutAddress`: `onchain_payout`) when a listed course pays another address
 *   on chain, or a change signed on /earnings is still pending; 503 when the chain does not answer
 */
export async function assertPayoutChangeAgrees(
  db: PrismaClient,
  chain: () => { client: Pick<PublicClient, "readContract">; contracts: PlatformContracts },
  userId: string,
  newAddress: string | null,
): Promise<void> {
  const courses = await db.course.findMany({
    where: { providerId: userId, onchainCourseId: { not: null } },
    select: { id: true },
  });
  if (courses.length === 0) return;
  const refuse = () => {
    throw new ApiError(
      "conflict",
      "Your listed courses pay the address recorded on the escrow contract. Move it on /earnings by signing with your current payout wallet.",
      { payoutAddress: "onchain_payout" },
    );
  };
  const rows = await rotationRows(
    db,
    courses.map((c) => c.id),
  );
  if (rows.some((r) => r.status !== "CONFIRMED" && r.status !== "FAILED")) refuse();
  const { client, contracts } = chain();
  const mkt = { address: contracts.CourseMarketplace.address, abi: contracts.CourseMarketplace.abi } as const;
  for (const c of courses) {
    const payee = await onChain(() =>
      client.readContract({ ...mkt, functionName: "providerOf", args: [courseIdToBytes32(c.id)] }),
    );
    if (isAddressEqual(payee, zeroAddress)) continue; // not listed on chain
    if (newAddress === null || !isAddressEqual(payee, getAddress(newAddress))) refuse();
  }
}
