/**
 * Shared vocabulary of the TCP models: control flags, connection states and the result shape of every
 * simulator. Everything here is data (no DOM, no Node APIs).
 */

/** Connection states, spelled as in RFC 9293 §3.3.2. */
export const TCP_STATES = [
  'CLOSED',
  'LISTEN',
  'SYN-SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSE-WAIT',
  'CLOSING',
  'LAST-ACK',
  'TIME-WAIT',
] as const;
export type TcpState = (typeof TCP_STATES)[number];

/** One line per state, for hovering a state name (RFC 9293 §3.3.2). */
export const STATE_MEANING: Readonly<Record<TcpState, string>> = {
  CLOSED: 'No connection (no TCB).',
  LISTEN: 'Waiting for a connection request (a SYN) from any remote TCP.',
  'SYN-SENT': 'Sent a SYN; waiting for the matching SYN-ACK.',
  'SYN-RECEIVED': 'Received a SYN and sent a SYN-ACK; waiting for the ACK of that SYN.',
  ESTABLISHED: 'Open: data can flow both ways.',
  'FIN-WAIT-1': "This side closed (sent FIN); waiting for the ACK of the FIN or the peer's FIN.",
  'FIN-WAIT-2': 'Our FIN is acknowledged; waiting for the peer to close (its FIN). The peer may still send data.',
  'CLOSE-WAIT':
    'The peer closed (its FIN arrived); waiting for the local application to close. This side may still send.',
  CLOSING: 'Both sides sent FIN at about the same time; waiting for the ACK of our FIN.',
  'LAST-ACK': 'Closed after the peer; waiting for the ACK of our FIN.',
  'TIME-WAIT':
    'Closed first (in a simultaneous close, both sides); waits 2·MSL so the last ACK can be resent if lost and old duplicates of this connection die out (RFC 9293 §3.4.2, §3.6).',
};

/** TCP control bits (RFC 9293 §3.1; ECE/CWR from RFC 3168 §6.1). */
export type FlagName = 'SYN' | 'ACK' | 'PSH' | 'FIN' | 'RST' | 'URG' | 'ECE' | 'CWR';

export interface FlagInfo {
  name: FlagName;
  /** The character tcpdump prints inside `Flags [...]`. */
  tcpdumpLetter: string;
  meaning: string;
  rule: string;
}

export const FLAG_INFO: Readonly<Record<FlagName, FlagInfo>> = {
  SYN: {
    name: 'SYN',
    tcpdumpLetter: 'S',
    meaning:
      'Synchronize sequence numbers: opens a connection and carries the initial sequence number; consumes one sequence number.',
    rule: 'RFC 9293 §3.1, §3.4',
  },
  ACK: {
    name: 'ACK',
    tcpdumpLetter: '.',
    meaning: 'The acknowledgment field is valid: "I have received every byte before this number".',
    rule: 'RFC 9293 §3.1',
  },
  PSH: {
    name: 'PSH',
    tcpdumpLetter: 'P',
    meaning:
      'Push: deliver the data to the application promptly instead of waiting to buffer more. It does not mean urgent.',
    rule: 'RFC 9293 §3.9.1',
  },
  FIN: {
    name: 'FIN',
    tcpdumpLetter: 'F',
    meaning: 'No more data from this sender (it closes its direction); consumes one sequence number.',
    rule: 'RFC 9293 §3.1, §3.6',
  },
  RST: {
    name: 'RST',
    tcpdumpLetter: 'R',
    meaning: 'Reset: abort the connection at once (or refuse it: nothing listens on that port).',
    rule: 'RFC 9293 §3.5.2',
  },
  URG: {
    name: 'URG',
    tcpdumpLetter: 'U',
    meaning: 'Urgent: the urgent pointer field is valid and marks urgent data. Rarely used.',
    rule: 'RFC 9293 §3.8.5',
  },
  ECE: {
    name: 'ECE',
    tcpdumpLetter: 'E',
    meaning: 'ECN-Echo: in a SYN, offers ECN; later, reports that a router marked congestion.',
    rule: 'RFC 3168 §6.1',
  },
  CWR: {
    name: 'CWR',
    tcpdumpLetter: 'W',
    meaning: 'Congestion Window Reduced: the sender has reacted to an ECN-Echo.',
    rule: 'RFC 3168 §6.1',
  },
};

/** Order in which tcpdump prints flag letters (print-tcp.c: F S R P . U E W). */
export const TCPDUMP_FLAG_ORDER: readonly FlagName[] = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR'];

/** Spell flags the way tcpdump does: ['SYN','ACK'] → "S.", [] → "none". */
export function tcpdumpFlagString(flags: readonly FlagName[]): string {
  const s = TCPDUMP_FLAG_ORDER.filter((f) => flags.includes(f))
    .map((f) => FLAG_INFO[f].tcpdumpLetter)
    .join('');
  return s === '' ? 'none' : s;
}

/** A parameter a simulator could not accept. */
export interface ParamError {
  /** Dotted path of the parameter, e.g. `losses[2].round`. */
  field: string;
  /** The value received (as given). */
  value: unknown;
  /** Plain English: what is wrong and what is allowed. */
  message: string;
}

/**
 * Every simulator returns this instead of throwing on bad parameters, so a widget can show the messages
 * next to the inputs and an exercise checker can report them.
 */
export type SimResult<T> = { ok: true; value: T; errors: [] } | { ok: false; errors: ParamError[] };

export function ok<T>(value: T): SimResult<T> {
  return { ok: true, value, errors: [] };
}
export function fail<T>(errors: ParamError[]): SimResult<T> {
  return { ok: false, errors };
}

/** Small validation helpers shared by the simulators. */
export function checkNumber(
  errors: ParamError[],
  field: string,
  value: unknown,
  opts: { min?: number; max?: number; integer?: boolean; minExclusive?: boolean; maxExclusive?: boolean } = {},
): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    errors.push({ field, value, message: `${field} must be a finite number, got ${describe(value)}.` });
    return false;
  }
  if (opts.integer && !Number.isInteger(value)) {
    errors.push({ field, value, message: `${field} must be a whole number, got ${value}.` });
    return false;
  }
  if (opts.min !== undefined) {
    if (opts.minExclusive ? value <= opts.min : value < opts.min) {
      errors.push({
        field,
        value,
        message: `${field} must be ${opts.minExclusive ? 'greater than' : 'at least'} ${opts.min}, got ${value}.`,
      });
      return false;
    }
  }
  if (opts.max !== undefined && (opts.maxExclusive ? value >= opts.max : value > opts.max)) {
    errors.push({
      field,
      value,
      message: `${field} must be ${opts.maxExclusive ? 'less than' : 'at most'} ${opts.max}, got ${value}.`,
    });
    return false;
  }
  return true;
}

export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'nothing (undefined)';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
