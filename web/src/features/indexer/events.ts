/**
 * The chain events the indexer reads, and their zod validation. Decoded args (from viem `getLogs` with
 * the generated ABIs) and args read back from `ChainLog.args` both go through the same schemas:
 * addresses checksummed (`getAddress`), integers as decimal strings, bytes32 as lowercase hex.
 */
import { decodeAbiParameters, toEventSelector, type Abi, type AbiEvent, type AbiParameter, type Hex } from "viem";
import { z } from "zod";
import { checksumAddress, isAddressLoose } from "@/lib/checksum-address.ts";

const uint = z
  .union([z.bigint(), z.number().int().nonnegative(), z.string().regex(/^\d+$/)])
  .transform((v) => BigInt(v).toString());
const address = z.string().refine(isAddressLoose, "not an address").transform(checksumAddress);
const bytes32 = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, "not bytes32")
  .transform((v) => v.toLowerCase() as `0x${string}`);

/** Projected event schemas by event name. */
export const EVENT_SCHEMAS = {
  PurchaseRecorded: z.object({
    purchaseId: uint,
    courseId: bytes32,
    learner: address,
    buyer: address,
    token: address,
    amount: uint,
    refundDeadline: uint,
    payee: address,
  }),
  CardPurchaseRecorded: z.object({
    purchaseId: uint,
    courseId: bytes32,
    learner: address,
    paymentRef: bytes32,
    refundDeadline: uint,
  }),
  PurchaseRefunded: z.object({
    purchaseId: uint,
    courseId: bytes32,
    learner: address,
    buyer: address,
    token: address,
    amount: uint,
  }),
  PurchaseReleased: z.object({
    purchaseId: uint,
    courseId: bytes32,
    learner: address,
    provider: address,
    treasury: address,
    token: address,
    providerAmount: uint,
    feeAmount: uint,
  }),
  CardPurchaseRevoked: z.object({ purchaseId: uint, courseId: bytes32, learner: address, paymentRef: bytes32 }),
  CertificateIssued: z.object({
    tokenId: uint,
    learner: address,
    courseId: bytes32,
    codec: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(Number),
    digest: bytes32,
  }),
  CertificateRevoked: z.object({ tokenId: uint, learner: address, revoker: address, reason: z.string() }),
} as const;

/** Names of events that change Purchase/Enrollment/Certificate rows. */
export type ProjectedEventName = keyof typeof EVENT_SCHEMAS;

/** A validated projected event. */
export type ProjectedEvent = {
  [K in ProjectedEventName]: { eventName: K; args: z.output<(typeof EVENT_SCHEMAS)[K]> };
}[ProjectedEventName];

/**
 * Events read per contract. ListingSet, CourseProviderSet and Withdrawn are stored (index only), not
 * projected. Crypto purchases (PurchaseRecorded, with the payee bound at purchase) and card sales
 * (CardPurchaseRecorded) are separate events since the issue-10 contracts.
 */
export const INDEXED_EVENTS = {
  CourseMarketplace: [
    "PurchaseRecorded",
    "CardPurchaseRecorded",
    "PurchaseRefunded",
    "PurchaseReleased",
    "CardPurchaseRevoked",
    "ListingSet",
    "CourseProviderSet",
    "Withdrawn",
  ],
  CourseCertificate: ["CertificateIssued", "CertificateRevoked"],
} as const;

/** Purchase events (all carry `purchaseId`). */
export const PURCHASE_EVENTS = [
  "PurchaseRecorded",
  "CardPurchaseRecorded",
  "PurchaseRefunded",
  "PurchaseReleased",
  "CardPurchaseRevoked",
] as const;
/** Certificate events (all carry `tokenId`). */
export const CERTIFICATE_EVENTS = ["CertificateIssued", "CertificateRevoked"] as const;

/** Thrown when a log's args do not match the expected shape (ABI drift or a foreign contract). */
export class EventValidationError extends Error {
  constructor(eventName: string, detail: string) {
    super(`invalid ${eventName} log args: ${detail}`);
    this.name = "EventValidationError";
  }
}

/** JSON-safe form of args of an event without a projection schema (ListingSet, Withdrawn): bigints → strings, addresses checksummed. */
export function normalizeArgs(args: unknown): Record<string, string | number | boolean> {
  if (typeof args !== "object" || args === null || Array.isArray(args)) {
    throw new EventValidationError("event", "args are not a named tuple");
  }
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(args)) {
    if (typeof v === "bigint") out[k] = v.toString();
    else if (typeof v === "string") out[k] = isAddressLoose(v) ? checksumAddress(v) : v;
    else if (typeof v === "number" || typeof v === "boolean") out[k] = v;
    else throw new EventValidationError("event", `unsupported value for ${k}`);
  }
  return out;
}

/** Whether `name` has a projection schema. */
export function isProjected(name: string): name is ProjectedEventName {
  return Object.hasOwn(EVENT_SCHEMAS, name);
}

/**
 * Validates the args of a projected event.
 * @throws EventValidationError when they do not match
 */
export function parseEvent(eventName: ProjectedEventName, args: unknown): ProjectedEvent {
  const result = EVENT_SCHEMAS[eventName].safeParse(args);
  if (!result.success) {
    throw new EventValidationError(
      eventName,
      result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
    );
  }
  return { eventName, args: result.data } as ProjectedEvent;
}

/** Validated JSON args for storage in `ChainLog.args` (projected: schema; others: {@link normalizeArgs}). */
export function argsForStorage(eventName: string, args: unknown): Record<string, string | number | boolean> {
  return isProjected(eventName) ? parseEvent(eventName, args).args : normalizeArgs(args);
}

/**
 * Like {@link argsForStorage}, and also returns the validated event of a projected log, so the projection
 * does not validate the same args twice.
 */
export function parseForStorage(
  eventName: string,
  args: unknown,
): { args: Record<string, string | number | boolean>; event?: ProjectedEvent } {
  if (!isProjected(eventName)) return { args: normalizeArgs(args) };
  const event = parseEvent(eventName, args);
  return { args: event.args, event };
}

/** The ABI event items of `names` from a generated ABI (never hand-written). */
export function eventItems(abi: Abi, names: readonly string[]): AbiEvent[] {
  const items = abi.filter((i): i is AbiEvent => i.type === "event" && names.includes(i.name));
  const missing = names.filter((n) => !items.some((i) => i.name === n));
  if (missing.length > 0) throw new Error(`ABI lacks events: ${missing.join(", ")}`);
  return items;
}

/** A raw log's decoded event: its name and its arguments by parameter name. */
export interface DecodedLog {
  eventName: string;
  args: Record<string, unknown>;
}

const DYNAMIC = /^(string|bytes)$|\[|^tuple/;
/** Types the decoder reads straight from one 32-byte word (everything else goes through viem). */
const WORD = /^(address|bool|uint\d*|bytes32)$/;

/**
 * One ABI word (64 lowercase hex chars, no 0x) of a {@link WORD} type — the values viem's
 * `decodeAbiParameters` returns: addresses checksummed (memoized), uint up to 48 bits as number and wider
 * as bigint, bool strictly 0/1, bytes32 as hex.
 */
function decodeWord(type: string, word: string, eventName: string): unknown {
  if (type === "address") return checksumAddress(`0x${word.slice(24)}`);
  if (type === "bytes32") return `0x${word}`;
  const n = BigInt(`0x${word}`);
  if (type === "bool") {
    if (n > 1n) throw new EventValidationError(eventName, "invalid bool");
    return n === 1n;
  }
  const bits = type === "uint" ? 256 : Number(type.slice(4));
  return bits > 48 ? n : Number(n);
}

/**
 * A decoder for logs of `items` (ABI events): looks the event up by `topics[0]` in a map built once,
 * then decodes the indexed arguments from the topics and the others from `data`: events made of static
 * words (address, bool, uintN, bytes32) by slicing the words, others with viem's `decodeAbiParameters`
 * (addresses checksummed either way). Same result as viem's `decodeEventLog` in strict
 * mode, without re-hashing every ABI item's signature for every log (which dominates a replay).
 * Indexed dynamic values (string, bytes, arrays, tuples) are returned as their topic hash, like viem.
 * @returns null for a log whose `topics[0]` is none of `items` (e.g. role events of the same contract)
 * @throws (viem AbiDecodingDataSizeTooSmallError …) when topics or data do not match the event
 */
export function createLogDecoder(
  items: readonly AbiEvent[],
): (log: { topics: readonly Hex[]; data: Hex }) => DecodedLog | null {
  const bySelector = new Map<
    string,
    { name: string; indexed: readonly AbiParameter[]; plain: readonly AbiParameter[]; words: boolean }
  >();
  for (const item of items) {
    const plain = item.inputs.filter((i) => !("indexed" in i && i.indexed));
    bySelector.set(toEventSelector(item).toLowerCase(), {
      name: item.name,
      indexed: item.inputs.filter((i) => "indexed" in i && i.indexed),
      plain,
      words: plain.every((i) => WORD.test(i.type)),
    });
  }
  return (log) => {
    const [selector, ...topics] = log.topics;
    const event = selector ? bySelector.get(selector.toLowerCase()) : undefined;
    if (!event) return null;
    if (topics.length !== event.indexed.length) {
      throw new EventValidationError(
        event.name,
        `expected ${event.indexed.length} indexed topics, got ${topics.length}`,
      );
    }
    const args: Record<string, unknown> = {};
    event.indexed.forEach((input, i) => {
      const topic = topics[i]!;
      args[input.name ?? String(i)] = DYNAMIC.test(input.type)
        ? topic
        : WORD.test(input.type) && topic.length === 66
          ? decodeWord(input.type, topic.slice(2).toLowerCase(), event.name)
          : decodeAbiParameters([input], topic)[0];
    });
    if (event.plain.length > 0 && event.words) {
      // static words only (every projected event but CertificateRevoked): sliced here, no ABI walk
      if (log.data.length < 2 + 64 * event.plain.length) {
        throw new EventValidationError(event.name, "data too short");
      }
      const data = log.data.toLowerCase();
      event.plain.forEach((input, i) => {
        args[input.name ?? String(i)] = decodeWord(input.type, data.slice(2 + 64 * i, 66 + 64 * i), event.name);
      });
    } else if (event.plain.length > 0) {
      const values = decodeAbiParameters(event.plain, log.data);
      event.plain.forEach((input, i) => {
        args[input.name ?? String(i)] = values[i];
      });
    } else if (log.data !== "0x") {
      throw new EventValidationError(event.name, "unexpected data");
    }
    return { eventName: event.name, args };
  };
}
