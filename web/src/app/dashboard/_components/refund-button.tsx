"use client";
/**
 * Learner refund of a crypto purchase: reads `purchaseOf(connected account, course)` and the learner's
 * certificate from the chain; enabled only inside the refund window without a certificate (the reason is
 * shown otherwise); calls `refund(courseId)`. The refund is credited to the buyer's withdrawable balance:
 * "withdraw refund" then calls `withdraw(token)`. The indexer revokes the enrollment once the refund is final.
 */
import { useFormatter, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { getAddress, zeroAddress, type Abi } from "viem";
import { useBlock, useConfig, useConnection, useReadContract } from "wagmi";
import { courseIdToBytes32 } from "@smolitux/contracts/courseId";
import { formatTokenAmount } from "@/features/checkout/crypto/amounts";
import { currencyForToken } from "@/features/checkout/crypto/config";
import { mapWalletError, type WalletErrorCode } from "@/features/checkout/crypto/errors";
import { sendRefund, sendWithdraw } from "@/features/checkout/crypto/marketplace-tx";
import { certificateAbi, marketplaceAbi } from "@/features/checkout/crypto/purchase-flow";
import { purchaseStatusName, refundEligibility } from "@/features/checkout/crypto/refund";
import { useChainConfig } from "@/app/_providers/chain-config-context";

export interface RefundButtonProps {
  /** the course's database id */
  courseDbId: string;
  /** wallets linked to the signed-in account; a refund from another wallet names that wallet (null = not signed in) */
  accountWallets?: string[] | null;
}

type Busy = "refund" | "withdraw" | null;

/** Refund + withdraw-refund buttons for the connected learner's purchase of one course. */
export function RefundButton({ courseDbId, accountWallets = null }: RefundButtonProps) {
  const t = useTranslations("wallet.refund");
  const format = useFormatter();
  const te = useTranslations("wallet.errors");
  const cfg = useChainConfig();
  const config = useConfig();
  const { address, chainId } = useConnection();
  const courseId = useMemo(() => courseIdToBytes32(courseDbId), [courseDbId]);
  const [busy, setBusy] = useState<Busy>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<WalletErrorCode | null>(null);
  const contracts = cfg.contracts;
  const enabled = !!address && !!contracts && chainId === cfg.chainId;
  const purchase = useReadContract({
    chainId: cfg.chainId,
    address: contracts?.marketplace,
    abi: marketplaceAbi,
    functionName: "purchaseOf",
    args: address ? [address, courseId] : undefined,
    query: { enabled },
  });
  const certificate = useReadContract({
    chainId: cfg.chainId,
    address: contracts?.certificate,
    abi: certificateAbi,
    functionName: "certificateOf",
    args: address ? [address, courseId] : undefined,
    query: { enabled },
  });
  const block = useBlock({ chainId: cfg.chainId, watch: true, query: { enabled } });
  const token = purchase.data?.token ?? zeroAddress;
  const withdrawable = useReadContract({
    chainId: cfg.chainId,
    address: contracts?.marketplace,
    abi: marketplaceAbi,
    functionName: "withdrawableOf",
    args: address ? [token, address] : undefined,
    query: { enabled },
  });

  if (!enabled || !contracts || !address || !purchase.data || certificate.data === undefined || !block.data) {
    return null;
  }
  const p = purchase.data;
  const status = purchaseStatusName(p.status);
  const eligibility = refundEligibility(
    { ...p, refundDeadline: Number(p.refundDeadline) },
    Number(block.data.timestamp),
    certificate.data,
  );
  const symbol = currencyForToken(token, contracts) ?? "?";

  async function send(kind: "refund" | "withdraw") {
    if (!contracts || !address) return;
    setBusy(kind);
    setError(null);
    try {
      const target = { chainId: cfg.chainId, marketplace: contracts.marketplace, account: address };
      if (kind === "refund") await sendRefund(config, target, courseId);
      else await sendWithdraw(config, target, token);
    } catch (err) {
      setError(mapWalletError(err, marketplaceAbi as Abi).code);
    } finally {
      setBusy(null);
      await Promise.all([purchase.refetch(), withdrawable.refetch()]);
    }
  }

  const deadline = format.dateTime(new Date(Number(p.refundDeadline) * 1000), {
    dateStyle: "medium",
    timeStyle: "short",
  });
  const balance = withdrawable.data ?? 0n;
  return (
    <div className="refund" data-testid="refund" data-status={status}>
      {status === "Escrowed" && (
        <>
          {!confirming ? (
            <button type="button" disabled={!eligibility.ok || busy !== null} onClick={() => setConfirming(true)}>
              {busy === "refund" ? t("refunding") : t("button")}
            </button>
          ) : (
            <div role="group" aria-label={t("confirm.title")} data-testid="refund-confirm">
              <p>{t("confirm.rule", { deadline })}</p>
              {accountWallets !== null && !accountWallets.includes(getAddress(address)) && (
                <p role="alert" data-testid="refund-learner">
                  {t("confirm.otherLearner", { address })}
                </p>
              )}
              <button
                type="button"
                disabled={busy !== null}
                onClick={() => {
                  setConfirming(false);
                  void send("refund");
                }}
              >
                {t("confirm.yes")}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                {t("confirm.no")}
              </button>
            </div>
          )}
          <p className="muted" data-testid="refund-reason">
            {eligibility.ok ? t("until", { deadline }) : t(`blocked.${eligibility.reason}`, { deadline })}
          </p>
        </>
      )}
      {status === "Refunded" && <p data-testid="refund-done">{t("done")}</p>}
      {balance > 0n && (
        <button type="button" disabled={busy !== null} onClick={() => void send("withdraw")}>
          {busy === "withdraw" ? t("withdrawing") : t("withdraw", { amount: formatTokenAmount(balance, 18, symbol) })}
        </button>
      )}
      {error && (
        <p role="alert" data-code={error}>
          {te(error)}
        </p>
      )}
    </div>
  );
}
