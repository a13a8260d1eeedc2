"use client";
/**
 * The connected wallet's balance of the course's currency before paying (native POL via `eth_getBalance`,
 * ESN via the token's `balanceOf`) and, when it is short, how much is missing and how to get it: the
 * chain's configured link, or on the local test chain (31337) the "Fund this test wallet" faucet.
 */
import { useTranslations } from "next-intl";
import { erc20Abi, type Address } from "viem";
import { useBalance, useReadContract } from "wagmi";
import { getTokensUrl, shortfall } from "@/features/checkout/crypto/chain-links";
import type { CryptoCurrency } from "@/features/checkout/crypto/config";
import { formatPrice } from "@/lib/money";
import { FundTestWallet } from "./fund-test-wallet";

export function WalletBalance({
  chainId,
  address,
  currency,
  price,
  esnToken,
}: {
  chainId: number;
  address: Address;
  currency: CryptoCurrency;
  /** price in wei */
  price: bigint;
  esnToken: Address;
}) {
  const t = useTranslations("wallet.balance");
  const native = useBalance({ address, chainId, query: { enabled: currency === "POL" } });
  const token = useReadContract({
    chainId,
    address: esnToken,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: [address],
    query: { enabled: currency === "ESN" },
  });
  const balance = currency === "POL" ? native.data?.value : token.data;
  const refetch = () => void (currency === "POL" ? native.refetch() : token.refetch());
  const faucet = chainId === 31337 ? <FundTestWallet address={address} onFunded={refetch} /> : null;
  if (balance === undefined) {
    return (
      <div className="wallet-balance" data-testid="wallet-balance" data-state="loading">
        <p className="muted">{t("loading")}</p>
        {faucet}
      </div>
    );
  }
  const missing = shortfall(balance, price);
  const link = getTokensUrl(chainId, currency);
  return (
    <div className="wallet-balance" data-testid="wallet-balance" data-enough={String(missing === 0n)}>
      <p>{t("holds", { balance: formatPrice(balance, currency) })}</p>
      {missing > 0n && (
        <p role="note" data-testid="wallet-shortfall">
          {t("short", { missing: formatPrice(missing, currency) })}
          {currency === "POL" && <> {t("gas")}</>}{" "}
          {link ? (
            <a href={link} target="_blank" rel="noopener noreferrer">
              {t("getTokens", { currency })}
            </a>
          ) : chainId !== 31337 ? (
            t("noLink", { currency })
          ) : null}
        </p>
      )}
      {faucet}
    </div>
  );
}
