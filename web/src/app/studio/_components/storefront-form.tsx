"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import type { StorefrontSettings } from "@/features/storefronts/service";
import { normalizeHex } from "@/lib/colour";
import { callApi } from "./api";
import { ColourField } from "./colour-field";
import { Field } from "./field";
import { BusyButton, useFieldError, useFormState } from "./form-state";
import { MarkdownField } from "./markdown-field";
import { Uploader } from "./uploader";
import styles from "./studio.module.css";

/** Links are edited as lines "Label | https://…". */
function linesOf(links: { label: string; url: string }[]): string {
  return links.map((l) => `${l.label} | ${l.url}`).join("\n");
}
function linksOf(text: string): { label: string; url: string }[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const i = l.lastIndexOf("|");
      return i < 0 ? { label: l, url: l } : { label: l.slice(0, i).trim(), url: l.slice(i + 1).trim() };
    });
}

/**
 * The storefront settings form (PUT /api/studio/storefront): busy while saving, "Saved." after, the server's field
 * error codes translated beside the fields (messages `studio.fieldErrors`), other failures by error code. The colours
 * show their swatch and hex value (ColourField); the accent colour warns when white text on it misses WCAG AA.
 */
export function StorefrontForm({
  initial,
  suggestedSlug,
  platformHost,
}: {
  initial: StorefrontSettings | null;
  suggestedSlug: string;
  platformHost: string;
}) {
  const t = useTranslations("storefront.settings");
  const router = useRouter();
  const [v, setV] = useState({
    slug: initial?.slug ?? suggestedSlug,
    bio: initial?.bio ?? "",
    logoId: initial?.logoId ?? null,
    primaryColor: initial?.primaryColor ?? "#1f4fbf",
    accentColor: initial?.accentColor ?? "#c2410c",
    links: linesOf(initial?.links ?? []),
    customDomain: initial?.customDomain ?? "",
  });
  const { busy, status, fields, run } = useFormState();
  const fieldError = useFieldError();

  async function save(e: FormEvent) {
    e.preventDefault();
    const res = await run(() =>
      callApi("PUT", "/api/studio/storefront", {
        ...v,
        // a typed "#fc0" or "aa5500" is sent as #rrggbb; text that is no colour goes as typed (the server says why)
        primaryColor: normalizeHex(v.primaryColor) ?? v.primaryColor,
        accentColor: normalizeHex(v.accentColor) ?? v.accentColor,
        links: linksOf(v.links),
        customDomain: v.customDomain.trim() || null,
      }),
    );
    if (res?.ok) router.refresh();
  }

  const linkError = Object.keys(fields).find((k) => k.startsWith("links"));
  return (
    <form className={styles.form} onSubmit={(e) => void save(e)} noValidate>
      <Field
        label={t("slug")}
        name="storefront-slug"
        value={v.slug}
        hint={t("slugHint", { slug: v.slug || "…" })}
        onChange={(e) => setV({ ...v, slug: e.target.value })}
        error={fields.slug}
      />
      <MarkdownField
        label={t("bio")}
        name="storefront-bio"
        value={v.bio}
        onChange={(bio) => setV({ ...v, bio })}
        error={fields.bio}
      />
      <Uploader
        label={t("logo")}
        accept="image/png,image/jpeg,image/webp,image/svg+xml"
        onUploaded={(logoId) => setV((s) => ({ ...s, logoId }))}
        error={fields.logoId}
      />
      {v.logoId && (
        <button
          type="button"
          className={`button secondary ${styles.small}`}
          onClick={() => setV({ ...v, logoId: null })}
        >
          {t("removeLogo")}
        </button>
      )}
      <ColourField
        label={t("primary")}
        name="storefront-primary"
        value={v.primaryColor}
        onChange={(primaryColor) => setV((s) => ({ ...s, primaryColor }))}
        error={fields.primaryColor}
      />
      <ColourField
        label={t("accent")}
        name="storefront-accent"
        value={v.accentColor}
        onChange={(accentColor) => setV((s) => ({ ...s, accentColor }))}
        error={fields.accentColor}
        checkWhiteText
      />
      <div className={styles.field}>
        <label htmlFor="f-storefront-links">{t("links")}</label>
        <textarea
          id="f-storefront-links"
          value={v.links}
          rows={3}
          placeholder="Website | https://example.org"
          onChange={(e) => setV({ ...v, links: e.target.value })}
          aria-invalid={linkError ? true : undefined}
          aria-describedby={linkError ? "f-storefront-links-e" : undefined}
        />
        {linkError ? (
          <span id="f-storefront-links-e" className={styles.error} role="alert">
            {fieldError("links")}
          </span>
        ) : (
          <span className={styles.hint}>{t("linksHint")}</span>
        )}
      </div>
      <Field
        label={t("domain")}
        name="storefront-domain"
        value={v.customDomain}
        placeholder="academy.example.org"
        hint={t("domainHint", { host: platformHost })}
        onChange={(e) => setV({ ...v, customDomain: e.target.value })}
        error={fields.customDomain}
      />
      <div className={styles.row}>
        <BusyButton busy={busy}>{t("save")}</BusyButton>
        <span role="status">{status}</span>
      </div>
    </form>
  );
}
