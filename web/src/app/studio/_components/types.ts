/** Serializable shape of the course the editor receives from the server page. */
export interface EditorLesson {
  id: string;
  title: string;
  kind: "VIDEO" | "TEXT" | "PDF" | "QUIZ" | "FLASHCARDS";
  body: string;
  isPreview: boolean;
  mediaId: string | null;
  captionsId: string | null;
  durationSeconds: number | null;
  passMarkPercent: number;
  /** QUIZ: failed attempts before a cooldown */
  quizMaxAttempts: number;
  /** QUIZ: cooldown after the failed attempts, seconds */
  quizCooldownSeconds: number;
  mediaName: string | null;
  /** `id`s let a save keep unchanged questions, options and cards (learners' answers and reviews stay) */
  questions: {
    id?: string;
    prompt: string;
    multiple: boolean;
    explanation: string;
    options: { id?: string; text: string; correct: boolean }[];
  }[];
  flashcards: { id?: string; front: string; back: string }[];
}

export interface EditorSection {
  id: string;
  title: string;
  lessons: EditorLesson[];
}
