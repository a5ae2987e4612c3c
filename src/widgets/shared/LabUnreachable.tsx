/** The box a lab widget shows when no lab answered: how to start it and what to press then. */
import { unreachableHelp } from './lab-unreachable';

interface Props {
  /** The addresses tried (http(s) origins or ws(s) URLs). */
  urls: readonly string[];
  pageOrigin: string;
  /** What the reader does once the lab runs, e.g. "press Connect again". */
  then: string;
}

export function LabUnreachable({ urls, pageOrigin, then }: Props) {
  const help = unreachableHelp(urls, pageOrigin);
  return (
    <div className="wn-box wn-lab-help" role="alert">
      <p>
        <strong>{help.summary}</strong> The lab is a small server that runs on your own machine. To start it, in a clone
        of this project run:
      </p>
      <pre className="wn-lab-cmd">
        <code>{help.start}</code>
      </pre>
      <p>It serves this site and the lab at http://127.0.0.1:8787/. Then {then}.</p>
      {help.allowOrigin !== undefined ? (
        <p className="wn-hint">
          If it is running already: the lab only accepts pages from its own address or origins it was told about (RFC
          6455 §10.2). For this page, start it with <code>{help.allowOrigin}</code>, or open the lesson from the lab
          itself.
        </p>
      ) : null}
    </div>
  );
}
