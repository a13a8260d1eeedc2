/**
 * The asset ↔ course usage relation (`MediaUsage`), rebuilt for a whole course inside the transaction of every
 * studio/importer save. A course uses an asset as its cover, in its Markdown description, as a lesson's media or
 * captions, or in lesson text (lesson body, quiz prompts/options/explanations, flashcard sides) through an
 * `/api/media/<assetId>` link; a lesson translation's captions and body count as the lesson's.
 *
 * Rule enforced on save: every used asset must exist and belong to the course's provider. A reference to another
 * provider's asset (or an unknown one) is refused with 422 `unprocessable` naming the field, and — because this
 * runs in the saving transaction — nothing of the save is written.
 */
import type { MediaUsageKind, Prisma } from "@smolitux/db";
import { ApiError } from "@/server/http.ts";

const MEDIA_LINK = /\/api\/media\/([A-Za-z0-9_-]{1,64})/g;

/** Asset ids linked as `/api/media/<id>` in Markdown/HTML text (absolute or relative URLs), de-duplicated. */
export function mediaLinksIn(text: string): string[] {
  return [...new Set([...text.matchAll(MEDIA_LINK)].map((m) => m[1]!))];
}

/** One usage row as the sync computes it; `field` names the input that carries the reference (for errors). */
interface Usage {
  assetId: string;
  lessonId: string | null;
  kind: MediaUsageKind;
  /** the input field with the reference (`coverId`, `description`, `mediaId`, `captionsId`, `body`, `questions.<i>`, `cards.<i>`) */
  field: string;
  lessonTitle: string | null;
}

function lessonUsages(lesson: {
  id: string;
  title: string;
  body: string;
  mediaId: string | null;
  captionsId: string | null;
  questions: { prompt: string; explanation: string; options: { text: string }[] }[];
  flashcards: { front: string; back: string }[];
  translations?: { language: string; body: string; captionsId: string | null }[];
}): Usage[] {
  const out: Usage[] = [];
  if (lesson.mediaId)
    out.push({
      assetId: lesson.mediaId,
      lessonId: lesson.id,
      kind: "LESSON_MEDIA",
      field: "mediaId",
      lessonTitle: lesson.title,
    });
  if (lesson.captionsId)
    out.push({
      assetId: lesson.captionsId,
      lessonId: lesson.id,
      kind: "CAPTIONS",
      field: "captionsId",
      lessonTitle: lesson.title,
    });
  const texts: [string, string][] = [
    ["body", lesson.body],
    ...lesson.questions.flatMap((q, i): [string, string][] => [
      [`questions.${i}`, [q.prompt, q.explanation, ...q.options.map((o) => o.text)].join("\n")],
    ]),
    ...lesson.flashcards.map((f, i): [string, string] => [`cards.${i}`, `${f.front}\n${f.back}`]),
  ];
  for (const tr of lesson.translations ?? []) {
    if (tr.captionsId)
      out.push({
        assetId: tr.captionsId,
        lessonId: lesson.id,
        kind: "CAPTIONS",
        field: `translations.${tr.language}.captionsId`,
        lessonTitle: lesson.title,
      });
    texts.push([`translations.${tr.language}.body`, tr.body]);
  }
  for (const [field, text] of texts) {
    for (const assetId of mediaLinksIn(text))
      out.push({ assetId, lessonId: lesson.id, kind: "LESSON_TEXT", field, lessonTitle: lesson.title });
  }
  return out;
}

/**
 * Recomputes the `MediaUsage` rows of `courseId` from its current content. Call inside the transaction that
 * changed the course, after the change.
 * @returns the number of usage rows written
 * @throws ApiError 422 `unprocessable` (`fields[<field>]`) when the course references an unknown asset or one that
 *   belongs to another provider
 */
export async function syncCourseMediaUsage(tx: Prisma.TransactionClient, courseId: string): Promise<number> {
  const course = await tx.course.findUniqueOrThrow({
    where: { id: courseId },
    select: {
      providerId: true,
      coverId: true,
      description: true,
      sections: {
        select: {
          lessons: {
            select: {
              id: true,
              title: true,
              body: true,
              mediaId: true,
              captionsId: true,
              questions: { select: { prompt: true, explanation: true, options: { select: { text: true } } } },
              flashcards: { select: { front: true, back: true } },
              translations: { select: { language: true, body: true, captionsId: true } },
            },
          },
        },
      },
    },
  });
  const usages: Usage[] = [
    ...(course.coverId
      ? [{ assetId: course.coverId, lessonId: null, kind: "COVER" as const, field: "coverId", lessonTitle: null }]
      : []),
    ...mediaLinksIn(course.description).map((assetId) => ({
      assetId,
      lessonId: null,
      kind: "DESCRIPTION" as const,
      field: "description",
      lessonTitle: null,
    })),
    ...course.sections.flatMap((s) => s.lessons.flatMap(lessonUsages)),
  ];
  const ids = [...new Set(usages.map((u) => u.assetId))];
  const owners = new Map(
    (await tx.mediaAsset.findMany({ where: { id: { in: ids } }, select: { id: true, ownerId: true } })).map((a) => [
      a.id,
      a.ownerId,
    ]),
  );
  const fields: Record<string, string> = {};
  for (const u of usages) {
    const owner = owners.get(u.assetId);
    // stable codes the studio translates beside the field (messages `studio.fieldErrors`)
    if (owner === undefined) fields[u.field] ??= "unknown_media";
    else if (owner !== course.providerId) fields[u.field] ??= "foreign_media";
  }
  if (Object.keys(fields).length > 0) {
    throw new ApiError(
      "unprocessable",
      "This course refers to media that is not yours. Upload the file yourself and use your own copy.",
      fields,
    );
  }
  const unique = new Map(usages.map((u) => [`${u.assetId}\0${u.lessonId ?? ""}\0${u.kind}`, u]));
  await tx.mediaUsage.deleteMany({ where: { courseId } });
  if (unique.size > 0) {
    await tx.mediaUsage.createMany({
      data: [...unique.values()].map((u) => ({ assetId: u.assetId, courseId, lessonId: u.lessonId, kind: u.kind })),
    });
  }
  return unique.size;
}
