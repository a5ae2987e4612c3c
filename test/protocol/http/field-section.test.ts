import { describe, expect, it } from 'vitest';
import { fieldSectionSize, h2RequestFields, parallelRequests } from '../../../src/protocol/http';

describe('fieldSectionSize (RFC 9113 §6.5.2)', () => {
  it('counts name + value + 32 per field line, in UTF-8 bytes', () => {
    // RFC 7541 §4.1's own example entry size: "custom-key" / "custom-header" = 10 + 13 + 32 = 55.
    expect(fieldSectionSize([{ name: 'custom-key', value: 'custom-header' }]).size).toBe(55);
    expect(fieldSectionSize([{ name: 'x', value: 'é' }]).size).toBe(1 + 2 + 32);
  });
});

describe('h2RequestFields (RFC 9113 §8.3.1, §8.2.2)', () => {
  it('puts pseudo-headers first, lowercases names, drops Host and connection-specific fields', () => {
    const f = h2RequestFields('GET', '/a', [
      { name: 'Host', value: 'example.test' },
      { name: 'Connection', value: 'keep-alive' },
      { name: 'Accept', value: '*/*' },
    ]);
    expect(f).toEqual([
      { name: ':method', value: 'GET' },
      { name: ':scheme', value: 'https' },
      { name: ':authority', value: 'example.test' },
      { name: ':path', value: '/a' },
      { name: 'accept', value: '*/*' },
    ]);
  });
});

describe('parallelRequests', () => {
  it('HTTP/1.1: open streams hold connections out of 6; HTTP/2: streams share one connection', () => {
    expect(parallelRequests({ protocol: 'http/1.1', longLived: 5, requests: 3 })).toEqual({ running: 1, waiting: 2 });
    expect(parallelRequests({ protocol: 'http/1.1', longLived: 6, requests: 1 })).toEqual({ running: 0, waiting: 1 });
    expect(parallelRequests({ protocol: 'h2', longLived: 6, requests: 3 })).toEqual({ running: 3, waiting: 0 });
  });
});
