/**
 * Numbers the lesson "Nagle and delayed ACK" states, computed at build time by the TCP models
 * (perPacketOverhead, writeWriteRead), so the prose cannot drift from the code the widgets and exercises use.
 */
import {
  perPacketOverhead,
  writeWriteRead,
  type WriteWriteReadParams,
  type WriteWriteReadRun,
} from '../../../protocol/tcp';

/** Round a simulated time to 0.1 ms (the model adds halves of round trips in floating point). */
export function ms(value: number): string {
  const r = Math.round(value * 10) / 10;
  return `${r.toLocaleString('en-US')} ms`;
}

function wwr(p: WriteWriteReadParams): WriteWriteReadRun {
  const r = writeWriteRead(p);
  if (!r.ok) throw new Error(`writeWriteRead: ${r.errors.map((e) => e.message).join(' ')}`);
  return r.value;
}

/** The lesson's example: Linux loopback-like segments with timestamps, counted as tcpdump shows them (Ethernet header). */
export const SMALL_WRITE = { tcpOptionsBytes: 12, ethernet: true } as const;
export const oneByte = perPacketOverhead(1, SMALL_WRITE);
export const KEYS = 'hello';
const keysApart = KEYS.length * oneByte.total;
const keysTogether = perPacketOverhead(KEYS.length, SMALL_WRITE).total;

/** The write-write-read example of the lesson: 20 ms round trip, 200-byte head then 100-byte body, 100-byte answer. */
export const WWR_RTT = 20;
export const WWR_CASES: ReadonlyArray<{ label: string; params: WriteWriteReadParams }> = [
  {
    label: 'Nagle on, delayed ACK on (40 ms)',
    params: { nagle: true, delayedAck: true, rttMs: WWR_RTT, delayedAckMs: 40 },
  },
  {
    label: 'Nagle on, delayed ACK on (200 ms)',
    params: { nagle: true, delayedAck: true, rttMs: WWR_RTT, delayedAckMs: 200 },
  },
  { label: 'Nagle on, delayed ACK off', params: { nagle: true, delayedAck: false, rttMs: WWR_RTT } },
  {
    label: 'TCP_NODELAY, delayed ACK on',
    params: { nagle: false, delayedAck: true, rttMs: WWR_RTT, delayedAckMs: 40 },
  },
];
export function wwrRows(): Array<{ label: string; total: string; extra: string; why: string }> {
  return WWR_CASES.map(({ label, params }) => {
    const r = wwr(params);
    return { label, total: ms(r.totalMs), extra: ms(r.extraMs), why: r.why };
  });
}

/** The run of one of the lesson's cases (by its index in WWR_CASES), for figures drawn from it. */
export function wwrCase(index: number): { label: string; run: WriteWriteReadRun; params: WriteWriteReadParams } {
  const c = WWR_CASES[index];
  if (c === undefined) throw new Error(`wwrCase: no case ${index}`);
  return { label: c.label, run: wwr(c.params), params: c.params };
}

const both40 = wwr(WWR_CASES[0]!.params);
const both200 = wwr(WWR_CASES[1]!.params);
const noDelay = wwr(WWR_CASES[3]!.params);

/** The lab's experiment on loopback: 10-byte pieces, 1-byte reply, a round trip of about 0.1 ms. */
export const LAB_RTT = 0.1;
export const LAB_SIZE = 10;
/** The lab experiment's round in the model: two LAB_SIZE writes, a 1-byte answer, Linux's 40 ms delayed ACK. */
const labRound = (nagle: boolean) =>
  wwr({
    nagle,
    delayedAck: true,
    rttMs: LAB_RTT,
    delayedAckMs: 40,
    firstBytes: LAB_SIZE,
    secondBytes: LAB_SIZE,
    responseBytes: 1,
  });
const labNagle = labRound(true);
const labNoDelay = labRound(false);
export const labPrediction = [
  { label: 'Nagle on (model, 40 ms delayed ACK)', value: `${ms(labNagle.totalMs)} per round` },
  { label: 'TCP_NODELAY (model)', value: `${ms(labNoDelay.totalMs)} per round` },
];

export const NAGLE_FACTS = {
  oneByteTotal: String(oneByte.total),
  oneByteOverhead: String(oneByte.overhead),
  oneByteEfficiency: `${(oneByte.efficiency * 100).toFixed(1)}%`,
  keysApart: String(keysApart),
  keysTogether: String(keysTogether),
  keysCount: String(KEYS.length),
  wwrRtt: ms(WWR_RTT),
  both40Total: ms(both40.totalMs),
  both40Extra: ms(both40.extraMs),
  both200Total: ms(both200.totalMs),
  noDelayTotal: ms(noDelay.totalMs),
  labNagle: ms(labNagle.totalMs),
  labNoDelay: ms(labNoDelay.totalMs),
} as const;
export type NagleFactName = keyof typeof NAGLE_FACTS;
