import type { DataSource } from './typeorm-types';

export interface ServerAddress {
  host: string;
  port: number | undefined;
  database: string | undefined;
  user: string | undefined;
}

const DEFAULT_PORTS: Record<string, number> = { postgres: 5432, cockroachdb: 26257, mysql: 3306, mariadb: 3306, mssql: 1433, oracle: 1521 };

/**
 * Where a server DataSource connects, as its driver will see it: a `url` wins over the
 * separate options (TypeORM and pg both let the URL override them), the replication master
 * stands for a replicated setup.
 */
export function serverAddress(dataSourceOptions: DataSource['options']): ServerAddress {
  const options = dataSourceOptions as unknown as Record<string, unknown>;
  const replication = options.replication as { master?: Record<string, unknown> } | undefined;
  const base = { ...options, ...(replication?.master ?? {}) };
  const fromUrl = typeof base.url === 'string' ? parseUrl(base.url) : {};
  const merged = { ...base, ...fromUrl };
  const port = merged.port === undefined || merged.port === '' ? DEFAULT_PORTS[String(options.type)] : Number(merged.port);
  return {
    host: String(merged.host ?? (merged.socketPath ? `socket ${merged.socketPath}` : 'localhost')),
    port,
    database: merged.database === undefined ? undefined : String(merged.database),
    user: merged.username === undefined ? undefined : String(merged.username),
  };
}

function parseUrl(url: string): Record<string, unknown> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return {};
  }
  const parts: Record<string, unknown> = { host: parsed.hostname || undefined, port: parsed.port || undefined };
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (database) parts.database = database;
  if (parsed.username) parts.username = decodeURIComponent(parsed.username);
  return Object.fromEntries(Object.entries(parts).filter(([, value]) => value !== undefined));
}

/**
 * Drivers do not put passwords in their messages, but a message may quote a connection
 * URL: credentials in URLs and the configured password itself are masked in any text we show.
 */
export function redactSecrets(text: string, dataSourceOptions: DataSource['options']): string {
  const options = dataSourceOptions as unknown as Record<string, unknown>;
  const replication = options.replication as { master?: Record<string, unknown>; slaves?: Array<Record<string, unknown>> } | undefined;
  const passwords = [options, replication?.master, ...(replication?.slaves ?? [])]
    .flatMap((entry) => [entry?.password, typeof entry?.url === 'string' ? urlPassword(entry.url) : undefined])
    .filter((password): password is string => typeof password === 'string' && password.length >= 3);
  // A password that is also the host, user or database is shown as such in every message anyway;
  // masking it would only hide which host, user or database the message is about.
  const address = serverAddress(dataSourceOptions);
  const shown = new Set([address.host, address.user, address.database]);
  let redacted = text.replace(/(\/\/[^:/@\s]+):[^@\s]*@/g, '$1:***@');
  for (const password of passwords) if (!shown.has(password)) redacted = redacted.split(password).join('***');
  return redacted;
}

function urlPassword(url: string): string | undefined {
  try {
    const password = new URL(url).password;
    return password ? decodeURIComponent(password) : undefined;
  } catch {
    return undefined;
  }
}
