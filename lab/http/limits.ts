/**
 * GET /lab/http/limit/<size> — endpoints with a fixed limit so a page can find where 414 and 431
 * start. HTTP itself sets no limit on the request line or header section (RFC 9110 §5.4; RFC 9112 §3
 * asks for at least 8000 octets of request line); every server picks its own, and says so with
 * 414 URI Too Long (RFC 9110 §15.5.15) or 431 Request Header Fields Too Large (RFC 6585 §5).
 * Node's own limit (--max-http-header-size, 16 KiB by default) is raised by the lab's maxHeaderSize
 * so these endpoints, not Node's parser, decide.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LimitReport } from '../../src/lab-protocol/messages';
import { takeRawHead } from './raw-head';
import { sendJson } from './respond';

/** The limits on offer, by path segment. */
export const LIMITS: Readonly<Record<string, number>> = { '4k': 4096, '8k': 8192, '16k': 16384, '32k': 32768 };

export function measureHead(req: IncomingMessage): Pick<LimitReport, 'targetBytes' | 'headerBytes' | 'largestField'> {
  const raw = takeRawHead(req).text;
  const firstLineEnd = raw.indexOf('\r\n');
  // Field lines with their CRLFs, without the request line and the final empty line.
  const headerBytes = Math.max(0, raw.length - (firstLineEnd + 2) - 2);
  let largestField: LimitReport['largestField'] = null;
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] ?? '';
    const bytes = Buffer.byteLength(`${name}: ${req.rawHeaders[i + 1] ?? ''}\r\n`, 'latin1');
    if (largestField === null || bytes > largestField.bytes) largestField = { name, bytes };
  }
  return { targetBytes: Buffer.byteLength(req.url ?? '', 'latin1'), headerBytes, largestField };
}

export function handleLimit(
  req: IncomingMessage,
  res: ServerResponse,
  name: string,
  cors: Record<string, string>,
): boolean {
  const limit = LIMITS[name];
  if (limit === undefined) return false;
  const m = measureHead(req);
  let status: LimitReport['status'] = 200;
  let explanation = `Request target ${m.targetBytes} bytes and header fields ${m.headerBytes} bytes are both within this endpoint's ${limit}-byte limit.`;
  if (m.targetBytes > limit) {
    status = 414;
    explanation = `The request target is ${m.targetBytes} bytes, above this endpoint's ${limit}-byte limit: 414 URI Too Long (RFC 9110 §15.5.15). HTTP sets no limit itself (RFC 9110 §4.1); servers choose one.`;
  } else if (m.headerBytes > limit) {
    status = 431;
    const largest = m.largestField
      ? ` The largest field is ${m.largestField.name} (${m.largestField.bytes} bytes).`
      : '';
    explanation = `The header fields total ${m.headerBytes} bytes, above this endpoint's ${limit}-byte limit: 431 Request Header Fields Too Large (RFC 6585 §5).${largest}`;
  }
  const body: LimitReport = { status, limit, ...m, explanation };
  // A 414/431 means the client sent more than we want to read; ask it to start afresh.
  sendJson(res, status, body, { ...cors, ...(status === 200 ? {} : { Connection: 'close' }) });
  return true;
}
