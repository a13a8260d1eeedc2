import { getImageProps } from "next/image";
import { preload } from "react-dom";
import type { CourseCover as Cover } from "@/features/catalog/queries";

/**
 * A course's 16:9 cover: the responsive WebP sizes of Next.js's image optimizer (made by sharp) as a plain `<img>`
 * with `srcset`/`sizes` (`getImageProps`: no client component, so no image JavaScript on the page — issue 14
 * item 13), lazy unless `priority`, over the blurred placeholder stored at upload. A `priority` cover (the course
 * page's hero, its largest paint) is fetched early and with high priority (a preload link in the head). Courses
 * without a cover get a neutral 16:9 panel with the course's initial, so cards keep one height.
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
  const { props } = getImageProps({
    src: `/api/media/${cover.id}`,
    alt: cover.alt,
    fill: true,
    sizes,
    priority,
    placeholder: cover.blurDataUrl ? "blur" : "empty",
    blurDataURL: cover.blurDataUrl ?? undefined,
    unoptimized: cover.mimeType === "image/svg+xml",
  });
  if (priority) {
    preload(props.src, {
      as: "image",
      fetchPriority: "high",
      ...(props.srcSet ? { imageSrcSet: props.srcSet, imageSizes: props.sizes } : {}),
    });
  }
  return (
    <div className="cover">
      {/* eslint-disable-next-line @next/next/no-img-element, jsx-a11y/alt-text -- next/image's own props (alt included), without its client component */}
      <img {...props} {...(priority ? { fetchPriority: "high" as const, loading: "eager" as const } : {})} />
    </div>
  );
}
