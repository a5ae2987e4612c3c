import { describeCloseCode } from '../../protocol/websocket/close-codes';
import { violationRule } from '../../protocol/websocket/violations';
import type { Violation } from '../../protocol/websocket/types';
import { violationHref } from './links';
import './widget.css';

export interface ViolationListProps {
  violations: readonly Violation[];
  /** Sentence above the list. */
  intro: string;
  /** Items rendered at most (a broken 1 MiB paste can hold thousands). */
  limit?: number;
  /** How many there are in all, when `violations` is already a cut-down list. */
  total?: number;
}

/** Broken rules: title, where, the decoder's message, the RFC rule, the close code and a lesson link. */
export function ViolationList({ violations, intro, limit = 50, total = violations.length }: ViolationListProps) {
  const shown = violations.slice(0, limit);
  return (
    <section className="wn-violations" aria-label="Rule violations">
      <p className="wn-violations-title">{intro}</p>
      <ul>
        {shown.map((v, i) => (
          <ViolationItem key={`${v.id}-${v.offset}-${i}`} v={v} />
        ))}
      </ul>
      {total > shown.length ? <p>… and {(total - shown.length).toLocaleString('en')} more.</p> : null}
    </section>
  );
}

function ViolationItem({ v }: { v: Violation }) {
  const rule = violationRule(v.id);
  const close = describeCloseCode(v.code);
  return (
    <li className="wn-violation" data-violation={v.id}>
      <strong>{rule.title}</strong> <span className="wn-muted">at byte {v.offset}</span>
      <br />
      {v.message}
      <br />
      <span className="wn-muted">
        {v.rule} · close code {v.code} ({close.name}) ·{' '}
      </span>
      <a href={violationHref(v)}>
        The rule in the framing lesson: {rule.title.charAt(0).toLowerCase() + rule.title.slice(1)}
      </a>
    </li>
  );
}
