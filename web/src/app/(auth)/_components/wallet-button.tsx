"use client";
/**
 * Sign-In With Ethereum through the browser wallet (EIP-1193 `window.ethereum`, no wagmi needed):
 * server nonce → EIP-4361 message (viem createSiweMessage) → personal_sign → next-auth "siwe" provider
 * (mode "signin") or POST /api/auth/wallets (mode "link").
 */
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { getAddress, stringToHex, type Address } from "viem";
import { createSiweMessage } from "viem/siwe";
import styles from "../auth.module.css";
import { callApi } from "./api";
import { codeText } from "@/i18n/code-text";

interface Eip1193Provider {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}

/** Thrown for failures the UI explains (key under auth.wallet.errors). */
class WalletFlowError extends Error {}

async function signSiwe(chainId: number, statement: string): Promise<{ message: string; signature: string }> {
  const ethereum = (window as Window & { ethereum?: Eip1193Provider }).ethereum;
  if (!ethereum) throw new WalletFlowError("no_wallet");
  let address: Address;
  try {
    const accounts = (await ethereum.request({ method: "eth_requestAccounts" })) as string[];
    if (!accounts[0]) throw new WalletFlowError("no_wallet");
    address = getAddress(accounts[0]);
  } catch (err) {
    throw err instanceof WalletFlowError ? err : new WalletFlowError("rejected");
  }
  const nonce = await callApi<{ nonce: string }>("POST", "/api/auth/siwe/nonce");
  if (!nonce.ok) throw new WalletFlowError("generic");
  const message = createSiweMessage({
    address,
    chainId,
    domain: window.location.host,
    nonce: nonce.data.nonce,
    uri: window.location.origin,
    version: "1",
    statement,
    issuedAt: new Date(),
  });
  try {
    const signature = (await ethereum.request({
      method: "personal_sign",
      params: [stringToHex(message), address],
    })) as string;
    return { message, signature };
  } catch {
    throw new WalletFlowError("rejected");
  }
}

/** "Sign in with Ethereum" (mode signin) or "Link a wallet" (mode link) button. */
export function WalletButton({
  mode,
  chainId,
  callbackUrl = "/",
}: {
  mode: "signin" | "link";
  chainId: number;
  callbackUrl?: string;
}) {
  const t = useTranslations("auth.wallet");
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  async function run() {
    setPending(true);
    setError(undefined);
    try {
      const proof = await signSiwe(chainId, t("statement"));
      if (mode === "signin") {
        const res = await signIn("siwe", { ...proof, redirect: false, callbackUrl });
        if (!res || res.error) throw new WalletFlowError(res?.error ?? "generic");
        router.push(callbackUrl);
      } else {
        const res = await callApi("POST", "/api/auth/wallets", proof);
        if (!res.ok) throw new WalletFlowError(res.error.fields.address ?? res.error.fields.signature ?? "generic");
      }
      router.refresh();
    } catch (err) {
      setError(err instanceof WalletFlowError ? err.message : "generic");
    } finally {
      setPending(false);
    }
  }

  return (
    <div className={styles.form}>
      <button type="button" className={styles.secondary} onClick={run} disabled={pending}>
        {pending ? t("working") : mode === "signin" ? t("signIn") : t("link")}
      </button>
      {error ? (
        <span className={styles.error} role="alert">
          {codeText(t, "errors.", error, "generic")}
        </span>
      ) : null}
    </div>
  );
}
