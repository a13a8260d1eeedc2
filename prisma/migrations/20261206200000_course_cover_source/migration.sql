-- Course covers (issue 14 item 1): keep the uploaded original and the chosen crop, so the studio can re-crop the
-- cover later without a new upload.
ALTER TABLE "Course" ADD COLUMN "coverSourceId" TEXT,
ADD COLUMN "coverCrop" JSONB;

ALTER TABLE "Course" ADD CONSTRAINT "Course_coverSourceId_fkey" FOREIGN KEY ("coverSourceId") REFERENCES "MediaAsset"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Covers derived before this migration: a derived cover's key is covers/<owner>/<source sha256>[-x_y_w_h].cover.webp
-- (features/media/cover.ts), so its original is the owner's non-derived asset with that hash, and the crop is in the tag.
UPDATE "Course" c
SET "coverSourceId" = (
  SELECT s."id" FROM "MediaAsset" s
  WHERE s."ownerId" = d."ownerId"
    AND s."sha256" = substring(d."key" from '^covers/[^/]+/([0-9a-f]{64})')
    AND s."originalName" NOT LIKE '%.cover.webp'
  ORDER BY s."createdAt" ASC
  LIMIT 1
)
FROM "MediaAsset" d
WHERE d."id" = c."coverId" AND d."key" LIKE 'covers/%.cover.webp';

UPDATE "Course" c
SET "coverCrop" = jsonb_build_object(
  'x', (m)[1]::float8, 'y', (m)[2]::float8, 'width', (m)[3]::float8, 'height', (m)[4]::float8
)
FROM "MediaAsset" d, regexp_match(d."key", '-([0-9.]+)_([0-9.]+)_([0-9.]+)_([0-9.]+)\.cover\.webp$') AS m
WHERE d."id" = c."coverId" AND c."coverSourceId" IS NOT NULL AND m IS NOT NULL;
