import type { DataSource } from './typeorm-types';

const countsBytes = new WeakSet<object>();

/**
 * Notes, once per connection opened, whether the database counts a text's characters as
 * JavaScript would see them: a PostgreSQL database in the SQL_ASCII encoding knows no
 * encoding, so its char_length() counts bytes, more than the text's characters.
 */
export async function checkCharacterCounting(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'postgres') return;
  const rows = (await dataSource.query('SHOW server_encoding')) as Array<{ server_encoding?: string }>;
  if (String(rows[0]?.server_encoding).toUpperCase() === 'SQL_ASCII') countsBytes.add(dataSource);
}

/** False where checkCharacterCounting found the database counting bytes for characters. */
export function countsCharacters(dataSource: DataSource): boolean {
  return !countsBytes.has(dataSource);
}
