// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/**
 * @title ESNToken
 * @notice Fixed-supply ERC-20 ("ESN Token", ESN, 18 decimals) with EIP-2612 permit, used as the
 * platform token on local and test deployments (production points the marketplace at the existing
 * ESN token instead).
 * @dev The whole supply is minted to `treasury` at deployment; there is no mint or burn function.
 * A zero treasury reverts with {ERC20InvalidReceiver}.
 */
contract ESNToken is ERC20, ERC20Permit {
    /**
     * @param treasury Receives the whole supply.
     * @param supply Total supply in base units (18 decimals).
     */
    constructor(address treasury, uint256 supply) ERC20("ESN Token", "ESN") ERC20Permit("ESN Token") {
        _mint(treasury, supply);
    }
}
