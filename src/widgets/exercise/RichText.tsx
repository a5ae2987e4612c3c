import { Fragment } from 'react';

/**
 * Renders the small markup exercise texts use: `code` in backticks, a blank line between paragraphs.
 * Nothing else is interpreted, so definition text can never inject HTML.
 */
export function RichText({ text, inline = false }: { text: string; inline?: boolean }) {
  const paragraphs = text.split(/\n\s*\n/);
  if (inline || paragraphs.length === 1) {
    const content = <Inline text={paragraphs.join(' ')} />;
    return inline ? content : <p>{content}</p>;
  }
  return (
    <>
      {paragraphs.map((p, i) => (
        <p key={i}>
          <Inline text={p} />
        </p>
      ))}
    </>
  );
}

function Inline({ text }: { text: string }) {
  const parts = text.split('`');
  return (
    <>{parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : <Fragment key={i}>{part}</Fragment>))}</>
  );
}
