/**
 * Generic checks over every exercise in src/exercises/lessons/: for many seeds, the variant is deterministic, its
 * own answer passes its own checker (so the page can never ask a question it cannot accept), the reference
 * solution of a code cell passes and the starter does not, and hints are there.
 */
import { describe, expect, it } from 'vitest';
import { runCodeCases } from '../../src/exercises/checkers/code';
import { checkHexFrame, exampleFrame } from '../../src/exercises/checkers/hex-frame';
import { checkValue, formatValueAnswer } from '../../src/exercises/checkers/value';
import { hexBytes } from '../../src/explain/format';
import { lessonsWithExercises, loadLessonExercises } from '../../src/exercises/registry';
import { resolveHints, resolveVariant } from '../../src/exercises/variant';
import type { ExerciseDefinition } from '../../src/exercises/types';
import { createRng } from '../../src/protocol/random';

const SEEDS = Array.from({ length: 40 }, (_, i) => (i * 2654435761) >>> 0);

const lessons = lessonsWithExercises();

it('finds the example lessons', () => {
  expect(lessons).toEqual(expect.arrayContaining(['bits-and-bytes', 'websocket-framing']));
});

it('names the missing file for an unknown lesson', async () => {
  await expect(loadLessonExercises('no-such-lesson')).rejects.toThrow('src/exercises/lessons/no-such-lesson.ts');
});

describe.each(lessons)('lesson %s', (lesson) => {
  it('has exercises with kebab-case ids', async () => {
    const exercises = await loadLessonExercises(lesson);
    expect(Object.keys(exercises).length).toBeGreaterThan(0);
    for (const id of Object.keys(exercises)) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('accepts its own answer for every seed', async () => {
    const exercises = await loadLessonExercises(lesson);
    for (const [id, def] of Object.entries(exercises)) {
      for (const seed of def.generate ? SEEDS : [0]) checkOwnAnswer(`${lesson}/${id} seed ${seed}`, def, seed);
    }
  });

  it('generates the same variant from the same seed', async () => {
    const exercises = await loadLessonExercises(lesson);
    for (const def of Object.values(exercises)) {
      if (!def.generate) continue;
      expect(resolveVariant(def, 7)).toEqual(resolveVariant(def, 7));
    }
  });
});

function checkOwnAnswer(where: string, def: ExerciseDefinition, seed: number) {
  const variant = resolveVariant(def, seed);
  expect(variant.prompt.length, where).toBeGreaterThan(10);
  for (const hint of resolveHints(def, variant)) expect(hint.trim().length, where).toBeGreaterThan(5);
  switch (def.kind) {
    case 'value': {
      const { answer } = variant as Extract<typeof variant, { answer: unknown }>;
      const typed = formatValueAnswer(answer);
      expect(checkValue(answer, typed), `${where}: "${typed}"`).toMatchObject({ verdict: 'correct' });
      for (const m of answer.mistakes ?? []) {
        const shown =
          typeof m.value === 'number' ? String(m.value) : m.value instanceof Uint8Array ? hexBytes(m.value) : m.value;
        const verdict = checkValue(answer, shown).verdict;
        // A mistake that happens to equal the answer for this seed is simply never shown.
        if (verdict === 'wrong') expect(checkValue(answer, shown).message, where).toContain(m.message);
      }
      break;
    }
    case 'hex-frame': {
      const { expected } = variant as Extract<typeof variant, { expected: unknown }>;
      const rng = createRng(seed);
      const key = Uint8Array.from({ length: 4 }, () => rng.int(0, 255));
      expect(checkHexFrame(expected, hexBytes(exampleFrame(expected, key))), where).toMatchObject({
        verdict: 'correct',
      });
      break;
    }
    case 'code': {
      const { cases } = variant as Extract<typeof variant, { cases: unknown }>;
      expect(cases.length, where).toBeGreaterThan(2);
      expect(runCodeCases(def.solution, def.functionName, cases), where).toMatchObject({ status: 'passed' });
      expect(runCodeCases(def.starter, def.functionName, cases).status, `${where}: the starter must not pass`).toBe(
        'failed',
      );
      break;
    }
  }
}
