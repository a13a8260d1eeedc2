import { buildModule } from "@nomicfoundation/ignition-core";

import { buildPlatform, ROLES } from "./platform.ts";

/**
 * Polygon Amoy / Polygon PoS deployment. Every address comes from an Ignition parameters file
 * (`ignition/parameters/polygon-amoy.json`, `ignition/parameters/polygon.json`); the deployer key
 * and RPC URL come from configuration variables. The marketplace uses the existing ESN token
 * (`paymentToken`). After granting the operational roles, admin (DEFAULT_ADMIN_ROLE + PAUSER_ROLE)
 * is handed over to `admin` (a multisig) and the deployer renounces its roles — so `admin` must differ
 * from the deployer.
 */
export default buildModule("Polygon", (m) => {
  const admin = m.getParameter<string>("admin");
  const { deployer, certificate, marketplace } = buildPlatform(m, {
    treasury: m.getParameter<string>("treasury"),
    feeBps: m.getParameter("feeBps", 1_000),
    paymentToken: m.getParameter<string>("paymentToken"),
    catalog: m.getParameter<string>("catalog"),
    paymentOracle: m.getParameter<string>("paymentOracle"),
    certificateMinter: m.getParameter<string>("certificateMinter"),
  });

  const grants = [
    m.call(marketplace, "grantRole", [ROLES.DEFAULT_ADMIN_ROLE, admin], { id: "GrantMarketplaceAdmin" }),
    m.call(marketplace, "grantRole", [ROLES.PAUSER_ROLE, admin], { id: "GrantMarketplacePauser" }),
    m.call(certificate, "grantRole", [ROLES.DEFAULT_ADMIN_ROLE, admin], { id: "GrantCertificateAdmin" }),
  ];
  m.call(marketplace, "renounceRole", [ROLES.PAUSER_ROLE, deployer], {
    id: "RenounceMarketplacePauser",
    after: grants,
  });
  m.call(marketplace, "renounceRole", [ROLES.DEFAULT_ADMIN_ROLE, deployer], {
    id: "RenounceMarketplaceAdmin",
    after: grants,
  });
  m.call(certificate, "renounceRole", [ROLES.DEFAULT_ADMIN_ROLE, deployer], {
    id: "RenounceCertificateAdmin",
    after: grants,
  });
  return { certificate, marketplace };
});
