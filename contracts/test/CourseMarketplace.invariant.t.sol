// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CourseCertificate} from "../contracts/CourseCertificate.sol";
import {CourseMarketplace} from "../contracts/CourseMarketplace.sol";
import {ESNToken} from "../contracts/ESNToken.sol";
import {ICourseMarketplace} from "../contracts/interfaces/ICourseMarketplace.sol";
import {CheatCodes} from "./utils/Vm.sol";

/**
 * @notice Handler for the stateful fuzz test: every function performs one bounded, valid-ish user
 * action (catalog or provider listing per (course, token), purchase in either token, refund,
 * release, withdraw, certify, card record, fee change, time travel) with fuzzed actors, courses,
 * tokens and amounts. Actions that the contract rejects simply revert (the invariant
 * run does not fail on reverts).
 */
contract MarketplaceHandler is CheatCodes {
    CourseMarketplace public immutable marketplace;
    CourseCertificate public immutable certificate;
    ESNToken public immutable token;
    address public immutable treasury;

    address[4] internal _actors = [address(0xA11CE), address(0xB0B), address(0xCA401), address(0xD0D0)];
    address[2] internal _providers = [address(0x9001), address(0x9002)];
    bytes32[4] internal _courses;

    uint256 public calls;

    constructor(CourseMarketplace marketplace_, CourseCertificate certificate_, ESNToken token_, address treasury_) {
        marketplace = marketplace_;
        certificate = certificate_;
        token = token_;
        treasury = treasury_;
        for (uint256 i = 0; i < 4; ++i) _courses[i] = keccak256(abi.encode("course", i));
    }

    function actors() external view returns (address[4] memory) {
        return _actors;
    }

    function providers() external view returns (address[2] memory) {
        return _providers;
    }

    function courses() external view returns (bytes32[4] memory) {
        return _courses;
    }

    /// Catalog key (the handler holds CATALOG_ROLE): may create or change any listing and provider.
    function setListing(
        uint256 courseSeed,
        uint256 providerSeed,
        bool native,
        uint96 price,
        uint32 window,
        bool active
    ) external {
        ++calls;
        bytes32 course = _courses[courseSeed % 4];
        address provider = _providers[providerSeed % 2];
        price = uint96(bound(price, 1, 1e24));
        window = uint32(bound(window, 0, 30 days));
        marketplace.setListing(course, native ? address(0) : address(token), provider, price, window, active);
    }

    /// A provider changes a listing of some course: succeeds only for the course's recorded provider.
    function providerSetListing(
        uint256 courseSeed,
        uint256 providerSeed,
        bool native,
        uint96 price,
        uint32 window,
        bool active
    ) external {
        ++calls;
        bytes32 course = _courses[courseSeed % 4];
        address caller = _providers[providerSeed % 2];
        price = uint96(bound(price, 1, 1e24));
        window = uint32(bound(window, 0, 30 days));
        vm.prank(caller);
        marketplace.setListing(course, native ? address(0) : address(token), caller, price, window, active);
    }

    function purchase(uint256 buyerSeed, uint256 learnerSeed, uint256 courseSeed, bool native) external {
        ++calls;
        address buyer = _actors[buyerSeed % 4];
        address learner = _actors[learnerSeed % 4];
        bytes32 course = _courses[courseSeed % 4];
        ICourseMarketplace.Listing memory l = marketplace.listingOf(course, native ? address(0) : address(token));
        if (!l.active) return;
        if (native) {
            vm.deal(buyer, buyer.balance + l.price);
            vm.prank(buyer);
            marketplace.purchase{value: l.price}(course, learner, address(0), l.price);
        } else {
            vm.prank(buyer);
            token.approve(address(marketplace), l.price);
            vm.prank(buyer);
            marketplace.purchase(course, learner, address(token), l.price);
        }
    }

    function refund(uint256 learnerSeed, uint256 courseSeed) external {
        ++calls;
        vm.prank(_actors[learnerSeed % 4]);
        marketplace.refund(_courses[courseSeed % 4]);
    }

    function release(uint256 learnerSeed, uint256 courseSeed) external {
        ++calls;
        marketplace.release(_actors[learnerSeed % 4], _courses[courseSeed % 4]);
    }

    function withdraw(uint256 accountSeed, bool native) external {
        ++calls;
        uint256 i = accountSeed % 7;
        address account =
            i < 4
                ? _actors[i]
                : i < 6
                    ? _providers[i - 4]
                    : treasury;
        vm.prank(account);
        marketplace.withdraw(native ? address(0) : address(token));
    }

    function certify(uint256 learnerSeed, uint256 courseSeed) external {
        ++calls;
        certificate.mint(
            _actors[learnerSeed % 4],
            _courses[courseSeed % 4],
            "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy"
        );
    }

    function recordCard(uint256 learnerSeed, uint256 courseSeed, bytes32 paymentRef) external {
        ++calls;
        marketplace.recordCardPurchase(_courses[courseSeed % 4], _actors[learnerSeed % 4], paymentRef);
    }

    function setFee(uint16 feeBps) external {
        ++calls;
        marketplace.setPlatformFee(uint16(bound(feeBps, 0, 3_000)));
    }

    function warp(uint32 seconds_) external {
        ++calls;
        vm.warp(block.timestamp + bound(seconds_, 0, 31 days));
    }
}

/**
 * @notice Stateful fuzz (invariant) test: after every random sequence of handler actions, the
 * marketplace's balance of each asset (native coin, ESN) equals the sum of escrowed-not-settled
 * purchases plus all withdrawable balances. Runs/depth: INVARIANT_RUNS / INVARIANT_DEPTH.
 */
contract CourseMarketplaceInvariantTest is CheatCodes {
    MarketplaceHandler internal handler;
    CourseMarketplace internal marketplace;
    ESNToken internal token;
    address internal constant TREASURY = address(0x7EA5);

    function setUp() public {
        CourseCertificate certificate = new CourseCertificate(address(this));
        token = new ESNToken(address(this), type(uint128).max);
        marketplace = new CourseMarketplace(address(this), TREASURY, 1_000, address(token), certificate);
        handler = new MarketplaceHandler(marketplace, certificate, token, TREASURY);
        marketplace.grantRole(marketplace.CATALOG_ROLE(), address(handler));
        marketplace.grantRole(marketplace.PAYMENT_ORACLE_ROLE(), address(handler));
        marketplace.grantRole(marketplace.DEFAULT_ADMIN_ROLE(), address(handler));
        certificate.grantRole(certificate.MINTER_ROLE(), address(handler));
        address[4] memory actors = handler.actors();
        for (uint256 i = 0; i < 4; ++i) token.transfer(actors[i], 1e30);
    }

    /// @dev Hardhat/Foundry invariant runner: fuzz only the handler.
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function _accounted(address asset) internal view returns (uint256 total) {
        address[4] memory actors = handler.actors();
        address[2] memory providers = handler.providers();
        bytes32[4] memory courses = handler.courses();
        for (uint256 a = 0; a < 4; ++a) {
            for (uint256 c = 0; c < 4; ++c) {
                ICourseMarketplace.Purchase memory p = marketplace.purchaseOf(actors[a], courses[c]);
                if (p.status == ICourseMarketplace.PurchaseStatus.Escrowed && p.token == asset) total += p.amount;
            }
            total += marketplace.withdrawableOf(asset, actors[a]);
        }
        for (uint256 i = 0; i < 2; ++i) total += marketplace.withdrawableOf(asset, providers[i]);
        total += marketplace.withdrawableOf(asset, TREASURY);
    }

    function invariant_nativeBalanceEqualsEscrowedPlusWithdrawable() public view {
        assertEq(address(marketplace).balance, _accounted(address(0)), "native balance");
    }

    function invariant_tokenBalanceEqualsEscrowedPlusWithdrawable() public view {
        assertEq(token.balanceOf(address(marketplace)), _accounted(address(token)), "ESN balance");
    }

    /// Every course with a listing in any token has exactly one provider, shared by its listings, and
    /// only the handler's providers can ever hold it (no listing without a recorded provider).
    function invariant_listingsShareTheCourseProvider() public view {
        bytes32[4] memory courses = handler.courses();
        address[2] memory providers = handler.providers();
        for (uint256 c = 0; c < 4; ++c) {
            address provider = marketplace.providerOf(courses[c]);
            ICourseMarketplace.Listing memory native = marketplace.listingOf(courses[c], address(0));
            ICourseMarketplace.Listing memory esn = marketplace.listingOf(courses[c], address(token));
            require(native.provider == provider && esn.provider == provider, "listing provider");
            if (provider == address(0)) {
                require(native.price == 0 && esn.price == 0, "listing without provider");
            } else {
                require(provider == providers[0] || provider == providers[1], "foreign provider");
            }
        }
    }

    /// A non-fuzzed check that the handler and the accounting agree on a known sequence.
    function testHandlerSequenceKeepsAccounting() public {
        handler.setListing(0, 0, true, 1 ether, 1 days, true);
        handler.setListing(1, 1, false, 5e18, 0, true);
        handler.providerSetListing(1, 1, true, 2 ether, 2 days, true); // provider 2 adds a native listing
        handler.purchase(0, 1, 0, true);
        handler.purchase(2, 2, 1, false);
        // Same learner, same course, other token: still one active purchase per course.
        vm.expectRevert(
            abi.encodeWithSelector(
                ICourseMarketplace.CourseMarketplaceAlreadyPurchased.selector,
                handler.courses()[1],
                handler.actors()[2],
                uint256(2)
            )
        );
        handler.purchase(3, 2, 1, true);
        handler.refund(1, 0);
        handler.release(2, 1);
        handler.withdraw(5, false); // provider 2 (ESN)
        handler.withdraw(6, false); // treasury (ESN)
        invariant_nativeBalanceEqualsEscrowedPlusWithdrawable();
        invariant_tokenBalanceEqualsEscrowedPlusWithdrawable();
        invariant_listingsShareTheCourseProvider();
        assertEq(_accounted(address(0)), 1 ether, "refund credited to buyer");
        assertEq(_accounted(address(token)), 0, "ESN fully withdrawn");
        require(handler.calls() == 9, "calls counted (the reverted purchase is not)");
    }
}
