import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { keccak256, stringToHex } from "viem";

import { courseIdToBytes32 } from "../src/courseId.ts";

describe("courseIdToBytes32", function () {
  it("is keccak256 of the UTF-8 bytes of the database id", function () {
    assert.equal(courseIdToBytes32("clx0course1"), keccak256(stringToHex("clx0course1")));
    // keccak256("") — the well-known empty hash
    assert.equal(courseIdToBytes32(""), "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    // non-ASCII ids are hashed as UTF-8 (ü = 0xc3 0xbc)
    assert.equal(courseIdToBytes32("kurs-ü"), keccak256("0x6b7572732dc3bc"));
  });

  it("does not normalise: case and whitespace make different ids", function () {
    assert.notEqual(courseIdToBytes32("abc"), courseIdToBytes32("ABC"));
    assert.notEqual(courseIdToBytes32("abc"), courseIdToBytes32("abc "));
    assert.match(courseIdToBytes32("abc"), /^0x[0-9a-f]{64}$/);
  });
});
