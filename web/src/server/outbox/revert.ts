/** Decoding of contract reverts (custom errors, `Error(string)`, `Panic(uint256)`) into readable text. */
import { BaseError, decodeErrorResult, ExecutionRevertedError, isHex, type Abi, type Hex } from "viem";

/** A decoded revert: the error name, its arguments, and `Name(arg, …)` for `lastError`. */
export interface DecodedRevert {
  name: string;
  args: readonly unknown[];
  text: string;
}

function revertData(err: unknown): Hex | undefined {
  let found: Hex | undefined;
  let cursor: unknown = err;
  for (let depth = 0; cursor !== null && typeof cursor === "object" && depth < 12; depth++) {
    const data: unknown = (cursor as { data?: unknown }).data;
    if (typeof data === "string" && isHex(data) && data.length >= 10) found = data;
    else if (data && typeof data === "object") {
      const inner: unknown = (data as { data?: unknown }).data;
      if (typeof inner === "string" && isHex(inner) && inner.length >= 10) found = inner;
    }
    if (found) return found;
    cursor = (cursor as { cause?: unknown }).cause;
  }
  return undefined;
}

function formatArg(arg: unknown): string {
  if (typeof arg === "bigint") return arg.toString();
  if (typeof arg === "string") return arg;
  return JSON.stringify(arg, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

/**
 * Decodes the revert carried by a viem error (e.g. from `estimateGas` or `call`).
 * @param abis ABIs to match custom errors against (the platform contracts)
 * @returns the decoded revert; `{ name: "UnknownRevert" }` for revert data no ABI knows or a revert
 *   without data; `undefined` when the error is not a revert at all (transport, RPC, nonce, funds…)
 */
export function decodeRevert(err: unknown, abis: readonly Abi[]): DecodedRevert | undefined {
  const data = revertData(err);
  if (data) {
    for (const abi of abis) {
      try {
        const decoded = decodeErrorResult({ abi, data });
        const args = decoded.args ?? [];
        return { name: decoded.errorName, args, text: `${decoded.errorName}(${args.map(formatArg).join(", ")})` };
      } catch {
        // not in this ABI: try the next one
      }
    }
    return { name: "UnknownRevert", args: [data], text: `UnknownRevert(${data})` };
  }
  const reverted =
    err instanceof BaseError
      ? err.walk((e) => e instanceof ExecutionRevertedError) !== null
      : /execution reverted|reverted/i.test(String(err));
  return reverted ? { name: "UnknownRevert", args: [], text: "UnknownRevert()" } : undefined;
}

/** Short one-line description of any error for `lastError` / logs (never includes keys). */
export function errorText(err: unknown): string {
  const text = err instanceof BaseError ? err.shortMessage : err instanceof Error ? err.message : String(err);
  return (text.split("\n")[0] ?? "").slice(0, 500);
}
