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
        uint256 len = bytes(cid).length;
        if (len != _SHORT_LENGTH && len != _LONG_LENGTH) return (false, 0, 0);
        uint256 headChars = len == _SHORT_LENGTH ? 7 : 8;
        uint256 head;
        uint256 body;
        uint256 tail;
        uint256 bad;
        assembly ("memory-safe") {
            // Folds the base32 values of chars [from, to) into acc (5 bits each); flags bad chars.
            function fold(start, from, to, flags) -> acc, badOut {
                badOut := flags
                for {
                    let i := from
                } lt(i, to) {
                    i := add(i, 1)
                } {
                    let c := byte(0, calldataload(add(start, i)))
                    let v := sub(c, 0x61) // a-z → 0-25 (others wrap or exceed 25)
                    if gt(v, 25) {
                        v := sub(c, 0x18) // 2-7 → 26-31
                        if or(lt(v, 26), gt(v, 31)) {
                            badOut := 1
                        }
                    }
                    acc := or(shl(5, acc), and(v, 31))
                }
            }
            let p := cid.offset
            bad := iszero(eq(byte(0, calldataload(p)), 0x62)) // multibase prefix "b"
            head, bad := fold(p, 1, add(1, headChars), bad)
            body, bad := fold(p, add(1, headChars), add(add(1, headChars), _BODY_CHARS), bad)
            tail, bad := fold(p, add(add(1, headChars), _BODY_CHARS), len, bad)
        }
        if (bad != 0) return (false, 0, 0);

        if (len == _SHORT_LENGTH) {
            // 7 chars = 35 bits: 32 header bits + 3 digest bits; body = 253 digest bits + 2 zero bits.
            if (body & 3 != 0) return (false, 0, 0);
            uint256 header = head >> 3;
            // header = 0x01 ‖ codec ‖ 0x12 ‖ 0x20
            uint256 c = (header >> 16) & 0xff;
            if (header >> 24 != 1 || header & 0xffff != 0x1220 || c >= 0x80) return (false, 0, 0);
            return (true, uint16(c), bytes32(((head & 7) << 253) | (body >> 2)));
        } else {
            // 8 chars = 40 header bits; body = 255 digest bits; tail = 1 digest bit + 4 zero bits.
            if (tail & 15 != 0) return (false, 0, 0);
            // header = 0x01 ‖ varint(codec) (2 bytes) ‖ 0x12 ‖ 0x20
            uint256 c0 = (head >> 24) & 0xff;
            uint256 c1 = (head >> 16) & 0xff;
            if (head >> 32 != 1 || head & 0xffff != 0x1220 || c0 < 0x80 || c1 == 0 || c1 >= 0x80) {
                return (false, 0, 0);
            }
            return (true, uint16((c0 & 0x7f) | (c1 << 7)), bytes32((body << 1) | (tail >> 4)));
        }
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
            uint256 header =
                (uint256(1) << 32) | (uint256((codec & 0x7f) | 0x80) << 24) | (uint256(codec >> 7) << 16) | 0x1220;
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
}
