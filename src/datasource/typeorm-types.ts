// Types only: at run time the user's own TypeORM instance is used, never ours.
export type { DataSource, EntityMetadata, QueryRunner } from 'typeorm';
export type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
