/**
 * The server's physical limit: a bare driver keyset read of every blog row (pg or mysql2),
 * batch 1000, rows as arrays, no hydration, no validation. Prints { rows } as JSON.
 * VR_SERVER and VR_DATABASE say which server and database (see fixtures/servers/load.ts).
 */
import { BLOG_TABLES } from '../fixtures/blog/blog-tables';
import { serverFromEnv } from '../fixtures/servers/servers';

const BATCH = 1000;

interface PgClient {
  connect(): Promise<void>;
  query(query: { text: string; values: unknown[]; rowMode: 'array' }): Promise<{ rows: unknown[][] }>;
  end(): Promise<void>;
}

async function main(): Promise<void> {
  const server = serverFromEnv();
  let rows = 0;
  if (server.type === 'postgres') {
    // pg ships no types (TypeORM loads it the same way).
    const { Client } = require('pg') as { Client: new (options: object) => PgClient };
    const client = new Client({ host: server.host, port: server.port, user: server.username, password: server.password, database: server.database });
    await client.connect();
    for (const { table } of BLOG_TABLES) {
      let last = 0;
      for (;;) {
        const { rows: batch } = await client.query({
          text: `SELECT "id", "title", "body" FROM "${table}" WHERE "id" > $1 ORDER BY "id" LIMIT ${BATCH}`, values: [last], rowMode: 'array',
        });
        rows += batch.length;
        if (batch.length < BATCH) break;
        last = batch[batch.length - 1][0] as number;
      }
    }
    await client.end();
  } else {
    const mysql = await import('mysql2/promise');
    const connection = await mysql.createConnection({ host: server.host, port: server.port, user: server.username, password: server.password, database: server.database });
    for (const { table } of BLOG_TABLES) {
      let last = 0;
      for (;;) {
        const [batch] = await connection.query({ sql: `SELECT id, title, body FROM \`${table}\` WHERE id > ? ORDER BY id LIMIT ${BATCH}`, values: [last], rowsAsArray: true });
        const list = batch as unknown[][];
        rows += list.length;
        if (list.length < BATCH) break;
        last = list[list.length - 1][0] as number;
      }
    }
    await connection.end();
  }
  process.stdout.write(JSON.stringify({ rows }));
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exitCode = 1;
});
