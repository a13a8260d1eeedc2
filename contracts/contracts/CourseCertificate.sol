// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {ICourseCertificate} from "./interfaces/ICourseCertificate.sol";
import {IERC5192} from "./interfaces/IERC5192.sol";
import {CidCodec} from "./libraries/CidCodec.sol";

/**
 * @title CourseCertificate
 * @notice Soulbound (ERC-5192) ERC-721 course certificates. One certificate per (learner, course);
 * token id = uint256(keccak256(abi.encode(learner, courseId))), so anyone can recompute and verify
 * it. `tokenURI` is `ipfs://<cid>` of the metadata JSON given at mint. Revocation flags the token
 * (it is not burned): `certificateInfo(tokenId).revoked` tells a verification page "revoked", an
 * ERC-4906 `MetadataUpdate` tells wallets and marketplaces to refetch, and `tokenURI` of a revoked
 * certificate is an on-chain JSON document that says it is revoked (and links the original metadata).
 * @dev Minimal ERC-721 written for gas: per token one slot (owner, issue time, revocation) plus the
 * CID digest; the CID string is stored as (multicodec, sha2-256 digest) and re-encoded
 * byte-identically (see {CidCodec}). Issuing a certificate closes the learner's refund window for
 * that course: the marketplace reads {certificateOf} before refunds (releases never depend on it).
 * Role administration follows OpenZeppelin `AccessControlDefaultAdminRules` (two-step, delayed).
 */
contract CourseCertificate is
    ICourseCertificate,
    IERC721,
    IERC721Metadata,
    IERC5192,
    IERC4906,
    AccessControlDefaultAdminRules
{
    /// @notice May issue and revoke certificates (the issuer).
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    /// @dev One slot (256 bits); revoked ⇔ revokedAt != 0 (block time is never 0).
    struct Token {
        address owner;
        uint40 issuedAt;
        uint16 codec;
        uint40 revokedAt;
    }

    mapping(uint256 tokenId => Token) private _tokens;
    mapping(uint256 tokenId => bytes32) private _digests;
    mapping(address owner => uint256) private _balances;

    /**
     * @param admin Receives DEFAULT_ADMIN_ROLE (grants MINTER_ROLE; transferable only in two steps).
     * @param adminDelay Seconds between starting and accepting a default-admin transfer.
     */
    constructor(address admin, uint48 adminDelay) AccessControlDefaultAdminRules(adminDelay, admin) {}

    // ───────────────────────────── Issuer ─────────────────────────────

    /**
     * @notice Issues the certificate of `learner` for `courseId` with metadata at `ipfs://<cid>`, where
     * the CIDv1 is given as its multicodec and sha2-256 digest (`cid = b + base32(0x01 ‖ varint(codec)
     * ‖ 0x12 0x20 ‖ digest)`, the form {cidOf} re-encodes byte-identically).
     * @dev Only MINTER_ROLE. Taking the parsed CID (not the 59/61-character string) keeps a first
     * certificate under 100,000 gas. Reverts with {AccessControlUnauthorizedAccount},
     * {CourseCertificateZeroAddress}, {CourseCertificateAlreadyIssued} (also after revocation) and
     * {CourseCertificateInvalidCodec} when `codec` >= 2^14 (not a one- or two-byte varint).
     * Emits {Transfer} (from 0), {Locked} and {CertificateIssued}.
     * @param learner Recipient.
     * @param courseId keccak256 of the UTF-8 course database id.
     * @param codec Multicodec of the metadata content (e.g. raw 0x55, json 0x0200), < 2^14.
     * @param digest sha2-256 digest of the metadata JSON (the CID's multihash digest).
     * @return tokenId uint256(keccak256(abi.encode(learner, courseId))).
     */
    function mint(
        address learner,
        bytes32 courseId,
        uint16 codec,
        bytes32 digest
    ) external onlyRole(MINTER_ROLE) returns (uint256 tokenId) {
        if (learner == address(0)) revert CourseCertificateZeroAddress();
        if (codec >= 1 << 14) revert CourseCertificateInvalidCodec(codec);
        tokenId = certificateIdFor(learner, courseId);
        if (_tokens[tokenId].owner != address(0)) revert CourseCertificateAlreadyIssued(learner, courseId, tokenId);

        _tokens[tokenId] = Token({owner: learner, issuedAt: uint40(block.timestamp), codec: codec, revokedAt: 0});
        _digests[tokenId] = digest;
        unchecked {
            ++_balances[learner]; // bounded by the number of courses
        }
        emit Transfer(address(0), learner, tokenId);
        emit Locked(tokenId);
        emit CertificateIssued(tokenId, learner, courseId, codec, digest);
    }

    /**
     * @notice Revokes certificate `tokenId`; the token stays (flagged) and can never be re-issued.
     * @dev Only MINTER_ROLE. Reverts with {AccessControlUnauthorizedAccount},
     * {CourseCertificateNonexistentToken} and {CourseCertificateAlreadyRevoked}.
     * Emits {CertificateRevoked} and ERC-4906 {MetadataUpdate} (the `tokenURI` now says "revoked").
     * @param tokenId Certificate to revoke.
     * @param reason Human-readable reason shown by the verification page.
     */
    function revoke(uint256 tokenId, string calldata reason) external onlyRole(MINTER_ROLE) {
        Token storage t = _tokens[tokenId];
        address owner = t.owner;
        if (owner == address(0)) revert CourseCertificateNonexistentToken(tokenId);
        if (t.revokedAt != 0) revert CourseCertificateAlreadyRevoked(tokenId);
        t.revokedAt = uint40(block.timestamp);
        emit CertificateRevoked(tokenId, owner, msg.sender, reason);
        emit MetadataUpdate(tokenId);
    }

    // ───────────────────────────── Views ─────────────────────────────

    /// @inheritdoc ICourseCertificate
    function certificateOf(address learner, bytes32 courseId) external view returns (uint256 tokenId) {
        tokenId = certificateIdFor(learner, courseId);
        if (_tokens[tokenId].owner == address(0)) return 0;
    }

    /// @notice Token id a certificate of `learner` for `courseId` has (whether issued or not).
    function certificateIdFor(address learner, bytes32 courseId) public pure returns (uint256) {
        return uint256(keccak256(abi.encode(learner, courseId)));
    }

    /**
     * @notice Learner, issue time and revocation status of `tokenId` (for verification pages).
     * @dev Reverts with {CourseCertificateNonexistentToken}.
     */
    function certificateInfo(uint256 tokenId) external view returns (CertificateInfo memory) {
        Token storage t = _requireToken(tokenId);
        return
            CertificateInfo({
                learner: t.owner,
                issuedAt: t.issuedAt,
                revoked: t.revokedAt != 0,
                revokedAt: t.revokedAt
            });
    }

    /// @notice The IPFS CID string given at mint. Reverts with {CourseCertificateNonexistentToken}.
    function cidOf(uint256 tokenId) public view returns (string memory) {
        Token storage t = _requireToken(tokenId);
        return CidCodec.encode(t.codec, _digests[tokenId]);
    }

    // ───────────────────────────── ERC-721 / ERC-5192 ─────────────────────────────

    /// @inheritdoc IERC721Metadata
    function name() external pure returns (string memory) {
        return "Smolitux Course Certificate";
    }

    /// @inheritdoc IERC721Metadata
    function symbol() external pure returns (string memory) {
        return "SMCERT";
    }

    /**
     * @notice `ipfs://<cid>` of the metadata JSON; for a revoked certificate a
     * `data:application/json;base64,…` document `{"name", "description", "revoked": true, "revokedAt",
     * "original_metadata": "ipfs://<cid>", "attributes": [{"trait_type": "Status", "value": "Revoked"}]}`.
     * @dev Reverts with {CourseCertificateNonexistentToken}.
     */
    function tokenURI(uint256 tokenId) external view returns (string memory) {
        string memory original = string.concat("ipfs://", cidOf(tokenId));
        Token storage t = _tokens[tokenId];
        if (t.revokedAt == 0) return original;
        string memory revokedAt = Strings.toString(t.revokedAt);
        // JSON needs double quotes inside the literals; prettier then prefers single-quoted literals.
        // solhint-disable quotes
        bytes memory json = abi.encodePacked(
            '{"name":"Smolitux Course Certificate (revoked)","description":"This certificate was ',
            "revoked by the issuer at Unix time ",
            revokedAt,
            ' and no longer certifies course completion.","revoked":true,"revokedAt":',
            revokedAt,
            ',"original_metadata":"',
            original,
            '","attributes":[{"trait_type":"Status","value":"Revoked"}]}'
        );
        // solhint-enable quotes
        return string.concat("data:application/json;base64,", Base64.encode(json));
    }

    /// @notice Number of certificates (including revoked ones) held by `owner`.
    /// @dev Reverts with {CourseCertificateZeroAddress} for address(0).
    function balanceOf(address owner) external view returns (uint256) {
        if (owner == address(0)) revert CourseCertificateZeroAddress();
        return _balances[owner];
    }

    /// @notice Holder of `tokenId`. Reverts with {CourseCertificateNonexistentToken}.
    function ownerOf(uint256 tokenId) external view returns (address) {
        return _requireToken(tokenId).owner;
    }

    /// @notice Always true for existing tokens (ERC-5192). Reverts with {CourseCertificateNonexistentToken}.
    function locked(uint256 tokenId) external view returns (bool) {
        _requireToken(tokenId);
        return true;
    }

    /// @notice Always address(0): approvals are impossible. Reverts with {CourseCertificateNonexistentToken}.
    function getApproved(uint256 tokenId) external view returns (address) {
        _requireToken(tokenId);
        return address(0);
    }

    /// @notice Always false: operators are impossible.
    function isApprovedForAll(address, address) external pure returns (bool) {
        return false;
    }

    /// @notice Always reverts with {CourseCertificateSoulbound}.
    function approve(address, uint256) external pure {
        revert CourseCertificateSoulbound();
    }

    /// @notice Always reverts with {CourseCertificateSoulbound}.
    function setApprovalForAll(address, bool) external pure {
        revert CourseCertificateSoulbound();
    }

    /// @notice Always reverts with {CourseCertificateSoulbound}.
    function transferFrom(address, address, uint256) external pure {
        revert CourseCertificateSoulbound();
    }

    /// @notice Always reverts with {CourseCertificateSoulbound}.
    function safeTransferFrom(address, address, uint256) external pure {
        revert CourseCertificateSoulbound();
    }

    /// @notice Always reverts with {CourseCertificateSoulbound}.
    function safeTransferFrom(address, address, uint256, bytes calldata) external pure {
        revert CourseCertificateSoulbound();
    }

    /// @notice ERC-165: ERC-721, ERC721Metadata, ERC-5192 (0xb45a3c0e), ERC-4906 (0x49064906),
    /// AccessControl(DefaultAdminRules), ERC-165.
    function supportsInterface(
        bytes4 interfaceId
    ) public view override(AccessControlDefaultAdminRules, IERC165) returns (bool) {
        return
            interfaceId == type(IERC721).interfaceId ||
            interfaceId == type(IERC721Metadata).interfaceId ||
            interfaceId == type(IERC5192).interfaceId ||
            interfaceId == bytes4(0x49064906) ||
            super.supportsInterface(interfaceId);
    }

    function _requireToken(uint256 tokenId) private view returns (Token storage t) {
        t = _tokens[tokenId];
        if (t.owner == address(0)) revert CourseCertificateNonexistentToken(tokenId);
    }
}
