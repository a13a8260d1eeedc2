/** URLs of catalog pages, in one place so that other features link consistently. */

/** The course page. */
export function courseHref(slug: string): string {
  return `/courses/${encodeURIComponent(slug)}`;
}

/** A free preview lesson of a course (the lesson player route, served by the learning feature). */
export function previewLessonHref(slug: string, lessonId: string): string {
  return `/learn/${encodeURIComponent(slug)}/${encodeURIComponent(lessonId)}`;
}

/** The player of an enrolled learner: the lesson to resume at, else the course's first lesson. */
export function learnHref(slug: string, resumeLessonId: string | null): string {
  const base = `/learn/${encodeURIComponent(slug)}`;
  return resumeLessonId ? `${base}/${encodeURIComponent(resumeLessonId)}` : base;
}
