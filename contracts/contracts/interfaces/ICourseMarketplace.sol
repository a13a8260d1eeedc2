// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title ICourseMarketplace
 * @notice Types, events and errors of the course escrow marketplace.
 * @dev Course ids are `bytes32 = keccak256(bytes(courseDbId))` (UTF-8 bytes of the web app's course
 * database id). Amounts are in base units of the payment token (wei for the native coin), times in
 * Unix seconds, fees in basis points (1 bp = 0.01 %).
 */
interface ICourseMarketplace {
    /// @notice Lifecycle of a purchase slot of one (learner, course) pair.
    enum PurchaseStatus {
        None, // never purchased
        Escrowed, // crypto payment held by the contract; refundable until the deadline
        Refunded, // escrow returned to the buyer (withdrawable); access removed
        Released, // escrow split between provider and treasury (withdrawable); access kept
        Card, // card payment recorded by the payment oracle; access granted, no funds held
        CardRevoked // card payment refunded off-chain; access removed
    }

    /**
     * @notice Sale terms of a course in one payment token, as returned by `listingOf(courseId, token)`.
     * @dev A course has one listing per payment token (e.g. native coin and ESN at the same time) but a
     * single provider: `provider` is the course's provider, shared by all its listings.
     * @param provider Address credited with the provider share on release; address(0) while the course
     * has no listing in any token.
     * @param refundWindow Seconds after purchase during which the learner may refund (<= 30 days).
     * @param active Whether new purchases in `token` are accepted.
     * @param token Payment token (the key the listing was read with); address(0) = native coin.
     * @param price Price in base units of `token` (wei for the native coin).
     */
    struct Listing {
        address provider;
        uint32 refundWindow;
        bool active;
        address token;
        uint96 price;
    }

    /**
     * @notice The latest purchase of a (learner, course) pair, as returned by `purchaseOf`.
     * @dev Stored in ONE slot (token as an allow-list index, payee as a per-course epoch index); the
     * buyer of a gift is kept in a second slot written only for gifts.
     * @param token Payment token (address(0) = native coin; also 0 for card purchases).
     * @param refundDeadline Unix time (s) from which the refund is closed and release is possible; bound
     * at purchase (later listing changes never move it). For card purchases: the end of the card refund
     * window recorded by the payment oracle (record time + window); the platform pays the provider's card
     * share out only from then on (no funds are held here for card sales).
     * @param status Lifecycle state.
     * @param feeBps Platform fee in basis points fixed at purchase time.
     * @param id Sequential purchase id (starts at 1), also in every purchase event.
     * @param buyer Payer; receives the refund. address(0) for card purchases.
     * @param amount Escrowed amount in base units of `token` (0 for card purchases).
     * @param payee Provider payout address bound at purchase (the course's payee epoch then current);
     * `release` credits it whatever rotations happened later. address(0) for card purchases.
     */
    struct Purchase {
        address token;
        uint40 refundDeadline;
        PurchaseStatus status;
        uint16 feeBps;
        uint32 id;
        address buyer;
        uint96 amount;
        address payee;
    }

    /**
     * @notice Card sale recorded by the payment oracle.
     * @param learner Learner who received access.
     * @param purchaseId Purchase id emitted with the card purchase.
     * @param revoked Whether the sale was revoked (card refund).
     * @param courseId Course of the sale.
     */
    struct CardSale {
        address learner;
        uint32 purchaseId;
        bool revoked;
        bytes32 courseId;
    }

    // ───────────────────────────── Events ─────────────────────────────

    /**
     * @notice The listing of `courseId` in `token` (address(0) = native coin) was created or changed
     * by `setBy`. `provider` is the course's provider after the change (shared by all tokens of the
     * course), `price` in base units of `token`, `refundWindow` in seconds.
     */
    event ListingSet(
        bytes32 indexed courseId,
        address indexed token,
        address indexed provider,
        address setBy,
        uint96 price,
        uint32 refundWindow,
        bool active
    );

    /**
     * @notice The provider of `courseId` (payout address and listing manager for every token of the
     * course) changed from `previousProvider` (address(0) for the first listing) to `newProvider`,
     * opening payee epoch `epoch` (0 for the first listing). Purchases made from now on are released to
     * `newProvider`; purchases already in escrow keep the payee of their epoch.
     * @dev Emitted by `setListing` (first listing, or the provider's own rotation) and by
     * `setProvider` / `setProviderWithSig` (provider consent).
     */
    event CourseProviderSet(
        bytes32 indexed courseId,
        address indexed previousProvider,
        address indexed newProvider,
        uint32 epoch
    );

    /**
     * @notice Access to `courseId` was bought for `learner` with a crypto payment held in escrow.
     * @dev Enough to rebuild enrollments from logs alone. `amount` in base units of `token`
     * (address(0) = native coin), `refundDeadline` in Unix seconds, `payee` = provider payout address
     * bound to this purchase (credited on release).
     */
    event PurchaseRecorded(
        uint256 indexed purchaseId,
        bytes32 indexed courseId,
        address indexed learner,
        address buyer,
        address token,
        uint256 amount,
        uint64 refundDeadline,
        address payee
    );

    /**
     * @notice The payment oracle recorded a card payment (settled off-chain) for `learner`; no funds
     * are held. `paymentRef` identifies the card payment (e.g. keccak256 of the Stripe payment intent).
     * `refundDeadline` (Unix s) = block time of the record + the sale's refund window: the card refund
     * window ends then, and only then may the provider's share of the card payment be paid out.
     */
    event CardPurchaseRecorded(
        uint256 indexed purchaseId,
        bytes32 indexed courseId,
        address indexed learner,
        bytes32 paymentRef,
        uint64 refundDeadline
    );

    /// @notice The escrow of a purchase was credited back to `buyer` (withdrawable); access ended.
    event PurchaseRefunded(
        uint256 indexed purchaseId,
        bytes32 indexed courseId,
        address indexed learner,
        address buyer,
        address token,
        uint256 amount
    );

    /// @notice The escrow of a purchase was split: `providerAmount` to `provider`, `feeAmount` to `treasury`.
    event PurchaseReleased(
        uint256 indexed purchaseId,
        bytes32 indexed courseId,
        address indexed learner,
        address provider,
        address treasury,
        address token,
        uint256 providerAmount,
        uint256 feeAmount
    );

    /// @notice A card purchase was revoked after a card refund; access ended.
    event CardPurchaseRevoked(
        uint256 indexed purchaseId,
        bytes32 indexed courseId,
        address indexed learner,
        bytes32 paymentRef
    );

    /// @notice `account` withdrew `amount` base units of `token` (address(0) = native coin).
    event Withdrawn(address indexed account, address indexed token, uint256 amount);

    /// @notice `token` was added to (`allowed` = true) or removed from the ERC-20 allow-list.
    event TokenAllowlistUpdated(address indexed token, bool allowed);

    /// @notice The platform fee changed (basis points).
    event PlatformFeeUpdated(uint16 previousFeeBps, uint16 newFeeBps);

    /// @notice The treasury address changed.
    event TreasuryUpdated(address indexed previousTreasury, address indexed newTreasury);

    /// @notice `account` paused new crypto purchases (same signature as OpenZeppelin `Pausable`).
    event Paused(address account);

    /// @notice `account` resumed purchases (same signature as OpenZeppelin `Pausable`).
    event Unpaused(address account);

    // ───────────────────────────── Errors ─────────────────────────────

    /// @notice A required address argument was address(0).
    error CourseMarketplaceZeroAddress();
    /**
     * @notice `caller` may not set a listing of `courseId`: it is neither a CATALOG_ROLE holder nor
     * the course's provider (a course's first listing needs CATALOG_ROLE).
     */
    error CourseMarketplaceUnauthorizedListing(bytes32 courseId, address caller);
    /// @notice An active listing needs a non-zero price.
    error CourseMarketplaceZeroPrice(bytes32 courseId, address token);
    /// @notice `refundWindow` (s) exceeds `maxRefundWindow` (s).
    error CourseMarketplaceRefundWindowTooLong(uint32 refundWindow, uint32 maxRefundWindow);
    /// @notice `token` is not on the ERC-20 allow-list.
    error CourseMarketplaceTokenNotAllowed(address token);
    /// @notice The course has no active listing in `token` (address(0) = native coin).
    error CourseMarketplaceListingInactive(bytes32 courseId, address token);
    /// @notice The listing's price in `token` exceeds the buyer's `maxPrice` (base units of `token`).
    error CourseMarketplacePriceAboveMax(bytes32 courseId, address token, uint256 price, uint256 maxPrice);
    /// @notice `msg.value` (wei) differs from the required `expected` value (price or 0).
    error CourseMarketplaceIncorrectPayment(bytes32 courseId, uint256 expected, uint256 sent);
    /// @notice `learner` already has an active (escrowed, released or card) purchase of the course.
    error CourseMarketplaceAlreadyPurchased(bytes32 courseId, address learner, uint256 purchaseId);
    /// @notice The token moved `received` instead of `expected` base units (fee-on-transfer or rebasing).
    error CourseMarketplaceTransferAmountMismatch(address token, uint256 expected, uint256 received);
    /// @notice The (learner, course) pair has no escrowed purchase.
    error CourseMarketplaceNotEscrowed(bytes32 courseId, address learner);
    /// @notice The refund deadline (Unix s) has passed.
    error CourseMarketplaceRefundWindowClosed(bytes32 courseId, address learner, uint64 refundDeadline);
    /// @notice A certificate was issued for the course, so the purchase is no longer refundable.
    error CourseMarketplaceCertificateIssued(bytes32 courseId, address learner, uint256 certificateId);
    /// @notice Release is possible only from `refundDeadline` (Unix s) on.
    error CourseMarketplaceRefundWindowOpen(bytes32 courseId, address learner, uint64 refundDeadline);
    /**
     * @notice The listing's refund window (s) is shorter than the `minRefundWindow` (s) the learner was
     * shown: the listing changed between quote and inclusion.
     */
    error CourseMarketplaceRefundWindowBelowMin(
        bytes32 courseId,
        address token,
        uint32 refundWindow,
        uint32 minRefundWindow
    );
    /**
     * @notice Changing the provider (payout address) of `courseId` needs the current provider's consent:
     * its own transaction or its EIP-712 signature (`setProviderWithSig`).
     */
    error CourseMarketplaceProviderConsentRequired(bytes32 courseId, address provider);
    /// @notice `caller` is not the provider of `courseId` (or the course has none yet).
    error CourseMarketplaceNotProvider(bytes32 courseId, address caller);
    /// @notice The provider's signature is invalid, or its `deadline` (Unix s) has passed.
    error CourseMarketplaceInvalidProviderSignature(bytes32 courseId, address provider);
    /// @notice `releaseMany` got arrays of different lengths.
    error CourseMarketplaceLengthMismatch(uint256 learners, uint256 courseIds);
    /// @notice No more than 255 ERC-20 tokens can ever be allow-listed (a purchase stores an 8-bit index).
    error CourseMarketplaceTooManyTokens();
    /// @notice Purchases are paused (same selector as OpenZeppelin `Pausable`).
    error EnforcedPause();
    /// @notice Purchases are not paused (same selector as OpenZeppelin `Pausable`).
    error ExpectedPause();
    /// @notice `paymentRef` must be non-zero.
    error CourseMarketplaceZeroPaymentRef();
    /// @notice `paymentRef` was already recorded.
    error CourseMarketplacePaymentRefUsed(bytes32 paymentRef);
    /// @notice No card sale was recorded under `paymentRef`.
    error CourseMarketplaceCardSaleNotFound(bytes32 paymentRef);
    /// @notice The card sale under `paymentRef` was already revoked.
    error CourseMarketplaceCardSaleAlreadyRevoked(bytes32 paymentRef);
    /// @notice `feeBps` exceeds `maxFeeBps`.
    error CourseMarketplaceFeeTooHigh(uint16 feeBps, uint16 maxFeeBps);
    /// @notice `account` has no withdrawable balance in `token`.
    error CourseMarketplaceNothingToWithdraw(address token, address account);
    /// @notice Sending `amount` wei to `to` failed.
    error CourseMarketplaceNativeTransferFailed(address to, uint256 amount);
}
