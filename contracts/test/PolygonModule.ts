import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { getAddress } from "viem";

import PolygonModule from "../ignition/modules/Polygon.ts";
import { ROLES } from "../ignition/modules/platform.ts";

/**
 * The production deployment module (Polygon Amoy / Polygon PoS) run against the in-process chain with a
 * parameters object shaped like ignition/parameters/polygon*.json: roles end up split across the keys of
 * the trust model (contracts/README.md), the deployer keeps no role, and the admin (multisig/timelock)
 * owns both contracts only after accepting the two-step transfer once the delay has passed.
 */
/** The AccessControlDefaultAdminRules reads both contracts share. */
type AdminRules = {
  read: {
    defaultAdmin: () => Promise<`0x${string}`>;
    pendingDefaultAdmin: () => Promise<readonly [`0x${string}`, number]>;
    hasRole: (args: [`0x${string}`, `0x${string}`]) => Promise<boolean>;
  };
};

describe("Ignition Polygon module", async function () {
  const connection = await network.create();
  const { viem, ignition, networkHelpers } = connection;

  it("splits roles across keys, renounces the deployer's and hands admin over in two steps", async function () {
    const [deployer, admin, treasury, catalog, oracle, minter] = await viem.getWalletClients();
    assert.ok(deployer && admin && treasury && catalog && oracle && minter);
    const token = await viem.deployContract("ESNToken", [treasury.account.address, 10n ** 24n]);
    const delay = 3_600;
    const { marketplace, certificate } = await ignition.deploy(PolygonModule, {
      parameters: {
        Polygon: {
          admin: admin.account.address,
          treasury: treasury.account.address,
          feeBps: 1_000,
          adminDelay: delay,
          paymentToken: token.address,
          catalog: catalog.account.address,
          paymentOracle: oracle.account.address,
          certificateMinter: minter.account.address,
        },
      },
    });
    const has = (
      c: { read: { hasRole: (args: [`0x${string}`, `0x${string}`]) => Promise<boolean> } },
      role: `0x${string}`,
      who: `0x${string}`,
    ) => c.read.hasRole([role, who]);
    assert.equal(await has(marketplace, ROLES.CATALOG_ROLE as `0x${string}`, catalog.account.address), true);
    assert.equal(await has(marketplace, ROLES.PAYMENT_ORACLE_ROLE as `0x${string}`, oracle.account.address), true);
    assert.equal(await has(certificate, ROLES.MINTER_ROLE as `0x${string}`, minter.account.address), true);
    assert.equal(await has(marketplace, ROLES.PAUSER_ROLE as `0x${string}`, admin.account.address), true);
    // The deployer holds no operational role and no pauser role.
    for (const role of [ROLES.CATALOG_ROLE, ROLES.PAYMENT_ORACLE_ROLE, ROLES.PAUSER_ROLE]) {
      assert.equal(await has(marketplace, role as `0x${string}`, deployer.account.address), false, role);
    }
    assert.equal(await has(certificate, ROLES.MINTER_ROLE as `0x${string}`, deployer.account.address), false);

    // Admin is still the deployer until the multisig accepts after the delay.
    for (const c of [marketplace, certificate] as AdminRules[]) {
      assert.equal(getAddress(await c.read.defaultAdmin()), getAddress(deployer.account.address));
      const [pending] = await c.read.pendingDefaultAdmin();
      assert.equal(getAddress(pending), getAddress(admin.account.address));
    }
    const mpAdmin = await viem.getContractAt("CourseMarketplace", marketplace.address, { client: { wallet: admin } });
    const certAdmin = await viem.getContractAt("CourseCertificate", certificate.address, { client: { wallet: admin } });
    await assert.rejects(mpAdmin.write.acceptDefaultAdminTransfer(), /AccessControlEnforcedDefaultAdminDelay/);
    await networkHelpers.time.increase(delay + 1);
    await mpAdmin.write.acceptDefaultAdminTransfer();
    await certAdmin.write.acceptDefaultAdminTransfer();
    for (const c of [marketplace, certificate] as AdminRules[]) {
      assert.equal(getAddress(await c.read.defaultAdmin()), getAddress(admin.account.address));
      assert.equal(await has(c, ROLES.DEFAULT_ADMIN_ROLE as `0x${string}`, deployer.account.address), false);
    }
  });
});
