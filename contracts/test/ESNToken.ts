import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { getAddress, parseEther, zeroAddress } from "viem";

import { deployPlatform, signPermit } from "./helpers/fixture.ts";

describe("ESNToken", async function () {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;
  const fixture = () => deployPlatform(connection);
  const load = () => networkHelpers.loadFixture(fixture);

  it("mints the fixed supply to the treasury", async function () {
    const token = await viem.deployContract("ESNToken", [
      getAddress("0x00000000000000000000000000000000000000aa"),
      1000n,
    ]);
    assert.equal(await token.read.name(), "ESN Token");
    assert.equal(await token.read.symbol(), "ESN");
    assert.equal(await token.read.decimals(), 18);
    assert.equal(await token.read.totalSupply(), 1000n);
    assert.equal(await token.read.balanceOf(["0x00000000000000000000000000000000000000aa"]), 1000n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      viem.deployContract("ESNToken", [zeroAddress, 1n]),
      token,
      "ERC20InvalidReceiver",
      [zeroAddress],
    );
  });

  it("transfers, approves and enforces balances (ERC-20)", async function () {
    const { esn, esnToken, accounts } = await load();
    const buyer = getAddress(accounts.buyer.account.address);
    const learner = getAddress(accounts.learner.account.address);
    assert.equal(await esnToken.read.totalSupply(), parseEther("100000000"));
    const b = await esn(accounts.buyer);
    await viem.assertions.emitWithArgs(b.write.transfer([learner, 5n]), esnToken, "Transfer", [buyer, learner, 5n]);
    await viem.assertions.emitWithArgs(b.write.approve([learner, 7n]), esnToken, "Approval", [buyer, learner, 7n]);
    await (await esn(accounts.learner)).write.transferFrom([buyer, learner, 7n]);
    assert.equal(await esnToken.read.allowance([buyer, learner]), 0n);
    await viem.assertions.revertWithCustomError(
      b.write.transfer([learner, parseEther("1000000")]),
      esnToken,
      "ERC20InsufficientBalance",
    );
  });

  it("accepts EIP-2612 permits and rejects expired or replayed ones", async function () {
    const { esnToken, accounts } = await load();
    const owner = accounts.buyer;
    const spender = getAddress(accounts.learner.account.address);
    const deadline = BigInt(await networkHelpers.time.latest()) + 60n;
    const { v, r, s } = await signPermit(viem, esnToken, owner, spender, 99n, deadline);
    await esnToken.write.permit([owner.account.address, spender, 99n, deadline, v, r, s]);
    assert.equal(await esnToken.read.allowance([owner.account.address, spender]), 99n);
    await viem.assertions.revertWithCustomError(
      esnToken.write.permit([owner.account.address, spender, 99n, deadline, v, r, s]),
      esnToken,
      "ERC2612InvalidSigner",
    );
    const late = await signPermit(viem, esnToken, owner, spender, 1n, deadline);
    await networkHelpers.time.increase(120);
    await viem.assertions.revertWithCustomError(
      esnToken.write.permit([owner.account.address, spender, 1n, deadline, late.v, late.r, late.s]),
      esnToken,
      "ERC2612ExpiredSignature",
    );
    assert.equal((await esnToken.read.eip712Domain())[1], "ESN Token");
  });
});
