// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CourseMarketplace} from "../CourseMarketplace.sol";

/**
 * @title MaliciousReceiver (test mock)
 * @notice Buys courses and, when it receives native coin from {CourseMarketplace.withdraw}, re-enters
 * the marketplace (`withdraw` again, or `refund`). Records whether the re-entry succeeded.
 */
contract MaliciousReceiver {
    enum Attack {
        None,
        Withdraw,
        Refund,
        Reject
    }

    error MaliciousReceiverRejected();

    CourseMarketplace public immutable marketplace;
    Attack public attack;
    bytes32 public attackCourse;
    bool public reentered;
    bytes public reentryError;

    constructor(CourseMarketplace marketplace_) {
        marketplace = marketplace_;
    }

    function setAttack(Attack attack_, bytes32 courseId) external {
        attack = attack_;
        attackCourse = courseId;
    }

    function buy(bytes32 courseId, uint256 price) external payable {
        marketplace.purchase{value: price}(courseId, address(this), address(0), price, 0);
    }

    function refund(bytes32 courseId) external {
        marketplace.refund(courseId);
    }

    function withdraw() external {
        marketplace.withdraw(address(0));
    }

    // solhint-disable-next-line no-complex-fallback
    receive() external payable {
        if (attack == Attack.Reject) revert MaliciousReceiverRejected();
        if (attack == Attack.None) return;
        bytes memory data =
            attack == Attack.Withdraw
                ? abi.encodeCall(CourseMarketplace.withdraw, (address(0)))
                : abi.encodeCall(CourseMarketplace.refund, (attackCourse));
        (bool ok, bytes memory err) = address(marketplace).call(data);
        reentered = ok;
        reentryError = err;
    }
}
