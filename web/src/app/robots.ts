import type { MetadataRoute } from "next";

/**
 * `/robots.txt`: the public catalog (home, courses, preview lessons, certificate verification) may be indexed;
 * account, studio, admin and API paths are private to their users and never worth crawling.
 */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: {
      userAgent: "*",
      allow: "/",
      disallow: [
        "/api/",
        "/account",
        "/admin",
        "/checkout/",
        "/dashboard",
        "/earnings",
        "/redeem",
        "/school",
        "/setup",
        "/studio",
        "/page-cache/",
        "/bench/",
      ],
    },
  };
}
