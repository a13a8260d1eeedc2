import { describe, expect, it } from "vitest";
import {
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  InsufficientFundsError,
  TransactionExecutionError,
  UserRejectedRequestError,
  encodeErrorResult,
  zeroHash,
  type Abi,
} from "viem";
import { deployedContracts } from "@smolitux/contracts";
import en from "../../../../messages/en/wallet.json" with { type: "json" };
import de from "../../../../messages/de/wallet.json" with { type: "json" };
import { CONTRACT_ERRORS, WALLET_ERROR_CODES, mapWalletError } from "./errors.ts";

const abi = deployedContracts[31337].CourseMarketplace.abi as Abi;
const learner = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc";

/** Sample arguments for an ABI error's inputs (keeps the test valid across signature changes). */
function sampleArgs(errorName: string, from: Abi = abi): unknown[] {
  const item = from.find((i) => i.type === "error" && i.name === errorName);
  if (!item || item.type !== "error") throw new Error(`${errorName} not in the ABI`);
  return item.inputs.map((i) =>
    i.type === "address" ? learner : i.type === "bytes32" ? zeroHash : i.type === "string" ? "x" : 1n,
  );
}

/** Every contract of the generated module with its ABI's custom errors. */
const generatedErrors = Object.entries(deployedContracts[31337]).flatMap(([contract, c]) =>
  (c.abi as Abi).flatMap((item) => (item.type === "error" ? [{ contract, abi: c.abi as Abi, name: item.name }] : [])),
);

function reverted(errorName: string) {
  const data = encodeErrorResult({ abi, errorName, args: sampleArgs(errorName) });
  const inner = new ContractFunctionRevertedError({ abi, data, functionName: "purchase" });
  return new ContractFunctionExecutionError(inner, { abi, functionName: "purchase", args: [] });
}

describe("contract error coverage", () => {
  it("maps every custom error of the generated ABIs to a code with an en and de message", () => {
    expect(generatedErrors.length).toBeGreaterThan(20);
    const unmapped = generatedErrors.filter((e) => !Object.prototype.hasOwnProperty.call(CONTRACT_ERRORS, e.name));
    expect(unmapped.map((e) => `${e.contract}.${e.name}`)).toEqual([]);
    const messages = [en.errors, de.errors] as Record<string, string>[];
    for (const code of WALLET_ERROR_CODES) for (const m of messages) expect(m[code], code).toMatch(/\S/);
  });

  it("has no stale entries (every mapped name is an error of the generated ABIs)", () => {
    const names = new Set(generatedErrors.map((e) => e.name));
    expect(Object.keys(CONTRACT_ERRORS).filter((n) => !names.has(n))).toEqual([]);
  });

  it("decodes each generated error to its mapped code, also when the call's ABI lacks it", () => {
    for (const e of generatedErrors) {
      const data = encodeErrorResult({ abi: e.abi, errorName: e.name, args: sampleArgs(e.name, e.abi) });
      // a revert of a marketplace call (e.g. the token's permit failing inside purchaseWithPermit)
      const inner = new ContractFunctionRevertedError({ abi, data, functionName: "purchaseWithPermit" });
      const err = new ContractFunctionExecutionError(inner, { abi, functionName: "purchaseWithPermit", args: [] });
      expect(mapWalletError(err, abi), e.name).toMatchObject({
        code: CONTRACT_ERRORS[e.name as keyof typeof CONTRACT_ERRORS],
        errorName: e.name,
      });
    }
  });

  it("maps a token the course is not listed in (ListingInactive) to listing_inactive", () => {
    expect(mapWalletError(reverted("CourseMarketplaceListingInactive"), abi).code).toBe("listing_inactive");
  });
});

describe("mapWalletError", () => {
  it("decodes the marketplace's custom errors", () => {
    expect(mapWalletError(reverted("CourseMarketplacePriceAboveMax"), abi)).toMatchObject({
      code: "price_changed",
      errorName: "CourseMarketplacePriceAboveMax",
    });
    expect(mapWalletError(reverted("CourseMarketplaceAlreadyPurchased"), abi).code).toBe("already_purchased");
    expect(mapWalletError(reverted("CourseMarketplaceRefundWindowClosed"), abi).code).toBe("refund_window_closed");
    expect(mapWalletError(reverted("CourseMarketplaceNothingToWithdraw"), abi).code).toBe("nothing_to_withdraw");
  });

  it("decodes raw revert data from a wallet error", () => {
    const data = encodeErrorResult({
      abi,
      errorName: "CourseMarketplaceCertificateIssued",
      args: sampleArgs("CourseMarketplaceCertificateIssued"),
    });
    expect(mapWalletError({ code: -32603, message: "execution reverted", data: { data } }, abi).code).toBe(
      "certificate_issued",
    );
  });

  it("recognizes user rejection (EIP-1193 4001) wrapped or plain", () => {
    const rejected = new UserRejectedRequestError(new Error("User denied transaction signature."));
    const wrapped = new TransactionExecutionError(rejected, { account: null, chain: undefined });
    expect(mapWalletError(wrapped, abi).code).toBe("user_rejected");
    expect(mapWalletError({ code: 4001, message: "User rejected the request." }, abi).code).toBe("user_rejected");
  });

  it("recognizes insufficient funds and wrong network", () => {
    expect(mapWalletError(new InsufficientFundsError(), abi).code).toBe("insufficient_funds");
    expect(
      mapWalletError({ message: "sender doesn't have enough funds: insufficient funds for gas * price + value" }, abi)
        .code,
    ).toBe("insufficient_funds");
    expect(mapWalletError({ name: "ConnectorChainMismatchError", message: "chain mismatch" }, abi).code).toBe(
      "wrong_network",
    );
  });

  it("falls back to unknown with the first line as detail", () => {
    expect(mapWalletError(new Error("boom\nstack"), abi)).toEqual({ code: "unknown", detail: "boom" });
    expect(mapWalletError("weird", abi).code).toBe("unknown");
  });
});
