import type { ArgumentType, IgnitionModuleBuilder } from "@nomicfoundation/ignition-core";
import { keccak256, toHex } from "viem";

/** Role ids, identical to the Solidity `keccak256("…_ROLE")` constants. */
export const ROLES = {
  DEFAULT_ADMIN_ROLE: `0x${"00".repeat(32)}`,
  CATALOG_ROLE: keccak256(toHex("CATALOG_ROLE")),
  PAYMENT_ORACLE_ROLE: keccak256(toHex("PAYMENT_ORACLE_ROLE")),
  PAUSER_ROLE: keccak256(toHex("PAUSER_ROLE")),
  MINTER_ROLE: keccak256(toHex("MINTER_ROLE")),
} as const;

/** Inputs of the platform deployment; each may be a literal, a parameter or a contract future. */
export interface PlatformInputs {
  /** Seconds between starting and accepting a DEFAULT_ADMIN_ROLE transfer (AccessControlDefaultAdminRules). */
  adminDelay: ArgumentType;
  treasury: ArgumentType;
  feeBps: ArgumentType;
  paymentToken: ArgumentType;
  catalog: ArgumentType;
  paymentOracle: ArgumentType;
  certificateMinter: ArgumentType;
}

/**
 * Deploys CourseCertificate, then CourseMarketplace (which reads the certificate contract), both with
 * the deployer (account 0) as admin (AccessControlDefaultAdminRules with `adminDelay`), and grants
 * CATALOG_ROLE and PAYMENT_ORACLE_ROLE on the marketplace and MINTER_ROLE on the certificate. The
 * marketplace constructor allow-lists `paymentToken`.
 */
export function buildPlatform(m: IgnitionModuleBuilder, inputs: PlatformInputs) {
  const deployer = m.getAccount(0);
  const certificate = m.contract("CourseCertificate", [deployer, inputs.adminDelay]);
  const marketplace = m.contract("CourseMarketplace", [
    deployer,
    inputs.adminDelay,
    inputs.treasury,
    inputs.feeBps,
    inputs.paymentToken,
    certificate,
  ]);

  m.call(marketplace, "grantRole", [ROLES.CATALOG_ROLE, inputs.catalog], { id: "GrantCatalogRole" });
  m.call(marketplace, "grantRole", [ROLES.PAYMENT_ORACLE_ROLE, inputs.paymentOracle], {
    id: "GrantPaymentOracleRole",
  });
  m.call(certificate, "grantRole", [ROLES.MINTER_ROLE, inputs.certificateMinter], { id: "GrantMinterRole" });

  return { deployer, certificate, marketplace };
}
