import { describe, expect, it } from 'vitest';
import { LAB_PROTOCOL_VERSION, labServerTiming, readLabServerTiming } from '../../src/lab-protocol/served-by';

describe('the lab Server-Timing metric', () => {
  it('writes one metric with a description (W3C Server Timing §3)', () => {
    expect(labServerTiming('2')).toBe('lab;desc="wire-notebook/2"');
    expect(labServerTiming()).toBe(`lab;desc="wire-notebook/${LAB_PROTOCOL_VERSION}"`);
  });

  it('reads it back from a navigation entry, as the browser parses the header', () => {
    expect(readLabServerTiming([{ name: 'lab', description: 'wire-notebook/2' }])).toEqual({ lab: true, version: '2' });
    expect(
      readLabServerTiming([
        { name: 'cache', description: 'hit' },
        { name: 'lab', description: 'wire-notebook/1' },
      ]),
    ).toEqual({ lab: true, version: '1' });
  });

  it('tells "served by something else" from "cannot tell"', () => {
    expect(readLabServerTiming([])).toEqual({ lab: false });
    // Another server's metric that happens to be called "lab" is not ours.
    expect(readLabServerTiming([{ name: 'lab', description: '12ms' }])).toEqual({ lab: false });
    expect(readLabServerTiming(undefined)).toBeUndefined();
  });
});
