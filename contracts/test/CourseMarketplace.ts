import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { encodeFunctionData, getAddress, keccak256, parseEventLogs, toHex, zeroAddress, zeroHash } from "viem";

import { ROLES } from "../ignition/modules/platform.ts";
import { courseIdToBytes32 } from "../src/courseId.ts";
import { cidParts } from "./helpers/cid.ts";
import {
  DAY,
  deployPlatform,
  FEE_BPS,
  NATIVE,
  NATIVE_COURSE,
  NATIVE_PRICE,
  signPermit,
  TOKEN_COURSE,
  TOKEN_PRICE,
} from "./helpers/fixture.ts";

/** Payee bound to purchases of the fixture's courses (the fixture's provider, account 5). */
let PAYEE: `0x${string}`;

const Status = { None: 0, Escrowed: 1, Refunded: 2, Released: 3, Card: 4, CardRevoked: 5 } as const;

describe("CourseMarketplace", async function () {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;
  const fixture = () => deployPlatform(connection);
  const load = async () => {
    const platform = await networkHelpers.loadFixture(fixture);
    PAYEE = getAddress(platform.accounts.provider.account.address);
    return platform;
  };

  describe("deployment", function () {
    it("sets roles, treasury, fee, certificate and allow-lists ESN", async function () {
      const { marketplace, esnToken, certificate, accounts } = await load();
      assert.equal(await marketplace.read.hasRole([ROLES.DEFAULT_ADMIN_ROLE, accounts.admin.account.address]), true);
      assert.equal(await marketplace.read.hasRole([ROLES.PAUSER_ROLE, accounts.admin.account.address]), true);
      assert.equal(await marketplace.read.hasRole([ROLES.CATALOG_ROLE, accounts.catalog.account.address]), true);
      assert.equal(await marketplace.read.hasRole([ROLES.PAYMENT_ORACLE_ROLE, accounts.oracle.account.address]), true);
      assert.equal(await marketplace.read.CATALOG_ROLE(), ROLES.CATALOG_ROLE);
      assert.equal(await marketplace.read.PAYMENT_ORACLE_ROLE(), ROLES.PAYMENT_ORACLE_ROLE);
      assert.equal(await marketplace.read.PAUSER_ROLE(), ROLES.PAUSER_ROLE);
      assert.equal(await marketplace.read.treasury(), getAddress(accounts.treasury.account.address));
      assert.equal(BigInt(await marketplace.read.platformFeeBps()), FEE_BPS);
      assert.equal(await marketplace.read.certificate(), getAddress(certificate.address));
      assert.equal(await marketplace.read.isTokenAllowed([esnToken.address]), true);
      assert.equal(await marketplace.read.MAX_REFUND_WINDOW(), 30 * 24 * 60 * 60);
      assert.equal(await marketplace.read.MAX_FEE_BPS(), 3000);
      assert.equal(await marketplace.read.BPS_DENOMINATOR(), 10000);
    });

    it("rejects zero addresses and excessive fees in the constructor", async function () {
      const { marketplace, certificate } = await load();
      const a = (await viem.getWalletClients())[0]!.account.address;
      await viem.assertions.revertWithCustomErrorWithArgs(
        viem.deployContract("CourseMarketplace", [zeroAddress, 0, a, 0, zeroAddress, certificate.address]),
        marketplace,
        "AccessControlInvalidDefaultAdmin",
        [zeroAddress],
      );
      await viem.assertions.revertWithCustomError(
        viem.deployContract("CourseMarketplace", [a, 0, a, 0, zeroAddress, zeroAddress]),
        marketplace,
        "CourseMarketplaceZeroAddress",
      );
      await viem.assertions.revertWithCustomError(
        viem.deployContract("CourseMarketplace", [a, 0, zeroAddress, 0, zeroAddress, certificate.address]),
        marketplace,
        "CourseMarketplaceZeroAddress",
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        viem.deployContract("CourseMarketplace", [a, 0, a, 3001, zeroAddress, certificate.address]),
        marketplace,
        "CourseMarketplaceFeeTooHigh",
        [3001, 3000],
      );
      const noToken = await viem.deployContract("CourseMarketplace", [a, 0, a, 0, zeroAddress, certificate.address]);
      assert.equal(await noToken.read.isTokenAllowed([zeroAddress]), false);
    });
  });

  describe("purchase (native coin)", function () {
    it("escrows the exact price, records the purchase and grants access", async function () {
      const { mp, marketplace, accounts, publicClient } = await load();
      const buyer = accounts.buyer.account.address;
      const m = await mp(accounts.buyer);
      const hash = await m.write.purchase([NATIVE_COURSE, buyer, NATIVE, NATIVE_PRICE, 0], { value: NATIVE_PRICE });
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      const block = await publicClient.getBlock({ blockNumber: receipt.blockNumber });
      const deadline = block.timestamp + 14n * DAY;
      await viem.assertions.emitWithArgs(Promise.resolve(hash), marketplace, "PurchaseRecorded", [
        1n,
        NATIVE_COURSE,
        getAddress(buyer),
        getAddress(buyer),
        NATIVE,
        NATIVE_PRICE,
        deadline,
        PAYEE,
      ]);
      assert.equal(await publicClient.getBalance({ address: marketplace.address }), NATIVE_PRICE);
      assert.deepEqual(await marketplace.read.purchaseOf([buyer, NATIVE_COURSE]), {
        token: NATIVE,
        refundDeadline: Number(deadline),
        status: Status.Escrowed,
        feeBps: Number(FEE_BPS),
        id: 1,
        buyer: getAddress(buyer),
        amount: NATIVE_PRICE,
        payee: PAYEE,
      });
      assert.equal(await marketplace.read.hasAccess([buyer, NATIVE_COURSE]), true);
      assert.equal(await marketplace.read.purchaseCount(), 1n);
    });

    it("rejects any msg.value other than the price", async function () {
      const { mp, marketplace, accounts } = await load();
      const buyer = accounts.buyer.account.address;
      const m = await mp(accounts.buyer);
      for (const value of [NATIVE_PRICE - 1n, NATIVE_PRICE + 1n, 0n]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          m.write.purchase([NATIVE_COURSE, buyer, NATIVE, NATIVE_PRICE * 2n, 0], { value }),
          marketplace,
          "CourseMarketplaceIncorrectPayment",
          [NATIVE_COURSE, NATIVE_PRICE, value],
        );
      }
    });

    it("reverts when the price exceeds maxPrice (front-running guard)", async function () {
      const { mp, marketplace, accounts } = await load();
      const buyer = accounts.buyer.account.address;
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await mp(accounts.buyer)).write.purchase([NATIVE_COURSE, buyer, NATIVE, NATIVE_PRICE - 1n, 0], {
          value: NATIVE_PRICE,
        }),
        marketplace,
        "CourseMarketplacePriceAboveMax",
        [NATIVE_COURSE, NATIVE, NATIVE_PRICE, NATIVE_PRICE - 1n],
      );
    });

    it("reverts on unknown courses, tokens the course is not listed in, and a zero learner", async function () {
      const { mp, marketplace, accounts, esnToken } = await load();
      const m = await mp(accounts.buyer);
      const buyer = accounts.buyer.account.address;
      const unknown = courseIdToBytes32("unknown");
      await viem.assertions.revertWithCustomErrorWithArgs(
        m.write.purchase([unknown, buyer, NATIVE, NATIVE_PRICE, 0], { value: NATIVE_PRICE }),
        marketplace,
        "CourseMarketplaceListingInactive",
        [unknown, NATIVE],
      );
      // NATIVE_COURSE is listed in the native coin only: ESN has no listing for it
      await viem.assertions.revertWithCustomErrorWithArgs(
        m.write.purchase([NATIVE_COURSE, buyer, esnToken.address, NATIVE_PRICE, 0]),
        marketplace,
        "CourseMarketplaceListingInactive",
        [NATIVE_COURSE, getAddress(esnToken.address)],
      );
      await viem.assertions.revertWithCustomError(
        m.write.purchase([NATIVE_COURSE, zeroAddress, NATIVE, NATIVE_PRICE, 0], { value: NATIVE_PRICE }),
        marketplace,
        "CourseMarketplaceZeroAddress",
      );
    });

    it("supports gifts and rejects a second active purchase by the same learner", async function () {
      const { mp, marketplace, accounts } = await load();
      const learner = accounts.learner.account.address;
      await viem.assertions.emitWithArgs(
        (await mp(accounts.buyer)).write.purchase([NATIVE_COURSE, learner, NATIVE, NATIVE_PRICE, 0], {
          value: NATIVE_PRICE,
        }),
        marketplace,
        "PurchaseRecorded",
        [
          1n,
          NATIVE_COURSE,
          getAddress(learner),
          getAddress(accounts.buyer.account.address),
          NATIVE,
          NATIVE_PRICE,
          (deadline: bigint) => deadline > 0n,
          PAYEE,
        ],
      );
      assert.equal(await marketplace.read.hasAccess([learner, NATIVE_COURSE]), true);
      assert.equal(await marketplace.read.hasAccess([accounts.buyer.account.address, NATIVE_COURSE]), false);
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await mp(accounts.learner)).write.purchase([NATIVE_COURSE, learner, NATIVE, NATIVE_PRICE, 0], {
          value: NATIVE_PRICE,
        }),
        marketplace,
        "CourseMarketplaceAlreadyPurchased",
        [NATIVE_COURSE, getAddress(learner), 1n],
      );
    });

    it("is blocked while paused and works again after unpause", async function () {
      const { mp, marketplace, accounts } = await load();
      const admin = await mp(accounts.admin);
      await viem.assertions.emitWithArgs(admin.write.pause(), marketplace, "Paused", [
        getAddress(accounts.admin.account.address),
      ]);
      const buyer = accounts.buyer.account.address;
      const m = await mp(accounts.buyer);
      await viem.assertions.revertWithCustomError(
        m.write.purchase([NATIVE_COURSE, buyer, NATIVE, NATIVE_PRICE, 0], { value: NATIVE_PRICE }),
        marketplace,
        "EnforcedPause",
      );
      await viem.assertions.revertWithCustomError(
        m.write.purchaseWithPermit([TOKEN_COURSE, buyer, NATIVE, 0n, 0, 0n, 27, zeroHash, zeroHash]),
        marketplace,
        "EnforcedPause",
      );
      await viem.assertions.revertWithCustomError(admin.write.pause(), marketplace, "EnforcedPause");
      await viem.assertions.revertWithCustomErrorWithArgs(
        m.write.pause(),
        marketplace,
        "AccessControlUnauthorizedAccount",
        [getAddress(buyer), ROLES.PAUSER_ROLE],
      );
      await viem.assertions.emitWithArgs(admin.write.unpause(), marketplace, "Unpaused", [
        getAddress(accounts.admin.account.address),
      ]);
      await viem.assertions.revertWithCustomError(admin.write.unpause(), marketplace, "ExpectedPause");
      await m.write.purchase([NATIVE_COURSE, buyer, NATIVE, NATIVE_PRICE, 0], { value: NATIVE_PRICE });
      assert.equal(await marketplace.read.paused(), false);
    });
  });

  describe("purchase (ERC-20)", function () {
    it("pulls the price after approval and escrows it", async function () {
      const { mp, esn, marketplace, esnToken, accounts } = await load();
      const buyer = accounts.buyer.account.address;
      await (await esn(accounts.buyer)).write.approve([marketplace.address, TOKEN_PRICE]);
      const before = await esnToken.read.balanceOf([buyer]);
      await viem.assertions.emitWithArgs(
        (await mp(accounts.buyer)).write.purchase([TOKEN_COURSE, buyer, esnToken.address, TOKEN_PRICE, 0]),
        marketplace,
        "PurchaseRecorded",
        [
          1n,
          TOKEN_COURSE,
          getAddress(buyer),
          getAddress(buyer),
          getAddress(esnToken.address),
          TOKEN_PRICE,
          (d: bigint) => d > 0n,
          PAYEE,
        ],
      );
      assert.equal(await esnToken.read.balanceOf([buyer]), before - TOKEN_PRICE);
      assert.equal(await esnToken.read.balanceOf([marketplace.address]), TOKEN_PRICE);
    });

    it("rejects native value on ERC-20 listings and missing allowance", async function () {
      const { mp, marketplace, esnToken, accounts } = await load();
      const buyer = accounts.buyer.account.address;
      const m = await mp(accounts.buyer);
      await viem.assertions.revertWithCustomErrorWithArgs(
        m.write.purchase([TOKEN_COURSE, buyer, esnToken.address, TOKEN_PRICE, 0], { value: 1n }),
        marketplace,
        "CourseMarketplaceIncorrectPayment",
        [TOKEN_COURSE, 0n, 1n],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        m.write.purchase([TOKEN_COURSE, buyer, esnToken.address, TOKEN_PRICE, 0]),
        esnToken,
        "ERC20InsufficientAllowance",
        [getAddress(marketplace.address), 0n, TOKEN_PRICE],
      );
    });

    it("buys with an EIP-2612 permit in one transaction", async function () {
      const { mp, marketplace, esnToken, accounts } = await load();
      const buyer = accounts.buyer.account.address;
      const deadline = BigInt(await networkHelpers.time.latest()) + 3600n;
      const { v, r, s } = await signPermit(viem, esnToken, accounts.buyer, marketplace.address, TOKEN_PRICE, deadline);
      await viem.assertions.emit(
        (await mp(accounts.buyer)).write.purchaseWithPermit([
          TOKEN_COURSE,
          buyer,
          esnToken.address,
          TOKEN_PRICE,
          0,
          deadline,
          v,
          r,
          s,
        ]),
        marketplace,
        "PurchaseRecorded",
      );
      assert.equal(await esnToken.read.balanceOf([marketplace.address]), TOKEN_PRICE);
      assert.equal(await esnToken.read.nonces([buyer]), 1n);
    });

    it("still buys when the permit was front-run, and fails without allowance", async function () {
      const { mp, marketplace, esnToken, accounts } = await load();
      const buyer = accounts.buyer.account.address;
      const deadline = BigInt(await networkHelpers.time.latest()) + 3600n;
      const { v, r, s } = await signPermit(viem, esnToken, accounts.buyer, marketplace.address, TOKEN_PRICE, deadline);
      // a front-runner submits the permit first
      await esnToken.write.permit([buyer, marketplace.address, TOKEN_PRICE, deadline, v, r, s]);
      const m = await mp(accounts.buyer);
      await m.write.purchaseWithPermit([TOKEN_COURSE, buyer, esnToken.address, TOKEN_PRICE, 0, deadline, v, r, s]);
      assert.equal(await marketplace.read.hasAccess([buyer, TOKEN_COURSE]), true);
      // a garbage permit with no allowance: the token rejects the transfer
      const learner = accounts.learner.account.address;
      await viem.assertions.revertWithCustomError(
        (await mp(accounts.learner)).write.purchaseWithPermit([
          TOKEN_COURSE,
          learner,
          esnToken.address,
          TOKEN_PRICE,
          0,
          deadline,
          v,
          r,
          s,
        ]),
        esnToken,
        "ERC20InsufficientAllowance",
      );
      // purchaseWithPermit on a native listing (token 0) skips the permit and then fails the value check
      await viem.assertions.revertWithCustomErrorWithArgs(
        m.write.purchaseWithPermit([NATIVE_COURSE, buyer, NATIVE, NATIVE_PRICE, 0, deadline, v, r, s]),
        marketplace,
        "CourseMarketplaceIncorrectPayment",
        [NATIVE_COURSE, NATIVE_PRICE, 0n],
      );
    });

    it("rejects tokens removed from the allow-list and fee-on-transfer tokens", async function () {
      const { mp, marketplace, esnToken, accounts } = await load();
      const admin = await mp(accounts.admin);
      const buyer = accounts.buyer.account.address;
      await viem.assertions.emitWithArgs(
        admin.write.setTokenAllowed([esnToken.address, false]),
        marketplace,
        "TokenAllowlistUpdated",
        [getAddress(esnToken.address), false],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await mp(accounts.buyer)).write.purchase([TOKEN_COURSE, buyer, esnToken.address, TOKEN_PRICE, 0]),
        marketplace,
        "CourseMarketplaceTokenNotAllowed",
        [getAddress(esnToken.address)],
      );

      const fot = await viem.deployContract("FeeOnTransferToken", [100n]);
      await admin.write.setTokenAllowed([fot.address, true]);
      const course = courseIdToBytes32("fot");
      await (
        await mp(accounts.catalog)
      ).write.setListing([course, fot.address, accounts.provider.account.address, 10_000n, 0, true]);
      await fot.write.approve([marketplace.address, 10_000n]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await mp(accounts.admin)).write.purchase([course, accounts.admin.account.address, fot.address, 10_000n, 0]),
        marketplace,
        "CourseMarketplaceTransferAmountMismatch",
        [getAddress(fot.address), 10_000n, 9_900n],
      );
    });
  });

  describe("refund", function () {
    it("credits the buyer before the deadline and ends access", async function () {
      const { mp, marketplace, accounts } = await load();
      const learner = accounts.learner.account.address;
      const buyer = accounts.buyer.account.address;
      await (
        await mp(accounts.buyer)
      ).write.purchase([NATIVE_COURSE, learner, NATIVE, NATIVE_PRICE, 0], {
        value: NATIVE_PRICE,
      });
      await viem.assertions.emitWithArgs(
        (await mp(accounts.learner)).write.refund([NATIVE_COURSE]),
        marketplace,
        "PurchaseRefunded",
        [1n, NATIVE_COURSE, getAddress(learner), getAddress(buyer), NATIVE, NATIVE_PRICE],
      );
      assert.equal(await marketplace.read.hasAccess([learner, NATIVE_COURSE]), false);
      assert.equal(await marketplace.read.withdrawableOf([NATIVE, buyer]), NATIVE_PRICE);
      assert.equal((await marketplace.read.purchaseOf([learner, NATIVE_COURSE])).status, Status.Refunded);
      // after a refund the learner may buy again (new purchase id)
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
          PAYEE,
        ],
      );
    });

    it("reverts without escrow, after the deadline and after certification", async function () {
      const { mp, esn, cert, marketplace, esnToken, accounts, certificate } = await load();
      const buyer = accounts.buyer.account.address;
      const m = await mp(accounts.buyer);
      await viem.assertions.revertWithCustomErrorWithArgs(
        m.write.refund([NATIVE_COURSE]),
        marketplace,
        "CourseMarketplaceNotEscrowed",
        [NATIVE_COURSE, getAddress(buyer)],
      );
      await m.write.purchase([NATIVE_COURSE, buyer, NATIVE, NATIVE_PRICE, 0], { value: NATIVE_PRICE });
      const { refundDeadline } = await marketplace.read.purchaseOf([buyer, NATIVE_COURSE]);
      await networkHelpers.time.increaseTo(refundDeadline);
      await viem.assertions.revertWithCustomErrorWithArgs(
        m.write.refund([NATIVE_COURSE]),
        marketplace,
        "CourseMarketplaceRefundWindowClosed",
        [NATIVE_COURSE, getAddress(buyer), BigInt(refundDeadline)],
      );

      // ERC-20 purchase, then a certificate closes the refund window early
      await (await esn(accounts.buyer)).write.approve([marketplace.address, TOKEN_PRICE]);
      await m.write.purchase([TOKEN_COURSE, buyer, esnToken.address, TOKEN_PRICE, 0]);
      await (await cert(accounts.minter)).write.mint([buyer, TOKEN_COURSE, ...cidParts("certificate")]);
      const tokenId = await certificate.read.certificateOf([buyer, TOKEN_COURSE]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        m.write.refund([TOKEN_COURSE]),
        marketplace,
        "CourseMarketplaceCertificateIssued",
        [TOKEN_COURSE, getAddress(buyer), tokenId],
      );
    });
  });

  describe("release and withdraw", function () {
    it("splits the escrow after the deadline; anyone may release; payees withdraw", async function () {
      const { mp, marketplace, accounts, publicClient } = await load();
      const buyer = accounts.buyer.account.address;
      const provider = accounts.provider.account.address;
      const treasury = accounts.treasury.account.address;
      await (
        await mp(accounts.buyer)
      ).write.purchase([NATIVE_COURSE, buyer, NATIVE, NATIVE_PRICE, 0], {
        value: NATIVE_PRICE,
      });
      const { refundDeadline } = await marketplace.read.purchaseOf([buyer, NATIVE_COURSE]);
      const stranger = await mp(accounts.stranger);
      await viem.assertions.revertWithCustomErrorWithArgs(
        stranger.write.release([buyer, NATIVE_COURSE]),
        marketplace,
        "CourseMarketplaceRefundWindowOpen",
        [NATIVE_COURSE, getAddress(buyer), BigInt(refundDeadline)],
      );
      await networkHelpers.time.increaseTo(refundDeadline);
      const fee = (NATIVE_PRICE * FEE_BPS) / 10_000n;
      await viem.assertions.emitWithArgs(
        stranger.write.release([buyer, NATIVE_COURSE]),
        marketplace,
        "PurchaseReleased",
        [
          1n,
          NATIVE_COURSE,
          getAddress(buyer),
          getAddress(provider),
          getAddress(treasury),
          NATIVE,
          NATIVE_PRICE - fee,
          fee,
        ],
      );
      assert.equal(await marketplace.read.hasAccess([buyer, NATIVE_COURSE]), true);
      assert.equal(await marketplace.read.withdrawableOf([NATIVE, provider]), NATIVE_PRICE - fee);
      assert.equal(await marketplace.read.withdrawableOf([NATIVE, treasury]), fee);
      await viem.assertions.revertWithCustomErrorWithArgs(
        stranger.write.release([buyer, NATIVE_COURSE]),
        marketplace,
        "CourseMarketplaceNotEscrowed",
        [NATIVE_COURSE, getAddress(buyer)],
      );

      await viem.assertions.balancesHaveChanged((await mp(accounts.provider)).write.withdraw([NATIVE]), [
        { address: marketplace.address, amount: -(NATIVE_PRICE - fee) },
      ]);
      await viem.assertions.emitWithArgs(
        (await mp(accounts.treasury)).write.withdraw([NATIVE]),
        marketplace,
        "Withdrawn",
        [getAddress(treasury), NATIVE, fee],
      );
      assert.equal(await publicClient.getBalance({ address: marketplace.address }), 0n);
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await mp(accounts.provider)).write.withdraw([NATIVE]),
        marketplace,
        "CourseMarketplaceNothingToWithdraw",
        [NATIVE, getAddress(provider)],
      );
    });

    it("never releases early (not even once certified); the fee is fixed at purchase, in ERC-20", async function () {
      const { mp, esn, cert, marketplace, esnToken, accounts } = await load();
      const buyer = accounts.buyer.account.address;
      const provider = accounts.provider.account.address;
      await (await esn(accounts.buyer)).write.approve([marketplace.address, TOKEN_PRICE]);
      await (await mp(accounts.buyer)).write.purchase([TOKEN_COURSE, buyer, esnToken.address, TOKEN_PRICE, 0]);
      // a fee change after the purchase does not apply to it
      await viem.assertions.emitWithArgs(
        (await mp(accounts.admin)).write.setPlatformFee([3000]),
        marketplace,
        "PlatformFeeUpdated",
        [1000, 3000],
      );
      await (await cert(accounts.minter)).write.mint([buyer, TOKEN_COURSE, ...cidParts("done")]);
      // The minter cannot shorten the escrow: a certificate closes the refund, not the refund window.
      const { refundDeadline } = await marketplace.read.purchaseOf([buyer, TOKEN_COURSE]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await mp(accounts.stranger)).write.release([buyer, TOKEN_COURSE]),
        marketplace,
        "CourseMarketplaceRefundWindowOpen",
        [TOKEN_COURSE, getAddress(buyer), BigInt(refundDeadline)],
      );
      await networkHelpers.time.increaseTo(refundDeadline);
      const fee = (TOKEN_PRICE * FEE_BPS) / 10_000n;
      await viem.assertions.emitWithArgs(
        (await mp(accounts.stranger)).write.release([buyer, TOKEN_COURSE]),
        marketplace,
        "PurchaseReleased",
        [
          1n,
          TOKEN_COURSE,
          getAddress(buyer),
          getAddress(provider),
          getAddress(accounts.treasury.account.address),
          getAddress(esnToken.address),
          TOKEN_PRICE - fee,
          fee,
        ],
      );
      const before = await esnToken.read.balanceOf([provider]);
      await (await mp(accounts.provider)).write.withdraw([esnToken.address]);
      assert.equal(await esnToken.read.balanceOf([provider]), before + TOKEN_PRICE - fee);
      assert.equal(await esnToken.read.balanceOf([marketplace.address]), fee);
    });
  });

  describe("card purchases", function () {
    it("records a card sale without funds, rejects reuse, and revokes it", async function () {
      const { mp, marketplace, accounts, publicClient } = await load();
      const learner = accounts.learner.account.address;
      const ref = keccak256(toHex("pi_3Nabc"));
      const oracle = await mp(accounts.oracle);
      const window = 14 * 86_400;
      const recordHash = await oracle.write.recordCardPurchase([NATIVE_COURSE, learner, ref, window]);
      const recorded = await publicClient.getTransactionReceipt({ hash: recordHash });
      const recordedAt = (await publicClient.getBlock({ blockNumber: recorded.blockNumber })).timestamp;
      const [log] = parseEventLogs({ abi: marketplace.abi, logs: recorded.logs, eventName: "CardPurchaseRecorded" });
      assert.deepEqual(log?.args, {
        purchaseId: 1n,
        courseId: NATIVE_COURSE,
        learner: getAddress(learner),
        paymentRef: ref,
        refundDeadline: recordedAt + BigInt(window),
      });
      // The card refund deadline is kept with the purchase, like an escrow deadline.
      const stored = await marketplace.read.purchaseOf([learner, NATIVE_COURSE]);
      assert.equal(BigInt(stored.refundDeadline), recordedAt + BigInt(window));
      assert.equal(stored.status, Status.Card);
      assert.equal(await publicClient.getBalance({ address: marketplace.address }), 0n);
      assert.equal(await marketplace.read.hasAccess([learner, NATIVE_COURSE]), true);
      assert.deepEqual(await marketplace.read.cardSaleOf([ref]), {
        learner: getAddress(learner),
        purchaseId: 1,
        revoked: false,
        courseId: NATIVE_COURSE,
      });
      await viem.assertions.revertWithCustomErrorWithArgs(
        oracle.write.recordCardPurchase([TOKEN_COURSE, learner, ref, 0]),
        marketplace,
        "CourseMarketplacePaymentRefUsed",
        [ref],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        oracle.write.recordCardPurchase([NATIVE_COURSE, learner, keccak256(toHex("pi_other")), 0]),
        marketplace,
        "CourseMarketplaceAlreadyPurchased",
        [NATIVE_COURSE, getAddress(learner), 1n],
      );
      // a crypto purchase on top of a card purchase is rejected too
      await viem.assertions.revertWithCustomError(
        (await mp(accounts.learner)).write.purchase([NATIVE_COURSE, learner, NATIVE, NATIVE_PRICE, 0], {
          value: NATIVE_PRICE,
        }),
        marketplace,
        "CourseMarketplaceAlreadyPurchased",
      );
      // card purchases are neither refundable nor releasable on-chain
      await viem.assertions.revertWithCustomError(
        (await mp(accounts.learner)).write.refund([NATIVE_COURSE]),
        marketplace,
        "CourseMarketplaceNotEscrowed",
      );
      await viem.assertions.emitWithArgs(oracle.write.revokeCardPurchase([ref]), marketplace, "CardPurchaseRevoked", [
        1n,
        NATIVE_COURSE,
        getAddress(learner),
        ref,
      ]);
      assert.equal(await marketplace.read.hasAccess([learner, NATIVE_COURSE]), false);
      assert.equal((await marketplace.read.purchaseOf([learner, NATIVE_COURSE])).status, Status.CardRevoked);
      await viem.assertions.revertWithCustomErrorWithArgs(
        oracle.write.revokeCardPurchase([ref]),
        marketplace,
        "CourseMarketplaceCardSaleAlreadyRevoked",
        [ref],
      );
      // a later card or crypto purchase is possible again
      await oracle.write.recordCardPurchase([NATIVE_COURSE, learner, keccak256(toHex("pi_again")), 0]);
      assert.equal(await marketplace.read.hasAccess([learner, NATIVE_COURSE]), true);
    });

    it("validates inputs and the oracle role", async function () {
      const { mp, marketplace, accounts } = await load();
      const learner = accounts.learner.account.address;
      const oracle = await mp(accounts.oracle);
      const ref = keccak256(toHex("pi_x"));
      await viem.assertions.revertWithCustomError(
        oracle.write.recordCardPurchase([NATIVE_COURSE, zeroAddress, ref, 0]),
        marketplace,
        "CourseMarketplaceZeroAddress",
      );
      await viem.assertions.revertWithCustomError(
        oracle.write.recordCardPurchase([NATIVE_COURSE, learner, zeroHash, 0]),
        marketplace,
        "CourseMarketplaceZeroPaymentRef",
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        oracle.write.recordCardPurchase([NATIVE_COURSE, learner, ref, 30 * 86_400 + 1]),
        marketplace,
        "CourseMarketplaceRefundWindowTooLong",
        [30 * 86_400 + 1, 30 * 86_400],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        oracle.write.revokeCardPurchase([ref]),
        marketplace,
        "CourseMarketplaceCardSaleNotFound",
        [ref],
      );
      const stranger = await mp(accounts.stranger);
      for (const call of [
        stranger.write.recordCardPurchase([NATIVE_COURSE, learner, ref, 0]),
        stranger.write.revokeCardPurchase([ref]),
      ]) {
        await viem.assertions.revertWithCustomErrorWithArgs(call, marketplace, "AccessControlUnauthorizedAccount", [
          getAddress(accounts.stranger.account.address),
          ROLES.PAYMENT_ORACLE_ROLE,
        ]);
      }
    });
  });

  describe("admin", function () {
    it("sets fee, treasury and allow-list with events; rejects invalid values and non-admins", async function () {
      const { mp, marketplace, accounts } = await load();
      const admin = await mp(accounts.admin);
      const newTreasury = getAddress(accounts.stranger.account.address);
      await viem.assertions.emitWithArgs(admin.write.setTreasury([newTreasury]), marketplace, "TreasuryUpdated", [
        getAddress(accounts.treasury.account.address),
        newTreasury,
      ]);
      assert.equal(await marketplace.read.treasury(), newTreasury);
      await viem.assertions.revertWithCustomError(
        admin.write.setTreasury([zeroAddress]),
        marketplace,
        "CourseMarketplaceZeroAddress",
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        admin.write.setPlatformFee([3001]),
        marketplace,
        "CourseMarketplaceFeeTooHigh",
        [3001, 3000],
      );
      await admin.write.setPlatformFee([0]);
      assert.equal(await marketplace.read.platformFeeBps(), 0);
      await viem.assertions.revertWithCustomError(
        admin.write.setTokenAllowed([zeroAddress, true]),
        marketplace,
        "CourseMarketplaceZeroAddress",
      );
      const stranger = await mp(accounts.stranger);
      const who = getAddress(accounts.stranger.account.address);
      for (const call of [
        stranger.write.setTreasury([who]),
        stranger.write.setPlatformFee([1]),
        stranger.write.setTokenAllowed([who, true]),
      ]) {
        await viem.assertions.revertWithCustomErrorWithArgs(call, marketplace, "AccessControlUnauthorizedAccount", [
          who,
          ROLES.DEFAULT_ADMIN_ROLE,
        ]);
      }
    });

    it("computes splitAmount with the fee rounded down", async function () {
      const { marketplace } = await load();
      assert.deepEqual(await marketplace.read.splitAmount([10_001n, 1000]), [9_001n, 1_000n]);
      assert.deepEqual(await marketplace.read.splitAmount([9n, 3000]), [7n, 2n]);
      assert.deepEqual(await marketplace.read.splitAmount([0n, 3000]), [0n, 0n]);
    });

    it("supports ERC-165 for AccessControl", async function () {
      const { marketplace } = await load();
      assert.equal(await marketplace.read.supportsInterface(["0x7965db0b"]), true);
      assert.equal(await marketplace.read.supportsInterface(["0x01ffc9a7"]), true);
      assert.equal(await marketplace.read.supportsInterface(["0xffffffff"]), false);
    });
  });

  describe("reentrancy", function () {
    it("blocks re-entering withdraw and refund from a malicious native receiver", async function () {
      const { mp, marketplace, accounts } = await load();
      const attacker = await viem.deployContract("MaliciousReceiver", [marketplace.address]);
      // attacker buys, refunds (credited to itself as buyer), then withdraws and re-enters
      await attacker.write.buy([NATIVE_COURSE, NATIVE_PRICE], { value: NATIVE_PRICE });
      await attacker.write.refund([NATIVE_COURSE]);
      await attacker.write.setAttack([1, NATIVE_COURSE]); // Withdraw
      await attacker.write.withdraw();
      assert.equal(await attacker.read.reentered(), false);
      const reentryError = await attacker.read.reentryError();
      assert.equal(reentryError.slice(0, 10), "0x3ee5aeb5"); // ReentrancyGuardReentrantCall()
      assert.equal(await marketplace.read.withdrawableOf([NATIVE, attacker.address]), 0n);

      // refund re-entry: with a credit to withdraw and an escrowed purchase, re-enter refund()
      const gift = courseIdToBytes32("gift");
      await (
        await mp(accounts.catalog)
      ).write.setListing([gift, NATIVE, accounts.provider.account.address, 1n, 3600, true]);
      await attacker.write.buy([gift, 1n], { value: 1n });
      await attacker.write.buy([NATIVE_COURSE, NATIVE_PRICE], { value: NATIVE_PRICE });
      await attacker.write.setAttack([0, gift]);
      await attacker.write.refund([NATIVE_COURSE]);
      await attacker.write.setAttack([2, gift]); // Refund
      await attacker.write.withdraw();
      // refund() makes no external call and has no guard: re-entering it is harmless (the balance is
      // zeroed before the transfer), it only credits the gift's own escrow.
      assert.equal(await attacker.read.reentered(), true);
      assert.equal((await marketplace.read.purchaseOf([attacker.address, gift])).status, Status.Refunded);
      assert.equal(await marketplace.read.withdrawableOf([NATIVE, attacker.address]), 1n);
      assert.equal(await viem.getPublicClient().then((c) => c.getBalance({ address: marketplace.address })), 1n);
    });

    it("reports a failing native withdrawal", async function () {
      const { marketplace } = await load();
      const attacker = await viem.deployContract("MaliciousReceiver", [marketplace.address]);
      await attacker.write.buy([NATIVE_COURSE, NATIVE_PRICE], { value: NATIVE_PRICE });
      await attacker.write.refund([NATIVE_COURSE]);
      await attacker.write.setAttack([3, NATIVE_COURSE]); // Reject
      await viem.assertions.revertWithCustomErrorWithArgs(
        attacker.write.withdraw(),
        marketplace,
        "CourseMarketplaceNativeTransferFailed",
        [getAddress(attacker.address), NATIVE_PRICE],
      );
      assert.equal(await marketplace.read.withdrawableOf([NATIVE, attacker.address]), NATIVE_PRICE);
    });

    it("blocks a malicious token re-entering purchase and withdraw", async function () {
      const { mp, marketplace, accounts } = await load();
      const mal = await viem.deployContract("MaliciousToken");
      await (await mp(accounts.admin)).write.setTokenAllowed([mal.address, true]);
      const course = courseIdToBytes32("malicious");
      await (
        await mp(accounts.catalog)
      ).write.setListing([course, mal.address, accounts.provider.account.address, 100n, 0, true]);
      await mal.write.approve([marketplace.address, 10n ** 20n]);
      const admin = accounts.admin.account.address;
      // during transferFrom the token calls purchase again for another learner
      await mal.write.setCallback([
        marketplace.address,
        encodeFunctionData({
          abi: marketplace.abi,
          functionName: "purchase",
          args: [course, accounts.stranger.account.address, mal.address, 100n, 0],
        }),
      ]);
      await viem.assertions.revertWithCustomError(
        (await mp(accounts.admin)).write.purchase([course, admin, mal.address, 100n, 0]),
        marketplace,
        "ReentrancyGuardReentrantCall",
      );
      // during transfer (withdraw) the token calls withdraw again
      await mal.write.setCallback([zeroAddress, "0x"]);
      await (await mp(accounts.admin)).write.purchase([course, admin, mal.address, 100n, 0]);
      await networkHelpers.time.increase(1);
      await (await mp(accounts.stranger)).write.release([admin, course]);
      await mal.write.setCallback([
        marketplace.address,
        encodeFunctionData({ abi: marketplace.abi, functionName: "withdraw", args: [mal.address] }),
      ]);
      await viem.assertions.revertWithCustomError(
        (await mp(accounts.provider)).write.withdraw([mal.address]),
        marketplace,
        "ReentrancyGuardReentrantCall",
      );
      assert.equal(await marketplace.read.withdrawableOf([mal.address, accounts.provider.account.address]), 90n);
    });
  });
});
