import { z } from 'astro/zod';

/** Frontmatter every lesson must carry; the content collection validates it at build time. */
export const lessonSchema = z.object({
  title: z.string().min(3).describe('Shown as the page heading and in the sidebar'),
  summary: z.string().min(10).max(200).describe('One sentence: used for the description and Open Graph tags'),
  order: z.number().int().min(0).describe('Position in the curriculum (0 = Start here)'),
  goals: z.array(z.string().min(3)).min(1).describe('Learning goals listed at the top of the lesson'),
  minutes: z.number().int().positive().describe('Estimated reading-and-exercise time in minutes'),
  draft: z.boolean().default(false).describe('Drafts are built but not listed'),
});

export type LessonFrontmatter = z.infer<typeof lessonSchema>;
