import Image from "next/image";
import type { CourseCover as Cover } from "@/features/catalog/queries";

/**
 * A course's 16:9 cover through `next/image` (responsive WebP/AVIF sizes made by sharp, lazy unless
 * `priority`), with the blurred placeholder stored at upload. Courses without a cover get a neutral 16:9
 * panel with the course's initial, so cards keep one height.
 */
export function CourseCover({
  cover,
  title,
  sizes,
  priority = false,
}: {
  cover: Cover | null;
  /** course title: the fallback panel's initial */
  title: string;
  /** the `sizes` attribute: how wide the image is drawn at each breakpoint */
  sizes: string;
  priority?: boolean;
}) {
  if (!cover) {
    return (
      <div className="cover cover-empty" aria-hidden="true">
        <span>{title.trim().charAt(0).toUpperCase()}</span>
      </div>
    );
  }
  return (
    <div className="cover">
      <Image
        src={`/api/media/${cover.id}`}
        alt={cover.alt}
        fill
        sizes={sizes}
        priority={priority}
        placeholder={cover.blurDataUrl ? "blur" : "empty"}
        blurDataURL={cover.blurDataUrl ?? undefined}
        unoptimized={cover.mimeType === "image/svg+xml"}
      />
    </div>
  );
}
