/**
 * Reads the files of one course folder: text files and media, each hashed once. The hashes of everything read
 * make up the course's content hash (so an unchanged folder can be skipped on re-import).
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { CourseFormatError, CourseMediaError } from "./errors.ts";
import type { ParsedMedia } from "./model.ts";
import { isAllowedFor, sniffContentType } from "./sniff.ts";

/** How a media file is used; decides which sniffed types are accepted. */
export type MediaUse = "video" | "captions" | "pdf" | "image";

export class CourseSource {
  private readonly hashes = new Map<string, string>();
  private readonly mediaBySha = new Map<string, ParsedMedia>();
  /** non-fatal findings collected while parsing */
  readonly warnings: string[] = [];

  /**
   * @param root the course folder
   * @param boundary files may be referenced up to this folder (default: the course folder's grandparent,
   *   i.e. the content root holding `courses/` and `media/`)
   */
  constructor(
    readonly root: string,
    private readonly boundary = path.resolve(root, "../.."),
  ) {}

  /** Absolute path of `rel` (relative to the course folder, `/`-separated). @throws CourseFormatError outside the boundary */
  resolve(rel: string): string {
    const abs = path.resolve(this.root, ...rel.split("/"));
    const fromBoundary = path.relative(this.boundary, abs);
    if (fromBoundary.startsWith("..") || path.isAbsolute(fromBoundary)) {
      throw new CourseFormatError(rel, null, "path points outside the content folder");
    }
    return abs;
  }

  /** Normalized relative path for messages and hashing. */
  display(abs: string): string {
    return path.relative(this.root, abs).split(path.sep).join("/");
  }

  /** Whether a regular file exists at `rel`. */
  async exists(rel: string): Promise<boolean> {
    const info = await stat(this.resolve(rel)).catch(() => null);
    return info?.isFile() ?? false;
  }

  /** Names in a folder (sorted), or [] when it does not exist. */
  async list(rel: string): Promise<string[]> {
    const entries = await readdir(this.resolve(rel)).catch(() => []);
    return entries.sort();
  }

  /**
   * Reads a UTF-8 text file (line endings normalized to `\n`).
   * @throws CourseFormatError when it does not exist
   */
  async readText(rel: string): Promise<string> {
    const abs = this.resolve(rel);
    const bytes = await readFile(abs).catch(() => {
      throw new CourseFormatError(rel, null, "file not found");
    });
    this.hashes.set(this.display(abs), createHash("sha256").update(bytes).digest("hex"));
    return bytes.toString("utf8").replace(/\r\n?/g, "\n");
  }

  /**
   * Registers a media file: hashes it (streaming), sniffs its type from the first 4 KiB and checks it fits `use`.
   * @throws CourseFormatError when missing; CourseMediaError when the content type is unknown or wrong for `use`
   */
  async addMedia(rel: string, use: MediaUse): Promise<ParsedMedia> {
    const abs = this.resolve(rel);
    const info = await stat(abs).catch(() => null);
    if (!info?.isFile()) throw new CourseFormatError(rel, null, "media file not found");
    const head = Buffer.alloc(Math.min(4096, info.size));
    const fh = await open(abs, "r");
    try {
      await fh.read(head, 0, head.length, 0);
    } finally {
      await fh.close();
    }
    const mimeType = sniffContentType(head);
    if (!mimeType)
      throw new CourseMediaError(rel, "unrecognized content (expected mp4, webm, pdf, svg, png, jpeg or vtt)");
    if (!isAllowedFor(use, mimeType))
      throw new CourseMediaError(rel, `content is ${mimeType}, which cannot be used as ${use}`);
    const sha256 = await hashFile(abs);
    this.hashes.set(this.display(abs), sha256);
    const media: ParsedMedia = { sha256, absPath: abs, fileName: path.basename(abs), sizeBytes: info.size, mimeType };
    if (!this.mediaBySha.has(sha256)) this.mediaBySha.set(sha256, media);
    return media;
  }

  /** Every registered media file, in registration order. */
  media(): ParsedMedia[] {
    return [...this.mediaBySha.values()];
  }

  /** SHA-256 (hex) over the sorted `path\0sha256` lines of every file read so far. */
  contentHash(): string {
    const lines = [...this.hashes.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([p, h]) => `${p}\0${h}\n`);
    return createHash("sha256").update(lines.join("")).digest("hex");
  }
}

/** Lowercase hex SHA-256 of a file, streamed. */
export async function hashFile(abs: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(abs)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
