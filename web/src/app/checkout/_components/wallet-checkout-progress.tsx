"use client";
/**
 * After the purchase transaction was mined: its hash, confirmations toward finality, and the "unlocked"
 * state — shown only when the enrollment status API (fed by the indexer from final blocks) says so.
 */
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import type { Address, Hash } from "viem";
import { useBlock, useBlockNumber } from "wagmi";
import { enrollmentStatusUrl, isUnlocked } from "@/features/checkout/crypto/enrollment-status";
import { finalityProgress } from "@/features/checkout/crypto/finality";
import { useChainConfig } from "@/app/_providers/chain-config-context";
import { LongValue } from "@/app/_components/long-value";
import { WalletButton } from "@/app/(auth)/_components/wallet-button";
import { txExplorerUrl } from "@/features/checkout/crypto/chain-links";

export interface WalletCheckoutProgressProps {
  slug: string;
  hash: Hash;
  /** block of the mined purchase transaction */
  blockNumber: bigint;
  /** bought as a gift: the recipient's enrollment is not the signed-in user's */
  gift: boolean;
  /** bought "for this wallet only" by a signed-in user: the wallet (not linked to the account) owns it */
  unlinkedWallet?: Address | null;
}

/** Progress toward finality and the enrollment unlock. */
export function WalletCheckoutProgress({
  slug,
  hash,
  blockNumber,
  gift,
  unlinkedWallet = null,
}: WalletCheckoutProgressProps) {
  const t = useTranslations("wallet");
  const cfg = useChainConfig();
  const head = useBlockNumber({ chainId: cfg.chainId, watch: true });
  const finalized = useBlock({
    chainId: cfg.chainId,
    blockTag: "finalized",
    watch: true,
    query: { enabled: cfg.finality.kind === "finalized" },
  });
  const progress = finalityProgress(
    cfg.finality,
    blockNumber,
    head.data ?? blockNumber,
    finalized.data?.number ?? null,
  );
  const status = useQuery({
    queryKey: ["enrollment-status", slug],
    queryFn: async () => {
      const res = await fetch(enrollmentStatusUrl(slug), { cache: "no-store" });
      if (!res.ok) return { unlocked: false, httpStatus: res.status };
      return { unlocked: isUnlocked(await res.json()), httpStatus: res.status };
    },
    refetchInterval: (q) => (q.state.data?.unlocked ? false : 2_000),
    enabled: !gift && !unlinkedWallet,
  });
  const unlocked = status.data?.unlocked === true;
  return (
    <div data-testid="wallet-progress" data-final={progress.final} data-unlocked={unlocked}>
      <p role="status" data-testid="wallet-confirmed">
        {t("confirmed", { block: blockNumber.toString() })}
      </p>
      <p>
        {t("txHash")}{" "}
        <LongValue value={hash} href={txExplorerUrl(cfg.chainId, hash)} testId="wallet-tx-hash" label={t("txHash")} />
      </p>
      <label className="finality">
        {progress.final
          ? t("final")
          : t("confirmations", { done: progress.confirmations, required: progress.required })}
        <progress max={100} value={progress.percent} />
      </label>
      {gift ? (
        <p data-testid="wallet-gift-done">{t("gift.done")}</p>
      ) : unlinkedWallet ? (
        // Never silent: the account will not get this course until the wallet is linked.
        <div data-testid="wallet-unlinked-bought">
          <p>{t("unlinked.bought", { address: unlinkedWallet })}</p>
          <WalletButton mode="link" chainId={cfg.chainId} />
        </div>
      ) : unlocked ? (
        <p data-testid="wallet-unlocked" className="success">
          {t("unlocked")} <Link href="/dashboard">{t("startLearning")}</Link>
        </p>
      ) : (
        <p className="muted" data-testid="wallet-waiting">
          {status.data?.httpStatus === 401 ? t("signInToUnlock") : t("waitingForIndexer")}
        </p>
      )}
    </div>
  );
}
