"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { callApi } from "./api";
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
  const [fields, setFields] = useState<Record<string, string>>({});
  const [status, setStatus] = useState("");

  async function submit(e: FormEvent) {
    e.preventDefault();
    const res = await callApi("PUT", `/api/studio/courses/${courseId}/pricing`, {
      isFree,
      prices: isFree ? {} : prices,
      refundWindowDays: Number(refund),
      payoutAddress: payout,
    });
    if (!res.ok) {
      setFields(res.error.fields);
      setStatus(t("form.failed", { message: res.error.message }));
      return;
    }
    setFields({});
    setStatus(t("form.saved"));
    router.refresh();
  }

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
      <label className={styles.row}>
        <input type="checkbox" checked={isFree} onChange={(e) => setFree(e.target.checked)} />
        {t("pricing.free")}
      </label>
      {fields.isFree && (
        <span className={styles.error} role="alert">
          {fields.isFree}
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
        <button type="submit" className="button">
          {t("pricing.save")}
        </button>
        <span role="status">{status}</span>
      </div>
    </form>
  );
}
