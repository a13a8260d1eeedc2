/** Integration: provider pictures — stored as a 256 × 256 WebP, `User.image` points at the public route. */
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { getAvatar, setAvatar, sniffImage } from "./avatar.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.drop());

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 90 } } })
    .png()
    .toBuffer();

describe("avatars", () => {
  it("crops any PNG to a 256 px square WebP and points User.image at the public route; empty body removes", async () => {
    const u = await t.db.user.create({ data: { name: "Logo Provider" } });
    const image = await setAvatar(t.db, u.id, await png(800, 300), new Date(1_700_000_000_000));
    expect(image).toBe(`/api/users/${u.id}/avatar?v=1700000000000`);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).image).toBe(image);
    const stored = (await getAvatar(t.db, u.id))!;
    expect(sniffImage(stored)).toBe("image/webp");
    expect(await sharp(stored).metadata()).toMatchObject({ format: "webp", width: 256, height: 256 });

    expect(await setAvatar(t.db, u.id, new Uint8Array())).toBeNull();
    expect(await getAvatar(t.db, u.id)).toBeNull();
    expect((await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).image).toBeNull();
  });

  it("refuses other types, oversized and undecodable files", async () => {
    const u = await t.db.user.create({ data: {} });
    await expect(setAvatar(t.db, u.id, new TextEncoder().encode("<svg/>"))).rejects.toMatchObject({
      code: "unsupported_media_type",
      fields: { file: "image_type" },
    });
    await expect(setAvatar(t.db, u.id, new Uint8Array(2 * 1024 * 1024 + 1))).rejects.toMatchObject({
      code: "payload_too_large",
      fields: { file: "image_too_large" },
    });
    const broken = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    await expect(setAvatar(t.db, u.id, broken)).rejects.toMatchObject({
      code: "validation_failed",
      fields: { file: "image_unreadable" },
    });
  });
});
