import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";
import { encodeAbiParameters, encodeFunctionData, getAddress, hexToBigInt, keccak256, zeroAddress } from "viem";

import { ROLES } from "../ignition/modules/platform.ts";
import { courseIdToBytes32 } from "../src/courseId.ts";
import { base32, cidV1, CODEC } from "./helpers/cid.ts";
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
    const tokenId = idFor(learner, COURSE);
    const minter = await cert(accounts.minter);
    const tx = minter.write.mint([learner, COURSE, cid]);
    await viem.assertions.emitWithArgs(tx, certificate, "Transfer", [zeroAddress, learner, tokenId]);
    const tx2 = minter.write.mint([getAddress(accounts.buyer.account.address), COURSE, cid]);
    await viem.assertions.emitWithArgs(tx2, certificate, "Locked", [
      idFor(getAddress(accounts.buyer.account.address), COURSE),
    ]);
    const stranger = getAddress(accounts.stranger.account.address);
    await viem.assertions.emitWithArgs(minter.write.mint([stranger, COURSE, cid]), certificate, "CertificateIssued", [
      idFor(stranger, COURSE),
      stranger,
      COURSE,
      cid,
    ]);

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
      await minter.write.mint([learner, course, cid]);
      assert.equal(await certificate.read.tokenURI([idFor(learner, course)]), `ipfs://${cid}`, `codec ${codec}`);
    }
    assert.equal(await certificate.read.balanceOf([learner]), BigInt(codecs.length));
  });

  it("rejects invalid CIDs with CourseCertificateInvalidCid", async function () {
    const { cert, certificate, accounts } = await load();
    const minter = await cert(accounts.minter);
    const learner = accounts.learner.account.address;
    const valid = cidV1("x");
    const digest = new Uint8Array(32).fill(7);
    const bad = [
      "", // empty
      "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG", // CIDv0
      valid.toUpperCase(), // upper-case alphabet
      `z${valid.slice(1)}`, // other multibase
      `${valid.slice(0, -1)}1`, // '1' is not base32
      `b${base32(Uint8Array.from([0x00, 0x55, 0x12, 0x20, ...digest]))}`, // version 0
      `b${base32(Uint8Array.from([0x01, 0x55, 0x13, 0x20, ...digest]))}`, // sha2-512 code
      `b${base32(Uint8Array.from([0x01, 0x55, 0x12, 0x21, ...digest]))}`, // wrong digest length
      `b${base32(Uint8Array.from([0x01, 0x80, 0x00, 0x12, 0x20, ...digest]))}`, // non-minimal varint
      `b${base32(Uint8Array.from([0x01, 0x55, 0x80, 0x12, 0x20, ...digest]))}`, // 37 bytes, first varint byte < 0x80
      `b${base32(Uint8Array.from([0x01, 0x80, 0x80, 0x12, 0x20, ...digest]))}`, // three-byte varint
      `b${base32(Uint8Array.from([0x01, 0x55, 0x12, 0x20, ...digest.slice(1)]))}`, // too short
    ];
    // a 59-char string whose padding bits are non-zero
    const lastValue = "abcdefghijklmnopqrstuvwxyz234567".indexOf(valid.at(-1) ?? "a");
    bad.push(`${valid.slice(0, -1)}${"abcdefghijklmnopqrstuvwxyz234567"[lastValue | 1]}`);
    const long = cidV1("y", CODEC.json);
    const longLast = "abcdefghijklmnopqrstuvwxyz234567".indexOf(long.at(-1) ?? "a");
    bad.push(`${long.slice(0, -1)}${"abcdefghijklmnopqrstuvwxyz234567"[longLast | 1]}`);
    for (const [i, cid] of bad.entries()) {
      await viem.assertions.revertWithCustomErrorWithArgs(
        minter.write.mint([learner, courseIdToBytes32(`bad-${i}`), cid]),
        certificate,
        "CourseCertificateInvalidCid",
        [cid],
      );
    }
  });

  it("allows one certificate per (learner, course), even after revocation", async function () {
    const { cert, certificate, accounts } = await load();
    const minter = await cert(accounts.minter);
    const learner = getAddress(accounts.learner.account.address);
    const tokenId = idFor(learner, COURSE);
    await minter.write.mint([learner, COURSE, cidV1("a")]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      minter.write.mint([learner, COURSE, cidV1("b")]),
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
      minter.write.mint([learner, COURSE, cidV1("c")]),
      certificate,
      "CourseCertificateAlreadyIssued",
    );
  });

  it("guards mint and revoke with MINTER_ROLE and validates inputs", async function () {
    const { cert, certificate, accounts } = await load();
    const stranger = getAddress(accounts.stranger.account.address);
    const s = await cert(accounts.stranger);
    for (const call of [s.write.mint([stranger, COURSE, cidV1("a")]), s.write.revoke([1n, "x"])]) {
      await viem.assertions.revertWithCustomErrorWithArgs(call, certificate, "AccessControlUnauthorizedAccount", [
        stranger,
        ROLES.MINTER_ROLE,
      ]);
    }
    const minter = await cert(accounts.minter);
    await viem.assertions.revertWithCustomError(
      minter.write.mint([zeroAddress, COURSE, cidV1("a")]),
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
    await viem.assertions.revertWithCustomError(
      viem.deployContract("CourseCertificate", [zeroAddress]),
      certificate,
      "CourseCertificateZeroAddress",
    );
  });

  it("is soulbound: transfers and approvals revert; views report no approvals", async function () {
    const { cert, certificate, accounts } = await load();
    const learner = getAddress(accounts.learner.account.address);
    const other = getAddress(accounts.stranger.account.address);
    await (await cert(accounts.minter)).write.mint([learner, COURSE, cidV1("a")]);
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

  it("reports name, symbol and ERC-165 interfaces (ERC-721, Metadata, ERC-5192)", async function () {
    const { certificate } = await load();
    assert.equal(await certificate.read.name(), "Smolitux Course Certificate");
    assert.equal(await certificate.read.symbol(), "SMCERT");
    for (const id of ["0x01ffc9a7", "0x80ac58cd", "0x5b5e139f", "0xb45a3c0e", "0x7965db0b"] as const) {
      assert.equal(await certificate.read.supportsInterface([id]), true, id);
    }
    for (const id of ["0x780e9d63", "0xffffffff", "0x00000000"] as const) {
      assert.equal(await certificate.read.supportsInterface([id]), false, id);
    }
  });
});
