import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonSchema } from './lessons/schema';
import { lessonSlug } from './lessons/slug';

const lessons = defineCollection({
  // Files are numbered for ordering on disk (`08-websocket-framing.mdx`); URLs drop the number.
  loader: glob({ pattern: '**/*.mdx', base: './content/lessons', generateId: ({ entry }) => lessonSlug(entry) }),
  schema: lessonSchema,
});

export const collections = { lessons };
