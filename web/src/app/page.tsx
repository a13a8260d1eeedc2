import { homeCourses } from "@/features/catalog/queries";
import { db } from "@/server/db";
import { CourseCard } from "./_components/course-card";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const { featured, newest } = await homeCourses(db());
  return (
    <>
      <h1>Learn from independent providers</h1>
      <p className="muted">Pay by card or with your wallet. Earn a certificate you own.</p>
      {featured.length > 0 && (
        <section aria-labelledby="featured">
          <h2 id="featured">Featured courses</h2>
          <div className="grid">
            {featured.map((c) => (
              <CourseCard key={c.id} course={c} />
            ))}
          </div>
        </section>
      )}
      <section aria-labelledby="newest">
        <h2 id="newest">New courses</h2>
        {newest.length === 0 ? (
          <p className="muted">No courses published yet.</p>
        ) : (
          <div className="grid">
            {newest.map((c) => (
              <CourseCard key={c.id} course={c} />
            ))}
          </div>
        )}
      </section>
    </>
  );
}
