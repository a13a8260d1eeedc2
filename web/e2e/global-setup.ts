/**
 * Starts the run's OpenID Connect provider (test/oidc/provider.ts: npm `oidc-provider`) on 127.0.0.1 in the
 * Playwright runner before the specs, with the client the stack is configured for (playwright.config.ts) and
 * one person with a verified e-mail (e2e/fixtures/oidc-config.ts). Stopped when the run ends.
 */
import { startOidcProvider } from "../test/oidc/provider.ts";
import { oidcE2eConfig } from "./fixtures/oidc-config";

export default async function globalSetup(): Promise<() => Promise<void>> {
  const cfg = oidcE2eConfig();
  const idp = await startOidcProvider({
    port: cfg.port,
    client: { clientId: cfg.clientId, clientSecret: cfg.clientSecret, redirectUris: [cfg.redirectUri] },
    users: [{ ...cfg.user, emailVerified: true }],
  });
  return () => idp.close();
}
