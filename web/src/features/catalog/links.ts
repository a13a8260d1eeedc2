/** URLs of catalog pages, in one place so that other features link consistently. */

/** The course page. */
export function courseHref(slug: string): string {
  return `/courses/${encodeURIComponent(slug)}`;
}

/** A free preview lesson of a course (the lesson player route, served by the learning feature). */
export function previewLessonHref(slug: string, lessonId: string): string {
  return `/learn/${encodeURIComponent(slug)}/${encodeURIComponent(lessonId)}`;
}
