// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title CidCodec
 * @notice Compact storage of IPFS CIDv1 strings: a canonical base32 CIDv1 with a sha2-256 multihash
 * ("b" + base32-lower of `0x01 ‖ varint(codec) ‖ 0x12 0x20 ‖ digest`) is stored as its multicodec
 * (< 2^14, one- or two-byte varint) and its 32-byte digest, and re-encoded to the identical string.
 * @dev Accepted strings are exactly 59 (one-byte codec, e.g. raw 0x55, dag-pb 0x70, dag-cbor 0x71)
 * or 61 characters (two-byte codec, e.g. json 0x0200, dag-json 0x0129). Decoding is strict
 * (lowercase alphabet, zero padding bits, minimal varint), so decode∘encode is the identity.
 */
library CidCodec {
    bytes32 private constant _ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    uint256 private constant _SHORT_LENGTH = 59;
    uint256 private constant _LONG_LENGTH = 61;
    uint256 private constant _BODY_CHARS = 51;

    /**
     * @notice Parses a CIDv1 base32 string.
     * @return ok Whether `cid` is a canonical CIDv1 base32 sha2-256 string.
     * @return codec Multicodec of the content (0 when not ok).
     * @return digest sha2-256 digest (0 when not ok).
     */
    function decode(string calldata cid) internal pure returns (bool ok, uint16 codec, bytes32 digest) {
        bytes calldata s = bytes(cid);
        uint256 len = s.length;
        if ((len != _SHORT_LENGTH && len != _LONG_LENGTH) || s[0] != "b") return (false, 0, 0);
        uint256 headChars = len == _SHORT_LENGTH ? 7 : 8;

        uint256 head;
        uint256 body;
        uint256 tail;
        bool valid = true;
        for (uint256 i = 1; i < len; ++i) {
            uint256 v = _value(uint8(s[i]));
            if (v > 31) valid = false;
            if (i <= headChars) head = (head << 5) | v;
            else if (i <= headChars + _BODY_CHARS) body = (body << 5) | v;
            else tail = v;
        }
        if (!valid) return (false, 0, 0);

        uint256 header;
        if (len == _SHORT_LENGTH) {
            // 7 chars = 35 bits: 32 header bits + 3 digest bits; body = 253 digest bits + 2 zero bits.
            if (body & 3 != 0) return (false, 0, 0);
            header = head >> 3;
            digest = bytes32(((head & 7) << 253) | (body >> 2));
            // header = 0x01 ‖ codec ‖ 0x12 ‖ 0x20
            uint256 c = (header >> 16) & 0xff;
            if (header >> 24 != 1 || header & 0xffff != 0x1220 || c >= 0x80) return (false, 0, 0);
            codec = uint16(c);
        } else {
            // 8 chars = 40 header bits; body = 255 digest bits; tail = 1 digest bit + 4 zero bits.
            if (tail & 15 != 0) return (false, 0, 0);
            header = head;
            digest = bytes32((body << 1) | (tail >> 4));
            uint256 c0 = (header >> 24) & 0xff;
            uint256 c1 = (header >> 16) & 0xff;
            if (header >> 32 != 1 || header & 0xffff != 0x1220 || c0 < 0x80 || c1 == 0 || c1 >= 0x80) {
                return (false, 0, 0);
            }
            codec = uint16((c0 & 0x7f) | (c1 << 7));
        }
        return (true, codec, digest);
    }

    /**
     * @notice Encodes a multicodec and sha2-256 digest as a CIDv1 base32 string (inverse of {decode}).
     * @param codec Multicodec (< 2^14).
     * @param digest sha2-256 digest.
     */
    function encode(uint16 codec, bytes32 digest) internal pure returns (string memory) {
        uint256 d = uint256(digest);
        bytes memory out;
        if (codec < 0x80) {
            out = new bytes(_SHORT_LENGTH);
            uint256 header = (uint256(1) << 24) | (uint256(codec) << 16) | 0x1220;
            _write(out, 1, 7, (header << 3) | (d >> 253));
            _write(out, 8, _BODY_CHARS, (d & ((uint256(1) << 253) - 1)) << 2);
        } else {
            out = new bytes(_LONG_LENGTH);
            uint256 header = (uint256(1) << 32) |
                (uint256((codec & 0x7f) | 0x80) << 24) |
                (uint256(codec >> 7) << 16) |
                0x1220;
            _write(out, 1, 8, header);
            _write(out, 9, _BODY_CHARS, d >> 1);
            _write(out, 60, 1, (d & 1) << 4);
        }
        out[0] = "b";
        return string(out);
    }

    /// @dev Writes the `count` low 5-bit groups of `x` (most significant first) at `out[start..]`.
    function _write(bytes memory out, uint256 start, uint256 count, uint256 x) private pure {
        for (uint256 j = 0; j < count; ++j) {
            out[start + j] = _ALPHABET[(x >> (5 * (count - 1 - j))) & 31];
        }
    }

    /// @dev Base32 value of an ASCII character, or 32 if it is not in the lowercase alphabet.
    function _value(uint8 c) private pure returns (uint256) {
        if (c >= 0x61 && c <= 0x7a) return c - 0x61; // a-z → 0-25
        if (c >= 0x32 && c <= 0x37) return c - 0x18; // 2-7 → 26-31
        return 32;
    }
}
