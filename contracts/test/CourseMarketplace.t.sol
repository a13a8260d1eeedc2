// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CourseCertificate} from "../contracts/CourseCertificate.sol";
import {CourseMarketplace} from "../contracts/CourseMarketplace.sol";
import {ESNToken} from "../contracts/ESNToken.sol";
import {ICourseMarketplace} from "../contracts/interfaces/ICourseMarketplace.sol";
import {CheatCodes} from "./utils/Vm.sol";
import {CidCodecHarness} from "./utils/CidCodecHarness.sol";

/// @notice Fuzz tests of price and fee arithmetic (runs: FUZZ_RUNS, default 1,000).
contract CourseMarketplaceFuzzTest is CheatCodes {
    CourseMarketplace internal marketplace;
    CourseCertificate internal certificate;
    ESNToken internal token;
    address internal constant TREASURY = address(0x7EA5);
    address internal constant PROVIDER = address(0xB0B);
    address internal constant BUYER = address(0xB1B1);
    bytes32 internal constant COURSE = keccak256("fuzz-course");

    function setUp() public {
        certificate = new CourseCertificate(address(this), 0);
        token = new ESNToken(BUYER, type(uint128).max);
        marketplace = new CourseMarketplace(address(this), 0, TREASURY, 1_000, address(token), certificate);
        marketplace.grantRole(marketplace.CATALOG_ROLE(), address(this));
    }

    function testFuzz_splitAmountConservesValue(uint256 amount, uint16 feeBps) public view {
        amount = bound(amount, 0, type(uint96).max);
        feeBps = uint16(bound(feeBps, 0, marketplace.MAX_FEE_BPS()));
        (uint256 providerAmount, uint256 feeAmount) = marketplace.splitAmount(amount, feeBps);
        assertEq(providerAmount + feeAmount, amount, "split sums to amount");
        assertEq(feeAmount, (amount * feeBps) / 10_000, "fee rounds down");
        require(feeAmount * 10_000 <= amount * 3_000, "fee above 30 %");
        require(providerAmount >= amount - (amount * 3_000) / 10_000, "provider share below 70 %");
    }

    function testFuzz_setPlatformFeeCap(uint16 feeBps) public {
        if (feeBps > marketplace.MAX_FEE_BPS()) {
            vm.expectRevert(
                abi.encodeWithSelector(ICourseMarketplace.CourseMarketplaceFeeTooHigh.selector, feeBps, uint16(3_000))
            );
            marketplace.setPlatformFee(feeBps);
        } else {
            marketplace.setPlatformFee(feeBps);
            assertEq(marketplace.platformFeeBps(), feeBps, "fee stored");
        }
    }

    /// Native purchase at a fuzzed price and max price, then release: value is conserved exactly.
    function testFuzz_nativePurchaseAndRelease(uint96 price, uint96 maxPrice, uint16 feeBps, uint32 window) public {
        price = uint96(bound(price, 1, type(uint96).max));
        feeBps = uint16(bound(feeBps, 0, 3_000));
        window = uint32(bound(window, 0, 30 days));
        marketplace.setPlatformFee(feeBps);
        marketplace.setListing(COURSE, address(0), PROVIDER, price, window, true);
        vm.deal(BUYER, price);

        vm.prank(BUYER);
        if (price > maxPrice) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    ICourseMarketplace.CourseMarketplacePriceAboveMax.selector,
                    COURSE,
                    address(0),
                    uint256(price),
                    uint256(maxPrice)
                )
            );
            marketplace.purchase{value: price}(COURSE, BUYER, address(0), maxPrice, 0);
            return;
        }
        marketplace.purchase{value: price}(COURSE, BUYER, address(0), maxPrice, 0);
        assertEq(address(marketplace).balance, price, "escrowed");
        ICourseMarketplace.Purchase memory p = marketplace.purchaseOf(BUYER, COURSE);
        assertEq(p.refundDeadline, block.timestamp + window, "deadline");

        vm.warp(block.timestamp + window);
        marketplace.release(BUYER, COURSE);
        uint256 toProvider = marketplace.withdrawableOf(address(0), PROVIDER);
        uint256 toTreasury = marketplace.withdrawableOf(address(0), TREASURY);
        assertEq(toProvider + toTreasury, price, "release conserves value");
        assertEq(toTreasury, (uint256(price) * feeBps) / 10_000, "treasury fee");
        assertEq(address(marketplace).balance, price, "funds stay until withdrawn");
    }

    /// ERC-20 purchase then refund: the buyer gets back exactly the price.
    function testFuzz_tokenPurchaseAndRefund(uint96 price, uint32 window, uint32 elapsed) public {
        price = uint96(bound(price, 1, type(uint96).max));
        window = uint32(bound(window, 1, 30 days));
        elapsed = uint32(bound(elapsed, 0, window - 1));
        marketplace.setListing(COURSE, address(token), PROVIDER, price, window, true);
        uint256 before = token.balanceOf(BUYER);
        vm.startPrank(BUYER);
        token.approve(address(marketplace), price);
        marketplace.purchase(COURSE, BUYER, address(token), price, 0);
        vm.warp(block.timestamp + elapsed);
        marketplace.refund(COURSE);
        marketplace.withdraw(address(token));
        vm.stopPrank();
        assertEq(token.balanceOf(BUYER), before, "refund returns the price");
        assertEq(token.balanceOf(address(marketplace)), 0, "nothing left");
    }

    /// Two listings of one course (native + ERC-20) at fuzzed prices: each purchase uses the price of
    /// its own token, a learner can hold only one of them, and a stranger can never change either.
    function testFuzz_listingsPerToken(
        uint96 nativePrice,
        uint96 tokenPrice,
        address stranger,
        bool nativeFirst
    ) public {
        nativePrice = uint96(bound(nativePrice, 1, type(uint96).max));
        tokenPrice = uint96(bound(tokenPrice, 1, type(uint96).max));
        vm.assume(stranger != PROVIDER && stranger != address(this));
        marketplace.setListing(COURSE, address(0), PROVIDER, nativePrice, 1 days, true);
        vm.prank(PROVIDER); // the recorded provider adds the ERC-20 listing itself
        marketplace.setListing(COURSE, address(token), PROVIDER, tokenPrice, 2 days, true);
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(ICourseMarketplace.CourseMarketplaceUnauthorizedListing.selector, COURSE, stranger)
        );
        marketplace.setListing(COURSE, address(token), stranger, 1, 0, true);

        vm.deal(BUYER, nativePrice);
        vm.startPrank(BUYER);
        token.approve(address(marketplace), tokenPrice);
        if (nativeFirst) {
            marketplace.purchase{value: nativePrice}(COURSE, BUYER, address(0), nativePrice, 0);
        } else {
            marketplace.purchase(COURSE, BUYER, address(token), tokenPrice, 0);
        }
        ICourseMarketplace.Purchase memory p = marketplace.purchaseOf(BUYER, COURSE);
        assertEq(p.amount, nativeFirst ? nativePrice : tokenPrice, "price of the chosen token");
        assertEq(p.refundDeadline, block.timestamp + (nativeFirst ? 1 days : 2 days), "window of the token");
        vm.expectRevert(
            abi.encodeWithSelector(
                ICourseMarketplace.CourseMarketplaceAlreadyPurchased.selector,
                COURSE,
                BUYER,
                uint256(1)
            )
        );
        if (nativeFirst) {
            marketplace.purchase(COURSE, BUYER, address(token), tokenPrice, 0);
        } else {
            marketplace.purchase{value: nativePrice}(COURSE, BUYER, address(0), nativePrice, 0);
        }
        vm.stopPrank();
    }

    /// The 32-bit purchase id cannot wrap: the next id after 2^32 - 1 reverts (SafeCast).
    function testPurchaseIdOverflowReverts() public {
        marketplace.setListing(COURSE, address(0), PROVIDER, 1, 0, true);
        // _config = treasury (bytes 0-19) | feeBps (20-21) | lastPurchaseId (22-25) | paused (26), in the
        // first slot after the inherited state that holds the treasury in its low 20 bytes.
        bytes32 slot;
        uint256 config;
        for (uint256 i = 0; i < 16; ++i) {
            config = uint256(vm.load(address(marketplace), bytes32(i)));
            if (address(uint160(config)) == TREASURY) {
                slot = bytes32(i);
                break;
            }
        }
        require(address(uint160(config)) == TREASURY, "layout: treasury");
        vm.store(address(marketplace), slot, bytes32(config | (uint256(type(uint32).max) << 176)));
        assertEq(marketplace.purchaseCount(), type(uint32).max, "counter at max");
        vm.deal(BUYER, 1);
        vm.prank(BUYER);
        vm.expectRevert(abi.encodeWithSignature("SafeCastOverflowedUintDowncast(uint8,uint256)", 32, uint256(1) << 32));
        marketplace.purchase{value: 1}(COURSE, BUYER, address(0), 1, 0);
    }
}

/// @notice CidCodec: decode(encode(codec, digest)) is the identity for every codec < 2^14.
contract CidCodecFuzzTest is CheatCodes {
    CidCodecHarness internal harness;

    function setUp() public {
        harness = new CidCodecHarness();
    }

    function testFuzz_roundTrip(uint16 codec, bytes32 digest) public view {
        codec = uint16(bound(codec, 0, (1 << 14) - 1));
        string memory cid = harness.encode(codec, digest);
        assertEq(bytes(cid).length, codec < 0x80 ? 59 : 61, "length");
        (bool ok, uint16 decodedCodec, bytes32 decodedDigest) = harness.decode(cid);
        require(ok, "decodes");
        assertEq(decodedCodec, codec, "codec");
        require(decodedDigest == digest, "digest");
    }

    function testFuzz_rejectsSingleCharacterCorruption(
        uint16 codec,
        bytes32 digest,
        uint8 position,
        uint8 replacement
    ) public view {
        codec = uint16(bound(codec, 0, 0x7f));
        bytes memory cid = bytes(harness.encode(codec, digest));
        uint256 i = bound(position, 0, cid.length - 1);
        bytes1 c = bytes1(replacement);
        vm.assume(c != cid[i]);
        cid[i] = c;
        (bool ok, uint16 decodedCodec, bytes32 decodedDigest) = harness.decode(string(cid));
        // Any accepted corruption must decode to a different CID (no two strings share a value).
        if (ok) require(decodedCodec != codec || decodedDigest != digest, "corruption aliased");
    }
}
