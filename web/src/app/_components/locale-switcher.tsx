"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocale } from "../_actions/locale";

/**
 * Language switcher for the UI; persists the choice in a cookie. Labels and the current locale come from the
 * server (root layout), so no message formatter is shipped to the browser for it (JavaScript budget of the
 * anonymous catalog, issue 14 item 13).
 */
export function LocaleSwitcher({
  locale,
  label,
  options,
}: {
  /** the current UI locale */
  locale: string;
  /** accessible name of the select ("Language") */
  label: string;
  /** every UI locale with its name, in display order */
  options: { value: string; label: string }[];
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className="locale-switcher">
      <span className="sr-only">{label}</span>
      <select
        aria-label={label}
        value={locale}
        disabled={pending}
        onChange={(e) => {
          const next = e.target.value;
          startTransition(async () => {
            await setLocale(next);
            router.refresh();
          });
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
