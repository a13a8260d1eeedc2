"use client";
/**
 * Wallet checkout of one course: connect → configured network → buy with each crypto price (native coin
 * with exact value; ESN by EIP-2612 permit, or approve + purchase) → tx hash, progress toward finality and
 * "unlocked" once the enrollment status API says so. Optional gift to another address.
 */
import { useConnectModal } from "@rainbow-me/rainbowkit";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { getAddress, isAddress, type Abi, type Address, type Hash } from "viem";
import { useConfig, useConnection, useReadContract, useSwitchChain } from "wagmi";
import { courseIdToBytes32 } from "@smolitux/contracts/courseId";
import { tokenFor, type CryptoCurrency } from "@/features/checkout/crypto/config";
import { mapWalletError, type WalletErrorCode } from "@/features/checkout/crypto/errors";
import { marketplaceAbi, runPurchase, type PurchaseStep } from "@/features/checkout/crypto/purchase-flow";
import { purchaseStatusName } from "@/features/checkout/crypto/refund";
import { formatPrice } from "@/lib/money";
import { useChainConfig } from "@/app/_providers/chain-config-context";
import { RefundButton } from "@/app/dashboard/_components/refund-button";
import { WalletButton } from "@/app/(auth)/_components/wallet-button";
import { txExplorerUrl } from "@/features/checkout/crypto/chain-links";
import { WalletBalance } from "./wallet-balance";
import { WalletCheckoutProgress } from "./wallet-checkout-progress";
import { LongValue } from "@/app/_components/long-value";

/** A crypto price of the course; `amount` in wei as a decimal string. */
export interface WalletPrice {
  currency: CryptoCurrency;
  amount: string;
}

export interface WalletCheckoutProps {
  /** the course's database id (hashed to the on-chain bytes32 id) */
  courseDbId: string;
  slug: string;
  prices: WalletPrice[];
  /** wallets linked to the signed-in account (checksummed); null/undefined when nobody is signed in */
  accountWallets?: string[] | null;
  /** refund window of crypto purchases in days, as displayed; passed to the contract as the minimum */
  refundWindowDays: number;
  /**
   * The learner is enrolled already: no prices or buy buttons, only the connected wallet's purchase of this
   * course (refund inside the window, withdrawal of a refund).
   */
  manageOnly?: boolean;
}

type Run =
  | { phase: "idle" }
  | { phase: "running"; currency: CryptoCurrency; step: PurchaseStep; method?: string; hash?: Hash }
  | { phase: "mined"; currency: CryptoCurrency; hash: Hash; blockNumber: bigint }
  | { phase: "error"; currency: CryptoCurrency; code: WalletErrorCode; detail: string };

/** The wallet part of the buy box. */
export function WalletCheckout({
  courseDbId,
  slug,
  prices,
  refundWindowDays,
  accountWallets = null,
  manageOnly = false,
}: WalletCheckoutProps) {
  const t = useTranslations("wallet");
  const cfg = useChainConfig();
  const config = useConfig();
  const { address, chainId, isConnected } = useConnection();
  const { switchChain, isPending: switching } = useSwitchChain();
  const { openConnectModal } = useConnectModal();
  const courseId = useMemo(() => courseIdToBytes32(courseDbId), [courseDbId]);
  const [gift, setGift] = useState("");
  const [run, setRun] = useState<Run>({ phase: "idle" });
  /** the signed-in user chose "this wallet only" for an unlinked wallet */
  const [walletOnly, setWalletOnly] = useState(false);
  const contracts = cfg.contracts;
  const owned = useReadContract({
    chainId: cfg.chainId,
    address: contracts?.marketplace,
    abi: marketplaceAbi,
    functionName: "purchaseOf",
    args: address ? [address, courseId] : undefined,
    query: { enabled: !!address && !!contracts && chainId === cfg.chainId },
  });

  if (!contracts) return <p className="muted">{t("unavailable")}</p>;
  if ((!isConnected || !address) && manageOnly) {
    return (
      <div className="wallet-checkout" data-testid="wallet-checkout" data-state="disconnected">
        <button type="button" onClick={openConnectModal}>
          {t("connectToManage")}
        </button>
      </div>
    );
  }
  if (!isConnected || !address) {
    return (
      <div className="wallet-checkout" data-testid="wallet-checkout" data-state="disconnected">
        {prices.map((p) => (
          <button
            key={p.currency}
            type="button"
            data-currency={p.currency}
            data-method="wallet"
            onClick={openConnectModal}
          >
            {t("connectToPay", { price: formatPrice(BigInt(p.amount), p.currency) })}
          </button>
        ))}
      </div>
    );
  }
  if (chainId !== cfg.chainId) {
    return (
      <div className="wallet-checkout" data-testid="wallet-checkout" data-state="wrong-network" role="alert">
        <p>{t("wrongNetwork", { chainId: cfg.chainId })}</p>
        <button type="button" disabled={switching} onClick={() => switchChain({ chainId: cfg.chainId })}>
          {t("switchNetwork")}
        </button>
      </div>
    );
  }

  const giftValid = gift.trim() === "" || isAddress(gift.trim());
  const learner: Address = gift.trim() !== "" && isAddress(gift.trim()) ? getAddress(gift.trim()) : address;
  const status = owned.data ? purchaseStatusName(owned.data.status) : "None";
  const ownsCourse = status === "Escrowed" || status === "Released" || status === "Card";
  /** signed in, but the connected wallet is not one of the account's: purchases go to the wallet, not the account */
  const unlinked = accountWallets !== null && !accountWallets.includes(getAddress(address));

  async function buy(p: WalletPrice) {
    if (!contracts || !address) return;
    setRun({ phase: "running", currency: p.currency, step: "confirm-purchase" });
    try {
      const receipt = await runPurchase(
        config,
        {
          chainId: cfg.chainId,
          marketplace: contracts.marketplace,
          courseId,
          buyer: address,
          learner,
          token: tokenFor(p.currency, contracts),
          maxPrice: BigInt(p.amount),
          minRefundWindow: refundWindowDays * 86_400,
        },
        {
          onStep: (step, extra) =>
            setRun({ phase: "running", currency: p.currency, step, method: extra?.method, hash: extra?.hash }),
        },
      );
      setRun({ phase: "mined", currency: p.currency, hash: receipt.transactionHash, blockNumber: receipt.blockNumber });
      // A signed-in user paid from a wallet the account does not have: remember it, so the dashboard and
      // this page can say where the purchase went (best effort; the buy box says so right away anyway).
      if (unlinked && learner === address) {
        void fetch("/api/checkout/wallet-purchases", {
          method: "POST",
          credentials: "same-origin",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ txHash: receipt.transactionHash }),
        }).catch(() => undefined);
      }
      void owned.refetch();
    } catch (err) {
      const mapped = mapWalletError(err, marketplaceAbi as Abi);
      setRun({ phase: "error", currency: p.currency, code: mapped.code, detail: mapped.detail });
    }
  }

  if (run.phase === "mined") {
    return (
      <div className="wallet-checkout" data-testid="wallet-checkout" data-state="mined">
        <WalletCheckoutProgress
          slug={slug}
          hash={run.hash}
          blockNumber={run.blockNumber}
          gift={learner !== address}
          unlinkedWallet={unlinked ? address : null}
        />
      </div>
    );
  }
  if (ownsCourse && owned.data) {
    return (
      <div className="wallet-checkout" data-testid="wallet-checkout" data-state="owned">
        <p>{unlinked ? t("ownedByWallet", { address }) : t("owned", { id: String(owned.data.id) })}</p>
        {unlinked && <WalletButton mode="link" chainId={cfg.chainId} />}
        {status === "Escrowed" && <RefundButton courseDbId={courseDbId} accountWallets={accountWallets} />}
      </div>
    );
  }
  if (manageOnly) {
    return (
      <div
        className="wallet-checkout"
        data-testid="wallet-checkout"
        data-state={status === "Refunded" ? "refunded" : "none"}
      >
        {status === "Refunded" ? (
          <RefundButton courseDbId={courseDbId} accountWallets={accountWallets} />
        ) : (
          <p className="muted">{t("noWalletPurchase")}</p>
        )}
      </div>
    );
  }
  // the wallet's balance of the one payable currency (shortfall, test faucet), shown before any choice or payment
  const single = prices.length === 1 ? prices[0] : undefined;
  const balance = single && (
    <WalletBalance
      chainId={cfg.chainId}
      address={address}
      currency={single.currency}
      price={BigInt(single.amount)}
      esnToken={contracts.esnToken}
    />
  );
  if (unlinked && !walletOnly && learner === address) {
    // Never silent: the buy box asks whether the wallet should join the account before paying from it.
    return (
      <div className="wallet-checkout" data-testid="wallet-checkout" data-state="unlinked">
        {/* the address shortened (0x1234…abcd, the form wallets show); the balance comes before the choice, so
            a learner sees whether this wallet can pay at all (and can fund it on the test chain) */}
        <p data-testid="wallet-link-choice" title={address}>
          {t("unlinked.explain", { address: `${address.slice(0, 6)}…${address.slice(-4)}` })}
        </p>
        {balance}
        <WalletButton mode="link" chainId={cfg.chainId} />
        <button type="button" className="button secondary" onClick={() => setWalletOnly(true)}>
          {t("unlinked.walletOnly")}
        </button>
      </div>
    );
  }
  const busy = run.phase === "running";
  return (
    <div className="wallet-checkout" data-testid="wallet-checkout" data-state={run.phase}>
      {prices.map((p) => (
        <button
          key={p.currency}
          type="button"
          data-currency={p.currency}
          data-method="wallet"
          disabled={busy || !giftValid}
          onClick={() => void buy(p)}
        >
          {t("buy", { price: formatPrice(BigInt(p.amount), p.currency) })}
        </button>
      ))}
      {balance}
      <p className="muted" data-testid="wallet-refund-terms">
        {t("refundTerms", { days: refundWindowDays })}
      </p>
      {unlinked && walletOnly && (
        <p className="muted" data-testid="wallet-owner-note">
          {t("unlinked.owner", { address: learner })}
        </p>
      )}
      <p className="muted" data-testid="wallet-refund-rule">
        {t("refundRule")}
      </p>
      {status === "Refunded" && <RefundButton courseDbId={courseDbId} accountWallets={accountWallets} />}
      <details className="wallet-gift">
        <summary>{t("gift.toggle")}</summary>
        <label>
          {t("gift.label")}
          <input
            value={gift}
            onChange={(e) => setGift(e.target.value)}
            placeholder="0x…"
            aria-invalid={!giftValid}
            spellCheck={false}
          />
        </label>
        {!giftValid && <p role="alert">{t("gift.invalid")}</p>}
      </details>
      {run.phase === "running" && (
        <p role="status" data-testid="wallet-step" data-step={run.step}>
          {run.method === "approve" && run.step !== "mining" && <span>{t("twoStep")} </span>}
          {t(`step.${run.step}`)}
          {run.hash && (
            <>
              {" "}
              <LongValue
                value={run.hash}
                href={txExplorerUrl(cfg.chainId, run.hash)}
                testId="wallet-tx-hash"
                label={t("txHash")}
              />
            </>
          )}
        </p>
      )}
      {run.phase === "error" && (
        <p role="alert" data-testid="wallet-error" data-code={run.code} title={run.detail}>
          {t(`errors.${run.code}`)}
          {(run.code === "price_changed" || run.code === "terms_changed") && (
            <>
              {" "}
              <button type="button" onClick={() => window.location.reload()}>
                {t("reload")}
              </button>
            </>
          )}
        </p>
      )}
    </div>
  );
}
