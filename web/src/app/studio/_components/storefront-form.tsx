"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import type { StorefrontSettings } from "@/features/storefronts/service";
import { callApi } from "./api";
import { Field } from "./field";
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

/** The storefront settings form (PUT /api/studio/storefront); server field errors beside the fields. */
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
  const [fields, setFields] = useState<Record<string, string>>({});
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);
  const err = (k: string) =>
    fields[k] ? (t.has(`errors.${fields[k]}`) ? t(`errors.${fields[k]}`) : fields[k]) : undefined;

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setStatus("");
    const res = await callApi("PUT", "/api/studio/storefront", {
      ...v,
      links: linksOf(v.links),
      customDomain: v.customDomain.trim() || null,
    });
    setBusy(false);
    if (!res.ok) {
      setFields(res.error.fields);
      setStatus(t("failed"));
      return;
    }
    setFields({});
    setStatus(t("saved"));
    router.refresh();
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
        error={err("slug")}
      />
      <MarkdownField
        label={t("bio")}
        name="storefront-bio"
        value={v.bio}
        onChange={(bio) => setV({ ...v, bio })}
        error={err("bio")}
      />
      <Uploader
        label={t("logo")}
        accept="image/png,image/jpeg,image/webp,image/svg+xml"
        onUploaded={(logoId) => setV((s) => ({ ...s, logoId }))}
        error={err("logoId")}
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
      <Field
        label={t("primary")}
        name="storefront-primary"
        type="color"
        value={v.primaryColor}
        onChange={(e) => setV({ ...v, primaryColor: e.target.value })}
        error={err("primaryColor")}
      />
      <Field
        label={t("accent")}
        name="storefront-accent"
        type="color"
        value={v.accentColor}
        onChange={(e) => setV({ ...v, accentColor: e.target.value })}
        error={err("accentColor")}
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
        />
        {linkError ? (
          <span className={styles.error} role="alert">
            {t("errors.links")}
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
        error={err("customDomain")}
      />
      <div className={styles.row}>
        <button type="submit" className="button" disabled={busy} aria-busy={busy}>
          {t("save")}
        </button>
        <span role="status">{status}</span>
      </div>
    </form>
  );
}
