/**
 * Contiguous child positions (0..n-1) under the unique (parent, position) constraints. A new order is
 * written in two statements: first every sibling moves to a distinct negative temporary position
 * (-position-1), then each gets its final position — no statement ever collides with a unique key.
 * Call inside a transaction that holds the course lock (see access.ts `lockCourse`).
 */
import { Prisma } from "@smolitux/db";
import { ApiError } from "@/server/http.ts";

/** Ordered child tables and their parent column. */
const TABLES = {
  Section: { table: Prisma.raw('"Section"'), parent: Prisma.raw('"courseId"') },
  Lesson: { table: Prisma.raw('"Lesson"'), parent: Prisma.raw('"sectionId"') },
} as const;

/** Which children to order. */
export type OrderedTable = keyof typeof TABLES;

/** Ids of the parent's children in position order. */
export async function childIds(tx: Prisma.TransactionClient, table: OrderedTable, parentId: string): Promise<string[]> {
  const t = TABLES[table];
  const rows = await tx.$queryRaw<{ id: string }[]>(
    Prisma.sql`SELECT id FROM ${t.table} WHERE ${t.parent} = ${parentId} ORDER BY position`,
  );
  return rows.map((r) => r.id);
}

/**
 * Gives the parent's children the positions 0..n-1 in the order of `orderedIds`.
 * @throws ApiError 422 when `orderedIds` is not exactly the set of the parent's children
 */
export async function applyOrder(
  tx: Prisma.TransactionClient,
  table: OrderedTable,
  parentId: string,
  orderedIds: string[],
): Promise<void> {
  const current = await childIds(tx, table, parentId);
  const wanted = new Set(orderedIds);
  if (
    wanted.size !== orderedIds.length ||
    current.length !== orderedIds.length ||
    current.some((i) => !wanted.has(i))
  ) {
    throw new ApiError("unprocessable", "The new order must list every item exactly once.", {
      ids: "incomplete_order",
    });
  }
  const t = TABLES[table];
  await tx.$executeRaw(Prisma.sql`UPDATE ${t.table} SET position = -position - 1 WHERE ${t.parent} = ${parentId}`);
  await tx.$executeRaw(
    Prisma.sql`UPDATE ${t.table} AS t SET position = v.ord - 1
      FROM unnest(${orderedIds}::text[]) WITH ORDINALITY AS v(id, ord)
      WHERE t.id = v.id AND t.${t.parent} = ${parentId}`,
  );
}

/** Closes gaps (after a deletion) keeping the current order. */
export async function compact(tx: Prisma.TransactionClient, table: OrderedTable, parentId: string): Promise<void> {
  await applyOrder(tx, table, parentId, await childIds(tx, table, parentId));
}

/** Moves one child up (-1) or down (+1); a move past either end is a no-op. */
export async function moveChild(
  tx: Prisma.TransactionClient,
  table: OrderedTable,
  parentId: string,
  childId: string,
  delta: -1 | 1,
): Promise<void> {
  const ids = await childIds(tx, table, parentId);
  const i = ids.indexOf(childId);
  if (i < 0) throw new ApiError("not_found", "No such item.");
  const j = i + delta;
  if (j < 0 || j >= ids.length) return;
  [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  await applyOrder(tx, table, parentId, ids);
}
