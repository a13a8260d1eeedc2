"use client";
/**
 * "Fund this test wallet" in the buy box — local test chain (31337) only: POST /api/dev/faucet sends the
 * connected wallet native coin and ESN from the local treasury, so a newcomer can buy within a minute.
 */
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { Address } from "viem";

type State = { phase: "idle" | "sending" | "done" } | { phase: "error"; message: string };

export function FundTestWallet({ address, onFunded }: { address: Address; onFunded?: () => void }) {
  const t = useTranslations("wallet.testFaucet");
  const [state, setState] = useState<State>({ phase: "idle" });
  async function fund() {
    setState({ phase: "sending" });
    const res = await fetch("/api/dev/faucet", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ address }),
    }).catch(() => null);
    if (res?.ok) {
      setState({ phase: "done" });
      onFunded?.();
      return;
    }
    const body = (await res?.json().catch(() => null)) as { error?: { message?: string } } | null;
    setState({ phase: "error", message: body?.error?.message ?? t("failed") });
  }
  return (
    <div className="fund-test-wallet" data-testid="fund-test-wallet">
      <p className="muted">{t("hint")}</p>
      <button type="button" disabled={state.phase === "sending"} onClick={() => void fund()}>
        {state.phase === "sending" ? t("sending") : t("fund")}
      </button>
      {state.phase === "done" && <p role="status">{t("done")}</p>}
      {state.phase === "error" && <p role="alert">{state.message}</p>}
    </div>
  );
}
