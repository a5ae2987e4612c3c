/**
 * Variants and seeds: which problem a generated exercise shows, and how a URL reproduces it.
 * Pure functions; the island reads and writes `location` through them.
 */
import { createRng, seedFromString } from '../protocol/random';
import type { CodeVariant, ExerciseDefinition, HexFrameVariant, ValueVariant } from './types';

export type VariantOf<D extends ExerciseDefinition> = D extends { kind: 'value' }
  ? ValueVariant
  : D extends { kind: 'hex-frame' }
    ? HexFrameVariant
    : CodeVariant;

/** The seed shown before any "New problem": fixed per exercise, so server and client render the same variant. */
export function defaultSeed(lesson: string, id: string): number {
  return seedFromString(`${lesson}/${id}`);
}

/** Query parameter that carries an exercise's seed: `?ex-mask-bit=1234`. Exercise ids are unique in a lesson. */
export function seedParam(id: string): string {
  return `ex-${id}`;
}

/** The seed in a query string (`location.search`), when it is a plain non-negative 32-bit integer. */
export function readSeed(search: string, id: string): number | undefined {
  const raw = new URLSearchParams(search).get(seedParam(id));
  if (raw === null || !/^\d{1,10}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n <= 0xffffffff ? n : undefined;
}

/** `href` with this exercise's seed set (other parameters and the hash kept). */
export function withSeed(href: string, id: string, seed: number): string {
  const url = new URL(href);
  url.searchParams.set(seedParam(id), String(seed));
  return url.toString();
}

/** A new seed different from `current`, small enough to read in a URL. */
export function nextSeed(current: number, random: () => number = Math.random): number {
  for (;;) {
    const s = 1 + Math.floor(random() * 999_999);
    if (s !== current) return s;
  }
}

export function isGenerated(def: ExerciseDefinition): boolean {
  return typeof def.generate === 'function';
}

/** The variant for `seed`: generated from `createRng(seed)`, or the fixed one. */
export function resolveVariant<D extends ExerciseDefinition>(def: D, seed: number): VariantOf<D> {
  const variant = def.generate ? def.generate(createRng(seed)) : def.variant;
  return variant as VariantOf<D>;
}

/** The hints for a variant, in order. */
export function resolveHints<D extends ExerciseDefinition>(def: D, variant: VariantOf<D>): readonly string[] {
  const hints = def.hints as readonly string[] | ((v: VariantOf<D>) => readonly string[]) | undefined;
  if (hints === undefined) return [];
  return typeof hints === 'function' ? hints(variant) : hints;
}

/** Wrong attempts after which "Show answer" is offered (0 = never). */
export function answerAfter(def: ExerciseDefinition): number {
  return def.answerAfter ?? 3;
}
