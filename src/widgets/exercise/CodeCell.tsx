/**
 * A code cell: the reader's function, shown as plain text until first used. Focusing or clicking the code (or
 * "Edit and run") loads CodeMirror with a dynamic import, so the editor is not part of the page's hydration
 * JavaScript (docs/architecture.md, Budgets).
 */
import { useEffect, useId, useRef, useState, type ComponentType } from 'react';
import type { CodeExercise } from '../../exercises/types';
import type { CodeEditorProps } from './CodeEditor';

export interface CodeCellProps {
  def: CodeExercise;
  /** id for the element labelling the code. */
  labelId: string;
  /** id of the feedback region (the run's result). */
  describedBy: string;
  running: boolean;
  errorLine?: number | undefined;
  onRun(source: string): void;
}

let editorModule: Promise<ComponentType<CodeEditorProps>> | undefined;
function loadEditor(): Promise<ComponentType<CodeEditorProps>> {
  editorModule ??= import('./CodeEditor').then((m) => m.default);
  return editorModule;
}

export function CodeCell({ def, labelId, describedBy, running, errorLine, onRun }: CodeCellProps) {
  const helpId = useId();
  const [source, setSource] = useState(def.starter);
  const [Editor, setEditor] = useState<ComponentType<CodeEditorProps> | null>(null);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const sourceRef = useRef(source);
  sourceRef.current = source;
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  function open() {
    if (Editor || loading) return;
    setLoading(true);
    loadEditor().then(
      (component) => {
        if (!mounted.current) return;
        setEditor(() => component);
        setLoading(false);
      },
      (error: unknown) => {
        if (!mounted.current) return;
        setLoading(false);
        setLoadError(`The editor could not load (${String(error)}). Check your connection and reload the page.`);
      },
    );
  }

  const lines = source.split('\n').length;

  return (
    <div className="exercise-code">
      <div className="exercise-label" id={labelId}>
        Your <code>{def.functionName}</code> function
      </div>
      {Editor ? (
        <Editor
          initialValue={source}
          onChange={setSource}
          onRun={() => onRun(sourceRef.current)}
          errorLine={errorLine}
          labelledBy={labelId}
          describedBy={`${helpId} ${describedBy}`}
          autoFocus
        />
      ) : (
        <pre
          className="exercise-code-static"
          tabIndex={0}
          aria-describedby={helpId}
          onFocus={open}
          onClick={open}
          style={{ minHeight: `calc(${Math.max(lines, 6)} * 1.5em + 0.8rem)` }}
        >
          {source}
        </pre>
      )}
      <div className="exercise-row">
        <button
          type="button"
          className="exercise-button primary"
          onClick={() => (Editor ? onRun(sourceRef.current) : open())}
          disabled={running || loading}
          aria-describedby={describedBy}
        >
          {Editor ? (running ? 'Running…' : 'Run tests') : loading ? 'Loading editor…' : 'Edit and run'}
        </button>
        <span id={helpId} className="exercise-help">
          {Editor
            ? 'Ctrl+Enter (⌘+Enter on a Mac) runs the tests. Tab moves on to the next control.'
            : 'Focus or click the code to edit it.'}
        </span>
      </div>
      {loadError && (
        <p className="exercise-message" role="alert">
          {loadError}
        </p>
      )}
    </div>
  );
}
