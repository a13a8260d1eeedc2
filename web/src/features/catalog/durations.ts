/**
 * Video durations of the course page and the catalog API — one rule for the course's total ("Video 1 h 5 min"),
 * each section's total and each lesson's duration, so the three always agree.
 */

/** A lesson as the catalog reads it: its kind, its own duration field and its media file's metadata. */
export interface LessonDurationSource {
  kind: string;
  /** the lesson's `durationSeconds` field (set by the provider or an import), seconds */
  durationSeconds: number | null;
  /** the uploaded file's playing time read from the MP4 header (`MediaAsset.durationSeconds`), seconds */
  media: { durationSeconds: number | null } | null;
}

/**
 * Playing time of a VIDEO lesson in seconds: the media file's metadata, else the lesson's field; null when
 * unknown and for every other kind (text, PDF, quiz and flashcards have no duration — nothing is estimated).
 */
export function lessonVideoSeconds(lesson: LessonDurationSource): number | null {
  if (lesson.kind !== "VIDEO") return null;
  return lesson.media?.durationSeconds ?? lesson.durationSeconds ?? null;
}

/** Sum of known durations in seconds (unknown ones count 0). */
export function totalSeconds(lessons: readonly { durationSeconds: number | null }[]): number {
  return lessons.reduce((sum, l) => sum + (l.durationSeconds ?? 0), 0);
}
