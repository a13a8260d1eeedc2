import type { RatingSummary } from "@/features/catalog/ratings";
import type { CourseCard as Card } from "@/features/catalog/queries";
import { CourseCard } from "./course-card";
import { DeferredHydration } from "./deferred-hydration";

/**
 * A grid of course cards: the first card hydrates with the page, the others after it in short slices
 * ({@link DeferredHydration}; a Suspense boundary adds no element, so the grid's layout is unchanged). The first card
 * stays outside the boundary on purpose: while the server waits for the card's client parts (the image), the page
 * itself waits, so the boundary is finished by the time the page is sent and its cards are in the HTML, never
 * streamed after it.
 */
export function CardGrid({
  courses,
  priorityFirst,
}: {
  courses: (Card & { rating?: RatingSummary })[];
  /** whether the first card's cover is the page's largest image (loaded eagerly, high priority) */
  priorityFirst: boolean;
}) {
  const [first, ...rest] = courses;
  return (
    <div className="grid">
      {first && <CourseCard course={first} priority={priorityFirst} />}
      <DeferredHydration>
        {rest.map((c) => (
          <CourseCard key={c.id} course={c} />
        ))}
      </DeferredHydration>
    </div>
  );
}
