import { describe, expect, it } from "vitest";
import { parseEnv } from "../env.ts";
import { createStorageFromEnv } from "./index.ts";

const base = { DATABASE_URL: "postgres://u@127.0.0.1:5432/db" };

describe("storage driver selection from the environment", () => {
  it("uses the local disk by default", () => {
    expect(createStorageFromEnv(parseEnv(base)).kind).toBe("fs");
  });

  it("names each variable the S3 driver is missing", () => {
    expect(() => parseEnv({ ...base, STORAGE_DRIVER: "s3" })).toThrow(/S3_BUCKET: is required when STORAGE_DRIVER=s3/);
    expect(() => parseEnv({ ...base, STORAGE_DRIVER: "s3", S3_BUCKET: "media" })).toThrow(/S3_REGION/);
    const e = parseEnv({
      ...base,
      STORAGE_DRIVER: "s3",
      S3_BUCKET: "media",
      S3_REGION: "eu-central-1",
      S3_ENDPOINT: "http://127.0.0.1:9000",
      S3_FORCE_PATH_STYLE: "true",
    });
    expect(e.S3_FORCE_PATH_STYLE).toBe(true);
    expect(createStorageFromEnv(e).kind).toBe("s3");
  });

  it("names the missing IPFS API URL and rejects a malformed one", () => {
    expect(() => parseEnv({ ...base, STORAGE_DRIVER: "ipfs" })).toThrow(/IPFS_API_URL: is required/);
    expect(() => parseEnv({ ...base, STORAGE_DRIVER: "ipfs", IPFS_API_URL: "localhost 5001" })).toThrow(/IPFS_API_URL/);
    const e = parseEnv({ ...base, STORAGE_DRIVER: "ipfs", IPFS_API_URL: "http://127.0.0.1:5001" });
    expect(createStorageFromEnv(e).kind).toBe("ipfs");
  });

  it("does not ask for S3 or IPFS settings when the fs driver is selected", () => {
    expect(parseEnv({ ...base, STORAGE_DRIVER: "fs" }).S3_BUCKET).toBeUndefined();
  });
});
