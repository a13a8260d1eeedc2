/**
 * GET /api/media/<id> through the real route and session path: ranges (206/416), ETag/304, headers, and
 * access control (anonymous / learner not enrolled / enrolled / provider / public preview), plus the upload
 * routes end to end.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../../../test/db.ts";
import { apiRequest, sessionCookie, TEST_APP_URL, TEST_AUTH_SECRET } from "../../../../../test/authz/session.ts";
import { POST as createUploadRoute } from "../../uploads/route.ts";
import { PUT as putChunkRoute } from "../../uploads/[id]/route.ts";
import { POST as completeRoute } from "../../uploads/[id]/complete/route.ts";
import { syncCourseMediaUsage } from "@/features/media/usage.ts";
import { GET } from "./route.ts";

const VIDEO = path.resolve(import.meta.dirname, "../../../../../content/media/mdn-cc0-videos/friday.mp4");
const VTT = path.resolve(import.meta.dirname, "../../../../../content/media/mdn-cc0-videos/friday.vtt");

let t: TestDatabase;
let dir: string;
const cookies: Record<string, string> = {};
let videoId: string;
let vttId: string;
let videoBytes: Uint8Array;
let courseId: string;
let lessonId: string;

const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const get = (id: string, who: string | null, headers: Record<string, string> = {}) =>
  GET(apiRequest("GET", `/api/media/${id}`, { cookie: who ? cookies[who] : null, headers }), ctx(id));

async function upload(cookie: string, file: string, name: string, type: string): Promise<string> {
  const bytes = new Uint8Array(await readFile(file));
  const res = await createUploadRoute(
    apiRequest("POST", "/api/uploads", { cookie, body: { filename: name, type, sizeBytes: bytes.length } }),
  );
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const chunk = 200_000;
  for (let start = 0; start < bytes.length; start += chunk) {
    const end = Math.min(start + chunk, bytes.length) - 1;
    const req = new Request(new URL(`/api/uploads/${id}`, TEST_APP_URL), {
      method: "PUT",
      headers: {
        cookie,
        "content-range": `bytes ${start}-${end}/${bytes.length}`,
        "content-type": "application/octet-stream",
      },
      body: bytes.slice(start, end + 1),
    });
    const r = await putChunkRoute(req, ctx(id));
    expect(r.status).toBe(200);
  }
  const done = await completeRoute(apiRequest("POST", `/api/uploads/${id}/complete`, { cookie }), ctx(id));
  expect(done.status).toBe(200);
  return ((await done.json()) as { assetId: string }).assetId;
}

beforeAll(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), "media-route-"));
  Object.assign(process.env, {
    DATABASE_URL: t.url,
    NEXTAUTH_SECRET: TEST_AUTH_SECRET,
    APP_URL: TEST_APP_URL,
    STORAGE_DRIVER: "fs",
    STORAGE_DIR: path.join(dir, "media"),
    UPLOAD_TMP_DIR: path.join(dir, "tmp"),
  });
  const mk = async (name: string, roles: ("LEARNER" | "PROVIDER" | "PLATFORM_ADMIN")[]) => {
    const u = await t.db.user.create({ data: { name, roles } });
    cookies[name] = await sessionCookie(u);
    return u.id;
  };
  const provider = await mk("provider", ["LEARNER", "PROVIDER"]);
  await mk("stranger", ["LEARNER"]);
  const enrolled = await mk("enrolled", ["LEARNER"]);
  await mk("admin", ["LEARNER", "PLATFORM_ADMIN"]);
  await mk("otherProvider", ["LEARNER", "PROVIDER"]);
  videoBytes = new Uint8Array(await readFile(VIDEO));
  videoId = await upload(cookies.provider!, VIDEO, "friday.mp4", "video/mp4");
  vttId = await upload(cookies.provider!, VTT, "friday.vtt", "text/vtt");
  const course = await t.db.course.create({
    data: { slug: "media-course", title: "Media", providerId: provider, status: "PUBLISHED" },
  });
  courseId = course.id;
  const section = await t.db.section.create({ data: { courseId, title: "S", position: 0 } });
  lessonId = (
    await t.db.lesson.create({
      data: { sectionId: section.id, title: "V", kind: "VIDEO", position: 0, mediaId: videoId, captionsId: vttId },
    })
  ).id;
  await save();
  await t.db.enrollment.create({ data: { userId: enrolled, courseId, source: "FREE" } });
});

/** What every studio/importer save does after changing the course: rebuild its media usages. */
const save = () => syncCourseMediaUsage(t.db, courseId);
afterAll(async () => {
  await t.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("access control of lesson media", () => {
  it("anonymous 401, not enrolled 403, enrolled/provider/admin 200, other provider 403", async () => {
    expect((await get(videoId, null)).status).toBe(401);
    expect((await get(videoId, "stranger")).status).toBe(403);
    expect((await get(videoId, "otherProvider")).status).toBe(403);
    for (const who of ["enrolled", "provider", "admin"]) {
      const res = await get(videoId, who);
      expect(res.status, who).toBe(200);
      expect(res.headers.get("cache-control")).toBe("private, no-store");
    }
    expect((await get("cnosuchasset000000000000", "admin")).status).toBe(404);
  });

  it("a revoked enrollment loses access", async () => {
    await t.db.enrollment.updateMany({ where: { courseId }, data: { status: "REVOKED" } });
    expect((await get(videoId, "enrolled")).status).toBe(403);
    await t.db.enrollment.updateMany({ where: { courseId }, data: { status: "ACTIVE" } });
  });

  it("free-preview media of a published course is public (and private again when unpublished)", async () => {
    await t.db.lesson.update({ where: { id: lessonId }, data: { isPreview: true } });
    await save();
    const res = await get(vttId, null);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/vtt; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=3600");
    expect(await res.text()).toMatch(/^WEBVTT/);
    await t.db.course.update({ where: { id: courseId }, data: { status: "DRAFT" } });
    expect((await get(vttId, null)).status).toBe(401);
    await t.db.course.update({ where: { id: courseId }, data: { status: "PUBLISHED" } });
    await t.db.lesson.update({ where: { id: lessonId }, data: { isPreview: false } });
  });

  it("media embedded in a published course description is public", async () => {
    await t.db.course.update({ where: { id: courseId }, data: { description: `![clip](/api/media/${vttId})` } });
    await save();
    expect((await get(vttId, null)).status).toBe(200);
    await t.db.course.update({ where: { id: courseId }, data: { description: "" } });
    await save();
    expect((await get(vttId, null)).status).toBe(401);
  });
});

describe("byte ranges and validators", () => {
  it("serves the whole file with Accept-Ranges, ETag and the sniffed type", async () => {
    const res = await get(videoId, "provider");
    expect(res.headers.get("accept-ranges")).toBe("bytes");
    expect(res.headers.get("content-type")).toBe("video/mp4");
    expect(res.headers.get("content-length")).toBe(String(videoBytes.length));
    expect(res.headers.get("etag")).toMatch(/^"[0-9a-f]{64}"$/);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(videoBytes);
  });

  it("206 with Content-Range for a range, an open range and a suffix range", async () => {
    const cases: [string, number, number][] = [
      ["bytes=0-99", 0, 99],
      ["bytes=1000-", 1000, videoBytes.length - 1],
      ["bytes=-500", videoBytes.length - 500, videoBytes.length - 1],
      ["bytes=100-99999999", 100, videoBytes.length - 1],
    ];
    for (const [range, start, end] of cases) {
      const res = await get(videoId, "provider", { range });
      expect(res.status, range).toBe(206);
      expect(res.headers.get("content-range")).toBe(`bytes ${start}-${end}/${videoBytes.length}`);
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(videoBytes.subarray(start, end + 1));
    }
  });

  it("416 for an unsatisfiable range; malformed ranges are ignored (200)", async () => {
    const res = await get(videoId, "provider", { range: `bytes=${videoBytes.length}-` });
    expect(res.status).toBe(416);
    expect(res.headers.get("content-range")).toBe(`bytes */${videoBytes.length}`);
    expect((await get(videoId, "provider", { range: "bytes=abc" })).status).toBe(200);
    expect((await get(videoId, "provider", { range: "bytes=0-1,5-6" })).status).toBe(200);
  });

  it("304 for a matching If-None-Match; If-Range with another ETag sends the whole file", async () => {
    const etag = (await get(videoId, "provider")).headers.get("etag")!;
    expect((await get(videoId, "provider", { "if-none-match": etag })).status).toBe(304);
    expect((await get(videoId, "provider", { range: "bytes=0-9", "if-range": '"other"' })).status).toBe(200);
    expect((await get(videoId, "provider", { range: "bytes=0-9", "if-range": etag })).status).toBe(206);
  });
});

describe("upload routes", () => {
  it("require a provider: anonymous 401, learner 403; wrong declared type 415", async () => {
    const body = { filename: "a.mp4", type: "video/mp4", sizeBytes: 10 };
    expect((await createUploadRoute(apiRequest("POST", "/api/uploads", { body }))).status).toBe(401);
    expect(
      (await createUploadRoute(apiRequest("POST", "/api/uploads", { cookie: cookies.stranger, body }))).status,
    ).toBe(403);
    const res = await createUploadRoute(
      apiRequest("POST", "/api/uploads", {
        cookie: cookies.provider,
        body: { ...body, type: "application/x-msdownload" },
      }),
    );
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unsupported_media_type");
  });
});
