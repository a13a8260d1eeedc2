import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { formatUnits } from "viem";
import type { CatalogFacets } from "@/features/catalog/facets";
import { LEVELS, SORTS, type CatalogQuery } from "@/features/catalog/schemas";
import { CURRENCIES, DECIMALS } from "@/lib/money";

/** The browse filters as a plain GET form (works without JavaScript; the URL is the shareable state). */
export function Filters({ query, facets }: { query: CatalogQuery; facets: CatalogFacets }) {
  const t = useTranslations("catalog");
  const locale = useLocale();
  const names = new Intl.DisplayNames([locale], { type: "language" });
  const human = (units: bigint | undefined) =>
    units === undefined || !query.currency ? "" : formatUnits(units, DECIMALS[query.currency]);
  return (
    <form action="/courses" method="get" className="filters card" aria-label={t("browse.filters")}>
      <label>
        <span>{t("browse.field.q")}</span>
        <input type="search" name="q" defaultValue={query.q ?? ""} maxLength={200} />
      </label>
      <label>
        <span>{t("browse.field.language")}</span>
        <select name="language" defaultValue={query.language ?? ""}>
          <option value="">{t("browse.any")}</option>
          {facets.languages.map((l) => (
            <option key={l} value={l}>
              {names.of(l) ?? l}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("browse.field.level")}</span>
        <select name="level" defaultValue={query.level?.toLowerCase() ?? ""}>
          <option value="">{t("browse.any")}</option>
          {LEVELS.map((l) => (
            <option key={l} value={l.toLowerCase()}>
              {t(`level.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("browse.field.category")}</span>
        <select name="category" defaultValue={query.category ?? ""}>
          <option value="">{t("browse.any")}</option>
          {facets.categories.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("browse.field.currency")}</span>
        <select name="currency" defaultValue={query.currency ?? ""}>
          <option value="">{t("browse.any")}</option>
          {CURRENCIES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="price-range">
        <legend className="sr-only">{t("browse.priceHint")}</legend>
        <label>
          <span>{t("browse.field.min")}</span>
          <input name="min" inputMode="decimal" defaultValue={human(query.minPrice)} title={t("browse.priceHint")} />
        </label>
        <label>
          <span>{t("browse.field.max")}</span>
          <input name="max" inputMode="decimal" defaultValue={human(query.maxPrice)} title={t("browse.priceHint")} />
        </label>
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" name="free" value="true" defaultChecked={query.free === true} />
        <span>{t("browse.freeOnly")}</span>
      </label>
      <label>
        <span>{t("browse.field.sort")}</span>
        <select name="sort" defaultValue={query.sort}>
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`browse.sort.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="filter-actions">
        <button type="submit">{t("browse.apply")}</button>
        <Link href="/courses">{t("browse.reset")}</Link>
      </div>
    </form>
  );
}
