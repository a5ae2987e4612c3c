/**
 * Citations as the core's rule tables write them, split into text and RFC Editor links (src/explain/citations.ts).
 */
import { describe, expect, it } from 'vitest';
import { citationParts, rfcHref, rfcLabel } from '../../src/explain/citations';
import { VIOLATION_RULES } from '../../src/protocol/websocket/violations';
import { HANDSHAKE_RULES } from '../../src/protocol/websocket/handshake';
import { CLOSE_CODES } from '../../src/protocol/websocket/close-codes';

describe('citationParts', () => {
  it('links a single section', () => {
    expect(citationParts('RFC 6455 §5.1')).toEqual([
      { text: 'RFC 6455 §5.1', href: 'https://www.rfc-editor.org/rfc/rfc6455#section-5.1' },
    ]);
  });

  it('carries the RFC number over to a bare §, keeps items and separators', () => {
    expect(citationParts('RFC 6455 §4.2.1 item 5, §4.1 item 7')).toEqual([
      { text: 'RFC 6455 §4.2.1 item 5', href: 'https://www.rfc-editor.org/rfc/rfc6455#section-4.2.1' },
      { text: ', ' },
      { text: '§4.1 item 7', href: 'https://www.rfc-editor.org/rfc/rfc6455#section-4.1' },
    ]);
  });

  it('switches RFC after a semicolon and keeps surrounding text', () => {
    expect(citationParts('RFC 6455 §4.2.1 item 2; RFC 9112 §3.2').map((p) => p.href)).toEqual([
      'https://www.rfc-editor.org/rfc/rfc6455#section-4.2.1',
      undefined,
      'https://www.rfc-editor.org/rfc/rfc9112#section-3.2',
    ]);
    const iana = citationParts('IANA WebSocket Close Code Number Registry (RFC 6455 §11.7)');
    expect(iana.map((p) => p.text).join('')).toBe('IANA WebSocket Close Code Number Registry (RFC 6455 §11.7)');
    expect(iana.filter((p) => p.href).map((p) => p.href)).toEqual([
      'https://www.rfc-editor.org/rfc/rfc6455#section-11.7',
    ]);
  });

  it('links every rule of the core tables the lessons render', () => {
    const rules = [
      ...VIOLATION_RULES.map((r) => r.rule),
      ...Object.values(HANDSHAKE_RULES).map((r) => r.rule),
      ...CLOSE_CODES.map((c) => c.source),
    ];
    for (const rule of rules) {
      const parts = citationParts(rule);
      expect(parts.map((p) => p.text).join(''), rule).toBe(rule);
      expect(
        parts.some((p) => p.href),
        rule,
      ).toBe(true);
    }
  });
});

describe('rfcHref and rfcLabel', () => {
  it('address and name a whole RFC, a section and an appendix', () => {
    expect([rfcHref('6455'), rfcLabel('6455')]).toEqual(['https://www.rfc-editor.org/rfc/rfc6455', 'RFC 6455']);
    expect([rfcHref('6455', '5.2'), rfcLabel('6455', '5.2')]).toEqual([
      'https://www.rfc-editor.org/rfc/rfc6455#section-5.2',
      'RFC 6455 §5.2',
    ]);
    expect([rfcHref('7692', 'A.1'), rfcLabel('7692', 'A.1')]).toEqual([
      'https://www.rfc-editor.org/rfc/rfc7692#appendix-A.1',
      'RFC 7692 Appendix A.1',
    ]);
  });
});

describe('citationParts on the TCP option rules', () => {
  it('links both ends of a section range and each RFC of a list', () => {
    expect(citationParts('RFC 7323 §3–§5')).toEqual([
      { text: 'RFC 7323 §3', href: 'https://www.rfc-editor.org/rfc/rfc7323#section-3' },
      { text: '–' },
      { text: '§5', href: 'https://www.rfc-editor.org/rfc/rfc7323#section-5' },
    ]);
    expect(citationParts('RFC 2018 §2, RFC 7323 §2.2').filter((p) => p.href)).toHaveLength(2);
  });
});
