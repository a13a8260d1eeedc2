/** Reads the duration of an MP4 (ISO BMFF) file from its `moov/mvhd` box without reading the media data. */
import { open, type FileHandle } from "node:fs/promises";

interface Box {
  type: string;
  /** offset of the box payload */
  start: number;
  /** offset just after the box */
  end: number;
}

async function readBox(fh: FileHandle, offset: number, limit: number): Promise<Box | null> {
  if (offset + 8 > limit) return null;
  const head = Buffer.alloc(16);
  const { bytesRead } = await fh.read(head, 0, 16, offset);
  if (bytesRead < 8) return null;
  let size = head.readUInt32BE(0);
  const type = head.toString("latin1", 4, 8);
  let headerSize = 8;
  if (size === 1) {
    if (bytesRead < 16) return null;
    size = Number(head.readBigUInt64BE(8));
    headerSize = 16;
  } else if (size === 0) {
    size = limit - offset;
  }
  if (size < headerSize || offset + size > limit) return null;
  return { type, start: offset + headerSize, end: offset + size };
}

async function findChild(fh: FileHandle, from: number, to: number, type: string): Promise<Box | null> {
  for (let offset = from; offset < to;) {
    const box = await readBox(fh, offset, to);
    if (!box) return null;
    if (box.type === type) return box;
    offset = box.end;
  }
  return null;
}

/**
 * Duration of an MP4 file in whole seconds (rounded), from `moov/mvhd` (timescale + duration).
 * @returns null when the file has no readable `mvhd` box (never throws for malformed files)
 */
export async function readMp4DurationSeconds(absPath: string): Promise<number | null> {
  const fh = await open(absPath, "r");
  try {
    const { size } = await fh.stat();
    const moov = await findChild(fh, 0, size, "moov");
    if (!moov) return null;
    const mvhd = await findChild(fh, moov.start, moov.end, "mvhd");
    if (!mvhd) return null;
    const payload = Buffer.alloc(32);
    await fh.read(payload, 0, 32, mvhd.start);
    const version = payload.readUInt8(0);
    const timescale = version === 1 ? payload.readUInt32BE(20) : payload.readUInt32BE(12);
    const duration = version === 1 ? Number(payload.readBigUInt64BE(24)) : payload.readUInt32BE(16);
    if (timescale === 0) return null;
    return Math.round(duration / timescale);
  } finally {
    await fh.close();
  }
}
