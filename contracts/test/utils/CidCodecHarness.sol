// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CidCodec} from "../../contracts/libraries/CidCodec.sol";

/// @dev Exposes the internal CidCodec functions to tests.
contract CidCodecHarness {
    function encode(uint16 codec, bytes32 digest) external pure returns (string memory) {
        return CidCodec.encode(codec, digest);
    }

    function decode(string calldata cid) external pure returns (bool ok, uint16 codec, bytes32 digest) {
        return CidCodec.decode(cid);
    }
}
