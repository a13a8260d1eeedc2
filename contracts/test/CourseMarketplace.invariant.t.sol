// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CourseCertificate} from "../contracts/CourseCertificate.sol";
import {CourseMarketplace} from "../contracts/CourseMarketplace.sol";
import {ESNToken} from "../contracts/ESNToken.sol";
import {ICourseMarketplace} from "../contracts/interfaces/ICourseMarketplace.sol";
import {CheatCodes} from "./utils/Vm.sol";

/**
 * @notice Handler for the stateful fuzz test: every function performs one bounded, valid-ish user
 * action (catalog or provider listing per (course, token), provider payout rotation, purchase in
 * either token, refund, release, batch release, withdraw, certify, card record, fee change, time
 * travel) with fuzzed actors, courses,
 * tokens and amounts. Actions that the contract rejects simply revert (the invariant
 * run does not fail on reverts).
 */
contract MarketplaceHandler is CheatCodes {
    CourseMarketplace public immutable marketplace;
    CourseCertificate public immutable certificate;
    ESNToken public immutable token;
    address public immutable treasury;

    address[4] internal _actors = [address(0xA11CE), address(0xB0B), address(0xCA401), address(0xD0D0)];
    address[3] internal _providers = [address(0x9001), address(0x9002), address(0x9003)];
    bytes32[4] internal _courses;

    uint256 public calls;
    uint256 public rotations;
    uint256 public batchReleased;
    /// Ghost state: payee and refund deadline each purchase id must keep (bound at purchase).
    mapping(uint256 purchaseId => address) public expectedPayee;
    mapping(uint256 purchaseId => uint256) public expectedDeadline;

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

    function providers() external view returns (address[3] memory) {
        return _providers;
    }

    function courses() external view returns (bytes32[4] memory) {
        return _courses;
    }

    /// Catalog key (the handler holds CATALOG_ROLE): may create or change any listing, but keeps the
    /// course's provider (changing it needs the provider: the attempt reverts).
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
        address current = marketplace.providerOf(course);
        address provider = current != address(0) && providerSeed % 4 != 0 ? current : _providers[providerSeed % 3];
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
        address caller = _providers[providerSeed % 3];
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
        uint256 id;
        if (native) {
            vm.deal(buyer, buyer.balance + l.price);
            vm.prank(buyer);
            id = marketplace.purchase{value: l.price}(course, learner, address(0), l.price, l.refundWindow);
        } else {
            vm.prank(buyer);
            token.approve(address(marketplace), l.price);
            vm.prank(buyer);
            id = marketplace.purchase(course, learner, address(token), l.price, l.refundWindow);
        }
        expectedPayee[id] = l.provider;
        expectedDeadline[id] = block.timestamp + l.refundWindow;
    }

    /// The course's provider moves its payout address (own transaction); escrow keeps its payee.
    function rotate(uint256 courseSeed, uint256 providerSeed) external {
        ++calls;
        bytes32 course = _courses[courseSeed % 4];
        address current = marketplace.providerOf(course);
        address next = _providers[providerSeed % 3];
        vm.prank(current);
        marketplace.setProvider(course, next);
        if (next != current) ++rotations;
    }

    /// The catalog key alone can never move the payout address.
    function catalogRotate(uint256 courseSeed, uint256 providerSeed) external {
        ++calls;
        bytes32 course = _courses[courseSeed % 4];
        address current = marketplace.providerOf(course);
        address next = _providers[providerSeed % 3];
        if (current == address(0) || next == current) return;
        try marketplace.setListing(course, address(0), next, 1 ether, 1 days, true) {
            revert("catalog rotated a provider");
        } catch {} // solhint-disable-line no-empty-blocks
    }

    /// Releases a fuzzed subset of the 16 (learner, course) pairs in one transaction.
    function releaseMany(uint16 mask) external {
        ++calls;
        uint256 n;
        for (uint256 i = 0; i < 16; ++i) if ((mask >> i) & 1 == 1) ++n;
        address[] memory learners = new address[](n);
        bytes32[] memory ids = new bytes32[](n);
        uint256 k;
        for (uint256 i = 0; i < 16; ++i) {
            if ((mask >> i) & 1 == 1) {
                learners[k] = _actors[i / 4];
                ids[k] = _courses[i % 4];
                ++k;
            }
        }
        batchReleased += marketplace.releaseMany(learners, ids);
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
        uint256 i = accountSeed % 8;
        address account =
            i < 4
                ? _actors[i]
                : i < 7
                    ? _providers[i - 4]
                    : treasury;
        vm.prank(account);
        marketplace.withdraw(native ? address(0) : address(token));
    }

    function certify(uint256 learnerSeed, uint256 courseSeed) external {
        ++calls;
        certificate.mint(_actors[learnerSeed % 4], _courses[courseSeed % 4], 0x55, keccak256("metadata"));
    }

    function recordCard(uint256 learnerSeed, uint256 courseSeed, bytes32 paymentRef, uint32 window) external {
        ++calls;
        uint32 refundWindow = uint32(bound(window, 0, 30 days));
        uint256 id = marketplace.recordCardPurchase(
            _courses[courseSeed % 4],
            _actors[learnerSeed % 4],
            paymentRef,
            refundWindow
        );
        expectedDeadline[id] = block.timestamp + refundWindow;
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
        CourseCertificate certificate = new CourseCertificate(address(this), 0);
        token = new ESNToken(address(this), type(uint128).max);
        handler = new MarketplaceHandler(CourseMarketplace(_predictMarketplace()), certificate, token, TREASURY);
        // The handler is the marketplace's admin (setFee); AccessControlDefaultAdminRules has one admin.
        marketplace = new CourseMarketplace(address(handler), 0, TREASURY, 1_000, address(token), certificate);
        require(address(marketplace) == address(handler.marketplace()), "predicted address");
        bytes32 catalogRole = marketplace.CATALOG_ROLE();
        bytes32 oracleRole = marketplace.PAYMENT_ORACLE_ROLE();
        vm.startPrank(address(handler));
        marketplace.grantRole(catalogRole, address(handler));
        marketplace.grantRole(oracleRole, address(handler));
        vm.stopPrank();
        certificate.grantRole(certificate.MINTER_ROLE(), address(handler));
        address[4] memory actors = handler.actors();
        for (uint256 i = 0; i < 4; ++i) token.transfer(actors[i], 1e30);
    }

    /// @dev Address of this contract's next CREATE (nonce 4: certificate 1, token 2, handler 3).
    function _predictMarketplace() internal view returns (address) {
        return
            address(
                uint160(uint256(keccak256(abi.encodePacked(bytes1(0xd6), bytes1(0x94), address(this), bytes1(0x04)))))
            );
    }

    /// @dev Hardhat/Foundry invariant runner: fuzz only the handler.
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function _accounted(address asset) internal view returns (uint256 total) {
        address[4] memory actors = handler.actors();
        address[3] memory providers = handler.providers();
        bytes32[4] memory courses = handler.courses();
        for (uint256 a = 0; a < 4; ++a) {
            for (uint256 c = 0; c < 4; ++c) {
                ICourseMarketplace.Purchase memory p = marketplace.purchaseOf(actors[a], courses[c]);
                if (p.status == ICourseMarketplace.PurchaseStatus.Escrowed && p.token == asset) total += p.amount;
            }
            total += marketplace.withdrawableOf(asset, actors[a]);
        }
        for (uint256 i = 0; i < 3; ++i) total += marketplace.withdrawableOf(asset, providers[i]);
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
        address[3] memory providers = handler.providers();
        for (uint256 c = 0; c < 4; ++c) {
            address provider = marketplace.providerOf(courses[c]);
            ICourseMarketplace.Listing memory native = marketplace.listingOf(courses[c], address(0));
            ICourseMarketplace.Listing memory esn = marketplace.listingOf(courses[c], address(token));
            require(native.provider == provider && esn.provider == provider, "listing provider");
            if (provider == address(0)) {
                require(native.price == 0 && esn.price == 0, "listing without provider");
            } else {
                require(
                    provider == providers[0] || provider == providers[1] || provider == providers[2],
                    "foreign provider"
                );
            }
        }
    }

    /// Escrow is bound at purchase: whatever rotations and listing changes followed, every crypto
    /// purchase keeps the payee and refund deadline it was made with; every card purchase keeps the
    /// card refund deadline recorded with it (and has no payee).
    function invariant_escrowBoundAtPurchase() public view {
        address[4] memory actors = handler.actors();
        bytes32[4] memory courses = handler.courses();
        for (uint256 a = 0; a < 4; ++a) {
            for (uint256 c = 0; c < 4; ++c) {
                ICourseMarketplace.Purchase memory p = marketplace.purchaseOf(actors[a], courses[c]);
                if (p.status == ICourseMarketplace.PurchaseStatus.None) continue;
                require(p.payee == handler.expectedPayee(p.id), "payee moved");
                require(p.refundDeadline == handler.expectedDeadline(p.id), "deadline moved");
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
        handler.withdraw(7, false); // treasury (ESN)
        invariant_nativeBalanceEqualsEscrowedPlusWithdrawable();
        invariant_tokenBalanceEqualsEscrowedPlusWithdrawable();
        invariant_listingsShareTheCourseProvider();
        invariant_escrowBoundAtPurchase();
        assertEq(_accounted(address(0)), 1 ether, "refund credited to buyer");
        assertEq(_accounted(address(token)), 0, "ESN fully withdrawn");
        require(handler.calls() == 9, "calls counted (the reverted purchase is not)");
    }

    /// Rotation after purchase and batch release on a known sequence: the old payee is paid.
    function testRotationThenBatchRelease() public {
        handler.setListing(0, 0, true, 1 ether, 1 days, true); // provider 0x9001
        handler.purchase(0, 0, 0, true);
        handler.purchase(1, 1, 0, true);
        handler.rotate(0, 1); // → 0x9002
        handler.purchase(2, 2, 0, true); // bound to 0x9002
        handler.catalogRotate(0, 2); // no effect
        handler.warp(2 days);
        handler.releaseMany(uint16(1 | (1 << 4) | (1 << 8)));
        require(handler.batchReleased() == 3, "three released");
        address[3] memory providers = handler.providers();
        assertEq(marketplace.withdrawableOf(address(0), providers[0]), 1.8 ether, "old payee keeps two sales");
        assertEq(marketplace.withdrawableOf(address(0), providers[1]), 0.9 ether, "new payee one sale");
        invariant_nativeBalanceEqualsEscrowedPlusWithdrawable();
        invariant_escrowBoundAtPurchase();
    }
}
