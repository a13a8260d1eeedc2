// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title ICourseCertificate
 * @notice Events, errors and the marketplace-facing view of the soulbound course certificate.
 */
interface ICourseCertificate {
    /**
     * @notice Stored data of a certificate.
     * @param learner Holder of the certificate.
     * @param issuedAt Unix time (s) of the mint.
     * @param revoked Whether the issuer revoked it (the token stays; see README).
     * @param revokedAt Unix time (s) of the revocation, 0 if not revoked.
     */
    struct CertificateInfo {
        address learner;
        uint40 issuedAt;
        bool revoked;
        uint40 revokedAt;
    }

    /**
     * @notice Certificate `tokenId` for `courseId` was issued to `learner`; metadata at `ipfs://<cid>`
     * with cid = CIDv1 base32 of (`codec`, sha2-256 `digest`) — the string `cidOf(tokenId)` returns.
     */
    event CertificateIssued(
        uint256 indexed tokenId,
        address indexed learner,
        bytes32 indexed courseId,
        uint16 codec,
        bytes32 digest
    );

    /// @notice Certificate `tokenId` of `learner` was revoked by `revoker` for `reason`.
    event CertificateRevoked(uint256 indexed tokenId, address indexed learner, address indexed revoker, string reason);

    /// @notice The learner address was address(0).
    error CourseCertificateZeroAddress();
    /// @notice `learner` already holds certificate `tokenId` for `courseId`.
    error CourseCertificateAlreadyIssued(address learner, bytes32 courseId, uint256 tokenId);
    /// @notice `codec` is not a multicodec encodable in one or two varint bytes (>= 2^14).
    error CourseCertificateInvalidCodec(uint16 codec);
    /// @notice No certificate with `tokenId` exists.
    error CourseCertificateNonexistentToken(uint256 tokenId);
    /// @notice Certificate `tokenId` is already revoked.
    error CourseCertificateAlreadyRevoked(uint256 tokenId);
    /// @notice Certificates are soulbound (ERC-5192): transfers and approvals always revert.
    error CourseCertificateSoulbound();

    /**
     * @notice Token id of the certificate of `learner` for `courseId`, or 0 if none was issued.
     * @dev Revoked certificates still count as issued.
     */
    function certificateOf(address learner, bytes32 courseId) external view returns (uint256 tokenId);
}
