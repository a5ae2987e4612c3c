import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { lessonSchema } from '../../src/lessons/schema';
import { lessonSlug } from '../../src/lessons/slug';
import { duplicateOrders } from '../../src/site/lessons';

const dir = join(import.meta.dirname, '../../content/lessons');
const files = readdirSync(dir)
  .filter((f) => /\.mdx?$/.test(f))
  .sort();

/** The YAML between the opening and closing `---` lines; a file without it fails with its name. */
function frontmatter(file: string): unknown {
  const text = readFileSync(join(dir, file), 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  if (!match) throw new Error(`${file}: no frontmatter block (--- … ---) at the top`);
  return parseYaml(match[1]!);
}

describe('lesson frontmatter', () => {
  it('finds the lessons', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s matches the lesson schema', (file) => {
    const result = lessonSchema.safeParse(frontmatter(file));
    const problems = result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(problems, file).toEqual([]);
  });

  it('gives every lesson its own order and slug', () => {
    const lessons = files.map((f) => ({ slug: lessonSlug(f), order: lessonSchema.parse(frontmatter(f)).order }));
    expect(duplicateOrders(lessons)).toEqual([]);
    expect(new Set(lessons.map((l) => l.slug)).size).toBe(lessons.length);
  });

  it('numbers files in the same order as their `order` field', () => {
    const numbered = files.filter((f) => /^\d+[-_]/.test(f));
    const orders = numbered.map((f) => lessonSchema.parse(frontmatter(f)).order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
  });
});
