"use client";
/**
 * The buy box's currency picker: one primary price (large) with its buy button, and "Also payable in …"
 * listing the other currencies as buttons that make that currency primary. The options (formatted prices
 * and their buy buttons) are rendered by the server; this component only chooses which one is shown.
 */
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";

export interface PriceOption {
  currency: string;
  /** the formatted price, e.g. "€19.99" or "25 ESN" */
  label: string;
  /** the buy button(s) for this currency */
  action: ReactNode;
}

export function PricePicker({ options, initial }: { options: PriceOption[]; initial: string }) {
  const t = useTranslations("catalog.buy");
  const [currency, setCurrency] = useState(initial);
  const selected = options.find((o) => o.currency === currency) ?? options[0];
  if (!selected) return null;
  const others = options.filter((o) => o !== selected);
  return (
    <div className="price-picker" data-testid="price-picker" data-currency={selected.currency}>
      <p className="price price-primary" data-testid="primary-price">
        {selected.label}
      </p>
      <div className="buy-buttons" key={selected.currency}>
        {selected.action}
      </div>
      {others.length > 0 && (
        <p className="also-payable" data-testid="also-payable">
          <span className="muted">{t("alsoPayable")}</span>{" "}
          {others.map((o) => (
            <button
              key={o.currency}
              type="button"
              className="link-button"
              data-currency={o.currency}
              title={t("payIn", { currency: o.currency })}
              onClick={() => setCurrency(o.currency)}
            >
              {o.label}
            </button>
          ))}
        </p>
      )}
    </div>
  );
}
