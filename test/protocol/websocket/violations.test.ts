import { describe, expect, it } from 'vitest';
import { isValidWireCloseCode } from '../../../src/protocol/websocket/close-codes';
import type { ViolationId } from '../../../src/protocol/websocket/types';
import { VIOLATION_RULES, violation, violationRule } from '../../../src/protocol/websocket/violations';
import { replay, streamOptions, VECTORS } from './vector-format';

/** Every ViolationId; the Record type makes the compiler reject a missing or unknown id. */
const ALL_IDS: Record<ViolationId, true> = {
  UNMASKED_CLIENT_FRAME: true,
  MASKED_SERVER_FRAME: true,
  RSV_BITS_SET: true,
  RESERVED_OPCODE: true,
  CONTROL_FRAME_TOO_LONG: true,
  FRAGMENTED_CONTROL_FRAME: true,
  NON_MINIMAL_LENGTH: true,
  LENGTH_MSB_SET: true,
  UNEXPECTED_CONTINUATION: true,
  EXPECTED_CONTINUATION: true,
  CLOSE_PAYLOAD_ONE_BYTE: true,
  INVALID_CLOSE_CODE: true,
  INVALID_UTF8: true,
  INVALID_UTF8_CLOSE_REASON: true,
  PAYLOAD_TOO_BIG: true,
  DEFLATE_STREAM_INVALID: true,
  INFLATED_TOO_BIG: true,
};

/** Found while inflating (RFC 7692), not by decodeFrames: their cases are in deflate.test.ts. */
const INFLATE_IDS = new Set<string>(['DEFLATE_STREAM_INVALID', 'INFLATED_TOO_BIG']);

describe('VIOLATION_RULES', () => {
  it('has exactly one entry per ViolationId', () => {
    const ids = VIOLATION_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(Object.keys(ALL_IDS).sort());
  });

  it('is data a lesson can render: code, RFC rule, title, summary', () => {
    for (const r of VIOLATION_RULES) {
      expect(isValidWireCloseCode(r.code), r.id).toBe(true);
      expect([1002, 1007, 1009]).toContain(r.code);
      expect(r.rule, r.id).toMatch(/^RFC (6455|7692) §\d+(\.\d+)*$/);
      expect(r.title.length, r.id).toBeGreaterThan(5);
      expect(r.summary.length, r.id).toBeGreaterThan(40);
    }
    expect(violationRule('INVALID_UTF8').code).toBe(1007);
    expect(violation('PAYLOAD_TOO_BIG', 3, 'too big')).toEqual({
      id: 'PAYLOAD_TOO_BIG',
      code: 1009,
      rule: violationRule('PAYLOAD_TOO_BIG').rule,
      message: 'too big',
      offset: 3,
    });
  });

  it('has a vector for every violation in vectors/violations.md', () => {
    const produced = new Set(
      VECTORS.flatMap((v) => v.expect.filter((l) => l.startsWith('violation ')).map((l) => l.split(' ')[1])),
    );
    const headings = new Set(VECTORS.filter((v) => v.file === 'violations.md').map((v) => v.title.split(':')[0]));
    for (const id of Object.keys(ALL_IDS).filter((id) => !INFLATE_IDS.has(id))) {
      expect(produced.has(id), `no vector produces ${id}`).toBe(true);
      expect(headings.has(id), `no "## ${id}" section`).toBe(true);
    }
  });

  it('says truthfully whether decoding continues after each violation', () => {
    // Each violation vector: the decoder stops exactly when one of its violations says it does not continue.
    for (const v of VECTORS.filter((x) => x.file === 'violations.md')) {
      const lines = replay(v.input, [], streamOptions(v));
      const stops = lines
        .filter((l) => l.startsWith('violation '))
        .some((l) => !violationRule(l.split(' ')[1] as ViolationId).continues);
      expect(lines.includes('stopped'), v.title).toBe(stops);
    }
  });
});
