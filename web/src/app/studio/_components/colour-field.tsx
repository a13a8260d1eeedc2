"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { normalizeHex, whiteTextContrast } from "@/lib/colour";
import { useFieldError } from "./form-state";
import styles from "./studio.module.css";

/**
 * A colour setting shown as its swatch and its hex value: the swatch is an `<input type=color>` (the browser's
 * picker), the hex value a text field that takes `#rrggbb` or `#rgb`. A value that is no colour gets the
 * `invalid_colour` message beside the field once the field was left (the server answers the same code). With
 * `checkWhiteText`, a colour on which white text misses WCAG AA (contrast < 4.5:1) gets a warning with the ratio.
 *
 * @param value the text as typed (the form sends it normalized, see {@link normalizeHex})
 * @param onChange receives the typed text, or the picker's `#rrggbb`
 * @param error the server's field error code, if any
 */
export function ColourField({
  label,
  name,
  value,
  onChange,
  error,
  checkWhiteText = false,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  checkWhiteText?: boolean;
}) {
  const t = useTranslations("storefront.settings");
  const format = useFormatter();
  const fieldError = useFieldError();
  const [left, setLeft] = useState(false);
  const id = `f-${name}`;
  const colour = normalizeHex(value);
  // the picker needs a full #rrggbb: while the text is no colour it keeps the last colour there was
  const [swatch, setSwatch] = useState(colour ?? "#000000");
  if (colour && colour !== swatch) setSwatch(colour);
  const message = fieldError(colour === null && left ? "invalid_colour" : error);
  const contrast = checkWhiteText && colour ? whiteTextContrast(colour) : null;
  const described = message ? `${id}-e` : contrast && !contrast.meetsAA ? `${id}-w` : `${id}-h`;
  return (
    <div className={`${styles.field} ${styles.colourField}`}>
      <label htmlFor={id}>{label}</label>
      <input
        type="color"
        className={styles.swatch}
        aria-label={t("picker", { label })}
        value={swatch}
        onChange={(e) => {
          setLeft(false);
          onChange(e.target.value);
        }}
        data-testid={`${name}-swatch`}
      />
      <input
        id={id}
        name={name}
        type="text"
        className={styles.hex}
        value={value}
        maxLength={7}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        placeholder="#1f4fbf"
        onChange={(e) => onChange(e.target.value)}
        onBlur={() => setLeft(true)}
        onFocus={() => setLeft(false)}
        aria-invalid={message ? true : undefined}
        aria-describedby={described}
      />
      {message ? (
        <span id={`${id}-e`} className={styles.error} role="alert">
          {message}
        </span>
      ) : contrast && !contrast.meetsAA ? (
        <span id={`${id}-w`} className={styles.warning} data-testid={`${name}-contrast`}>
          {t("contrastLow", { ratio: format.number(contrast.ratio, { maximumFractionDigits: 1 }) })}
        </span>
      ) : (
        <span id={`${id}-h`} className={styles.hint}>
          {contrast
            ? t("contrastOk", { ratio: format.number(contrast.ratio, { maximumFractionDigits: 1 }) })
            : t("colourHint")}
        </span>
      )}
    </div>
  );
}
