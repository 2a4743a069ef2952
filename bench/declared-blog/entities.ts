import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BlogDocument, BLOG_ENTITIES, Post } from '../../fixtures/blog/entities';

/** The blog with a relation and a unique column, to measure the set-level declaration checks. */
@Entity('authors')
export class BlogAuthor {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  name: string;
}

@Entity('posts')
export class DeclaredPost extends BlogDocument {
  @Column({ type: 'varchar', unique: true })
  slug: string;

  @ManyToOne(() => BlogAuthor, { nullable: false })
  author: BlogAuthor;
}

export const DECLARED_BLOG_ENTITIES = [...BLOG_ENTITIES.filter((entity) => entity !== Post), DeclaredPost, BlogAuthor];
