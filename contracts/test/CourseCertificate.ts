import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { encodeAbiParameters, encodeFunctionData, getAddress, hexToBigInt, keccak256, zeroAddress } from "viem";

import { ROLES } from "../ignition/modules/platform.ts";
import { courseIdToBytes32 } from "../src/courseId.ts";
import { cidParts, cidV1, CODEC } from "./helpers/cid.ts";
import { deployPlatform } from "./helpers/fixture.ts";

const COURSE = courseIdToBytes32("course-cert");

describe("CourseCertificate", async function () {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;
  const fixture = () => deployPlatform(connection);
  const load = () => networkHelpers.loadFixture(fixture);
  const idFor = (learner: `0x${string}`, course: `0x${string}`) =>
    hexToBigInt(keccak256(encodeAbiParameters([{ type: "address" }, { type: "bytes32" }], [learner, course])));

  it("mints a locked certificate with Transfer, Locked and CertificateIssued", async function () {
    const { cert, certificate, accounts } = await load();
    const learner = getAddress(accounts.learner.account.address);
    const cid = cidV1('{"name":"Certificate"}', CODEC.json);
    const parts = cidParts('{"name":"Certificate"}', CODEC.json);
    const tokenId = idFor(learner, COURSE);
    const minter = await cert(accounts.minter);
    const tx = minter.write.mint([learner, COURSE, ...parts]);
    await viem.assertions.emitWithArgs(tx, certificate, "Transfer", [zeroAddress, learner, tokenId]);
    const tx2 = minter.write.mint([getAddress(accounts.buyer.account.address), COURSE, ...parts]);
    await viem.assertions.emitWithArgs(tx2, certificate, "Locked", [
      idFor(getAddress(accounts.buyer.account.address), COURSE),
    ]);
    const stranger = getAddress(accounts.stranger.account.address);
    await viem.assertions.emitWithArgs(
      minter.write.mint([stranger, COURSE, ...parts]),
      certificate,
      "CertificateIssued",
      [idFor(stranger, COURSE), stranger, COURSE, ...parts],
    );

    assert.equal(await certificate.read.ownerOf([tokenId]), learner);
    assert.equal(await certificate.read.balanceOf([learner]), 1n);
    assert.equal(await certificate.read.locked([tokenId]), true);
    assert.equal(await certificate.read.tokenURI([tokenId]), `ipfs://${cid}`);
    assert.equal(await certificate.read.cidOf([tokenId]), cid);
    assert.equal(await certificate.read.certificateOf([learner, COURSE]), tokenId);
    assert.equal(await certificate.read.certificateIdFor([learner, COURSE]), tokenId);
    assert.equal(await certificate.read.certificateOf([learner, courseIdToBytes32("other")]), 0n);
    const info = await certificate.read.certificateInfo([tokenId]);
    assert.equal(info.learner, learner);
    assert.equal(info.revoked, false);
    assert.equal(info.revokedAt, 0);
    assert.equal(BigInt(info.issuedAt) > 0n, true);
  });

  it("stores and returns CIDs byte for byte for one- and two-byte codecs", async function () {
    const { cert, certificate, accounts } = await load();
    const minter = await cert(accounts.minter);
    const learner = getAddress(accounts.learner.account.address);
    const codecs = [CODEC.raw, CODEC.dagPb, 0x71, 0x01, 0x7f, CODEC.json, CODEC.dagJson, 0x80, 0x3fff];
    for (const [i, codec] of codecs.entries()) {
      const course = courseIdToBytes32(`codec-${i}`);
      const cid = cidV1(`metadata ${i}`, codec);
      await minter.write.mint([learner, course, ...cidParts(`metadata ${i}`, codec)]);
      assert.equal(await certificate.read.tokenURI([idFor(learner, course)]), `ipfs://${cid}`, `codec ${codec}`);
    }
    assert.equal(await certificate.read.balanceOf([learner]), BigInt(codecs.length));
  });

  it("rejects codecs that are not a one- or two-byte varint with CourseCertificateInvalidCodec", async function () {
    const { cert, certificate, accounts } = await load();
    const minter = await cert(accounts.minter);
    const learner = accounts.learner.account.address;
    for (const codec of [0x4000, 0xffff]) {
      await viem.assertions.revertWithCustomErrorWithArgs(
        minter.write.mint([learner, courseIdToBytes32(`bad-${codec}`), codec, keccak256("0x01")]),
        certificate,
        "CourseCertificateInvalidCodec",
        [codec],
      );
    }
  });

  it("revocation emits ERC-4906 MetadataUpdate and the metadata then says revoked", async function () {
    const { cert, certificate, accounts } = await load();
    const minter = await cert(accounts.minter);
    const learner = getAddress(accounts.learner.account.address);
    const tokenId = idFor(learner, COURSE);
    await minter.write.mint([learner, COURSE, ...cidParts("meta")]);
    await viem.assertions.emitWithArgs(minter.write.revoke([tokenId, "fraud"]), certificate, "MetadataUpdate", [
      tokenId,
    ]);
    const uri = await certificate.read.tokenURI([tokenId]);
    const prefix = "data:application/json;base64,";
    assert.ok(uri.startsWith(prefix), uri);
    const json = JSON.parse(Buffer.from(uri.slice(prefix.length), "base64").toString("utf8")) as Record<
      string,
      unknown
    >;
    const info = await certificate.read.certificateInfo([tokenId]);
    assert.equal(json.revoked, true);
    assert.equal(json.revokedAt, Number(info.revokedAt));
    assert.match(String(json.name), /revoked/);
    assert.equal(json.original_metadata, `ipfs://${cidV1("meta")}`);
    assert.deepEqual(json.attributes, [{ trait_type: "Status", value: "Revoked" }]);
    assert.equal(await certificate.read.cidOf([tokenId]), cidV1("meta"));
  });

  it("allows one certificate per (learner, course), even after revocation", async function () {
    const { cert, certificate, accounts } = await load();
    const minter = await cert(accounts.minter);
    const learner = getAddress(accounts.learner.account.address);
    const tokenId = idFor(learner, COURSE);
    await minter.write.mint([learner, COURSE, ...cidParts("a")]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      minter.write.mint([learner, COURSE, ...cidParts("b")]),
      certificate,
      "CourseCertificateAlreadyIssued",
      [learner, COURSE, tokenId],
    );
    await viem.assertions.emitWithArgs(
      minter.write.revoke([tokenId, "plagiarism"]),
      certificate,
      "CertificateRevoked",
      [tokenId, learner, getAddress(accounts.minter.account.address), "plagiarism"],
    );
    const info = await certificate.read.certificateInfo([tokenId]);
    assert.equal(info.revoked, true);
    assert.equal(info.revokedAt > 0, true);
    assert.equal(await certificate.read.ownerOf([tokenId]), learner);
    await viem.assertions.revertWithCustomErrorWithArgs(
      minter.write.revoke([tokenId, "again"]),
      certificate,
      "CourseCertificateAlreadyRevoked",
      [tokenId],
    );
    await viem.assertions.revertWithCustomError(
      minter.write.mint([learner, COURSE, ...cidParts("c")]),
      certificate,
      "CourseCertificateAlreadyIssued",
    );
  });

  it("guards mint and revoke with MINTER_ROLE and validates inputs", async function () {
    const { cert, certificate, accounts } = await load();
    const stranger = getAddress(accounts.stranger.account.address);
    const s = await cert(accounts.stranger);
    for (const call of [s.write.mint([stranger, COURSE, ...cidParts("a")]), s.write.revoke([1n, "x"])]) {
      await viem.assertions.revertWithCustomErrorWithArgs(call, certificate, "AccessControlUnauthorizedAccount", [
        stranger,
        ROLES.MINTER_ROLE,
      ]);
    }
    const minter = await cert(accounts.minter);
    await viem.assertions.revertWithCustomError(
      minter.write.mint([zeroAddress, COURSE, ...cidParts("a")]),
      certificate,
      "CourseCertificateZeroAddress",
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      minter.write.revoke([42n, "x"]),
      certificate,
      "CourseCertificateNonexistentToken",
      [42n],
    );
    assert.equal(await certificate.read.MINTER_ROLE(), ROLES.MINTER_ROLE);
    // AccessControlDefaultAdminRules: no zero admin, no second admin by grantRole, two-step transfer.
    await viem.assertions.revertWithCustomErrorWithArgs(
      viem.deployContract("CourseCertificate", [zeroAddress, 0]),
      certificate,
      "AccessControlInvalidDefaultAdmin",
      [zeroAddress],
    );
    const admin = await cert(accounts.admin);
    await viem.assertions.revertWithCustomError(
      admin.write.grantRole([ROLES.DEFAULT_ADMIN_ROLE, stranger]),
      certificate,
      "AccessControlEnforcedDefaultAdminRules",
    );
    await admin.write.beginDefaultAdminTransfer([stranger]);
    assert.equal(await certificate.read.hasRole([ROLES.DEFAULT_ADMIN_ROLE, stranger]), false);
    await s.write.acceptDefaultAdminTransfer();
    assert.equal(await certificate.read.owner(), stranger);
  });

  it("is soulbound: transfers and approvals revert; views report no approvals", async function () {
    const { cert, certificate, accounts } = await load();
    const learner = getAddress(accounts.learner.account.address);
    const other = getAddress(accounts.stranger.account.address);
    await (await cert(accounts.minter)).write.mint([learner, COURSE, ...cidParts("a")]);
    const tokenId = idFor(learner, COURSE);
    // The soulbound functions are `pure` in the ABI, so send them as raw transactions.
    const send = (data: `0x${string}`) => accounts.learner.sendTransaction({ to: certificate.address, data });
    const abi = certificate.abi;
    for (const data of [
      encodeFunctionData({ abi, functionName: "transferFrom", args: [learner, other, tokenId] }),
      encodeFunctionData({ abi, functionName: "safeTransferFrom", args: [learner, other, tokenId] }),
      encodeFunctionData({ abi, functionName: "safeTransferFrom", args: [learner, other, tokenId, "0x"] }),
      encodeFunctionData({ abi, functionName: "approve", args: [other, tokenId] }),
      encodeFunctionData({ abi, functionName: "setApprovalForAll", args: [other, true] }),
    ]) {
      await viem.assertions.revertWithCustomError(send(data), certificate, "CourseCertificateSoulbound");
    }
    assert.equal(await certificate.read.getApproved([tokenId]), zeroAddress);
    assert.equal(await certificate.read.isApprovedForAll([learner, other]), false);
    assert.equal(await certificate.read.ownerOf([tokenId]), learner);
  });

  it("reverts views for nonexistent tokens and the zero address", async function () {
    const { certificate } = await load();
    for (const call of [
      certificate.read.ownerOf([5n]),
      certificate.read.tokenURI([5n]),
      certificate.read.cidOf([5n]),
      certificate.read.locked([5n]),
      certificate.read.getApproved([5n]),
      certificate.read.certificateInfo([5n]),
    ]) {
      await viem.assertions.revertWithCustomErrorWithArgs(call, certificate, "CourseCertificateNonexistentToken", [5n]);
    }
    await viem.assertions.revertWithCustomError(
      certificate.read.balanceOf([zeroAddress]),
      certificate,
      "CourseCertificateZeroAddress",
    );
  });

  it("reports name, symbol and ERC-165 interfaces (ERC-721, Metadata, ERC-5192, ERC-4906)", async function () {
    const { certificate } = await load();
    assert.equal(await certificate.read.name(), "Smolitux Course Certificate");
    assert.equal(await certificate.read.symbol(), "SMCERT");
    for (const id of ["0x01ffc9a7", "0x80ac58cd", "0x5b5e139f", "0xb45a3c0e", "0x7965db0b", "0x49064906"] as const) {
      assert.equal(await certificate.read.supportsInterface([id]), true, id);
    }
    for (const id of ["0x780e9d63", "0xffffffff", "0x00000000"] as const) {
      assert.equal(await certificate.read.supportsInterface([id]), false, id);
    }
  });
});
