/**
 * Maps wallet (EIP-1193), RPC and contract errors to stable codes the UI translates (`wallet.errors.<code>`).
 * Contract custom errors are decoded with viem against the generated marketplace ABI; nothing is
 * matched on English node messages except the node-agnostic "insufficient funds" text viem also uses.
 */
import { BaseError, decodeErrorResult, type Abi, type Hex } from "viem";
import { deployedContracts } from "@smolitux/contracts";

/** Stable error codes of the wallet checkout, refund and earnings actions. */
export const WALLET_ERROR_CODES = [
  "user_rejected",
  "insufficient_funds",
  "wrong_network",
  "price_changed",
  "terms_changed",
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

type Deployed = (typeof deployedContracts)[31337];
type AbiOf<N extends keyof Deployed> = Deployed[N]["abi"][number];
type ErrorNameOf<N extends keyof Deployed> = Extract<AbiOf<N>, { type: "error" }>["name"];
/** Every custom error name of the generated platform ABIs (marketplace, ESN token, certificate). */
export type PlatformErrorName = {
  [N in keyof Deployed]: ErrorNameOf<N>;
}[keyof Deployed];

/**
 * Custom error of any generated platform contract → code. Typed as a total record over the generated ABIs'
 * error names, so a contract change that adds an error fails `tsc` until it is mapped here (and the unit
 * test iterates the ABIs at run time too). Errors a learner or provider cannot cause through the UI
 * (platform-role, admin and configuration errors) map to `unknown` ("The transaction failed. Please try
 * again."); so do signature problems of the EIP-2612 permit, where signing again is the fix.
 */
export const CONTRACT_ERRORS: Readonly<Record<PlatformErrorName, WalletErrorCode>> = {
  // CourseMarketplace: buying, refunds, releases, withdrawals
  CourseMarketplacePriceAboveMax: "price_changed",
  CourseMarketplaceIncorrectPayment: "price_changed",
  // the listing's refund window is shorter than the one displayed (changed between quote and inclusion)
  CourseMarketplaceRefundWindowBelowMin: "terms_changed",
  CourseMarketplaceAlreadyPurchased: "already_purchased",
  // listings are per (courseId, token): a token the course is not listed in reverts with ListingInactive
  CourseMarketplaceListingInactive: "listing_inactive",
  CourseMarketplaceZeroPrice: "listing_inactive",
  CourseMarketplaceTokenNotAllowed: "token_not_allowed",
  // fee-on-transfer / rebasing tokens deliver less than the price
  CourseMarketplaceTransferAmountMismatch: "token_not_allowed",
  EnforcedPause: "paused",
  CourseMarketplaceRefundWindowClosed: "refund_window_closed",
  CourseMarketplaceCertificateIssued: "certificate_issued",
  CourseMarketplaceNotEscrowed: "not_escrowed",
  CourseMarketplaceRefundWindowOpen: "refund_window_open",
  CourseMarketplaceNothingToWithdraw: "nothing_to_withdraw",
  // a token whose transfer returns false (OpenZeppelin tokens revert with ERC20Insufficient* instead)
  SafeERC20FailedOperation: "insufficient_funds",
  // the payout address refused the native coin (e.g. a contract wallet without receive())
  CourseMarketplaceNativeTransferFailed: "unknown",
  // platform-only (catalog, payment oracle, admin) and internal errors
  CourseMarketplaceCardSaleAlreadyRevoked: "unknown",
  CourseMarketplaceCardSaleNotFound: "unknown",
  CourseMarketplaceFeeTooHigh: "unknown",
  CourseMarketplacePaymentRefUsed: "unknown",
  CourseMarketplaceRefundWindowTooLong: "unknown",
  CourseMarketplaceUnauthorizedListing: "unknown",
  CourseMarketplaceZeroAddress: "unknown",
  CourseMarketplaceZeroPaymentRef: "unknown",
  // provider payout rotation (studio) and batch release
  CourseMarketplaceProviderConsentRequired: "unknown",
  CourseMarketplaceNotProvider: "unknown",
  CourseMarketplaceInvalidProviderSignature: "unknown",
  CourseMarketplaceLengthMismatch: "unknown",
  CourseMarketplaceTooManyTokens: "unknown",
  // AccessControlDefaultAdminRules (admin only)
  AccessControlEnforcedDefaultAdminDelay: "unknown",
  AccessControlEnforcedDefaultAdminRules: "unknown",
  AccessControlInvalidDefaultAdmin: "unknown",
  AccessControlBadConfirmation: "unknown",
  AccessControlUnauthorizedAccount: "unknown",
  ExpectedPause: "unknown",
  ReentrancyGuardReentrantCall: "unknown",
  SafeCastOverflowedUintDowncast: "unknown",
  // ESNToken (ERC-20 + EIP-2612 permit), reached through purchaseWithPermit
  ERC20InsufficientBalance: "insufficient_funds",
  ERC20InsufficientAllowance: "insufficient_funds",
  ERC20InvalidApprover: "unknown",
  ERC20InvalidReceiver: "unknown",
  ERC20InvalidSender: "unknown",
  ERC20InvalidSpender: "unknown",
  ERC2612ExpiredSignature: "unknown",
  ERC2612InvalidSigner: "unknown",
  InvalidAccountNonce: "unknown",
  ECDSAInvalidSignature: "unknown",
  ECDSAInvalidSignatureLength: "unknown",
  ECDSAInvalidSignatureS: "unknown",
  InvalidShortString: "unknown",
  StringTooLong: "unknown",
  // CourseCertificate: minted and revoked by the platform only
  CourseCertificateAlreadyIssued: "unknown",
  CourseCertificateAlreadyRevoked: "unknown",
  CourseCertificateInvalidCodec: "unknown",
  CourseCertificateNonexistentToken: "unknown",
  CourseCertificateSoulbound: "unknown",
  CourseCertificateZeroAddress: "unknown",
};

/** Error items of every generated platform ABI: revert data of a nested call (permit) decodes too. */
const PLATFORM_ERROR_ABI: Abi = Object.values(deployedContracts[31337]).flatMap((c) =>
  (c.abi as Abi).filter((item) => item.type === "error"),
);

function codeOf(errorName: string): WalletErrorCode {
  return Object.prototype.hasOwnProperty.call(CONTRACT_ERRORS, errorName)
    ? CONTRACT_ERRORS[errorName as PlatformErrorName]
    : "unknown";
}

const WRONG_NETWORK_NAMES = new Set(["ChainMismatchError", "ConnectorChainMismatchError", "ChainNotConfiguredError"]);

interface Shape {
  name?: unknown;
  errorName?: unknown;
  code?: unknown;
  message?: unknown;
  shortMessage?: unknown;
  data?: unknown;
  raw?: unknown;
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
  // raw revert data: `raw` of a revert viem could not decode against the call's ABI (e.g. a token error
  // bubbling up from permit), a hex string in `data`, or `data.data` from some wallets
  const raw =
    typeof s.raw === "string"
      ? s.raw
      : typeof s.data === "string"
        ? s.data
        : data && typeof data.data === "string"
          ? data.data
          : undefined;
  if (raw && /^0x[0-9a-fA-F]{8}/.test(raw)) {
    for (const candidate of [abi, PLATFORM_ERROR_ABI]) {
      try {
        return decodeErrorResult({ abi: candidate, data: raw as Hex }).errorName;
      } catch {
        // not an error of this ABI; try the next
      }
    }
  }
  return undefined;
}

/**
 * Maps any thrown value from a wallet/contract interaction to a {@link WalletError}.
 * @param abi ABI of the called contract (the marketplace's); every generated platform ABI's errors
 *   (the ESN token's ERC-6093/EIP-2612 errors, …) are recognized as well
 */
export function mapWalletError(err: unknown, abi: Abi): WalletError {
  const links = chain(err);
  const first = links[0];
  const text = (s: Shape | undefined) =>
    s ? (String(s.shortMessage ?? s.message ?? "").split("\n")[0] ?? "") : String(err);
  const detail = first ? text(first) : String(err);
  for (const s of links) {
    const name = errorNameOf(s, abi);
    if (name) return { code: codeOf(name), errorName: name, detail };
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
