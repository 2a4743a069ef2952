/**
 * What a TypeORM user would write by hand: repository.find in keyset batches of 1000 and
 * `await validate()` per entity. Prints { rows, invalidRows } as JSON.
 */
import { validate } from 'class-validator';
import { MoreThan } from 'typeorm';
import { BlogDataSource } from '../fixtures/blog/data-source';
import { BLOG_ENTITIES } from '../fixtures/blog/entities';

const BATCH = 1000;

async function main(): Promise<void> {
  await BlogDataSource.initialize();
  let rows = 0;
  let invalidRows = 0;
  for (const entity of BLOG_ENTITIES) {
    const repository = BlogDataSource.getRepository(entity);
    let lastId = 0;
    for (;;) {
      const batch = await repository.find({ where: { id: MoreThan(lastId) }, order: { id: 'ASC' }, take: BATCH });
      for (const record of batch) {
        if ((await validate(record)).length > 0) invalidRows++;
      }
      rows += batch.length;
      if (batch.length < BATCH) break;
      lastId = batch[batch.length - 1].id;
    }
  }
  await BlogDataSource.destroy();
  process.stdout.write(JSON.stringify({ rows, invalidRows }));
}

void main();
