/** Errors of the course importer. Every message names the file (relative to the course folder) and the field. */
import type { z } from "zod";

/** Base class: anything the importer rejects or fails on. */
export class CourseImportError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CourseImportError";
  }
}

/** A course file is missing, malformed or fails validation. `file` is relative to the course folder. */
export class CourseFormatError extends CourseImportError {
  constructor(
    readonly file: string,
    readonly field: string | null,
    detail: string,
  ) {
    super(`${file}${field ? ` (${field})` : ""}: ${detail}`);
    this.name = "CourseFormatError";
  }

  /** Builds the error from the first zod issue, naming its path as the field. */
  static fromZod(file: string, error: z.ZodError, prefix = ""): CourseFormatError {
    const issue = error.issues[0];
    const path = issue?.path.map(String).join(".") ?? "";
    const field = [prefix, path].filter(Boolean).join(".") || null;
    const more = error.issues.length > 1 ? ` (+${error.issues.length - 1} more issue(s))` : "";
    return new CourseFormatError(file, field, `${issue?.message ?? "invalid"}${more}`);
  }
}

/** A media file cannot be used (unknown content type, wrong kind for its lesson, changed while importing). */
export class CourseMediaError extends CourseImportError {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = "CourseMediaError";
  }
}

/** The database already holds a course with this slug that the importer must not overwrite. */
export class CourseConflictError extends CourseImportError {
  constructor(
    readonly slug: string,
    detail: string,
  ) {
    super(`course "${slug}": ${detail}`);
    this.name = "CourseConflictError";
  }
}
