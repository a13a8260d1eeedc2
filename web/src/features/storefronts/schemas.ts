/** zod schemas of provider storefronts (parsed at the API boundary) and the custom-domain rule. */
import { isIP } from "node:net";
import { z } from "zod";
import { id } from "@/features/studio/schemas.ts";

const COLOUR = /^#[0-9a-f]{6}$/;
/** Slugs that name routes or would be confusing. */
const RESERVED_SLUGS = new Set(["domain", "new", "edit", "settings", "admin", "api", "www"]);

/**
 * Normalizes and checks a custom domain: a DNS host name (RFC 1123 labels, at least two, alphabetic TLD, ≤ 253
 * characters), no IP address, no port, not `localhost`, not the platform's own host (`appHost`) or one under it.
 * @returns the lower-case host name, or null with `problem` when it is not acceptable
 */
export function normalizeCustomDomain(
  raw: string,
  appHost: string,
): { domain: string; problem: null } | { domain: null; problem: string } {
  const domain = raw.trim().toLowerCase().replace(/\.$/, "");
  if (domain.length === 0 || domain.length > 253) return { domain: null, problem: "invalid_domain" };
  if (isIP(domain) || domain.includes(":")) return { domain: null, problem: "invalid_domain" };
  const labels = domain.split(".");
  if (labels.length < 2) return { domain: null, problem: "invalid_domain" };
  if (!labels.every((l) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l)))
    return { domain: null, problem: "invalid_domain" };
  if (!/^[a-z]{2,63}$/.test(labels.at(-1)!) && !/^xn--[a-z0-9-]+$/.test(labels.at(-1)!))
    return { domain: null, problem: "invalid_domain" };
  const platform = appHost.toLowerCase();
  if (domain === "localhost" || domain.endsWith(".localhost") || domain === platform || domain.endsWith(`.${platform}`))
    return { domain: null, problem: "platform_domain" };
  return { domain, problem: null };
}

/** One link of the storefront (http/https only). */
export const storefrontLinkSchema = z.object({
  label: z.string().trim().min(1, "required").max(40, "too_long"),
  url: z
    .string()
    .trim()
    .max(500, "too_long")
    .refine((u) => {
      try {
        const p = new URL(u);
        return (p.protocol === "https:" || p.protocol === "http:") && !p.username && !p.password;
      } catch {
        return false;
      }
    }, "invalid_url"),
});
export type StorefrontLink = z.infer<typeof storefrontLinkSchema>;

/** PUT /api/studio/storefront */
export const storefrontInputSchema = z.object({
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/, "invalid_slug")
    .refine((s) => !RESERVED_SLUGS.has(s), "reserved"),
  bio: z.string().max(5_000, "too_long").default(""),
  logoId: id.nullable().default(null),
  primaryColor: z.string().trim().toLowerCase().regex(COLOUR, "invalid_colour").nullable().default(null),
  accentColor: z.string().trim().toLowerCase().regex(COLOUR, "invalid_colour").nullable().default(null),
  links: z.array(storefrontLinkSchema).max(6, "too_many").default([]),
  /** raw; validated against the platform host by {@link normalizeCustomDomain} in the service */
  customDomain: z.string().max(253, "invalid_domain").nullable().default(null),
});
export type StorefrontInput = z.infer<typeof storefrontInputSchema>;
