// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {ICourseCertificate} from "./interfaces/ICourseCertificate.sol";
import {ICourseMarketplace} from "./interfaces/ICourseMarketplace.sol";

/**
 * @title CourseMarketplace
 * @notice Escrow marketplace for courses. Buyers pay in the native coin or an allow-listed ERC-20;
 * the payment stays in escrow until the listing's refund deadline. Before it the learner may refund
 * (unless a certificate was issued for the course); from it on anyone may release the escrow to the
 * provider and the platform treasury, who withdraw their balances (pull payments). Card sales are
 * recorded by the payment oracle without moving funds.
 * @dev Units: amounts in base units of the payment token (wei for the native coin), time in Unix
 * seconds, fees in basis points. A course has one listing per payment token (price, refund window,
 * active flag; one slot each) and one provider shared by all of them; a learner holds at most one
 * active purchase per course, whatever the token. Purchases are stored per (learner, course) in two
 * slots; the sequential purchase id is in every event so that an indexer can rebuild enrollments
 * from logs.
 */
contract CourseMarketplace is ICourseMarketplace, AccessControl, Pausable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice May create any course's first listing and change any listing (the platform's catalog key).
    bytes32 public constant CATALOG_ROLE = keccak256("CATALOG_ROLE");
    /// @notice May record and revoke card purchases.
    bytes32 public constant PAYMENT_ORACLE_ROLE = keccak256("PAYMENT_ORACLE_ROLE");
    /// @notice May pause and unpause purchases.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    /// @notice Longest refund window a listing may have (seconds).
    uint32 public constant MAX_REFUND_WINDOW = 30 days;
    /// @notice Highest platform fee (basis points, 30 %).
    uint16 public constant MAX_FEE_BPS = 3_000;
    /// @notice Basis-point denominator.
    uint16 public constant BPS_DENOMINATOR = 10_000;

    /// @notice Certificate contract consulted by refunds and releases.
    ICourseCertificate public immutable certificate;

    /// @dev Packed configuration: read once per purchase.
    struct Config {
        address treasury;
        uint16 feeBps;
        uint32 lastPurchaseId;
    }

    /// @dev Sale terms of one (course, token) listing, packed in one slot (the provider is per course).
    struct ListingTerms {
        uint96 price;
        uint32 refundWindow;
        bool active;
    }

    Config private _config;
    mapping(bytes32 courseId => mapping(address token => ListingTerms)) private _listings;
    mapping(bytes32 courseId => address provider) private _providers;
    mapping(address learner => mapping(bytes32 courseId => Purchase)) private _purchases;
    mapping(bytes32 paymentRef => CardSale) private _cardSales;
    mapping(address token => bool) private _allowedTokens;
    mapping(address token => mapping(address account => uint256)) private _withdrawable;

    /**
     * @param admin Receives DEFAULT_ADMIN_ROLE and PAUSER_ROLE.
     * @param treasury_ Receives the platform fee.
     * @param feeBps_ Platform fee in basis points (<= MAX_FEE_BPS).
     * @param defaultToken ERC-20 allow-listed at deployment (ESN token); address(0) for none.
     * @param certificate_ Certificate contract whose `certificateOf` closes refunds.
     */
    constructor(
        address admin,
        address treasury_,
        uint16 feeBps_,
        address defaultToken,
        ICourseCertificate certificate_
    ) {
        if (admin == address(0) || address(certificate_) == address(0)) revert CourseMarketplaceZeroAddress();
        certificate = certificate_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(PAUSER_ROLE, admin);
        _setTreasury(treasury_);
        _setPlatformFee(feeBps_);
        if (defaultToken != address(0)) _setTokenAllowed(defaultToken, true);
    }

    // ───────────────────────────── Listings ─────────────────────────────

    /**
     * @notice Creates or changes the listing of `courseId` in the payment `token`, and sets the
     * course's provider to `provider`.
     * @dev A course has one listing per token (e.g. the native coin and ESN side by side) and one
     * provider shared by all of them, recorded with the course's first listing.
     * Authorization: a course's FIRST listing (no provider recorded yet) can only be created by a
     * CATALOG_ROLE holder — the platform's catalog key acting for the provider — so nobody can claim a
     * course id of the platform catalog. Afterwards a CATALOG_ROLE holder or the recorded provider may
     * create or change the listing of any token of that course; nobody else can. Passing a different
     * `provider` rotates the payout address (and the right to manage the listings) for all tokens of
     * the course, also for purchases already in escrow, which are released to the provider recorded at
     * release time. Terms (price, window, active) apply to future purchases only; escrowed purchases
     * keep their token, amount and fee.
     * Reverts with {CourseMarketplaceUnauthorizedListing} when the caller may not set listings of the
     * course, {CourseMarketplaceZeroAddress} when `provider` is 0, {CourseMarketplaceRefundWindowTooLong}
     * above 30 days, {CourseMarketplaceZeroPrice} when an active listing has price 0 and
     * {CourseMarketplaceTokenNotAllowed} when an active listing uses an ERC-20 not on the allow-list.
     * Emits {CourseProviderSet} when the provider changes (incl. the first listing), then {ListingSet}.
     * @param courseId keccak256 of the UTF-8 course database id.
     * @param token Payment token of this listing, address(0) = native coin; with `courseId` the key.
     * @param provider Payout address of the course's provider (applies to all tokens of the course).
     * @param price Price in base units of `token` (wei for the native coin).
     * @param refundWindow Refund window in seconds (<= MAX_REFUND_WINDOW).
     * @param active Whether purchases in `token` are accepted.
     */
    function setListing(
        bytes32 courseId,
        address token,
        address provider,
        uint96 price,
        uint32 refundWindow,
        bool active
    ) external {
        address current = _providers[courseId];
        if (!hasRole(CATALOG_ROLE, msg.sender) && (current == address(0) || msg.sender != current)) {
            revert CourseMarketplaceUnauthorizedListing(courseId, msg.sender);
        }
        if (provider == address(0)) revert CourseMarketplaceZeroAddress();
        if (refundWindow > MAX_REFUND_WINDOW) {
            revert CourseMarketplaceRefundWindowTooLong(refundWindow, MAX_REFUND_WINDOW);
        }
        if (active) {
            if (price == 0) revert CourseMarketplaceZeroPrice(courseId, token);
            if (token != address(0) && !_allowedTokens[token]) revert CourseMarketplaceTokenNotAllowed(token);
        }
        if (provider != current) {
            _providers[courseId] = provider;
            emit CourseProviderSet(courseId, current, provider);
        }
        _listings[courseId][token] = ListingTerms({price: price, refundWindow: refundWindow, active: active});
        emit ListingSet(courseId, token, provider, msg.sender, price, refundWindow, active);
    }

    // ───────────────────────────── Purchases ─────────────────────────────

    /**
     * @notice Buys access to `courseId` for `learner` (the caller or a gift recipient).
     * @dev Uses the listing of (`courseId`, `token`): the course must have an active listing in exactly
     * that token. Native coin (`token` = address(0)): send exactly the price as `msg.value` (excess is
     * rejected, not refunded). ERC-20: approve the price first and send no value. The payment is
     * escrowed until the refund deadline (`block.timestamp + refundWindow` of that listing). A learner
     * holds at most one active purchase per course, whatever the token.
     * Reverts with {EnforcedPause} when paused, {CourseMarketplaceZeroAddress} for learner 0,
     * {CourseMarketplaceListingInactive} when the course has no active listing in `token`,
     * {CourseMarketplacePriceAboveMax} when the price exceeds `maxPrice`,
     * {CourseMarketplaceIncorrectPayment} for a wrong `msg.value`, {CourseMarketplaceTokenNotAllowed}
     * when the token left the allow-list, {CourseMarketplaceAlreadyPurchased} when the learner holds an
     * active purchase, and {CourseMarketplaceTransferAmountMismatch} for fee-on-transfer tokens.
     * Emits {PurchaseRecorded} with `card = false`.
     * @param courseId keccak256 of the UTF-8 course database id.
     * @param learner Address that receives access.
     * @param token Payment token (address(0) = native coin); selects the course's listing.
     * @param maxPrice Highest price in base units the buyer accepts (front-running guard).
     * @return purchaseId Sequential id of the new purchase.
     */
    function purchase(
        bytes32 courseId,
        address learner,
        address token,
        uint256 maxPrice
    ) external payable nonReentrant whenNotPaused returns (uint256 purchaseId) {
        return _purchase(courseId, learner, token, maxPrice);
    }

    /**
     * @notice Like {purchase} for an ERC-20 listing, with an EIP-2612 permit in the same transaction.
     * @dev The permit must be signed by the caller for this contract as spender and `maxPrice` as value.
     * A failing permit (e.g. already used by a front-runner) is ignored; the purchase then relies on
     * the existing allowance and reverts in the token if it is too low. Same reverts and events as
     * {purchase}.
     * @param courseId keccak256 of the UTF-8 course database id.
     * @param learner Address that receives access.
     * @param token ERC-20 payment token (must support EIP-2612).
     * @param maxPrice Highest price in base units; also the permit value.
     * @param deadline Permit deadline (Unix s).
     * @param v Permit signature v.
     * @param r Permit signature r.
     * @param s Permit signature s.
     * @return purchaseId Sequential id of the new purchase.
     */
    function purchaseWithPermit(
        bytes32 courseId,
        address learner,
        address token,
        uint256 maxPrice,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant whenNotPaused returns (uint256 purchaseId) {
        if (token != address(0)) {
            // solhint-disable-next-line no-empty-blocks
            try IERC20Permit(token).permit(msg.sender, address(this), maxPrice, deadline, v, r, s) {} catch {}
        }
        return _purchase(courseId, learner, token, maxPrice);
    }

    /**
     * @notice Records a card payment (settled off-chain, e.g. Stripe) as a purchase; moves no funds.
     * @dev Only PAYMENT_ORACLE_ROLE. Not affected by the pause (the payment has already happened).
     * Reverts with {AccessControlUnauthorizedAccount}, {CourseMarketplaceZeroAddress} for learner 0,
     * {CourseMarketplaceZeroPaymentRef}, {CourseMarketplacePaymentRefUsed} when `paymentRef` was
     * recorded before, and {CourseMarketplaceAlreadyPurchased}. Emits {PurchaseRecorded} with
     * `card = true`.
     * @param courseId keccak256 of the UTF-8 course database id.
     * @param learner Address that receives access.
     * @param paymentRef Unique reference, e.g. keccak256 of the Stripe payment intent id.
     * @return purchaseId Sequential id of the new purchase.
     */
    function recordCardPurchase(
        bytes32 courseId,
        address learner,
        bytes32 paymentRef
    ) external onlyRole(PAYMENT_ORACLE_ROLE) returns (uint256 purchaseId) {
        if (learner == address(0)) revert CourseMarketplaceZeroAddress();
        if (paymentRef == bytes32(0)) revert CourseMarketplaceZeroPaymentRef();
        if (_cardSales[paymentRef].learner != address(0)) revert CourseMarketplacePaymentRefUsed(paymentRef);
        Purchase storage p = _purchases[learner][courseId];
        _requireNoActivePurchase(p, courseId, learner);

        uint32 id = _nextPurchaseId();
        p.token = address(0);
        p.refundDeadline = 0;
        p.status = PurchaseStatus.Card;
        p.feeBps = 0;
        p.id = id;
        p.buyer = address(0);
        p.amount = 0;
        _cardSales[paymentRef] = CardSale({learner: learner, purchaseId: id, revoked: false, courseId: courseId});
        emit PurchaseRecorded(id, courseId, learner, address(0), address(0), 0, 0, true, paymentRef);
        return id;
    }

    /**
     * @notice Revokes a card purchase after the card payment was refunded; access ends.
     * @dev Only PAYMENT_ORACLE_ROLE. Reverts with {AccessControlUnauthorizedAccount},
     * {CourseMarketplaceCardSaleNotFound} and {CourseMarketplaceCardSaleAlreadyRevoked}.
     * Emits {CardPurchaseRevoked}.
     * @param paymentRef Reference given to {recordCardPurchase}.
     */
    function revokeCardPurchase(bytes32 paymentRef) external onlyRole(PAYMENT_ORACLE_ROLE) {
        CardSale storage sale = _cardSales[paymentRef];
        address learner = sale.learner;
        if (learner == address(0)) revert CourseMarketplaceCardSaleNotFound(paymentRef);
        if (sale.revoked) revert CourseMarketplaceCardSaleAlreadyRevoked(paymentRef);
        sale.revoked = true;
        // A non-revoked card sale is always the latest purchase of its pair (no repurchase while active).
        _purchases[learner][sale.courseId].status = PurchaseStatus.CardRevoked;
        emit CardPurchaseRevoked(sale.purchaseId, sale.courseId, learner, paymentRef);
    }

    // ───────────────────────────── Escrow ─────────────────────────────

    /**
     * @notice Refunds the caller's escrowed purchase of `courseId`; the amount is credited to the buyer
     * (the payer, who may differ from the learner for gifts) and withdrawn with {withdraw}.
     * @dev Works while paused. Reverts with {CourseMarketplaceNotEscrowed} when the caller has no
     * escrowed purchase, {CourseMarketplaceRefundWindowClosed} from the refund deadline on and
     * {CourseMarketplaceCertificateIssued} once a certificate was issued. Emits {PurchaseRefunded}.
     * @param courseId keccak256 of the UTF-8 course database id.
     */
    function refund(bytes32 courseId) external nonReentrant {
        Purchase storage p = _purchases[msg.sender][courseId];
        if (p.status != PurchaseStatus.Escrowed) revert CourseMarketplaceNotEscrowed(courseId, msg.sender);
        uint40 deadline = p.refundDeadline;
        if (block.timestamp >= deadline) revert CourseMarketplaceRefundWindowClosed(courseId, msg.sender, deadline);
        uint256 certificateId = certificate.certificateOf(msg.sender, courseId);
        if (certificateId != 0) revert CourseMarketplaceCertificateIssued(courseId, msg.sender, certificateId);

        p.status = PurchaseStatus.Refunded;
        address token = p.token;
        address buyer = p.buyer;
        uint96 amount = p.amount;
        _withdrawable[token][buyer] += amount;
        emit PurchaseRefunded(p.id, courseId, msg.sender, buyer, token, amount);
    }

    /**
     * @notice Releases an escrowed purchase: the provider share and the platform fee (basis points
     * fixed at purchase) are credited to the course's current provider and the treasury, in the
     * purchase's token.
     * @dev Callable by anyone from the refund deadline on, or earlier once a certificate was issued.
     * Reverts with {CourseMarketplaceNotEscrowed} and {CourseMarketplaceRefundWindowOpen}.
     * Emits {PurchaseReleased}.
     * @param learner Learner of the purchase.
     * @param courseId keccak256 of the UTF-8 course database id.
     */
    function release(address learner, bytes32 courseId) external nonReentrant {
        Purchase storage p = _purchases[learner][courseId];
        if (p.status != PurchaseStatus.Escrowed) revert CourseMarketplaceNotEscrowed(courseId, learner);
        uint40 deadline = p.refundDeadline;
        if (block.timestamp < deadline && certificate.certificateOf(learner, courseId) == 0) {
            revert CourseMarketplaceRefundWindowOpen(courseId, learner, deadline);
        }

        p.status = PurchaseStatus.Released;
        address token = p.token;
        uint256 amount = p.amount;
        (uint256 providerAmount, uint256 feeAmount) = splitAmount(amount, p.feeBps);
        address provider = _providers[courseId];
        address treasury_ = _config.treasury;
        _withdrawable[token][provider] += providerAmount;
        _withdrawable[token][treasury_] += feeAmount;
        emit PurchaseReleased(p.id, courseId, learner, provider, treasury_, token, providerAmount, feeAmount);
    }

    /**
     * @notice Sends the caller's whole withdrawable balance of `token` (address(0) = native coin).
     * @dev Pull payment: balance zeroed before the transfer. Reverts with
     * {CourseMarketplaceNothingToWithdraw}, {CourseMarketplaceNativeTransferFailed} when the caller
     * rejects the native coin, or the token's error. Emits {Withdrawn}.
     * @param token Asset to withdraw.
     * @return amount Amount sent in base units.
     */
    function withdraw(address token) external nonReentrant returns (uint256 amount) {
        amount = _withdrawable[token][msg.sender];
        if (amount == 0) revert CourseMarketplaceNothingToWithdraw(token, msg.sender);
        _withdrawable[token][msg.sender] = 0;
        emit Withdrawn(msg.sender, token, amount);
        if (token == address(0)) {
            (bool ok, ) = payable(msg.sender).call{value: amount}("");
            if (!ok) revert CourseMarketplaceNativeTransferFailed(msg.sender, amount);
        } else {
            IERC20(token).safeTransfer(msg.sender, amount);
        }
    }

    // ───────────────────────────── Admin ─────────────────────────────

    /**
     * @notice Adds (`allowed` = true) or removes an ERC-20 payment token. Only DEFAULT_ADMIN_ROLE.
     * @dev Removing a token blocks new purchases in it; escrow and withdrawals are unaffected.
     * Reverts with {AccessControlUnauthorizedAccount} and {CourseMarketplaceZeroAddress} (the native
     * coin is always accepted). Emits {TokenAllowlistUpdated}.
     * @param token ERC-20 address.
     * @param allowed New allow-list status.
     */
    function setTokenAllowed(address token, bool allowed) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setTokenAllowed(token, allowed);
    }

    /**
     * @notice Sets the platform fee for future purchases. Only DEFAULT_ADMIN_ROLE.
     * @dev Reverts with {AccessControlUnauthorizedAccount} and {CourseMarketplaceFeeTooHigh} above
     * MAX_FEE_BPS. Emits {PlatformFeeUpdated}.
     * @param feeBps Fee in basis points.
     */
    function setPlatformFee(uint16 feeBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setPlatformFee(feeBps);
    }

    /**
     * @notice Sets the treasury credited on future releases. Only DEFAULT_ADMIN_ROLE.
     * @dev Reverts with {AccessControlUnauthorizedAccount} and {CourseMarketplaceZeroAddress}.
     * Emits {TreasuryUpdated}.
     * @param treasury_ New treasury address.
     */
    function setTreasury(address treasury_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setTreasury(treasury_);
    }

    /**
     * @notice Pauses new crypto purchases (refunds, releases, withdrawals and card records continue).
     * @dev Only PAUSER_ROLE. Reverts with {EnforcedPause} when already paused. Emits {Paused}.
     */
    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /**
     * @notice Resumes purchases. Only PAUSER_ROLE.
     * @dev Reverts with {ExpectedPause} when not paused. Emits {Unpaused}.
     */
    function unpause() external onlyRole(PAUSER_ROLE) {
        _unpause();
    }

    // ───────────────────────────── Views ─────────────────────────────

    /**
     * @notice Listing of `courseId` in `token` (address(0) = native coin).
     * @dev `token` echoes the argument; `provider` is the course's provider (address(0) while the course
     * has no listing in any token); price, refundWindow and active are 0/false if never set for `token`.
     */
    function listingOf(bytes32 courseId, address token) external view returns (Listing memory) {
        ListingTerms memory terms = _listings[courseId][token];
        return
            Listing({
                provider: _providers[courseId],
                refundWindow: terms.refundWindow,
                active: terms.active,
                token: token,
                price: terms.price
            });
    }

    /// @notice Provider (payout address, listing manager) of `courseId`; address(0) before its first listing.
    function providerOf(bytes32 courseId) external view returns (address) {
        return _providers[courseId];
    }

    /// @notice Latest purchase of `courseId` by `learner` (status None if never purchased).
    function purchaseOf(address learner, bytes32 courseId) external view returns (Purchase memory) {
        return _purchases[learner][courseId];
    }

    /// @notice Card sale recorded under `paymentRef` (learner 0 if none).
    function cardSaleOf(bytes32 paymentRef) external view returns (CardSale memory) {
        return _cardSales[paymentRef];
    }

    /// @notice Whether `learner` has access to `courseId` (escrowed, released or card purchase).
    function hasAccess(address learner, bytes32 courseId) external view returns (bool) {
        return _isActive(_purchases[learner][courseId].status);
    }

    /// @notice Withdrawable balance of `account` in `token` (base units; address(0) = native coin).
    function withdrawableOf(address token, address account) external view returns (uint256) {
        return _withdrawable[token][account];
    }

    /// @notice Whether `token` is on the ERC-20 allow-list.
    function isTokenAllowed(address token) external view returns (bool) {
        return _allowedTokens[token];
    }

    /// @notice Treasury address credited with the platform fee.
    function treasury() external view returns (address) {
        return _config.treasury;
    }

    /// @notice Platform fee for new purchases (basis points).
    function platformFeeBps() external view returns (uint16) {
        return _config.feeBps;
    }

    /// @notice Number of purchases ever recorded (= highest purchase id).
    function purchaseCount() external view returns (uint256) {
        return _config.lastPurchaseId;
    }

    /**
     * @notice Splits `amount` into the provider share and the platform fee.
     * @param amount Amount in base units.
     * @param feeBps Fee in basis points (<= 10,000).
     * @return providerAmount `amount - feeAmount`.
     * @return feeAmount `amount * feeBps / 10,000`, rounded down (rounding favours the provider).
     */
    function splitAmount(
        uint256 amount,
        uint16 feeBps
    ) public pure returns (uint256 providerAmount, uint256 feeAmount) {
        feeAmount = (amount * feeBps) / BPS_DENOMINATOR;
        providerAmount = amount - feeAmount;
    }

    // ───────────────────────────── Internal ─────────────────────────────

    function _purchase(bytes32 courseId, address learner, address token, uint256 maxPrice) private returns (uint256) {
        if (learner == address(0)) revert CourseMarketplaceZeroAddress();
        ListingTerms memory listing = _listings[courseId][token];
        if (!listing.active) revert CourseMarketplaceListingInactive(courseId, token);
        uint96 price = listing.price;
        if (price > maxPrice) revert CourseMarketplacePriceAboveMax(courseId, token, price, maxPrice);
        uint256 expectedValue = token == address(0) ? price : 0;
        if (msg.value != expectedValue) revert CourseMarketplaceIncorrectPayment(courseId, expectedValue, msg.value);
        if (token != address(0) && !_allowedTokens[token]) revert CourseMarketplaceTokenNotAllowed(token);
        Purchase storage p = _purchases[learner][courseId];
        _requireNoActivePurchase(p, courseId, learner);

        // Effects.
        Config storage config = _config;
        uint32 id = _nextPurchaseId();
        uint40 deadline = uint40(block.timestamp) + listing.refundWindow;
        p.token = token;
        p.refundDeadline = deadline;
        p.status = PurchaseStatus.Escrowed;
        p.feeBps = config.feeBps;
        p.id = id;
        p.buyer = msg.sender;
        p.amount = price;
        emit PurchaseRecorded(id, courseId, learner, msg.sender, token, price, deadline, false, bytes32(0));

        // Interaction: pull the ERC-20 and check what actually arrived.
        if (token != address(0)) {
            IERC20 erc20 = IERC20(token);
            uint256 before = erc20.balanceOf(address(this));
            erc20.safeTransferFrom(msg.sender, address(this), price);
            uint256 received = erc20.balanceOf(address(this)) - before;
            if (received != price) revert CourseMarketplaceTransferAmountMismatch(token, price, received);
        }
        return id;
    }

    function _requireNoActivePurchase(Purchase storage p, bytes32 courseId, address learner) private view {
        if (_isActive(p.status)) revert CourseMarketplaceAlreadyPurchased(courseId, learner, p.id);
    }

    function _nextPurchaseId() private returns (uint32 id) {
        id = SafeCast.toUint32(uint256(_config.lastPurchaseId) + 1);
        _config.lastPurchaseId = id;
    }

    function _isActive(PurchaseStatus status) private pure returns (bool) {
        return status == PurchaseStatus.Escrowed || status == PurchaseStatus.Released || status == PurchaseStatus.Card;
    }

    function _setTokenAllowed(address token, bool allowed) private {
        if (token == address(0)) revert CourseMarketplaceZeroAddress();
        _allowedTokens[token] = allowed;
        emit TokenAllowlistUpdated(token, allowed);
    }

    function _setPlatformFee(uint16 feeBps) private {
        if (feeBps > MAX_FEE_BPS) revert CourseMarketplaceFeeTooHigh(feeBps, MAX_FEE_BPS);
        uint16 previous = _config.feeBps;
        _config.feeBps = feeBps;
        emit PlatformFeeUpdated(previous, feeBps);
    }

    function _setTreasury(address treasury_) private {
        if (treasury_ == address(0)) revert CourseMarketplaceZeroAddress();
        address previous = _config.treasury;
        _config.treasury = treasury_;
        emit TreasuryUpdated(previous, treasury_);
    }
}
