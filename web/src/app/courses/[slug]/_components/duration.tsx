import { useTranslations } from "next-intl";
import { isoDuration, splitDuration } from "@/lib/duration";

/**
 * A duration as the course page shows it everywhere (course facts, section and lesson rows): whole hours and
 * minutes in the UI's language ("1 h 5 min", "1 Std. 5 Min.", "4 min"; at least 1 min above 0 s), inside a
 * `<time>` carrying the exact ISO 8601 duration. Synchronous: usable inside DeferredHydration.
 * @param seconds non-negative seconds
 */
export function Duration({ seconds, className }: { seconds: number; className?: string }) {
  const t = useTranslations("catalog.course");
  return (
    <time className={className} dateTime={isoDuration(seconds)}>
      {t("duration", splitDuration(seconds))}
    </time>
  );
}
