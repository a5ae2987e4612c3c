/**
 * The pure part of the lab-experiment island: where to find the lab, the experiment URL, a Server-Sent
 * Events reader for a fetch body, and the rows each experiment's result is shown as. No DOM here, so the
 * tests run it directly.
 *
 * Message shapes come from src/lab-protocol/messages.ts (the lab imports the same types).
 */
import { groupInt, plural } from '../../explain/format';
import type {
  BackpressureResult,
  BoundariesResult,
  ExperimentEvent,
  ExperimentName,
  ExperimentTypes,
  NagleResult,
  RefusedResult,
} from '../../lab-protocol/messages';

export type ParamValue = number | boolean;
export type ParamValues = Readonly<Record<string, ParamValue>>;

/** What a reader may set for each experiment; ranges as the lab clamps them (src/lab-protocol/messages.ts). */
export interface ParamInfo {
  label: string;
  min?: number;
  max?: number;
  unit?: string;
  /** A checkbox rather than a number box. */
  boolean?: boolean;
}

export const PARAM_INFO: Readonly<Record<ExperimentName, Readonly<Record<string, ParamInfo>>>> = {
  boundaries: {
    writes: { label: 'write() calls', min: 1, max: 2000 },
    size: { label: 'Bytes per write', min: 1, max: 4096, unit: 'bytes' },
    gapMs: { label: 'Pause between writes', min: 0, max: 20, unit: 'ms' },
    noDelay: { label: 'TCP_NODELAY (Nagle off)', boolean: true },
  },
  refused: {
    attempts: { label: 'Attempts', min: 1, max: 20 },
  },
  nagle: {
    rounds: { label: 'Rounds per setting', min: 1, max: 100 },
    size: { label: 'Bytes per write', min: 1, max: 1400, unit: 'bytes' },
  },
  backpressure: {
    chunk: { label: 'Bytes per write', min: 1024, max: 1048576, unit: 'bytes' },
    pauseMs: { label: 'Reader pauses for', min: 0, max: 5000, unit: 'ms' },
    maxBytes: { label: 'Stop after', min: 1048576, max: 268435456, unit: 'bytes' },
    highWaterMark: { label: 'Node highWaterMark', min: 1024, max: 1048576, unit: 'bytes' },
  },
};

export const EXPERIMENT_TITLES: Readonly<Record<ExperimentName, string>> = {
  boundaries: 'Message boundaries in a byte stream',
  refused: 'Connection refused',
  nagle: 'Nagle and delayed ACK',
  backpressure: 'Backpressure',
};

/** `/lab/tcp/<name>?…` on `origin`; booleans go as 0/1, the lab's spelling. */
export function experimentUrl(origin: string, name: ExperimentName, params: ParamValues): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    query.set(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  const q = query.toString();
  return `${origin}/lab/tcp/${name}${q ? `?${q}` : ''}`;
}

/** Why a typed parameter cannot be sent, or undefined when it can. */
export function paramProblem(info: ParamInfo, value: ParamValue): string | undefined {
  if (info.boolean) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) return `${info.label} must be a whole number.`;
  if (info.min !== undefined && value < info.min) return `${info.label} must be at least ${info.min}.`;
  if (info.max !== undefined && value > info.max) return `${info.label} must be at most ${info.max}.`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Server-Sent Events over a fetch body (no EventSource: it reconnects and reruns the experiment when the
// stream ends, and cannot tell the lab's `error` event from a network error).

export interface SseMessage {
  event: string;
  data: string;
}

/**
 * Feed text as it arrives; get the complete events so far (HTML Living Standard §9.2.6: lines `event:` and
 * `data:`, a blank line dispatches; `retry:`, `id:` and comments are ignored here).
 */
export function createSseReader(): { push(text: string): SseMessage[]; end(): SseMessage[] } {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  const take = (line: string, out: SseMessage[]) => {
    if (line === '') {
      if (data.length > 0) out.push({ event: event || 'message', data: data.join('\n') });
      event = '';
      data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  };
  return {
    push(text) {
      buffer += text;
      const out: SseMessage[] = [];
      let nl: RegExpExecArray | null;
      const re = /\r\n|\r|\n/g;
      let start = 0;
      while ((nl = re.exec(buffer)) !== null) {
        // A lone CR at the very end may be the first half of CRLF: wait for the next chunk.
        if (nl[0] === '\r' && nl.index === buffer.length - 1) break;
        take(buffer.slice(start, nl.index), out);
        start = nl.index + nl[0].length;
      }
      buffer = buffer.slice(start);
      return out;
    },
    end() {
      const out: SseMessage[] = [];
      if (buffer !== '') take(buffer, out);
      buffer = '';
      take('', out);
      return out;
    },
  };
}

/** An SSE message as an experiment event, or undefined when it is not one (unknown name, bad JSON). */
export function toExperimentEvent(message: SseMessage): ExperimentEvent | undefined {
  if (!['start', 'progress', 'result', 'error'].includes(message.event)) return undefined;
  try {
    return { type: message.event, data: JSON.parse(message.data) } as ExperimentEvent;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------
// Showing progress and results

const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : Math.round(n)} ms`;

export interface Progress {
  text: string;
  /** Fraction done in [0, 1], when known. */
  fraction?: number;
}

export function progressOf(name: ExperimentName, data: unknown, params: ParamValues | undefined): Progress {
  const p = data as Record<string, number | string>;
  switch (name) {
    case 'boundaries': {
      const writes = Number(params?.writes ?? 0);
      return {
        text: `${groupInt(Number(p.written))} writes made; the server has read ${plural(Number(p.bytesRead), 'byte')} in ${plural(Number(p.reads), 'read')}.`,
        ...(writes > 0 ? { fraction: Number(p.written) / writes } : {}),
      };
    }
    case 'refused': {
      const attempts = Number(params?.attempts ?? 0);
      return {
        text: `Attempt ${groupInt(Number(p.attempt))}: port ${p.port} answered ${p.code} after ${ms(Number(p.ms))}.`,
        ...(attempts > 0 ? { fraction: Number(p.attempt) / attempts } : {}),
      };
    }
    case 'nagle':
      return {
        text: `${p.setting === 'nagle' ? 'Nagle on' : 'TCP_NODELAY'}: round ${groupInt(Number(p.round))} of ${groupInt(Number(p.rounds))}, ${ms(Number(p.ms))}.`,
        fraction: ((p.setting === 'nagle' ? 0 : 1) + Number(p.round) / Math.max(1, Number(p.rounds))) / 2,
      };
    case 'backpressure':
      return {
        text: `${String(p.phase)}: ${plural(Number(p.written), 'byte')} written, ${plural(Number(p.read), 'byte')} read, ${plural(Number(p.queued), 'byte')} queued in Node.`,
      };
  }
}

export interface Row {
  label: string;
  value: string;
}

export interface Table {
  caption: string;
  head: string[];
  rows: string[][];
  /** Rows of the result not listed (the table shows the first few). */
  more?: number;
}

export interface ResultView {
  rows: Row[];
  tables: Table[];
  /** Text to show in monospace, e.g. what the first read delivered. */
  sample?: { label: string; text: string };
}

const LISTED_READS = 12;

/** Which messages a read of `bytes` bytes at stream offset `offset` touches, for messages of `size` bytes. */
export function messagesInRead(offset: number, bytes: number, size: number): string {
  if (bytes <= 0 || size <= 0) return '—';
  const first = Math.floor(offset / size);
  const last = Math.floor((offset + bytes - 1) / size);
  const cutStart = offset % size !== 0;
  const cutEnd = (offset + bytes) % size !== 0;
  const name = (i: number, cut: boolean) => `${i}${cut ? ' (part)' : ''}`;
  if (first === last) return name(first, cutStart || cutEnd);
  return `${name(first, cutStart)} … ${name(last, cutEnd)}`;
}

export function resultView(name: ExperimentName, result: ExperimentTypes[ExperimentName]['result']): ResultView {
  switch (name) {
    case 'boundaries': {
      const r = result as BoundariesResult;
      const size = r.params.size;
      return {
        rows: [
          {
            label: 'write() calls by the client',
            value: `${groupInt(r.params.writes)} × ${plural(size, 'byte')} = ${plural(r.totalBytes, 'byte')}`,
          },
          { label: 'read() results on the server', value: groupInt(r.readCount) },
          {
            label: 'Reads that ended exactly on a message boundary',
            value: `${groupInt(r.readsEndingOnBoundary)} of ${groupInt(r.readCount)}`,
          },
          { label: 'Bytes per read', value: readSizes(r) },
        ],
        tables: [
          {
            caption: 'The first reads, in order',
            head: ['Read', 'Stream offset', 'Bytes', 'Messages in it', 'At'],
            rows: r.reads
              .slice(0, LISTED_READS)
              .map((read, i) => [
                String(i + 1),
                groupInt(read.offset),
                groupInt(read.bytes),
                messagesInRead(read.offset, read.bytes, size),
                ms(read.t),
              ]),
            ...(r.readCount > LISTED_READS ? { more: r.readCount - LISTED_READS } : {}),
          },
        ],
        sample: { label: 'The start of the first read, as text', text: r.firstReadText },
      };
    }
    case 'refused': {
      const r = result as RefusedResult;
      return {
        rows: [
          { label: 'Attempts', value: groupInt(r.attempts.length) },
          {
            label: 'Refused (ECONNREFUSED)',
            value: groupInt(r.attempts.filter((a) => a.code === 'ECONNREFUSED').length),
          },
          { label: 'Median time from connect() to the error', value: ms(r.summary.p50) },
        ],
        tables: [
          {
            caption: 'Each attempt',
            head: ['Attempt', 'Port', 'Result', 'errno', 'Time'],
            rows: r.attempts.map((a) => [
              String(a.attempt),
              String(a.port),
              a.code,
              a.errno === null ? '—' : String(a.errno),
              ms(a.ms),
            ]),
          },
        ],
      };
    }
    case 'nagle': {
      const r = result as NagleResult;
      return {
        rows: [
          {
            label: 'Rounds per setting',
            value: `${groupInt(r.params.rounds)} (two writes of ${plural(r.params.size, 'byte')}, then a one-byte reply)`,
          },
        ],
        tables: [
          {
            caption: 'Write-write-read latency',
            head: ['Setting', 'Median', '90th percentile', 'Max'],
            rows: r.runs.map((run) => [
              run.noDelay ? 'TCP_NODELAY (Nagle off)' : 'Nagle on',
              ms(run.summary.p50),
              ms(run.summary.p90),
              ms(run.summary.max),
            ]),
          },
        ],
      };
    }
    case 'backpressure': {
      const r = result as BackpressureResult;
      return {
        rows: [
          { label: 'Accepted before write() first returned false', value: plural(r.acceptedBeforeFirstFalse, 'byte') },
          { label: 'Accepted when nothing moved any more', value: plural(r.acceptedWhenStalled, 'byte') },
          { label: '… of which still in Node’s buffer', value: plural(r.queuedWhenStalled, 'byte') },
          { label: '… held by the kernels’ send and receive buffers', value: plural(r.kernelHeldWhenStalled, 'byte') },
          { label: 'From resume() to drain', value: r.drainAfterResumeMs === null ? '—' : ms(r.drainAfterResumeMs) },
          {
            label: 'Total written / read',
            value: `${plural(r.totalWritten, 'byte')} / ${plural(r.totalRead, 'byte')}`,
          },
        ],
        tables: [],
      };
    }
  }
}

/** "16 (×98), 32 (×1)…": how many reads had each size, most common first. */
function readSizes(r: BoundariesResult): string {
  const counts = new Map<number, number>();
  for (const read of r.reads) counts.set(read.bytes, (counts.get(read.bytes) ?? 0) + 1);
  const list = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const shown = list.slice(0, 4).map(([bytes, n]) => `${groupInt(bytes)} (×${groupInt(n)})`);
  return list.length > 4 ? `${shown.join(', ')}, …` : shown.join(', ');
}
