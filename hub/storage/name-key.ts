/**
 * The searchable form of a display name: Vietnamese diacritics removed (NFD, combining marks dropped, đ → d), lower
 * case, single spaces. "Nguyễn Thị Ánh" and "nguyen thi anh" give the same key, so a guard-typed name without
 * accents finds the entry. Stored beside display_name at ingest (entries.name_key, migration 5).
 */
export function nameKey(displayName: string): string {
  return displayName
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every precomposed Vietnamese letter with a diacritic, both cases: the backfill's translate() table. */
const VIETNAMESE_LETTERS =
  'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ' +
  'ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ';

/**
 * The same key as SQL for PostgreSQL's backfill of rows stored before migration 5: translate() maps each Vietnamese
 * letter to its bare ASCII letter, after which lower() is locale-independent. New rows get nameKey() at ingest.
 */
export function postgresNameKeySql(column: string): string {
  const from = [...VIETNAMESE_LETTERS];
  const to = from.map((c) => nameKey(c));
  return `btrim(regexp_replace(lower(translate(${column}, '${from.join('')}', '${to.join('')}')), '\\s+', ' ', 'g'))`;
}

/** A LIKE pattern matching names whose key contains `query`'s key (%, _ and \ escaped; use ESCAPE '\'). */
export function nameContainsPattern(query: string): string {
  return `%${nameKey(query).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
