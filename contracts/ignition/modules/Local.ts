import { buildModule } from "@nomicfoundation/ignition-core";

import { buildPlatform } from "./platform.ts";

/**
 * Local development deployment (hardhat node, chainId 31337, standard test mnemonic):
 * account 0 deployer/admin, 1 catalog (CATALOG_ROLE), 2 payment oracle (PAYMENT_ORACLE_ROLE),
 * 3 certificate minter (MINTER_ROLE), 4 treasury (receives the ESN supply and the platform fee).
 * Deploys ESNToken (100,000,000 ESN to the treasury), CourseCertificate and CourseMarketplace
 * (ESN allow-listed, 10 % platform fee). Admin transfers need no delay locally (`adminDelay` 0 s).
 */
export default buildModule("Local", (m) => {
  const treasury = m.getAccount(4);
  const esnToken = m.contract("ESNToken", [treasury, m.getParameter("esnSupply", 100_000_000n * 10n ** 18n)]);
  const { certificate, marketplace } = buildPlatform(m, {
    adminDelay: m.getParameter("adminDelay", 0),
    treasury,
    feeBps: m.getParameter("feeBps", 1_000),
    paymentToken: esnToken,
    catalog: m.getAccount(1),
    paymentOracle: m.getAccount(2),
    certificateMinter: m.getAccount(3),
  });
  return { esnToken, certificate, marketplace };
});
