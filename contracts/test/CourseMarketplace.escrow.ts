import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { getAddress, keccak256, parseEventLogs, zeroAddress } from "viem";

import { ROLES } from "../ignition/modules/platform.ts";
import { courseIdToBytes32 } from "../src/courseId.ts";
import { cidParts } from "./helpers/cid.ts";
import {
  DAY,
  deployPlatform,
  NATIVE,
  NATIVE_COURSE,
  NATIVE_PRICE,
  TOKEN_COURSE,
  TOKEN_PRICE,
} from "./helpers/fixture.ts";

/**
 * Issue 10 §1.1–1.4: escrow bound at purchase, the learner's terms in the purchase, no single online
 * key can move paid money, batch payouts — each as the attack sequence it prevents.
 */
describe("CourseMarketplace escrow integrity", async function () {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;
  const fixture = () => deployPlatform(connection);
  const load = () => networkHelpers.loadFixture(fixture);
  const FEE = NATIVE_PRICE / 10n;

  /** Signs the provider's EIP-712 consent to move `courseId`'s payout to `newProvider`. */
  async function signProviderChange(
    p: Awaited<ReturnType<typeof load>>,
    signer: (typeof p.accounts)["provider"],
    courseId: `0x${string}`,
    newProvider: `0x${string}`,
    deadline: bigint,
    nonce?: bigint,
  ) {
    const chainId = await p.publicClient.getChainId();
    return signer.signTypedData({
      domain: { name: "CourseMarketplace", version: "1", chainId, verifyingContract: p.marketplace.address },
      types: {
        ProviderChange: [
          { name: "courseId", type: "bytes32" },
          { name: "newProvider", type: "address" },
          { name: "nonce", type: "uint256" },
          { name: "deadline", type: "uint256" },
        ],
      },
      primaryType: "ProviderChange",
      message: {
        courseId,
        newProvider,
        nonce: nonce ?? (await p.marketplace.read.nonces([signer.account.address])),
        deadline,
      },
    });
  }

  describe("§1.1 escrow is bound at purchase", function () {
    it("attack: a stolen catalog key rotates the payout after purchase — reverts, escrow keeps its payee", async function () {
      const p = await load();
      const { accounts, marketplace, mp } = p;
      const buyer = accounts.buyer.account.address;
      const provider = getAddress(accounts.provider.account.address);
      const thief = getAddress(accounts.stranger.account.address);
      await (
        await mp(accounts.buyer)
      ).write.purchase([NATIVE_COURSE, buyer, NATIVE, NATIVE_PRICE, Number(14n * DAY)], {
        value: NATIVE_PRICE,
      });
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await mp(accounts.catalog)).write.setListing([NATIVE_COURSE, NATIVE, thief, NATIVE_PRICE, 0, true]),
        marketplace,
        "CourseMarketplaceProviderConsentRequired",
        [NATIVE_COURSE, provider],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await mp(accounts.catalog)).write.setProvider([NATIVE_COURSE, thief]),
        marketplace,
        "CourseMarketplaceNotProvider",
        [NATIVE_COURSE, getAddress(accounts.catalog.account.address)],
      );
      assert.equal((await marketplace.read.purchaseOf([buyer, NATIVE_COURSE])).payee, provider);
    });

    it("a consented rotation, a shorter window, a new price and deactivation never change paid escrow", async function () {
      const { accounts, marketplace, mp } = await load();
      const buyer = accounts.buyer.account.address;
      const provider = getAddress(accounts.provider.account.address);
      const next = getAddress(accounts.learner.account.address);
      await (
        await mp(accounts.buyer)
      ).write.purchase([NATIVE_COURSE, buyer, NATIVE, NATIVE_PRICE, 0], {
        value: NATIVE_PRICE,
      });
      const before = await marketplace.read.purchaseOf([buyer, NATIVE_COURSE]);
      await (await mp(accounts.provider)).write.setProvider([NATIVE_COURSE, next]);
      await (await mp(accounts.catalog)).write.setListing([NATIVE_COURSE, NATIVE, next, 1n, 0, false]);
      const after = await marketplace.read.purchaseOf([buyer, NATIVE_COURSE]);
      assert.deepEqual(after, before);
      assert.equal(after.payee, provider);
      // the refund deadline is the one bound at purchase, although the window is now 0
      await (await mp(accounts.buyer)).write.refund([NATIVE_COURSE]);
      assert.equal(await marketplace.read.withdrawableOf([NATIVE, buyer]), NATIVE_PRICE);
    });

    it("releases to the payee of the purchase's epoch; later purchases pay the new payee", async function () {
      const { accounts, marketplace, mp } = await load();
      const [buyer, learner] = [accounts.buyer.account.address, accounts.learner.account.address];
      const provider = getAddress(accounts.provider.account.address);
      const next = getAddress(accounts.stranger.account.address);
      await (
        await mp(accounts.buyer)
      ).write.purchase([NATIVE_COURSE, buyer, NATIVE, NATIVE_PRICE, 0], {
        value: NATIVE_PRICE,
      });
      await viem.assertions.emitWithArgs(
        (await mp(accounts.provider)).write.setProvider([NATIVE_COURSE, next]),
        marketplace,
        "CourseProviderSet",
        [NATIVE_COURSE, provider, next, 1],
      );
      await viem.assertions.emitWithArgs(
        (await mp(accounts.learner)).write.purchase([NATIVE_COURSE, learner, NATIVE, NATIVE_PRICE, 0], {
          value: NATIVE_PRICE,
        }),
        marketplace,
        "PurchaseRecorded",
        [
          2n,
          NATIVE_COURSE,
          getAddress(learner),
          getAddress(learner),
          NATIVE,
          NATIVE_PRICE,
          (d: bigint) => d > 0n,
          next,
        ],
      );
      await networkHelpers.time.increase(15n * DAY);
      const stranger = await mp(accounts.admin);
      await stranger.write.release([buyer, NATIVE_COURSE]);
      await stranger.write.release([learner, NATIVE_COURSE]);
      assert.equal(await marketplace.read.withdrawableOf([NATIVE, provider]), NATIVE_PRICE - FEE);
      assert.equal(await marketplace.read.withdrawableOf([NATIVE, next]), NATIVE_PRICE - FEE);
    });
  });

  describe("§1.2 the learner's terms are part of the purchase", function () {
    it("attack: the listing's refund window is shortened between quote and inclusion — the purchase reverts", async function () {
      const { accounts, marketplace, mp } = await load();
      const buyer = accounts.buyer.account.address;
      const shown = Number(14n * DAY);
      await (
        await mp(accounts.provider)
      ).write.setListing([NATIVE_COURSE, NATIVE, accounts.provider.account.address, NATIVE_PRICE, 60, true]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await mp(accounts.buyer)).write.purchase([NATIVE_COURSE, buyer, NATIVE, NATIVE_PRICE, shown], {
          value: NATIVE_PRICE,
        }),
        marketplace,
        "CourseMarketplaceRefundWindowBelowMin",
        [NATIVE_COURSE, NATIVE, 60, shown],
      );
      // a longer window than shown is better for the learner and accepted
      await (
        await mp(accounts.provider)
      ).write.setListing([
        NATIVE_COURSE,
        NATIVE,
        accounts.provider.account.address,
        NATIVE_PRICE,
        Number(20n * DAY),
        true,
      ]);
      await (
        await mp(accounts.buyer)
      ).write.purchase([NATIVE_COURSE, buyer, NATIVE, NATIVE_PRICE, shown], {
        value: NATIVE_PRICE,
      });
    });

    it("attack: the price is raised between quote and inclusion — maxPrice reverts (ERC-20 with permit too)", async function () {
      const { accounts, marketplace, mp, esn, esnToken } = await load();
      const buyer = accounts.buyer.account.address;
      await (
        await mp(accounts.provider)
      ).write.setListing([
        TOKEN_COURSE,
        esnToken.address,
        accounts.provider.account.address,
        TOKEN_PRICE * 2n,
        Number(7n * DAY),
        true,
      ]);
      await (await esn(accounts.buyer)).write.approve([marketplace.address, TOKEN_PRICE * 2n]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await mp(accounts.buyer)).write.purchase([
          TOKEN_COURSE,
          buyer,
          esnToken.address,
          TOKEN_PRICE,
          Number(7n * DAY),
        ]),
        marketplace,
        "CourseMarketplacePriceAboveMax",
        [TOKEN_COURSE, getAddress(esnToken.address), TOKEN_PRICE * 2n, TOKEN_PRICE],
      );
      await viem.assertions.revertWithCustomError(
        (await mp(accounts.buyer)).write.purchaseWithPermit([
          TOKEN_COURSE,
          buyer,
          esnToken.address,
          TOKEN_PRICE * 2n,
          Number(8n * DAY),
          0n,
          27,
          keccak256("0x01"),
          keccak256("0x02"),
        ]),
        marketplace,
        "CourseMarketplaceRefundWindowBelowMin",
      );
    });
  });

  describe("§1.3 no single online key can move paid money", function () {
    it("rotates with the provider's EIP-712 signature relayed by the catalog key, once, before the deadline", async function () {
      const p = await load();
      const { accounts, marketplace, mp, publicClient } = p;
      const next = getAddress(accounts.learner.account.address);
      const provider = getAddress(accounts.provider.account.address);
      const now = (await publicClient.getBlock()).timestamp;
      const signature = await signProviderChange(p, accounts.provider, NATIVE_COURSE, next, now + 3600n);
      const catalog = await mp(accounts.catalog);
      // a signature for another payee, by someone else, or expired, is rejected
      const forged = await signProviderChange(p, accounts.catalog, NATIVE_COURSE, next, now + 3600n, 0n);
      await viem.assertions.revertWithCustomErrorWithArgs(
        catalog.write.setProviderWithSig([NATIVE_COURSE, next, now + 3600n, forged]),
        marketplace,
        "CourseMarketplaceInvalidProviderSignature",
        [NATIVE_COURSE, provider],
      );
      await viem.assertions.revertWithCustomError(
        catalog.write.setProviderWithSig([
          NATIVE_COURSE,
          getAddress(accounts.stranger.account.address),
          now + 3600n,
          signature,
        ]),
        marketplace,
        "CourseMarketplaceInvalidProviderSignature",
      );
      const expired = await signProviderChange(p, accounts.provider, NATIVE_COURSE, next, now - 1n);
      await viem.assertions.revertWithCustomError(
        catalog.write.setProviderWithSig([NATIVE_COURSE, next, now - 1n, expired]),
        marketplace,
        "CourseMarketplaceInvalidProviderSignature",
      );
      await viem.assertions.emitWithArgs(
        catalog.write.setProviderWithSig([NATIVE_COURSE, next, now + 3600n, signature]),
        marketplace,
        "CourseProviderSet",
        [NATIVE_COURSE, provider, next, 1],
      );
      assert.equal(await marketplace.read.providerOf([NATIVE_COURSE]), next);
      assert.equal(await marketplace.read.nonces([provider]), 1n);
      // replay (nonce used; the signer is no longer the provider anyway)
      await viem.assertions.revertWithCustomError(
        catalog.write.setProviderWithSig([NATIVE_COURSE, next, now + 3600n, signature]),
        marketplace,
        "CourseMarketplaceInvalidProviderSignature",
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        catalog.write.setProviderWithSig([courseIdToBytes32("nobody"), next, now + 3600n, signature]),
        marketplace,
        "CourseMarketplaceNotProvider",
        [courseIdToBytes32("nobody"), zeroAddress],
      );
    });

    it("attack: role grants — no second admin, admin moves only in two delayed steps, non-admins grant nothing", async function () {
      const { accounts, marketplace, mp } = await load();
      const admin = await mp(accounts.admin);
      const stranger = getAddress(accounts.stranger.account.address);
      await viem.assertions.revertWithCustomError(
        admin.write.grantRole([ROLES.DEFAULT_ADMIN_ROLE, stranger]),
        marketplace,
        "AccessControlEnforcedDefaultAdminRules",
      );
      for (const role of [ROLES.CATALOG_ROLE, ROLES.PAYMENT_ORACLE_ROLE, ROLES.PAUSER_ROLE]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          (await mp(accounts.catalog)).write.grantRole([role, stranger]),
          marketplace,
          "AccessControlUnauthorizedAccount",
          [getAddress(accounts.catalog.account.address), ROLES.DEFAULT_ADMIN_ROLE],
        );
      }
      // a delayed transfer: with a 2-day delay the new admin cannot accept early
      await admin.write.changeDefaultAdminDelay([2 * 24 * 3600]);
      const [newDelay, effectSchedule] = await marketplace.read.pendingDefaultAdminDelay();
      assert.equal(newDelay, 2 * 24 * 3600);
      await networkHelpers.time.increaseTo(BigInt(effectSchedule) + 1n);
      await admin.write.beginDefaultAdminTransfer([stranger]);
      await viem.assertions.revertWithCustomError(
        (await mp(accounts.stranger)).write.acceptDefaultAdminTransfer(),
        marketplace,
        "AccessControlEnforcedDefaultAdminDelay",
      );
      await networkHelpers.time.increase(2n * DAY + 1n);
      await (await mp(accounts.stranger)).write.acceptDefaultAdminTransfer();
      assert.equal(await marketplace.read.defaultAdmin(), stranger);
      assert.equal(await marketplace.read.hasRole([ROLES.DEFAULT_ADMIN_ROLE, accounts.admin.account.address]), false);
    });

    it("attack: the minter certifies an escrowed learner — refund closes, but escrow is not released early", async function () {
      const { accounts, marketplace, mp, cert } = await load();
      const buyer = accounts.buyer.account.address;
      await (
        await mp(accounts.buyer)
      ).write.purchase([NATIVE_COURSE, buyer, NATIVE, NATIVE_PRICE, 0], {
        value: NATIVE_PRICE,
      });
      await (await cert(accounts.minter)).write.mint([buyer, NATIVE_COURSE, ...cidParts("x")]);
      await viem.assertions.revertWithCustomError(
        (await mp(accounts.minter)).write.release([buyer, NATIVE_COURSE]),
        marketplace,
        "CourseMarketplaceRefundWindowOpen",
      );
      // releaseMany skips pairs that are not releasable: nothing moves
      await (await mp(accounts.minter)).write.releaseMany([[buyer], [NATIVE_COURSE]]);
      assert.equal((await marketplace.read.purchaseOf([buyer, NATIVE_COURSE])).status, 1);
      assert.equal(await marketplace.read.withdrawableOf([NATIVE, accounts.provider.account.address]), 0n);
    });
  });

  describe("§1.4 payouts in batches", function () {
    it("releaseMany releases matured sales of several payees and tokens, skips the rest, credits exactly", async function () {
      const { accounts, marketplace, mp, esn, esnToken, publicClient } = await load();
      const catalog = await mp(accounts.catalog);
      const provider = getAddress(accounts.provider.account.address);
      const second = getAddress(accounts.learner.account.address);
      const buyer = accounts.buyer.account.address;
      const courses = Array.from({ length: 6 }, (_, i) => courseIdToBytes32(`batch-${i}`));
      for (const [i, c] of courses.entries()) {
        await catalog.write.setListing([c, NATIVE, i < 4 ? provider : second, NATIVE_PRICE, 3600, true]);
        await (
          await mp(accounts.buyer)
        ).write.purchase([c, buyer, NATIVE, NATIVE_PRICE, 3600], {
          value: NATIVE_PRICE,
        });
      }
      await (await esn(accounts.buyer)).write.approve([marketplace.address, TOKEN_PRICE]);
      await (await mp(accounts.buyer)).write.purchase([TOKEN_COURSE, buyer, esnToken.address, TOKEN_PRICE, 0]);
      await (await mp(accounts.buyer)).write.refund([courses[5]!]); // refunded: skipped
      await networkHelpers.time.increase(3600n);
      // a purchase still in its window: skipped
      const young = courseIdToBytes32("young");
      await catalog.write.setListing([young, NATIVE, provider, NATIVE_PRICE, Number(30n * DAY), true]);
      await (await mp(accounts.buyer)).write.purchase([young, buyer, NATIVE, NATIVE_PRICE, 0], { value: NATIVE_PRICE });
      await networkHelpers.time.increase(8n * DAY); // ESN purchase (7-day window) matures, young does not
      const pairs = [...courses, TOKEN_COURSE, young];
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await mp(accounts.stranger)).write.releaseMany([[buyer], pairs]),
        marketplace,
        "CourseMarketplaceLengthMismatch",
        [1n, BigInt(pairs.length)],
      );
      const hash = await (await mp(accounts.stranger)).write.releaseMany([pairs.map(() => buyer), pairs]);
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      const released = parseEventLogs({ abi: marketplace.abi, logs: receipt.logs, eventName: "PurchaseReleased" });
      assert.equal(released.length, 6); // 5 native (one refunded) + 1 ESN; young skipped
      assert.equal(await marketplace.read.withdrawableOf([NATIVE, provider]), 4n * (NATIVE_PRICE - FEE));
      assert.equal(await marketplace.read.withdrawableOf([NATIVE, second]), NATIVE_PRICE - FEE);
      assert.equal(await marketplace.read.withdrawableOf([esnToken.address, provider]), (TOKEN_PRICE * 9n) / 10n);
      const treasury = accounts.treasury.account.address;
      assert.equal(await marketplace.read.withdrawableOf([NATIVE, treasury]), 5n * FEE);
      assert.equal((await marketplace.read.purchaseOf([buyer, young])).status, 1);
      // a second batch over the same pairs releases nothing and changes nothing
      const again = await publicClient.waitForTransactionReceipt({
        hash: await (await mp(accounts.stranger)).write.releaseMany([pairs.map(() => buyer), pairs]),
      });
      assert.equal(parseEventLogs({ abi: marketplace.abi, logs: again.logs, eventName: "PurchaseReleased" }).length, 0);
      assert.equal(await marketplace.read.withdrawableOf([NATIVE, provider]), 4n * (NATIVE_PRICE - FEE));
      const balance = await publicClient.getBalance({ address: marketplace.address });
      assert.equal(balance, 5n * NATIVE_PRICE + NATIVE_PRICE /* young */ + NATIVE_PRICE /* refund credit */);
    });
  });
});
