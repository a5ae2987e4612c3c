import type { ErrorSnippet } from './error-snippet';
import './widget.css';

/** A parse error: the codec's message, then the input with the bad character marked where it is. */
export function HexErrorView({ title, message, snippet }: { title: string; message: string; snippet: ErrorSnippet }) {
  return (
    <div className="wn-error" role="alert">
      <p>
        <strong>{title}</strong> {message}
      </p>
      <p className="wn-snippet" aria-label={`Input near line ${snippet.line}, column ${snippet.column}`}>
        <code>
          {snippet.cutBefore ? '…' : ''}
          {snippet.before}
          <mark className="wn-bad-char">{snippet.bad === '' ? '⟂' : visible(snippet.bad)}</mark>
          {snippet.after}
          {snippet.cutAfter ? '…' : ''}
        </code>
      </p>
      {snippet.line > 1 ? (
        <p className="wn-hint">
          Line {snippet.line}, column {snippet.column}.
        </p>
      ) : null}
    </div>
  );
}

/** Makes whitespace-like bad characters visible inside the mark. */
function visible(ch: string): string {
  if (ch === '\t') return '⇥';
  if (ch === '\n') return '↵';
  if (ch === ' ') return '␠';
  return ch;
}
