import { buildModule } from "@nomicfoundation/ignition-core";

import { buildPlatform, ROLES } from "./platform.ts";

/**
 * Polygon Amoy / Polygon PoS deployment. Every address comes from an Ignition parameters file
 * (`ignition/parameters/polygon-amoy.json`, `ignition/parameters/polygon.json`); the deployer key
 * and RPC URL come from configuration variables. The marketplace uses the existing ESN token
 * (`paymentToken`). After granting the operational roles, PAUSER_ROLE goes to `admin` (a multisig or
 * the TimelockController in front of it) and the deployer renounces it; DEFAULT_ADMIN_ROLE is
 * handed over in the two steps of AccessControlDefaultAdminRules: this module starts the transfer
 * (`beginDefaultAdminTransfer(admin)`), and `admin` calls `acceptDefaultAdminTransfer()` on both
 * contracts once `adminDelay` (default 2 days) has passed. `admin` must differ from the deployer.
 */
export default buildModule("Polygon", (m) => {
  const admin = m.getParameter<string>("admin");
  const { deployer, certificate, marketplace } = buildPlatform(m, {
    treasury: m.getParameter<string>("treasury"),
    adminDelay: m.getParameter("adminDelay", 2 * 24 * 60 * 60),
    feeBps: m.getParameter("feeBps", 1_000),
    paymentToken: m.getParameter<string>("paymentToken"),
    catalog: m.getParameter<string>("catalog"),
    paymentOracle: m.getParameter<string>("paymentOracle"),
    certificateMinter: m.getParameter<string>("certificateMinter"),
  });

  const grants = [m.call(marketplace, "grantRole", [ROLES.PAUSER_ROLE, admin], { id: "GrantMarketplacePauser" })];
  m.call(marketplace, "renounceRole", [ROLES.PAUSER_ROLE, deployer], {
    id: "RenounceMarketplacePauser",
    after: grants,
  });
  m.call(marketplace, "beginDefaultAdminTransfer", [admin], { id: "BeginMarketplaceAdminTransfer", after: grants });
  m.call(certificate, "beginDefaultAdminTransfer", [admin], { id: "BeginCertificateAdminTransfer" });
  return { certificate, marketplace };
});
