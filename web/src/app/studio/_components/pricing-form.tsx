"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { callApi } from "./api";
import { BusyButton, useFieldError, useFormState } from "./form-state";
import { Field } from "./field";
import styles from "./studio.module.css";

const CURRENCIES = ["EUR", "USD", "POL", "ESN"] as const;

/** Prices as decimal text per currency (converted exactly on the server), free flag, refund window, payout address. */
export function PricingForm({
  courseId,
  initial,
}: {
  courseId: string;
  initial: {
    isFree: boolean;
    prices: Partial<Record<(typeof CURRENCIES)[number], string>>;
    refundWindowDays: number;
    payoutAddress: string;
  };
}) {
  const t = useTranslations("studio");
  const router = useRouter();
  const [isFree, setFree] = useState(initial.isFree);
  const [prices, setPrices] = useState(initial.prices);
  const [refund, setRefund] = useState(String(initial.refundWindowDays));
  const [payout, setPayout] = useState(initial.payoutAddress);
  const { busy, status, fields, run } = useFormState();
  const fieldError = useFieldError();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const res = await run(() =>
      callApi("PUT", `/api/studio/courses/${courseId}/pricing`, {
        isFree,
        prices: isFree ? {} : prices,
        refundWindowDays: Number(refund),
        payoutAddress: payout,
      }),
    );
    if (res?.ok) router.refresh();
  }

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
      <label className={styles.row}>
        <input type="checkbox" checked={isFree} onChange={(e) => setFree(e.target.checked)} />
        {t("pricing.free")}
      </label>
      {fields.isFree && (
        <span className={styles.error} role="alert">
          {fieldError(fields.isFree)}
        </span>
      )}
      {!isFree && (
        <div className={styles.grid2}>
          {CURRENCIES.map((c) => (
            <Field
              key={c}
              label={t("pricing.price", { currency: c })}
              name={`price-${c}`}
              inputMode="decimal"
              value={prices[c] ?? ""}
              onChange={(e) => setPrices({ ...prices, [c]: e.target.value })}
              error={fields[`prices.${c}`]}
              hint={t("pricing.priceHint", { currency: c })}
            />
          ))}
        </div>
      )}
      <Field
        label={t("pricing.refundWindow")}
        name="refundWindowDays"
        inputMode="numeric"
        value={refund}
        onChange={(e) => setRefund(e.target.value)}
        error={fields.refundWindowDays}
      />
      <Field
        label={t("pricing.payoutAddress")}
        name="payoutAddress"
        value={payout}
        onChange={(e) => setPayout(e.target.value)}
        error={fields.payoutAddress}
        placeholder="0x…"
      />
      <div className={styles.row}>
        <BusyButton busy={busy}>{t("pricing.save")}</BusyButton>
        <span role="status">{status}</span>
      </div>
    </form>
  );
}
