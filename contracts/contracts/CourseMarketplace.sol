// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {ICourseCertificate} from "./interfaces/ICourseCertificate.sol";
import {ICourseMarketplace} from "./interfaces/ICourseMarketplace.sol";

/**
 * @title CourseMarketplace
 * @notice Escrow marketplace for courses. Buyers pay in the native coin or an allow-listed ERC-20;
 * the payment stays in escrow until the refund deadline bound at purchase. Before it the learner may
 * refund (unless a certificate was issued for the course); from it on anyone may release the escrow
 * to the payee bound at purchase and the platform treasury (one purchase or many per transaction),
 * who withdraw their balances (pull payments). Card sales are recorded by the payment oracle without
 * moving funds.
 * @dev Units: amounts in base units of the payment token (wei for the native coin), time in Unix
 * seconds, fees in basis points. A course has one listing per payment token (price, refund window,
 * active flag; one slot each) and one provider shared by all of them. The provider's payout address
 * changes only with the provider's consent (its own transaction or an EIP-712 signature); every change
 * opens a new payee epoch, and a purchase keeps the epoch index in its single storage slot, so escrow
 * already paid is never redirected. A learner holds at most one active purchase per course, whatever
 * the token; the sequential purchase id is in every event so that an indexer can rebuild enrollments
 * from logs. Role administration follows OpenZeppelin `AccessControlDefaultAdminRules` (one admin,
 * two-step transfer with a delay).
 */
contract CourseMarketplace is
    ICourseMarketplace,
    AccessControlDefaultAdminRules,
    EIP712,
    Nonces,
    ReentrancyGuardTransient
{
    using SafeERC20 for IERC20;

    /// @notice May create any course's first listing and change any listing's terms (the platform's
    /// catalog key); may NOT change a course's provider.
    bytes32 public constant CATALOG_ROLE = keccak256("CATALOG_ROLE");
    /// @notice May record and revoke card purchases.
    bytes32 public constant PAYMENT_ORACLE_ROLE = keccak256("PAYMENT_ORACLE_ROLE");
    /// @notice May pause and unpause purchases.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @notice EIP-712 type of a provider's consent to a payout change.
    bytes32 public constant PROVIDER_CHANGE_TYPEHASH = keccak256(
        "ProviderChange(bytes32 courseId,address newProvider,uint256 nonce,uint256 deadline)"
    );

    /// @notice Longest refund window a listing may have (seconds).
    uint32 public constant MAX_REFUND_WINDOW = 30 days;
    /// @notice Highest platform fee (basis points, 30 %).
    uint16 public constant MAX_FEE_BPS = 3_000;
    /// @notice Basis-point denominator.
    uint16 public constant BPS_DENOMINATOR = 10_000;

    /// @notice Certificate contract consulted by refunds (a certificate closes the refund).
    ICourseCertificate public immutable certificate;

    /// @dev Packed configuration incl. the pause flag: one cold read per purchase.
    struct Config {
        address treasury;
        uint16 feeBps;
        uint32 lastPurchaseId;
        bool paused;
    }

    /// @dev Sale terms of one (course, token) listing, packed in one slot (the provider is per course).
    struct ListingTerms {
        uint96 price;
        uint32 refundWindow;
        bool active;
    }

    /// @dev Current provider of a course and its payee epoch (one slot).
    struct CourseProvider {
        address provider;
        uint32 epoch;
    }

    /// @dev A purchase in ONE slot (240 bits). `gift`: the buyer differs from the learner and is kept
    /// in `_giftBuyers`; otherwise the learner paid.
    struct StoredPurchase {
        uint96 amount;
        uint40 refundDeadline;
        uint32 id;
        uint32 payeeEpoch;
        uint16 feeBps;
        uint8 tokenIndex;
        PurchaseStatus status;
        bool gift;
    }

    /// @dev Allow-list entry; `index` (1…255) is assigned once and kept when the token is removed.
    struct TokenInfo {
        uint8 index;
        bool allowed;
    }

    Config private _config;
    mapping(bytes32 courseId => mapping(address token => ListingTerms)) private _listings;
    mapping(bytes32 courseId => CourseProvider) private _providers;
    mapping(bytes32 courseId => mapping(uint256 epoch => address payee)) private _payees;
    mapping(address learner => mapping(bytes32 courseId => StoredPurchase)) private _purchases;
    mapping(address learner => mapping(bytes32 courseId => address buyer)) private _giftBuyers;
    mapping(bytes32 paymentRef => CardSale) private _cardSales;
    mapping(address token => TokenInfo) private _tokenInfo;
    /// @dev Index → token; index 0 is the native coin (address(0)).
    address[] private _tokenByIndex;
    mapping(address token => mapping(address account => uint256)) private _withdrawable;

    /**
     * @param admin Receives DEFAULT_ADMIN_ROLE (transferable only in two steps with `adminDelay`) and
     * PAUSER_ROLE. In production a multisig, ideally behind a `TimelockController` (see README).
     * @param adminDelay Seconds between starting and accepting a default-admin transfer.
     * @param treasury_ Receives the platform fee.
     * @param feeBps_ Platform fee in basis points (<= MAX_FEE_BPS).
     * @param defaultToken ERC-20 allow-listed at deployment (ESN token); address(0) for none.
     * @param certificate_ Certificate contract whose `certificateOf` closes refunds.
     */
    constructor(
        address admin,
        uint48 adminDelay,
        address treasury_,
        uint16 feeBps_,
        address defaultToken,
        ICourseCertificate certificate_
    ) AccessControlDefaultAdminRules(adminDelay, admin) EIP712("CourseMarketplace", "1") {
        if (address(certificate_) == address(0)) revert CourseMarketplaceZeroAddress();
        certificate = certificate_;
        _grantRole(PAUSER_ROLE, admin);
        _tokenByIndex.push(address(0));
        _setTreasury(treasury_);
        _setPlatformFee(feeBps_);
        if (defaultToken != address(0)) _setTokenAllowed(defaultToken, true);
    }

    // ───────────────────────────── Listings ─────────────────────────────

    /**
     * @notice Creates or changes the listing of `courseId` in the payment `token`; for a course's first
     * listing also records its provider.
     * @dev A course has one listing per token (e.g. the native coin and ESN side by side) and one
     * provider shared by all of them, recorded with the course's first listing (payee epoch 0).
     * Authorization: a course's FIRST listing can only be created by a CATALOG_ROLE holder — the
     * platform's catalog key acting for the provider — so nobody can claim a course id of the platform
     * catalog. Afterwards a CATALOG_ROLE holder or the recorded provider may create or change the
     * listing of any token of that course; nobody else can. `provider` must then be the current
     * provider, except when the provider itself calls: passing a different address is the provider's
     * own rotation (see {setProvider}). The catalog key alone can never change the payout address.
     * Terms (price, window, active) apply to future purchases only; escrowed purchases keep their
     * token, amount, fee, refund deadline and payee.
     * Reverts with {CourseMarketplaceUnauthorizedListing} when the caller may not set listings of the
     * course, {CourseMarketplaceProviderConsentRequired} when a non-provider passes a different
     * provider, {CourseMarketplaceZeroAddress} when `provider` is 0,
     * {CourseMarketplaceRefundWindowTooLong} above 30 days, {CourseMarketplaceZeroPrice} when an active
     * listing has price 0 and {CourseMarketplaceTokenNotAllowed} when an active listing uses an ERC-20
     * not on the allow-list. Emits {CourseProviderSet} when the provider changes (incl. the first
     * listing), then {ListingSet}.
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
        address current = _providers[courseId].provider;
        if (!hasRole(CATALOG_ROLE, msg.sender) && (current == address(0) || msg.sender != current)) {
            revert CourseMarketplaceUnauthorizedListing(courseId, msg.sender);
        }
        if (provider == address(0)) revert CourseMarketplaceZeroAddress();
        if (refundWindow > MAX_REFUND_WINDOW) {
            revert CourseMarketplaceRefundWindowTooLong(refundWindow, MAX_REFUND_WINDOW);
        }
        if (active) {
            if (price == 0) revert CourseMarketplaceZeroPrice(courseId, token);
            if (token != address(0) && !_tokenInfo[token].allowed) revert CourseMarketplaceTokenNotAllowed(token);
        }
        if (provider != current) {
            if (current != address(0) && msg.sender != current) {
                revert CourseMarketplaceProviderConsentRequired(courseId, current);
            }
            _rotateProvider(courseId, current, provider);
        }
        _listings[courseId][token] = ListingTerms({price: price, refundWindow: refundWindow, active: active});
        emit ListingSet(courseId, token, provider, msg.sender, price, refundWindow, active);
    }

    /**
     * @notice The provider of `courseId` moves its payout address (and the right to manage the course's
     * listings) to `newProvider`, opening a new payee epoch. Purchases already paid keep their payee.
     * @dev Only the current provider. Reverts with {CourseMarketplaceNotProvider} and
     * {CourseMarketplaceZeroAddress}. Emits {CourseProviderSet} (nothing when unchanged).
     * @param courseId keccak256 of the UTF-8 course database id.
     * @param newProvider New payout address.
     */
    function setProvider(bytes32 courseId, address newProvider) external {
        address current = _providers[courseId].provider;
        if (current == address(0) || msg.sender != current) revert CourseMarketplaceNotProvider(courseId, msg.sender);
        if (newProvider == address(0)) revert CourseMarketplaceZeroAddress();
        if (newProvider != current) _rotateProvider(courseId, current, newProvider);
    }

    /**
     * @notice Like {setProvider}, relayed by anyone (e.g. the platform's catalog key) with the current
     * provider's EIP-712 consent `ProviderChange(courseId, newProvider, nonce, deadline)` (domain
     * "CourseMarketplace", version "1", this chain and contract). EOAs sign with ECDSA; contract wallets
     * answer ERC-1271 `isValidSignature`.
     * @dev `nonce` is the provider's current {nonces} value and is consumed, so a signature works once.
     * Reverts with {CourseMarketplaceNotProvider} when the course has no provider,
     * {CourseMarketplaceZeroAddress}, and {CourseMarketplaceInvalidProviderSignature} for a wrong
     * signer, a used nonce or a passed `deadline`. Emits {CourseProviderSet}.
     * @param courseId keccak256 of the UTF-8 course database id.
     * @param newProvider New payout address.
     * @param deadline Unix time (s) after which the signature is void.
     * @param signature 65-byte ECDSA signature or ERC-1271 signature of the current provider.
     */
    function setProviderWithSig(
        bytes32 courseId,
        address newProvider,
        uint256 deadline,
        bytes calldata signature
    ) external {
        address current = _providers[courseId].provider;
        if (current == address(0)) revert CourseMarketplaceNotProvider(courseId, address(0));
        if (newProvider == address(0)) revert CourseMarketplaceZeroAddress();
        bytes32 digest = _hashTypedDataV4(
            keccak256(abi.encode(PROVIDER_CHANGE_TYPEHASH, courseId, newProvider, _useNonce(current), deadline))
        );
        if (block.timestamp > deadline || !SignatureChecker.isValidSignatureNow(current, digest, signature)) {
            revert CourseMarketplaceInvalidProviderSignature(courseId, current);
        }
        if (newProvider != current) _rotateProvider(courseId, current, newProvider);
    }

    // ───────────────────────────── Purchases ─────────────────────────────

    /**
     * @notice Buys access to `courseId` for `learner` (the caller or a gift recipient) on the terms the
     * buyer was shown: at most `maxPrice`, with a refund window of at least `minRefundWindow`.
     * @dev Uses the listing of (`courseId`, `token`): the course must have an active listing in exactly
     * that token. Native coin (`token` = address(0)): send exactly the price as `msg.value` (excess is
     * rejected, not refunded). ERC-20: approve the price first and send no value. The payment is
     * escrowed until the refund deadline `block.timestamp + refundWindow`, and the course's current
     * payee epoch is bound to the purchase; both are stored in the purchase and never change. A learner
     * holds at most one active purchase per course, whatever the token.
     * Reverts with {EnforcedPause} when paused, {CourseMarketplaceZeroAddress} for learner 0,
     * {CourseMarketplaceListingInactive} when the course has no active listing in `token`,
     * {CourseMarketplacePriceAboveMax} when the price exceeds `maxPrice`,
     * {CourseMarketplaceRefundWindowBelowMin} when the refund window is shorter than `minRefundWindow`,
     * {CourseMarketplaceIncorrectPayment} for a wrong `msg.value`, {CourseMarketplaceTokenNotAllowed}
     * when the token left the allow-list, {CourseMarketplaceAlreadyPurchased} when the learner holds an
     * active purchase, and {CourseMarketplaceTransferAmountMismatch} for fee-on-transfer tokens.
     * Emits {PurchaseRecorded}.
     * @param courseId keccak256 of the UTF-8 course database id.
     * @param learner Address that receives access.
     * @param token Payment token (address(0) = native coin); selects the course's listing.
     * @param maxPrice Highest price in base units the buyer accepts (front-running guard).
     * @param minRefundWindow Shortest refund window in seconds the buyer accepts (the one shown).
     * @return purchaseId Sequential id of the new purchase.
     */
    function purchase(
        bytes32 courseId,
        address learner,
        address token,
        uint256 maxPrice,
        uint32 minRefundWindow
    ) external payable returns (uint256 purchaseId) {
        if (token != address(0)) return _purchaseErc20(courseId, learner, token, maxPrice, minRefundWindow);
        return _purchase(courseId, learner, token, maxPrice, minRefundWindow);
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
     * @param minRefundWindow Shortest refund window in seconds the buyer accepts (the one shown).
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
        uint32 minRefundWindow,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 purchaseId) {
        if (token != address(0)) {
            // solhint-disable-next-line no-empty-blocks
            try IERC20Permit(token).permit(msg.sender, address(this), maxPrice, deadline, v, r, s) {} catch {}
            return _purchaseErc20(courseId, learner, token, maxPrice, minRefundWindow);
        }
        return _purchase(courseId, learner, token, maxPrice, minRefundWindow);
    }

    /**
     * @notice Records a card payment (settled off-chain, e.g. Stripe) as a purchase; moves no funds.
     * The purchase keeps the card refund deadline (block time + `refundWindow`), like a crypto purchase
     * keeps its escrow deadline: the platform pays the provider's share of the card payment out only
     * from that deadline on (`purchaseOf(...).refundDeadline`, {CardPurchaseRecorded}).
     * @dev Only PAYMENT_ORACLE_ROLE. Not affected by the pause (the payment has already happened).
     * The deadline shares the purchase's single storage slot, so recording it costs no extra write.
     * Reverts with {AccessControlUnauthorizedAccount}, {CourseMarketplaceZeroAddress} for learner 0,
     * {CourseMarketplaceZeroPaymentRef}, {CourseMarketplaceRefundWindowTooLong} above
     * {MAX_REFUND_WINDOW}, {CourseMarketplacePaymentRefUsed} when `paymentRef` was recorded before, and
     * {CourseMarketplaceAlreadyPurchased}. Emits {CardPurchaseRecorded}.
     * @param courseId keccak256 of the UTF-8 course database id.
     * @param learner Address that receives access.
     * @param paymentRef Unique reference, e.g. keccak256 of the Stripe payment intent id.
     * @param refundWindow Card refund window of the sale in seconds (fixed at checkout; <= MAX_REFUND_WINDOW).
     * @return purchaseId Sequential id of the new purchase.
     */
    function recordCardPurchase(
        bytes32 courseId,
        address learner,
        bytes32 paymentRef,
        uint32 refundWindow
    ) external onlyRole(PAYMENT_ORACLE_ROLE) returns (uint256 purchaseId) {
        if (learner == address(0)) revert CourseMarketplaceZeroAddress();
        if (paymentRef == bytes32(0)) revert CourseMarketplaceZeroPaymentRef();
        if (refundWindow > MAX_REFUND_WINDOW) {
            revert CourseMarketplaceRefundWindowTooLong(refundWindow, MAX_REFUND_WINDOW);
        }
        if (_cardSales[paymentRef].learner != address(0)) revert CourseMarketplacePaymentRefUsed(paymentRef);
        mapping(bytes32 => StoredPurchase) storage mine = _purchases[learner];
        _requireNoActivePurchase(mine[courseId], courseId, learner);

        Config memory config = _config;
        uint32 id = SafeCast.toUint32(uint256(config.lastPurchaseId) + 1);
        _config.lastPurchaseId = id;
        uint40 deadline = uint40(block.timestamp) + refundWindow;
        mine[courseId] = StoredPurchase({
            amount: 0,
            refundDeadline: deadline,
            id: id,
            payeeEpoch: 0,
            feeBps: 0,
            tokenIndex: 0,
            status: PurchaseStatus.Card,
            gift: false
        });
        _cardSales[paymentRef] = CardSale({learner: learner, purchaseId: id, revoked: false, courseId: courseId});
        emit CardPurchaseRecorded(id, courseId, learner, paymentRef, deadline);
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
     * escrowed purchase, {CourseMarketplaceRefundWindowClosed} from the refund deadline bound at
     * purchase on, and {CourseMarketplaceCertificateIssued} once a certificate was issued.
     * Emits {PurchaseRefunded}.
     * @param courseId keccak256 of the UTF-8 course database id.
     */
    function refund(bytes32 courseId) external {
        StoredPurchase storage p = _purchases[msg.sender][courseId];
        StoredPurchase memory m = p;
        if (m.status != PurchaseStatus.Escrowed) revert CourseMarketplaceNotEscrowed(courseId, msg.sender);
        if (block.timestamp >= m.refundDeadline) {
            revert CourseMarketplaceRefundWindowClosed(courseId, msg.sender, m.refundDeadline);
        }
        uint256 certificateId = certificate.certificateOf(msg.sender, courseId);
        if (certificateId != 0) revert CourseMarketplaceCertificateIssued(courseId, msg.sender, certificateId);

        p.status = PurchaseStatus.Refunded;
        address token = _tokenAt(m.tokenIndex);
        address buyer = m.gift ? _giftBuyers[msg.sender][courseId] : msg.sender;
        _withdrawable[token][buyer] += m.amount;
        emit PurchaseRefunded(m.id, courseId, msg.sender, buyer, token, m.amount);
    }

    /**
     * @notice Releases an escrowed purchase: the provider share and the platform fee (basis points
     * fixed at purchase) are credited to the payee bound at purchase and the treasury, in the
     * purchase's token.
     * @dev Callable by anyone from the refund deadline bound at purchase on — never earlier (so no
     * role, not even the certificate minter, can shorten a refund window's escrow). Reverts with
     * {CourseMarketplaceNotEscrowed} and {CourseMarketplaceRefundWindowOpen}. Emits {PurchaseReleased}.
     * @param learner Learner of the purchase.
     * @param courseId keccak256 of the UTF-8 course database id.
     */
    function release(address learner, bytes32 courseId) external {
        StoredPurchase storage p = _purchases[learner][courseId];
        StoredPurchase memory m = p;
        if (m.status != PurchaseStatus.Escrowed) revert CourseMarketplaceNotEscrowed(courseId, learner);
        if (block.timestamp < m.refundDeadline) {
            revert CourseMarketplaceRefundWindowOpen(courseId, learner, m.refundDeadline);
        }
        p.status = PurchaseStatus.Released;
        (address payee, address token, uint256 providerAmount, uint256 feeAmount) = _settle(m, learner, courseId);
        _withdrawable[token][payee] += providerAmount;
        _withdrawable[token][_config.treasury] += feeAmount;
    }

    /**
     * @notice Releases many matured purchases in one transaction (e.g. all of a provider's sales):
     * like {release} for each pair (`learners[i]`, `courseIds[i]`); pairs that are not releasable
     * (not escrowed — e.g. already released by someone else — or before their deadline) are skipped.
     * @dev Credits are summed in memory and written once per run of equal (payee, token) pairs, so a
     * provider's N sales cost one balance write instead of N. Emits {PurchaseReleased} per released
     * purchase. Reverts with {CourseMarketplaceLengthMismatch}.
     * @param learners Learner of each purchase.
     * @param courseIds Course of each purchase (keccak256 of the UTF-8 course database id).
     * @return released Number of purchases released.
     */
    function releaseMany(
        address[] calldata learners,
        bytes32[] calldata courseIds
    ) external returns (uint256 released) {
        if (learners.length != courseIds.length) {
            revert CourseMarketplaceLengthMismatch(learners.length, courseIds.length);
        }
        Run memory run = Run({payee: address(0), token: address(0), providerAmount: 0, feeAmount: 0});
        address treasury_ = _config.treasury;
        for (uint256 i; i < learners.length; ++i) {
            if (!_releaseInto(run, learners[i], courseIds[i], treasury_)) continue;
            ++released;
        }
        if (released != 0) _credit(run, treasury_);
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
        if (_config.paused) revert EnforcedPause();
        _config.paused = true;
        emit Paused(msg.sender);
    }

    /**
     * @notice Resumes purchases. Only PAUSER_ROLE.
     * @dev Reverts with {ExpectedPause} when not paused. Emits {Unpaused}.
     */
    function unpause() external onlyRole(PAUSER_ROLE) {
        if (!_config.paused) revert ExpectedPause();
        _config.paused = false;
        emit Unpaused(msg.sender);
    }

    // ───────────────────────────── Views ─────────────────────────────

    /// @notice Whether new crypto purchases are paused.
    function paused() external view returns (bool) {
        return _config.paused;
    }

    /**
     * @notice Listing of `courseId` in `token` (address(0) = native coin).
     * @dev `token` echoes the argument; `provider` is the course's provider (address(0) while the course
     * has no listing in any token); price, refundWindow and active are 0/false if never set for `token`.
     */
    function listingOf(bytes32 courseId, address token) external view returns (Listing memory) {
        ListingTerms memory terms = _listings[courseId][token];
        return
            Listing({
                provider: _providers[courseId].provider,
                refundWindow: terms.refundWindow,
                active: terms.active,
                token: token,
                price: terms.price
            });
    }

    /// @notice Provider (payout address, listing manager) of `courseId`; address(0) before its first listing.
    function providerOf(bytes32 courseId) external view returns (address) {
        return _providers[courseId].provider;
    }

    /// @notice Current payee epoch of `courseId` (0 at the first listing, +1 per provider change).
    function payeeEpochOf(bytes32 courseId) external view returns (uint32) {
        return _providers[courseId].epoch;
    }

    /// @notice Payout address of payee epoch `epoch` of `courseId` (address(0) if never opened).
    function payeeAt(bytes32 courseId, uint32 epoch) external view returns (address) {
        return _payees[courseId][epoch];
    }

    /// @notice Latest purchase of `courseId` by `learner` (status None if never purchased).
    function purchaseOf(address learner, bytes32 courseId) external view returns (Purchase memory) {
        StoredPurchase memory m = _purchases[learner][courseId];
        bool card = m.status == PurchaseStatus.Card || m.status == PurchaseStatus.CardRevoked;
        return
            Purchase({
                token: _tokenAt(m.tokenIndex),
                refundDeadline: m.refundDeadline,
                status: m.status,
                feeBps: m.feeBps,
                id: m.id,
                buyer: card || m.status == PurchaseStatus.None
                    ? address(0)
                    : (m.gift ? _giftBuyers[learner][courseId] : learner),
                amount: m.amount,
                payee: card || m.status == PurchaseStatus.None ? address(0) : _payees[courseId][m.payeeEpoch]
            });
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
        return _tokenInfo[token].allowed;
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

    /// @dev ERC-20 purchases make external calls (transferFrom, balanceOf): guarded; native ones are not.
    function _purchaseErc20(
        bytes32 courseId,
        address learner,
        address token,
        uint256 maxPrice,
        uint32 minRefundWindow
    ) private nonReentrant returns (uint256) {
        return _purchase(courseId, learner, token, maxPrice, minRefundWindow);
    }

    function _purchase(
        bytes32 courseId,
        address learner,
        address token,
        uint256 maxPrice,
        uint32 minRefundWindow
    ) private returns (uint256 id) {
        if (_config.paused) revert EnforcedPause();
        if (learner == address(0)) revert CourseMarketplaceZeroAddress();
        ListingTerms memory listing = _listings[courseId][token];
        if (!listing.active) revert CourseMarketplaceListingInactive(courseId, token);
        if (listing.price > maxPrice) revert CourseMarketplacePriceAboveMax(courseId, token, listing.price, maxPrice);
        if (listing.refundWindow < minRefundWindow) {
            revert CourseMarketplaceRefundWindowBelowMin(courseId, token, listing.refundWindow, minRefundWindow);
        }
        uint8 tokenIndex = _acceptPayment(courseId, token, listing.price);
        id = _record(courseId, learner, token, tokenIndex, listing);

        // Interaction: pull the ERC-20 and check what actually arrived.
        if (token != address(0)) {
            IERC20 erc20 = IERC20(token);
            uint256 before = erc20.balanceOf(address(this));
            erc20.safeTransferFrom(msg.sender, address(this), listing.price);
            uint256 received = erc20.balanceOf(address(this)) - before;
            if (received != listing.price)
                revert CourseMarketplaceTransferAmountMismatch(token, listing.price, received);
        }
    }

    /// @dev Checks `msg.value` (exactly `price` for the native coin, else 0) and the allow-list;
    /// returns the token's index (0 = native coin).
    function _acceptPayment(bytes32 courseId, address token, uint256 price) private view returns (uint8) {
        if (token == address(0)) {
            if (msg.value != price) revert CourseMarketplaceIncorrectPayment(courseId, price, msg.value);
            return 0;
        }
        if (msg.value != 0) revert CourseMarketplaceIncorrectPayment(courseId, 0, msg.value);
        TokenInfo memory info = _tokenInfo[token];
        if (!info.allowed) revert CourseMarketplaceTokenNotAllowed(token);
        return info.index;
    }

    /// @dev Effects of a crypto purchase: one write of the config slot and one of the purchase slot
    /// (plus one for a gift's buyer), binding the refund deadline and the course's payee epoch.
    function _record(
        bytes32 courseId,
        address learner,
        address token,
        uint8 tokenIndex,
        ListingTerms memory listing
    ) private returns (uint32 id) {
        Config memory config = _config;
        mapping(bytes32 => StoredPurchase) storage mine = _purchases[learner];
        _requireNoActivePurchase(mine[courseId], courseId, learner);
        id = SafeCast.toUint32(uint256(config.lastPurchaseId) + 1);
        _config.lastPurchaseId = id;
        CourseProvider memory course = _providers[courseId];
        uint40 deadline = uint40(block.timestamp) + listing.refundWindow;
        mine[courseId] = StoredPurchase({
            amount: listing.price,
            refundDeadline: deadline,
            id: id,
            payeeEpoch: course.epoch,
            feeBps: config.feeBps,
            tokenIndex: tokenIndex,
            status: PurchaseStatus.Escrowed,
            gift: msg.sender != learner
        });
        if (msg.sender != learner) _giftBuyers[learner][courseId] = msg.sender;
        emit PurchaseRecorded(id, courseId, learner, msg.sender, token, listing.price, deadline, course.provider);
    }

    /// @dev Sum of consecutive releases to one (payee, token), credited in one write each.
    struct Run {
        address payee;
        address token;
        uint256 providerAmount;
        uint256 feeAmount;
    }

    /// @dev Releases (`learner`, `courseId`) into `run` if releasable; flushes `run` on a new (payee, token).
    function _releaseInto(Run memory run, address learner, bytes32 courseId, address treasury_) private returns (bool) {
        StoredPurchase storage p = _purchases[learner][courseId];
        StoredPurchase memory m = p;
        if (m.status != PurchaseStatus.Escrowed || block.timestamp < m.refundDeadline) return false;
        p.status = PurchaseStatus.Released;
        (address payee, address token, uint256 providerAmount, uint256 feeAmount) = _settle(m, learner, courseId);
        if (payee != run.payee || token != run.token) {
            if (run.payee != address(0)) _credit(run, treasury_);
            run.payee = payee;
            run.token = token;
            run.providerAmount = 0;
            run.feeAmount = 0;
        }
        run.providerAmount += providerAmount;
        run.feeAmount += feeAmount;
        return true;
    }

    function _credit(Run memory run, address treasury_) private {
        _withdrawable[run.token][run.payee] += run.providerAmount;
        _withdrawable[run.token][treasury_] += run.feeAmount;
    }

    /// @dev Computes and announces the release of `m` (already marked Released); the caller credits.
    function _settle(
        StoredPurchase memory m,
        address learner,
        bytes32 courseId
    ) private returns (address payee, address token, uint256 providerAmount, uint256 feeAmount) {
        payee = _payees[courseId][m.payeeEpoch];
        token = _tokenAt(m.tokenIndex);
        (providerAmount, feeAmount) = splitAmount(m.amount, m.feeBps);
        emit PurchaseReleased(m.id, courseId, learner, payee, _config.treasury, token, providerAmount, feeAmount);
    }

    function _rotateProvider(bytes32 courseId, address previous, address next) private {
        uint32 epoch = previous == address(0) ? 0 : SafeCast.toUint32(uint256(_providers[courseId].epoch) + 1);
        _providers[courseId] = CourseProvider({provider: next, epoch: epoch});
        _payees[courseId][epoch] = next;
        emit CourseProviderSet(courseId, previous, next, epoch);
    }

    function _tokenAt(uint8 index) private view returns (address) {
        return index == 0 ? address(0) : _tokenByIndex[index];
    }

    function _requireNoActivePurchase(StoredPurchase storage p, bytes32 courseId, address learner) private view {
        PurchaseStatus status = p.status;
        if (_isActive(status)) revert CourseMarketplaceAlreadyPurchased(courseId, learner, p.id);
    }

    function _isActive(PurchaseStatus status) private pure returns (bool) {
        return status == PurchaseStatus.Escrowed || status == PurchaseStatus.Released || status == PurchaseStatus.Card;
    }

    function _setTokenAllowed(address token, bool allowed) private {
        if (token == address(0)) revert CourseMarketplaceZeroAddress();
        TokenInfo memory info = _tokenInfo[token];
        if (info.index == 0) {
            uint256 index = _tokenByIndex.length;
            if (index > type(uint8).max) revert CourseMarketplaceTooManyTokens();
            _tokenByIndex.push(token);
            info.index = uint8(index);
        }
        info.allowed = allowed;
        _tokenInfo[token] = info;
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
