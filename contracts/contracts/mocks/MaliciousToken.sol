// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/**
 * @title MaliciousToken (test mock)
 * @notice ERC-20 whose `transferFrom`/`transfer` call back into a target (the marketplace) with
 * preset calldata, to test reentrancy protection. The call's revert data is bubbled up so tests can
 * assert the guard's error.
 */
contract MaliciousToken is ERC20 {
    address public target;
    bytes public callbackData;

    constructor() ERC20("Malicious", "MAL") {
        _mint(msg.sender, 1e24);
    }

    function setCallback(address target_, bytes calldata data) external {
        target = target_;
        callbackData = data;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (target != address(0) && from != address(0)) {
            (bool ok, bytes memory err) = target.call(callbackData);
            if (!ok) {
                assembly ("memory-safe") {
                    revert(add(err, 0x20), mload(err))
                }
            }
        }
    }
}
