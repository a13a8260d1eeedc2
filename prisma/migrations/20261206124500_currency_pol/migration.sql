-- Polygon's native coin MATIC was renamed POL (2024): rename the enum value in place, existing rows keep
-- their meaning. The API still accepts "MATIC" as input (web/src/lib/money.ts CURRENCY_ALIASES).
ALTER TYPE "Currency" RENAME VALUE 'MATIC' TO 'POL';
