import { describe, expect, it } from "vitest";
import { decodeEventLog, encodeAbiParameters, encodeEventTopics, getAddress, zeroAddress, type Hex } from "viem";
import { platformContracts } from "@/server/contracts.ts";
import {
  EventValidationError,
  INDEXED_EVENTS,
  argsForStorage,
  createLogDecoder,
  eventItems,
  normalizeArgs,
  parseEvent,
} from "./events.ts";

const c = platformContracts(31337);
const learner = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const courseId: Hex = `0x${"ab".repeat(32)}`;

describe("indexer events", () => {
  it("finds every indexed event in the generated ABIs", () => {
    expect(eventItems(c.CourseMarketplace.abi, INDEXED_EVENTS.CourseMarketplace).map((e) => e.name)).toEqual(
      expect.arrayContaining([...INDEXED_EVENTS.CourseMarketplace]),
    );
    expect(eventItems(c.CourseCertificate.abi, INDEXED_EVENTS.CourseCertificate)).toHaveLength(2);
    expect(() => eventItems(c.CourseCertificate.abi, ["NoSuchEvent"])).toThrow(/NoSuchEvent/);
  });

  it("decodes a real PurchaseRecorded log and normalizes it (checksummed, decimal strings)", () => {
    const abi = c.CourseMarketplace.abi;
    const payee = "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65";
    const topics = encodeEventTopics({
      abi,
      eventName: "PurchaseRecorded",
      args: { purchaseId: 7n, courseId, learner },
    });
    const data = encodeAbiParameters(
      [{ type: "address" }, { type: "address" }, { type: "uint256" }, { type: "uint64" }, { type: "address" }],
      [learner, zeroAddress, 10n ** 18n, 1_900_000_000n, payee],
    );
    const decoded = decodeEventLog({ abi, topics: topics as [Hex, ...Hex[]], data });
    expect(decoded.eventName).toBe("PurchaseRecorded");
    const ev = parseEvent("PurchaseRecorded", decoded.args);
    expect(ev.args).toEqual({
      purchaseId: "7",
      courseId,
      learner: getAddress(learner),
      buyer: getAddress(learner),
      token: zeroAddress,
      amount: "1000000000000000000",
      refundDeadline: "1900000000",
      payee: getAddress(payee),
    });
    // Stored args parse to the same value (the same schema reads ChainLog.args back).
    expect(parseEvent("PurchaseRecorded", JSON.parse(JSON.stringify(ev.args)))).toEqual(ev);
  });

  it("decodes logs by topic exactly like viem's decodeEventLog, and skips events it does not index", () => {
    const abi = c.CourseMarketplace.abi;
    const decode = createLogDecoder(eventItems(abi, INDEXED_EVENTS.CourseMarketplace));
    const purchase = {
      topics: encodeEventTopics({ abi, eventName: "PurchaseRecorded", args: { purchaseId: 7n, courseId, learner } }),
      data: encodeAbiParameters(
        [{ type: "address" }, { type: "address" }, { type: "uint256" }, { type: "uint64" }, { type: "address" }],
        [learner, zeroAddress, 10n ** 18n, 1_900_000_000n, learner],
      ),
    };
    const cert = c.CourseCertificate.abi;
    const revoked = {
      topics: encodeEventTopics({
        abi: cert,
        eventName: "CertificateRevoked",
        args: { tokenId: 3n, learner, revoker: zeroAddress },
      }),
      data: encodeAbiParameters([{ type: "string" }], ["plagiarism"]),
    };
    for (const [items, log] of [
      [abi, purchase],
      [cert, revoked],
    ] as const) {
      const names = items === abi ? INDEXED_EVENTS.CourseMarketplace : INDEXED_EVENTS.CourseCertificate;
      const ours = createLogDecoder(eventItems(items, names))({ topics: log.topics as Hex[], data: log.data });
      const viems = decodeEventLog({ abi: items, topics: log.topics as [Hex, ...Hex[]], data: log.data, strict: true });
      expect(ours).toEqual({ eventName: viems.eventName, args: viems.args });
    }
    const roleGranted = encodeEventTopics({
      abi,
      eventName: "RoleGranted",
      args: { role: courseId, account: learner, sender: learner },
    });
    expect(decode({ topics: roleGranted as Hex[], data: "0x" })).toBeNull();
    expect(() => decode({ topics: purchase.topics.slice(0, 2) as Hex[], data: purchase.data })).toThrow(
      EventValidationError,
    );
    expect(() => decode({ topics: purchase.topics as Hex[], data: "0x1234" })).toThrow();
  });

  it("decodes every indexed event exactly like viem (static words sliced, the rest through viem)", () => {
    const sample = (type: string, i: number): unknown => {
      if (type === "address") return getAddress(`0x${(i + 1).toString(16).padStart(2, "0").repeat(20)}`);
      if (type === "bool") return i % 2 === 0;
      if (type === "bytes32") return `0x${(i + 7).toString(16).padStart(2, "0").repeat(32)}`;
      if (type === "string") return `reason ${i}`;
      const bits = type === "uint" ? 256 : Number(type.slice(4));
      const max = (1n << BigInt(bits)) - 1n;
      const v = i % 2 === 0 ? max : BigInt(i + 1);
      return bits > 48 ? v : Number(v);
    };
    for (const [abi, names] of [
      [c.CourseMarketplace.abi, INDEXED_EVENTS.CourseMarketplace],
      [c.CourseCertificate.abi, INDEXED_EVENTS.CourseCertificate],
    ] as const) {
      const decode = createLogDecoder(eventItems(abi, names));
      for (const item of eventItems(abi, names)) {
        const args = Object.fromEntries(item.inputs.map((input, i) => [input.name!, sample(input.type, i)]));
        const plain = item.inputs.filter((input) => !input.indexed);
        const topics = encodeEventTopics({ abi: [item], eventName: item.name, args } as never) as Hex[];
        const data = encodeAbiParameters(
          plain,
          plain.map((input) => args[input.name!]),
        );
        const viems = decodeEventLog({ abi: [item], topics: topics as [Hex, ...Hex[]], data, strict: true });
        expect(decode({ topics, data }), item.name).toEqual({ eventName: viems.eventName, args: viems.args });
      }
    }
  });

  it("rejects malformed args with the field named", () => {
    expect(() => parseEvent("CertificateIssued", { tokenId: 1n, learner: "0x1234", courseId, cid: "b" })).toThrow(
      EventValidationError,
    );
    expect(() =>
      parseEvent("PurchaseRefunded", { purchaseId: -1, courseId, learner, buyer: learner, token: learner, amount: 1n }),
    ).toThrow(/purchaseId/);
    expect(() =>
      parseEvent("CardPurchaseRevoked", { purchaseId: 1n, courseId: "0x12", learner, paymentRef: courseId }),
    ).toThrow(/courseId/);
  });

  it("normalizes args of stored-only events generically", () => {
    expect(argsForStorage("Withdrawn", { account: learner, token: zeroAddress, amount: 5n })).toEqual({
      account: getAddress(learner),
      token: zeroAddress,
      amount: "5",
    });
    expect(normalizeArgs({ active: true, refundWindow: 86400 })).toEqual({ active: true, refundWindow: 86400 });
    expect(() => normalizeArgs([1, 2])).toThrow(EventValidationError);
    expect(() => normalizeArgs({ nested: { a: 1 } })).toThrow(/nested/);
  });
});
