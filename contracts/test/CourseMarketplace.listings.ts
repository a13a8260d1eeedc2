import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { getAddress, parseEther, parseEventLogs, zeroAddress } from "viem";

import { courseIdToBytes32 } from "../src/courseId.ts";
import {
  DAY,
  deployPlatform,
  NATIVE,
  NATIVE_COURSE,
  NATIVE_PRICE,
  TOKEN_COURSE,
  TOKEN_PRICE,
} from "./helpers/fixture.ts";

/** Listings keyed by (courseId, token): one course priced in the native coin and ESN at once. */
describe("CourseMarketplace listings", async function () {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;
  const fixture = () => deployPlatform(connection);
  const load = () => networkHelpers.loadFixture(fixture);

  describe("setListing", function () {
    it("lets the catalog create a course's first listing; emits CourseProviderSet and ListingSet", async function () {
      const { mp, marketplace, accounts } = await load();
      const course = courseIdToBytes32("first-listing");
      const provider = getAddress(accounts.provider.account.address);
      const catalog = getAddress(accounts.catalog.account.address);
      const tx = (await mp(accounts.catalog)).write.setListing([course, NATIVE, provider, 5n, 3600, true]);
      await viem.assertions.emitWithArgs(tx, marketplace, "CourseProviderSet", [course, zeroAddress, provider, 0]);
      await viem.assertions.emitWithArgs(tx, marketplace, "ListingSet", [
        course,
        NATIVE,
        provider,
        catalog,
        5n,
        3600,
        true,
      ]);
      assert.deepEqual(await marketplace.read.listingOf([course, NATIVE]), {
        provider,
        refundWindow: 3600,
        active: true,
        token: NATIVE,
        price: 5n,
      });
      assert.equal(await marketplace.read.providerOf([course]), provider);
    });

    it("does not let anyone but the catalog create a course's first listing (no course-id squatting)", async function () {
      const { mp, marketplace, accounts } = await load();
      const course = courseIdToBytes32("squat");
      for (const wallet of [accounts.provider, accounts.stranger]) {
        // neither for itself nor naming another provider
        for (const payout of [wallet.account.address, accounts.provider.account.address]) {
          await viem.assertions.revertWithCustomErrorWithArgs(
            (await mp(wallet)).write.setListing([course, NATIVE, payout, 1n, 0, true]),
            marketplace,
            "CourseMarketplaceUnauthorizedListing",
            [course, getAddress(wallet.account.address)],
          );
        }
      }
      assert.equal(await marketplace.read.providerOf([course]), zeroAddress);
    });

    it("prices one course in the native coin and ESN; the provider may add and change any token's listing", async function () {
      const { mp, marketplace, esnToken, accounts, publicClient } = await load();
      const provider = getAddress(accounts.provider.account.address);
      const esn = getAddress(esnToken.address);
      // NATIVE_COURSE was listed in the native coin by the catalog; its provider adds ESN itself
      const tx = (await mp(accounts.provider)).write.setListing([NATIVE_COURSE, esn, provider, TOKEN_PRICE, 0, true]);
      await viem.assertions.emitWithArgs(tx, marketplace, "ListingSet", [
        NATIVE_COURSE,
        esn,
        provider,
        provider,
        TOKEN_PRICE,
        0,
        true,
      ]);
      // the provider did not change: no CourseProviderSet
      const receipt = await publicClient.waitForTransactionReceipt({ hash: await tx });
      const providerEvents = parseEventLogs({
        abi: marketplace.abi,
        logs: receipt.logs,
        eventName: "CourseProviderSet",
      });
      assert.equal(providerEvents.length, 0);
      assert.deepEqual(await marketplace.read.listingOf([NATIVE_COURSE, esn]), {
        provider,
        refundWindow: 0,
        active: true,
        token: esn,
        price: TOKEN_PRICE,
      });
      // the native listing is untouched
      assert.deepEqual(await marketplace.read.listingOf([NATIVE_COURSE, NATIVE]), {
        provider,
        refundWindow: Number(14n * DAY),
        active: true,
        token: NATIVE,
        price: NATIVE_PRICE,
      });
      // the provider deactivates the native listing only
      await (await mp(accounts.provider)).write.setListing([NATIVE_COURSE, NATIVE, provider, NATIVE_PRICE, 0, false]);
      assert.equal((await marketplace.read.listingOf([NATIVE_COURSE, NATIVE])).active, false);
      assert.equal((await marketplace.read.listingOf([NATIVE_COURSE, esn])).active, true);
    });

    it("lets no other provider touch any token's listing of a course it does not own", async function () {
      const { mp, marketplace, esnToken, accounts } = await load();
      // the catalog lists a second course for another provider (the stranger account)
      const other = courseIdToBytes32("other-provider");
      const otherProvider = accounts.stranger.account.address;
      await (await mp(accounts.catalog)).write.setListing([other, NATIVE, otherProvider, 1n, 0, true]);
      const m = await mp(accounts.provider);
      const self = accounts.provider.account.address;
      for (const [course, token] of [
        [other, NATIVE], // change the existing listing
        [other, esnToken.address], // add a listing in a token the course has none in yet
      ] as const) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          m.write.setListing([course, token, self, 1n, 0, true]),
          marketplace,
          "CourseMarketplaceUnauthorizedListing",
          [course, getAddress(self)],
        );
      }
      // and the other provider cannot touch the provider's course either
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await mp(accounts.stranger)).write.setListing([TOKEN_COURSE, NATIVE, otherProvider, 1n, 0, true]),
        marketplace,
        "CourseMarketplaceUnauthorizedListing",
        [TOKEN_COURSE, getAddress(otherProvider)],
      );
      assert.equal(await marketplace.read.providerOf([other]), getAddress(otherProvider));
      assert.equal(await marketplace.read.providerOf([TOKEN_COURSE]), getAddress(self));
    });

    it("rotates the course's provider for all tokens only with the provider's consent; the catalog cannot", async function () {
      const { mp, marketplace, esnToken, accounts } = await load();
      const old = getAddress(accounts.provider.account.address);
      const rotated = getAddress(accounts.learner.account.address);
      await (await mp(accounts.provider)).write.setListing([NATIVE_COURSE, esnToken.address, old, 7n, 0, true]);
      await viem.assertions.emitWithArgs(
        (await mp(accounts.provider)).write.setListing([NATIVE_COURSE, NATIVE, rotated, 2n, 0, true]),
        marketplace,
        "CourseProviderSet",
        [NATIVE_COURSE, old, rotated, 1],
      );
      assert.equal((await marketplace.read.listingOf([NATIVE_COURSE, esnToken.address])).provider, rotated);
      assert.equal(await marketplace.read.payeeEpochOf([NATIVE_COURSE]), 1);
      assert.equal(await marketplace.read.payeeAt([NATIVE_COURSE, 0]), old);
      assert.equal(await marketplace.read.payeeAt([NATIVE_COURSE, 1]), rotated);
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await mp(accounts.provider)).write.setListing([NATIVE_COURSE, esnToken.address, old, 3n, 0, true]),
        marketplace,
        "CourseMarketplaceUnauthorizedListing",
        [NATIVE_COURSE, old],
      );
      await (await mp(accounts.learner)).write.setListing([NATIVE_COURSE, esnToken.address, rotated, 3n, 0, true]);
      // the catalog key changes terms for the platform, but can never move the payout address
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await mp(accounts.catalog)).write.setListing([NATIVE_COURSE, NATIVE, old, 4n, 60, true]),
        marketplace,
        "CourseMarketplaceProviderConsentRequired",
        [NATIVE_COURSE, rotated],
      );
      await (await mp(accounts.catalog)).write.setListing([NATIVE_COURSE, NATIVE, rotated, 4n, 60, true]);
      assert.equal(await marketplace.read.providerOf([NATIVE_COURSE]), rotated);
      assert.equal((await marketplace.read.listingOf([NATIVE_COURSE, esnToken.address])).price, 3n);
    });

    it("validates provider, refund window, price and token", async function () {
      const { mp, marketplace, accounts } = await load();
      const c = await mp(accounts.catalog);
      const course = courseIdToBytes32("validation");
      const p = accounts.provider.account.address;
      await viem.assertions.revertWithCustomError(
        c.write.setListing([course, NATIVE, zeroAddress, 1n, 0, true]),
        marketplace,
        "CourseMarketplaceZeroAddress",
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        c.write.setListing([course, NATIVE, p, 1n, Number(30n * DAY) + 1, true]),
        marketplace,
        "CourseMarketplaceRefundWindowTooLong",
        [Number(30n * DAY) + 1, Number(30n * DAY)],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        c.write.setListing([course, NATIVE, p, 0n, 0, true]),
        marketplace,
        "CourseMarketplaceZeroPrice",
        [course, NATIVE],
      );
      const other = getAddress(accounts.stranger.account.address);
      await viem.assertions.revertWithCustomErrorWithArgs(
        c.write.setListing([course, other, p, 1n, 0, true]),
        marketplace,
        "CourseMarketplaceTokenNotAllowed",
        [other],
      );
      // inactive listings may carry a zero price and a non-allow-listed token
      await c.write.setListing([course, other, p, 0n, Number(30n * DAY), false]);
      assert.equal((await marketplace.read.listingOf([course, other])).active, false);
      assert.equal((await marketplace.read.listingOf([course, NATIVE])).price, 0n);
    });
  });

  describe("purchase with two listings", function () {
    async function listedTwice() {
      const platform = await load();
      const { mp, esnToken, accounts } = platform;
      await (
        await mp(accounts.catalog)
      ).write.setListing([
        NATIVE_COURSE,
        esnToken.address,
        accounts.provider.account.address,
        TOKEN_PRICE,
        Number(DAY),
        true,
      ]);
      return platform;
    }

    it("charges the price and refund window of the chosen token", async function () {
      const { mp, esn, marketplace, esnToken, accounts } = await listedTwice();
      const buyer = accounts.buyer.account.address;
      const learner = accounts.learner.account.address;
      await (
        await mp(accounts.buyer)
      ).write.purchase([NATIVE_COURSE, buyer, NATIVE, NATIVE_PRICE, 0], {
        value: NATIVE_PRICE,
      });
      const native = await marketplace.read.purchaseOf([buyer, NATIVE_COURSE]);
      assert.equal(native.amount, NATIVE_PRICE);
      assert.equal(native.token, NATIVE);
      assert.equal(BigInt(native.refundDeadline), BigInt(await networkHelpers.time.latest()) + 14n * DAY);

      await (await esn(accounts.learner)).write.approve([marketplace.address, TOKEN_PRICE]);
      await (await mp(accounts.learner)).write.purchase([NATIVE_COURSE, learner, esnToken.address, TOKEN_PRICE, 0]);
      const erc20 = await marketplace.read.purchaseOf([learner, NATIVE_COURSE]);
      assert.equal(erc20.amount, TOKEN_PRICE);
      assert.equal(erc20.token, getAddress(esnToken.address));
      assert.equal(BigInt(erc20.refundDeadline), BigInt(await networkHelpers.time.latest()) + DAY);
      assert.equal(await esnToken.read.balanceOf([marketplace.address]), TOKEN_PRICE);

      // maxPrice is compared with the chosen token's price (ESN price > native price here)
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await mp(accounts.stranger)).write.purchase([
          NATIVE_COURSE,
          accounts.stranger.account.address,
          esnToken.address,
          NATIVE_PRICE,
          0,
        ]),
        marketplace,
        "CourseMarketplacePriceAboveMax",
        [NATIVE_COURSE, getAddress(esnToken.address), TOKEN_PRICE, NATIVE_PRICE],
      );
    });

    it("allows one active purchase per learner and course, whatever the token", async function () {
      const { mp, esn, marketplace, esnToken, accounts } = await listedTwice();
      const buyer = accounts.buyer.account.address;
      await (await esn(accounts.buyer)).write.approve([marketplace.address, TOKEN_PRICE]);
      await (await mp(accounts.buyer)).write.purchase([NATIVE_COURSE, buyer, esnToken.address, TOKEN_PRICE, 0]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await mp(accounts.buyer)).write.purchase([NATIVE_COURSE, buyer, NATIVE, NATIVE_PRICE, 0], {
          value: NATIVE_PRICE,
        }),
        marketplace,
        "CourseMarketplaceAlreadyPurchased",
        [NATIVE_COURSE, getAddress(buyer), 1n],
      );
      // after a refund the learner may buy again, now in the other token
      await (await mp(accounts.buyer)).write.refund([NATIVE_COURSE]);
      await (
        await mp(accounts.buyer)
      ).write.purchase([NATIVE_COURSE, buyer, NATIVE, NATIVE_PRICE, 0], {
        value: NATIVE_PRICE,
      });
      assert.equal(await marketplace.read.hasAccess([buyer, NATIVE_COURSE]), true);
      assert.equal((await marketplace.read.purchaseOf([buyer, NATIVE_COURSE])).id, 2);
    });

    it("rejects an inactive listing of one token while the other token still sells", async function () {
      const { mp, esn, marketplace, esnToken, accounts } = await listedTwice();
      const provider = accounts.provider.account.address;
      await (await mp(accounts.provider)).write.setListing([NATIVE_COURSE, NATIVE, provider, NATIVE_PRICE, 0, false]);
      const buyer = accounts.buyer.account.address;
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await mp(accounts.buyer)).write.purchase([NATIVE_COURSE, buyer, NATIVE, NATIVE_PRICE, 0], {
          value: NATIVE_PRICE,
        }),
        marketplace,
        "CourseMarketplaceListingInactive",
        [NATIVE_COURSE, NATIVE],
      );
      await (await esn(accounts.buyer)).write.approve([marketplace.address, TOKEN_PRICE]);
      await (await mp(accounts.buyer)).write.purchase([NATIVE_COURSE, buyer, esnToken.address, TOKEN_PRICE, 0]);
      assert.equal(await marketplace.read.hasAccess([buyer, NATIVE_COURSE]), true);
    });

    it("releases each purchase in its own token to the payee bound at purchase, not the rotated one", async function () {
      const { mp, esn, marketplace, esnToken, accounts } = await listedTwice();
      const buyer = accounts.buyer.account.address;
      const learner = accounts.learner.account.address;
      await (
        await mp(accounts.buyer)
      ).write.purchase([NATIVE_COURSE, buyer, NATIVE, NATIVE_PRICE, 0], {
        value: NATIVE_PRICE,
      });
      await (await esn(accounts.learner)).write.approve([marketplace.address, TOKEN_PRICE]);
      await (await mp(accounts.learner)).write.purchase([NATIVE_COURSE, learner, esnToken.address, TOKEN_PRICE, 0]);
      // the provider rotates its payout address while both purchases are in escrow
      const payout = getAddress(accounts.stranger.account.address);
      await (await mp(accounts.provider)).write.setListing([NATIVE_COURSE, NATIVE, payout, NATIVE_PRICE, 0, true]);
      await networkHelpers.time.increase(15n * DAY);
      await (await mp(accounts.admin)).write.release([buyer, NATIVE_COURSE]);
      await (await mp(accounts.admin)).write.release([learner, NATIVE_COURSE]);
      const nativeFee = NATIVE_PRICE / 10n;
      const tokenFee = TOKEN_PRICE / 10n;
      assert.equal(await marketplace.read.withdrawableOf([NATIVE, payout]), 0n);
      assert.equal(await marketplace.read.withdrawableOf([esnToken.address, payout]), 0n);
      const old = accounts.provider.account.address;
      assert.equal(await marketplace.read.withdrawableOf([NATIVE, old]), NATIVE_PRICE - nativeFee);
      assert.equal(await marketplace.read.withdrawableOf([esnToken.address, old]), TOKEN_PRICE - tokenFee);
      assert.equal(tokenFee, parseEther("5"));
    });
  });
});
