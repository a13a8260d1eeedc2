/**
 * S3 storage driver (AWS S3 API, or any S3-compatible server through `endpoint` + path-style).
 *
 * - put: streamed multipart upload (`@aws-sdk/lib-storage` Upload: CreateMultipartUpload, UploadPart
 *   of `partSizeBytes` each, CompleteMultipartUpload; a body smaller than one part becomes a single
 *   PutObject). Size and SHA-256 are computed while streaming, nothing is buffered beyond the parts in
 *   flight (`partSizeBytes * queueSize`). When the source or the upload fails, the multipart upload is
 *   aborted (AbortMultipartUpload), so no orphan parts and no object remain.
 * - get: GetObject, with `Range: bytes=start-end` (RFC 9110 §14.1.2) for partial reads.
 * - size: HeadObject. delete: DeleteObject. health: HeadBucket.
 * - presignedGetUrl: SigV4 query-string presigned GetObject URL (`X-Amz-Expires`, at most 7 days).
 * Credentials: the AWS SDK default provider chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, shared
 * config/SSO profiles, web identity, container/instance metadata) unless passed explicitly; never a default.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  S3Client,
  S3ServiceException,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { assertValidRange, createMeter, toReadable } from "./stream-util.ts";
import {
  assertValidKey,
  StorageError,
  type ByteRange,
  type ObjectStream,
  type StorageDriver,
  type StoredObject,
} from "./types.ts";

/** Smallest part S3 accepts for every part but the last (5 MiB). */
export const S3_MIN_PART_SIZE_BYTES = 5 * 1024 * 1024;
/** Longest lifetime of a SigV4 presigned URL (7 days), in seconds. */
export const S3_MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

export interface S3StorageConfig {
  bucket: string;
  /** e.g. "eu-central-1"; S3-compatible servers usually accept any ("us-east-1"). */
  region: string;
  /** Base URL of an S3-compatible server; omit for AWS. */
  endpoint?: string;
  /** `endpoint/bucket/key` addressing instead of `bucket.endpoint/key`. */
  forcePathStyle?: boolean;
  /** Explicit credentials (tests); omitted → the AWS SDK default credential provider chain. */
  credentials?: S3ClientConfig["credentials"];
  /** Multipart part size in bytes; default 8 MiB, at least 5 MiB. */
  partSizeBytes?: number;
  /** Parts uploaded concurrently; default 4. */
  queueSize?: number;
  /** A ready client (tests add middleware to it); built from the fields above when omitted. */
  client?: S3Client;
}

/**
 * Creates the S3 driver.
 * @throws RangeError when `partSizeBytes` is below 5 MiB
 */
export function createS3Storage(config: S3StorageConfig): StorageDriver {
  const partSize = config.partSizeBytes ?? 8 * 1024 * 1024;
  if (partSize < S3_MIN_PART_SIZE_BYTES) throw new RangeError(`S3 part size must be >= 5 MiB, got ${partSize}`);
  const queueSize = config.queueSize ?? 4;
  const Bucket = config.bucket;
  const client =
    config.client ??
    new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle ?? false,
      credentials: config.credentials,
    });

  return {
    kind: "s3",

    async put(key: string, body: Readable | Uint8Array, contentType: string): Promise<StoredObject> {
      assertValidKey(key);
      const meter = createMeter();
      const feeding = pipeline(toReadable(body), meter.stream);
      const upload = new Upload({
        client,
        params: { Bucket, Key: key, Body: meter.stream, ContentType: contentType },
        partSize,
        queueSize,
        leavePartsOnError: false, // lib-storage sends AbortMultipartUpload on any failure
      });
      const uploading = upload.done().catch((err: unknown) => {
        meter.stream.destroy(err instanceof Error ? err : new Error(String(err))); // stop reading the source
        throw err;
      });
      const [fed, uploaded] = await Promise.allSettled([feeding, uploading]);
      if (fed.status === "rejected") {
        // The source failed. lib-storage has aborted the multipart upload; a single PutObject that slipped
        // through with a truncated body must not stay either.
        if (uploaded.status === "fulfilled") await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
        throw fed.reason;
      }
      if (uploaded.status === "rejected") throw toStorageError(uploaded.reason, key);
      return { key, ...meter.result() };
    },

    async get(key: string, range?: ByteRange): Promise<ObjectStream> {
      assertValidKey(key);
      assertValidRange(range);
      try {
        const res = await client.send(
          new GetObjectCommand({ Bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
        );
        if (!(res.Body instanceof Readable))
          throw new StorageError("backend_error", `GetObject ${key}: no body stream`);
        const sizeBytes = range ? totalFromContentRange(res.ContentRange) : res.ContentLength;
        if (sizeBytes === undefined) throw new StorageError("backend_error", `GetObject ${key}: no object size`);
        return { body: res.Body, sizeBytes };
      } catch (err) {
        throw toStorageError(err, key);
      }
    },

    async size(key: string): Promise<number | null> {
      assertValidKey(key);
      try {
        const res = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return res.ContentLength ?? null;
      } catch (err) {
        const mapped = toStorageError(err, key);
        if (mapped instanceof StorageError && mapped.code === "not_found") return null;
        throw mapped;
      }
    },

    async delete(key: string): Promise<void> {
      assertValidKey(key);
      try {
        await client.send(new DeleteObjectCommand({ Bucket, Key: key })); // S3 deletes are idempotent
      } catch (err) {
        throw toStorageError(err, key);
      }
    },

    async presignedGetUrl(key: string, expiresInSeconds: number): Promise<string> {
      assertValidKey(key);
      if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1 || expiresInSeconds > S3_MAX_PRESIGN_SECONDS) {
        throw new RangeError(`presigned URL lifetime must be 1..${S3_MAX_PRESIGN_SECONDS} s, got ${expiresInSeconds}`);
      }
      return getSignedUrl(client, new GetObjectCommand({ Bucket, Key: key }), { expiresIn: expiresInSeconds });
    },

    async health(): Promise<void> {
      try {
        await client.send(new HeadBucketCommand({ Bucket }));
      } catch (err) {
        throw new StorageError("backend_error", `S3 bucket ${Bucket} is not reachable: ${describe(err)}`);
      }
    },
  };
}

/** Total size from `Content-Range: bytes a-b/total` (RFC 9110 §14.4). */
function totalFromContentRange(header: string | undefined): number | undefined {
  const match = header ? /\/(\d+)$/.exec(header) : null;
  return match?.[1] ? Number(match[1]) : undefined;
}

/**
 * Maps S3 errors: NoSuchKey / 404 (but not NoSuchBucket) → not_found, 416 → RangeError, other service
 * errors → backend_error; everything else (StorageError, RangeError, network errors) passes through.
 */
function toStorageError(err: unknown, key: string): unknown {
  if (!(err instanceof S3ServiceException)) return err;
  const status = err.$metadata.httpStatusCode;
  if (err.name === "NoSuchKey" || err.name === "NotFound" || (status === 404 && err.name !== "NoSuchBucket")) {
    return new StorageError("not_found", `no object at ${key}`);
  }
  if (status === 416 || err.name === "InvalidRange") return new RangeError(`range not satisfiable for ${key}`);
  const wrapped = new StorageError("backend_error", `S3 ${key}: ${describe(err)}`);
  wrapped.cause = err;
  return wrapped;
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
