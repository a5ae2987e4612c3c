/**
 * The sender's view of its byte stream (RFC 9293 §3.3.1, Figure 3): bytes below SND.UNA are acknowledged, from
 * SND.UNA to SND.NXT are in flight, from SND.NXT to SND.UNA + SND.WND may be sent now, and the rest must wait
 * for the window to move. Sequence numbers here are plain integers (relative numbers, no wrap-around).
 */

export interface WindowEdgesInput {
  /** SND.UNA: oldest unacknowledged sequence number. */
  una: number;
  /** SND.NXT: next sequence number to send. */
  nxt: number;
  /** SND.WND: the window the receiver advertised. */
  wnd: number;
  /** One past the last byte the application has written. */
  writtenEnd: number;
  /** The first sequence number of data (ISN + 1). Default 1. */
  first?: number;
}

export interface WindowEdges {
  acknowledged: number;
  inFlight: number;
  usable: number;
  waiting: number;
  /** SND.UNA + SND.WND: the right edge of the window. */
  rightEdge: number;
}

export type WindowEdgesResult = { ok: true; value: WindowEdges } | { ok: false; error: string };

export function windowEdges(p: WindowEdgesInput): WindowEdgesResult {
  const first = p.first ?? 1;
  const bad = [p.una, p.nxt, p.wnd, p.writtenEnd, first].find((v) => !Number.isInteger(v) || v < 0);
  if (bad !== undefined) return { ok: false, error: `every value must be a whole number ≥ 0, got ${bad}` };
  if (!(first <= p.una && p.una <= p.nxt && p.nxt <= p.writtenEnd))
    return {
      ok: false,
      error: `need first ≤ SND.UNA ≤ SND.NXT ≤ written end, got ${first}, ${p.una}, ${p.nxt}, ${p.writtenEnd}`,
    };
  const rightEdge = p.una + p.wnd;
  return {
    ok: true,
    value: {
      acknowledged: p.una - first,
      inFlight: p.nxt - p.una,
      usable: Math.max(0, Math.min(rightEdge, p.writtenEnd) - p.nxt),
      waiting: Math.max(0, p.writtenEnd - Math.max(rightEdge, p.nxt)),
      rightEdge,
    },
  };
}
