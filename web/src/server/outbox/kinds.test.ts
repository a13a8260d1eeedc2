import { decodeFunctionData, keccak256, parseAbi, toHex, zeroAddress } from "viem";
import { describe, expect, it } from "vitest";
import { cidToParts, InvalidCidError, partsToCid } from "@smolitux/contracts/cid";
import { courseIdToBytes32 } from "@smolitux/contracts/courseId";
import { platformContracts } from "../contracts.ts";
import { AbiMismatchError, encodeNamed, listCourse, mintCertificate } from "./kinds.ts";

const contracts = platformContracts(31337);
const provider = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";

describe("outbox builders", () => {
  it("encode arguments by parameter name for the signer role of the kind", () => {
    const req = listCourse(contracts, {
      courseDbId: "c1",
      provider,
      token: zeroAddress,
      price: 7n,
      refundWindowSeconds: 60,
      active: true,
    });
    expect([req.kind, req.signerRole, req.to]).toEqual(["listCourse", "catalog", contracts.CourseMarketplace.address]);
    const { functionName, args } = decodeFunctionData({ abi: contracts.CourseMarketplace.abi, data: req.data });
    expect(functionName).toBe("setListing");
    const fn = contracts.CourseMarketplace.abi.find((i) => i.type === "function" && i.name === "setListing");
    const byName = Object.fromEntries(
      (fn && "inputs" in fn ? fn.inputs : []).map((input, i) => [input.name, (args as readonly unknown[])[i]]),
    );
    expect(byName).toMatchObject({ courseId: courseIdToBytes32("c1"), provider, token: zeroAddress, price: 7n });
    const digest = keccak256(toHex("metadata"));
    const cid = partsToCid({ codec: 0x0200, digest });
    const mint = mintCertificate(contracts, { learner: provider, courseDbId: "c1", cid });
    expect(mint.signerRole).toBe("certificateMinter");
    // the CID string goes on-chain as (codec, digest), which the contract re-encodes to the same string
    expect(decodeFunctionData({ abi: contracts.CourseCertificate.abi, data: mint.data }).args).toEqual([
      provider,
      courseIdToBytes32("c1"),
      0x0200,
      digest,
    ]);
    expect(cidToParts(cid)).toEqual({ codec: 0x0200, digest });
    expect(() => mintCertificate(contracts, { learner: provider, courseDbId: "c1", cid: "b" })).toThrow(
      InvalidCidError,
    );
    expect(() => cidToParts(cid.toUpperCase())).toThrow(InvalidCidError);
  });

  it("refuses to encode when the ABI's parameter names differ", () => {
    const abi = parseAbi(["function setListing(bytes32 courseId, address payee)"]);
    expect(() => encodeNamed(abi, "setListing", { courseId: `0x${"00".repeat(32)}`, provider })).toThrow(
      AbiMismatchError,
    );
    expect(() => encodeNamed(abi, "nope", {})).toThrow(/function not found/);
  });
});
