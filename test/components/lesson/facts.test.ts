/**
 * The numbers the lessons state, each computed by the codec (src/components/lesson/facts.ts).
 */
import { describe, expect, it } from 'vitest';
import { fact, FACT_SOURCES, type FactName } from '../../../src/components/lesson/facts';

describe('facts', () => {
  it('computes the numbers the lessons state', () => {
    const expected: Partial<Record<FactName, string>> = {
      len7Max: '125',
      len16Max: '65,535',
      len64Max: '9,223,372,036,854,775,807',
      len64MaxHex: '7f ff ff ff ff ff ff ff',
      unsigned64Max: '18,446,744,073,709,551,615',
      controlMax: '125',
      closeReasonMax: '123',
      nonceBytes: '16',
      keyChars: '24',
      sha1Bytes: '20',
      acceptChars: '28',
      guid: '258EAFA5-E914-47DA-95CA-C5AB0DC85B11',
      requestBytes: '501',
      oneByteMax: '255',
      cjkNameMax: '85',
      cjkBytesEach: '3',
      helloKey: '0b 4c de 23',
      helloFrameBytes: '11',
    };
    for (const [name, value] of Object.entries(expected)) expect(fact(name as FactName), name).toBe(value);
  });

  it('computes every fact of every lesson module, each name in one module only', () => {
    const seen = new Map<string, string>();
    for (const [source, facts] of Object.entries(FACT_SOURCES)) {
      for (const name of Object.keys(facts)) {
        expect(seen.get(name), `${name} is in ${source} and ${seen.get(name)}`).toBeUndefined();
        seen.set(name, source);
        expect(fact(name as FactName), name).toMatch(/\S/);
      }
    }
    expect(seen.size).toBeGreaterThan(150);
  });

  it('fails the build on an unknown name rather than printing nothing', () => {
    expect(() => fact('noSuchFact' as FactName)).toThrow(/no such fact/);
  });
});
