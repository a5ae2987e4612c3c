import { describe, expect, it } from 'vitest';
import { headerHasToken } from '../../../src/protocol/http/fields';

describe('field lists (RFC 9110 §5.6.1)', () => {
  it('headerHasToken compares list elements case-insensitively, not substrings', () => {
    expect(headerHasToken('keep-alive, Upgrade', 'upgrade')).toBe(true);
    expect(headerHasToken('Upgraded', 'upgrade')).toBe(false);
    expect(headerHasToken(' , upgrade ,', 'Upgrade')).toBe(true);
  });
});
