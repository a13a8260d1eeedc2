/**
 * Maps wallet (EIP-1193), RPC and contract errors to stable codes the UI translates (`wallet.errors.<code>`).
 * Contract custom errors are decoded with viem against the generated marketplace ABI; nothing is
 * matched on English node messages except the node-agnostic "insufficient funds" text viem also uses.
 */
import { BaseError, decodeErrorResult, type Abi, type Hex } from "viem";

/** Stable error codes of the wallet checkout, refund and earnings actions. */
export const WALLET_ERROR_CODES = [
  "user_rejected",
  "insufficient_funds",
  "wrong_network",
  "price_changed",
  "already_purchased",
  "listing_inactive",
  "paused",
  "token_not_allowed",
  "refund_window_closed",
  "certificate_issued",
  "not_escrowed",
  "refund_window_open",
  "nothing_to_withdraw",
  "unknown",
] as const;
/** One wallet error code. */
export type WalletErrorCode = (typeof WALLET_ERROR_CODES)[number];

/** A mapped error: the code and, for contract errors, the decoded custom error name. */
export interface WalletError {
  code: WalletErrorCode;
  /** custom error name when a contract reverted, e.g. `CourseMarketplacePriceAboveMax` */
  errorName?: string;
  /** first line of the original message (for support; not shown as the main text) */
  detail: string;
}

/** Custom errors of CourseMarketplace / OpenZeppelin / ERC-20 → code. */
const CONTRACT_ERRORS: Record<string, WalletErrorCode> = {
  CourseMarketplacePriceAboveMax: "price_changed",
  CourseMarketplaceIncorrectPayment: "price_changed",
  CourseMarketplaceAlreadyPurchased: "already_purchased",
  CourseMarketplaceListingInactive: "listing_inactive",
  CourseMarketplacePaymentTokenMismatch: "listing_inactive",
  CourseMarketplaceTokenNotAllowed: "token_not_allowed",
  EnforcedPause: "paused",
  CourseMarketplaceRefundWindowClosed: "refund_window_closed",
  CourseMarketplaceCertificateIssued: "certificate_issued",
  CourseMarketplaceNotEscrowed: "not_escrowed",
  CourseMarketplaceRefundWindowOpen: "refund_window_open",
  CourseMarketplaceNothingToWithdraw: "nothing_to_withdraw",
  ERC20InsufficientBalance: "insufficient_funds",
  ERC20InsufficientAllowance: "insufficient_funds",
};

const WRONG_NETWORK_NAMES = new Set(["ChainMismatchError", "ConnectorChainMismatchError", "ChainNotConfiguredError"]);

interface Shape {
  name?: unknown;
  errorName?: unknown;
  code?: unknown;
  message?: unknown;
  shortMessage?: unknown;
  data?: unknown;
  cause?: unknown;
}

function asShape(value: unknown): Shape | null {
  return typeof value === "object" && value !== null ? (value as Shape) : null;
}

/** Every error in the `cause` chain (viem BaseError and plain EIP-1193 errors alike), outermost first. */
function chain(err: unknown): Shape[] {
  const out: Shape[] = [];
  let cur: unknown = err;
  for (let i = 0; i < 12; i++) {
    const s = asShape(cur);
    if (!s || out.includes(s)) break;
    out.push(s);
    cur = s.cause;
  }
  return out;
}

function errorNameOf(s: Shape, abi: Abi): string | undefined {
  // viem ContractFunctionRevertedError: data = { errorName, args } once decoded against the ABI
  const data = asShape(s.data);
  if (data && typeof data.errorName === "string" && s.name === "ContractFunctionRevertedError") return data.errorName;
  // raw revert data (a hex string in `data`, or `data.data` from some wallets)
  const raw = typeof s.data === "string" ? s.data : data && typeof data.data === "string" ? data.data : undefined;
  if (raw && /^0x[0-9a-fA-F]{8}/.test(raw)) {
    try {
      return decodeErrorResult({ abi, data: raw as Hex }).errorName;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Maps any thrown value from a wallet/contract interaction to a {@link WalletError}.
 * @param abi ABI whose custom errors should be recognized (the marketplace's; tokens' ERC-6093 errors too)
 */
export function mapWalletError(err: unknown, abi: Abi): WalletError {
  const links = chain(err);
  const first = links[0];
  const text = (s: Shape | undefined) =>
    s ? (String(s.shortMessage ?? s.message ?? "").split("\n")[0] ?? "") : String(err);
  const detail = first ? text(first) : String(err);
  for (const s of links) {
    const name = errorNameOf(s, abi);
    if (name) return { code: CONTRACT_ERRORS[name] ?? "unknown", errorName: name, detail };
  }
  for (const s of links) {
    if (s.code === 4001 || s.name === "UserRejectedRequestError") return { code: "user_rejected", detail };
    if (s.code === 4902 || (typeof s.name === "string" && WRONG_NETWORK_NAMES.has(s.name)))
      return { code: "wrong_network", detail };
    if (s.name === "InsufficientFundsError") return { code: "insufficient_funds", detail };
  }
  const all = links.map((s) => text(s).toLowerCase()).join(" ");
  if (all.includes("insufficient funds")) return { code: "insufficient_funds", detail };
  if (err instanceof BaseError && /user (rejected|denied)/i.test(err.message)) return { code: "user_rejected", detail };
  return { code: "unknown", detail };
}
