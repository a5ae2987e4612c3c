import { describe, expect, it } from 'vitest';
import {
  CLOSE_CODES,
  CloseCode,
  describeCloseCode,
  isValidWireCloseCode,
} from '../../../src/protocol/websocket/close-codes';
import { wsValidation } from './ws-internals';

describe('close codes', () => {
  it('lists 1000–1015 in order with names', () => {
    expect(CLOSE_CODES.map((c) => c.code)).toEqual(Array.from({ length: 16 }, (_, i) => 1000 + i));
    expect(describeCloseCode(1000).name).toBe('Normal Closure');
    expect(describeCloseCode(CloseCode.MessageTooBig).name).toBe('Message Too Big');
    expect(describeCloseCode(1002).meaning).toMatch(/protocol/);
  });

  it('marks 1004, 1005, 1006 and 1015 as never sent (RFC 6455 §7.4.1)', () => {
    expect(CLOSE_CODES.filter((c) => !c.onWire).map((c) => c.code)).toEqual([1004, 1005, 1006, 1015]);
  });

  it('accepts on the wire exactly the codes ws accepts, for every 16-bit value (independent oracle)', () => {
    const disagreements: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (isValidWireCloseCode(code) !== wsValidation.isValidStatusCode(code)) disagreements.push(code);
    }
    expect(disagreements).toEqual([]);
  });

  it('describes the ranges of RFC 6455 §7.4.2', () => {
    expect(describeCloseCode(999)).toMatchObject({ name: 'Unused', onWire: false });
    expect(describeCloseCode(1016)).toMatchObject({ name: 'Reserved for the protocol', onWire: false });
    expect(describeCloseCode(2999).onWire).toBe(false);
    expect(describeCloseCode(3000)).toMatchObject({ name: 'Library / framework code', onWire: true });
    expect(describeCloseCode(4000)).toMatchObject({ name: 'Private use', onWire: true });
    expect(describeCloseCode(5000)).toMatchObject({ name: 'Undefined', onWire: false });
    expect(describeCloseCode(70000).name).toBe('Not a status code');
    expect(isValidWireCloseCode(1000.5)).toBe(false);
  });
});
