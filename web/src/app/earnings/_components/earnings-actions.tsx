"use client";
/**
 * Crypto balances and escrowed sales with the provider's wallet actions: "release" per releasable sale
 * (or "release all": one `releaseMany` transaction for up to 100 sales) and "withdraw" per token. Releasing works from any wallet;
 * withdrawing needs the payout address connected (explained otherwise).
 */
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { getAddress, type Abi, type Address, type Hex } from "viem";
import { useConfig, useConnection } from "wagmi";
import type { ProviderEarnings } from "@/features/earnings/service";
import { formatTokenAmount } from "@/features/checkout/crypto/amounts";
import { mapWalletError, type WalletErrorCode } from "@/features/checkout/crypto/errors";
import { sendRelease, sendReleaseMany, sendWithdraw } from "@/features/checkout/crypto/marketplace-tx";
import { marketplaceAbi } from "@/features/checkout/crypto/purchase-flow";
import { useChainConfig } from "@/app/_providers/chain-config-context";

/** Balances table, sales table and the release/withdraw buttons. */
export function EarningsActions({ earnings }: { earnings: ProviderEarnings }) {
  const t = useTranslations("earnings");
  const format = useFormatter();
  const te = useTranslations("wallet.errors");
  const cfg = useChainConfig();
  const config = useConfig();
  const router = useRouter();
  const { address, chainId } = useConnection();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<WalletErrorCode | null>(null);
  const fmt = (amount: string, currency: string) => formatTokenAmount(BigInt(amount), 18, currency);
  const payout = earnings.payoutAddress;
  const ready = !!address && !!cfg.contracts && chainId === cfg.chainId;
  const isPayout = ready && !!payout && getAddress(address) === payout;
  const releasable = earnings.sales.filter((s) => s.state === "releasable");

  async function act(
    key: string,
    fn: (target: { chainId: number; marketplace: Address; account: Address }) => Promise<unknown>,
  ) {
    if (!address || !cfg.contracts) return;
    setBusy(key);
    setError(null);
    try {
      await fn({ chainId: cfg.chainId, marketplace: cfg.contracts.marketplace, account: address });
    } catch (err) {
      setError(mapWalletError(err, marketplaceAbi as Abi).code);
    } finally {
      setBusy(null);
      router.refresh();
    }
  }
  const release = (learner: Address, courseId: Hex) => (tg: Parameters<typeof sendRelease>[1]) =>
    sendRelease(config, tg, learner, courseId);

  return (
    <div data-testid="earnings-actions">
      {payout && !isPayout && <p role="note">{t("withdraw.connectPayout", { address: payout })}</p>}
      <h2>{t("totals.title")}</h2>
      <table data-testid="earnings-totals">
        <thead>
          <tr>
            <th>{t("totals.currency")}</th>
            <th>{t("totals.escrowed")}</th>
            <th>{t("totals.releasable")}</th>
            <th>{t("totals.withdrawable")}</th>
            <th>{t("totals.withdrawn")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {earnings.currencies.map((c) => (
            <tr key={c.currency} data-currency={c.currency}>
              <td>{c.currency}</td>
              <td data-col="escrowed">{fmt(c.escrowed, c.currency)}</td>
              <td data-col="releasable">{fmt(c.releasable, c.currency)}</td>
              <td data-col="withdrawable">{fmt(c.withdrawable, c.currency)}</td>
              <td data-col="withdrawn">{fmt(c.withdrawn, c.currency)}</td>
              <td>
                {BigInt(c.withdrawable) > 0n && (
                  <button
                    type="button"
                    disabled={!isPayout || busy !== null}
                    onClick={() => void act(`withdraw-${c.currency}`, (tg) => sendWithdraw(config, tg, c.token))}
                  >
                    {busy === `withdraw-${c.currency}`
                      ? t("withdraw.withdrawing")
                      : t("withdraw.button", { amount: fmt(c.withdrawable, c.currency) })}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("purchases.title")}</h2>
      {earnings.sales.length === 0 ? (
        <p className="muted">{t("purchases.empty")}</p>
      ) : (
        <table data-testid="earnings-sales">
          <thead>
            <tr>
              <th>{t("purchases.course")}</th>
              <th>{t("purchases.learner")}</th>
              <th>{t("purchases.amount")}</th>
              <th>{t("purchases.deadline")}</th>
              <th>{t("purchases.status")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {earnings.sales.map((s) => (
              <tr key={s.purchaseId} data-purchase={s.purchaseId} data-state={s.state}>
                <td>{s.course.title}</td>
                <td>
                  <code>{s.learner}</code>
                </td>
                <td>{fmt(s.providerAmount, s.currency)}</td>
                <td>{format.dateTime(new Date(s.refundDeadline), { dateStyle: "medium", timeStyle: "short" })}</td>
                <td>{t(`status.${s.state}`)}</td>
                <td>
                  {s.state === "releasable" && (
                    <button
                      type="button"
                      disabled={!ready || busy !== null}
                      onClick={() => void act(`release-${s.purchaseId}`, release(s.learner, s.course.onchainCourseId))}
                    >
                      {busy === `release-${s.purchaseId}` ? t("purchases.releasing") : t("purchases.release")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {releasable.length > 1 && (
        <button
          type="button"
          disabled={!ready || busy !== null}
          onClick={() =>
            void act("release-all", (tg) =>
              sendReleaseMany(
                config,
                tg,
                releasable.map((s) => ({ learner: s.learner, courseId: s.course.onchainCourseId })),
              ),
            )
          }
        >
          {busy === "release-all" ? t("purchases.releasing") : t("purchases.releaseAll", { count: releasable.length })}
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
