import { useId, useMemo, useState } from 'react';
import { decodeFrames, HexError, parseHex, toHex } from '../protocol';

/** A minimal frame decoder: paste hex, see each frame's fields. The full tool lives at /tools/frame-decoder/. */
export default function MiniFrameDecoder({ initialHex = '81 85 37 fa 21 3d 7f 9f 4d 51 58' }: { initialHex?: string }) {
  const [text, setText] = useState(initialHex);
  const inputId = useId();
  const result = useMemo(() => {
    try {
      return { ok: true as const, decoded: decodeFrames(parseHex(text), { from: 'unknown' }) };
    } catch (error) {
      if (error instanceof HexError) return { ok: false as const, error };
      throw error;
    }
  }, [text]);

  return (
    <div className="mini-decoder" data-widget="mini-frame-decoder">
      <label htmlFor={inputId}>Frame bytes (hex)</label>
      <textarea
        id={inputId}
        className="hex"
        rows={2}
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <output aria-live="polite">
        {!result.ok ? (
          <p className="error" role="alert">{result.error.message}</p>
        ) : (
          <>
            {result.decoded.frames.map((f) => (
              <dl key={f.offset} className="frame">
                <dt>FIN</dt><dd>{f.fin ? '1' : '0'}</dd>
                <dt>Opcode</dt><dd>0x{f.opcode.toString(16)}</dd>
                <dt>Masked</dt><dd>{f.masked ? `yes, key ${toHex(f.maskKey ?? new Uint8Array())}` : 'no'}</dd>
                <dt>Payload length</dt><dd>{f.payloadLength}</dd>
                <dt>Payload</dt><dd><code>{new TextDecoder().decode(f.payload)}</code></dd>
              </dl>
            ))}
            {result.decoded.violations.map((v) => (
              <p key={`${v.id}-${v.offset}`} className="error">{v.rule}: {v.message} (close code {v.code})</p>
            ))}
            {result.decoded.needed ? <p>{result.decoded.needed} more bytes needed to finish the frame.</p> : null}
          </>
        )}
      </output>
    </div>
  );
}
