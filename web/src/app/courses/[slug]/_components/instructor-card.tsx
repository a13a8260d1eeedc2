import { useTranslations } from "next-intl";
import type { CourseCard as Card, CourseInstructor } from "@/features/catalog/queries";
import { CourseCard } from "@/app/_components/course-card";
import { ProviderAvatar } from "@/app/_components/provider-avatar";

/** The instructor card of the course page: avatar, name, number of courses, bio, their other courses. */
export function InstructorCard({ instructor, others }: { instructor: CourseInstructor; others: Card[] }) {
  const t = useTranslations("catalog.course");
  return (
    <section className="instructor" aria-labelledby="instructor-heading" data-testid="instructor">
      <h2 id="instructor-heading">{t("instructor")}</h2>
      <div className="instructor-head">
        <ProviderAvatar name={instructor.name} image={instructor.image} size={64} />
        <div>
          <p className="instructor-name">
            <strong>{instructor.name}</strong>
          </p>
          <p className="muted">{t("instructorCourses", { count: instructor.courseCount })}</p>
        </div>
      </div>
      {instructor.bio && <p>{instructor.bio}</p>}
      {others.length > 0 && (
        <>
          <h3>{t("moreFrom", { provider: instructor.name })}</h3>
          <div className="grid other-courses">
            {others.map((c) => (
              <CourseCard key={c.id} course={c} />
            ))}
          </div>
        </>
      )}
    </section>
  );
}
