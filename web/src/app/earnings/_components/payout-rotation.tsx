"use client";
/**
 * "Move payouts to a new address" (issue 10 §1.3): the provider enters the new address, signs one EIP-712
 * `ProviderChange` per listed course with its current payout wallet (the contract accepts nothing less), and
 * the platform relays the signatures through the outbox. GET/POST /api/earnings/payout-address; the page
 * lists each course's change as pending / confirmed / failed.
 */
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { createWalletClient, custom, getAddress, isAddress, type Address, type EIP1193Provider } from "viem";
import type { RotationItem } from "@/features/earnings/payout-rotation";

type Phase = { kind: "idle" } | { kind: "busy"; step: "prepare" | "sign" | "submit" } | { kind: "done"; count: number };

async function json<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => ({}))) as T & { error?: { message?: string } };
  if (!res.ok) throw new Error(body.error?.message ?? String(res.status));
  return body;
}

export function PayoutRotation() {
  const t = useTranslations("earnings.rotation");
  const router = useRouter();
  const [address, setAddress] = useState("");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [error, setError] = useState<string | null>(null);

  async function run() {
    setError(null);
    const ethereum = (window as Window & { ethereum?: EIP1193Provider }).ethereum;
    if (!ethereum) return setError(t("noWallet"));
    try {
      setPhase({ kind: "busy", step: "prepare" });
      const req = await json<{ newAddress: Address; deadline: string; items: RotationItem[] }>(
        await fetch(`/api/earnings/payout-address?address=${encodeURIComponent(address.trim())}`, {
          cache: "no-store",
        }),
      );
      if (req.items.length === 0) {
        setPhase({ kind: "done", count: 0 });
        return;
      }
      const [account] = (await ethereum.request({ method: "eth_requestAccounts" })) as string[];
      const wallet = createWalletClient({ transport: custom(ethereum) });
      setPhase({ kind: "busy", step: "sign" });
      const signatures = [];
      for (const item of req.items) {
        if (!account || getAddress(account) !== item.signer)
          throw new Error(t("wrongWallet", { address: item.signer }));
        const { message, ...rest } = item.typedData;
        const signature = await wallet.signTypedData({
          account: item.signer,
          ...rest,
          message: { ...message, nonce: BigInt(message.nonce), deadline: BigInt(message.deadline) },
        });
        signatures.push({ courseDbId: item.courseDbId, signature });
      }
      setPhase({ kind: "busy", step: "submit" });
      await json(
        await fetch("/api/earnings/payout-address", {
          method: "POST",
          credentials: "same-origin",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ newAddress: req.newAddress, deadline: req.deadline, signatures }),
        }),
      );
      setPhase({ kind: "done", count: signatures.length });
      router.refresh();
    } catch (err) {
      setPhase({ kind: "idle" });
      setError(err instanceof Error ? err.message : t("failed"));
    }
  }

  const busy = phase.kind === "busy";
  return (
    <div data-testid="payout-rotation">
      <h2>{t("title")}</h2>
      <p className="muted">{t("explain")}</p>
      <label>
        {t("label")}{" "}
        <input
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          placeholder="0x…"
          spellCheck={false}
          autoComplete="off"
        />
      </label>{" "}
      <button type="button" disabled={busy || !isAddress(address.trim())} onClick={() => void run()}>
        {busy ? t(`step.${phase.step}`) : t("submit")}
      </button>
      {phase.kind === "done" && (
        <p role="status" data-testid="payout-rotation-done">
          {phase.count === 0 ? t("nothing") : t("submitted", { count: phase.count })}
        </p>
      )}
      {error && (
        <p role="alert" data-testid="payout-rotation-error">
          {error}
        </p>
      )}
    </div>
  );
}
