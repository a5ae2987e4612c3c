/**
 * CodeMirror 6 editor for code cells. Imported dynamically by CodeCell on first use (focus or "Edit and run"),
 * so its ~100 KB never loads at hydration. Colours come from the site's CSS variables, so it follows the
 * light/dark theme. Tab is left to the browser (focus moves on), as a keyboard user expects on a web page.
 */
import { useEffect, useRef } from 'react';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { javascriptLanguage } from '@codemirror/lang-javascript';
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { EditorState, StateEffect, StateField, type Extension } from '@codemirror/state';
import {
  Decoration,
  type DecorationSet,
  drawSelection,
  EditorView,
  highlightActiveLine,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { tags } from '@lezer/highlight';

export interface CodeEditorProps {
  initialValue: string;
  onChange(value: string): void;
  /** Ctrl/Cmd+Enter. */
  onRun(): void;
  /** 1-based line to mark as the error's line, or undefined. */
  errorLine?: number | undefined;
  /** id of the element that labels the editor. */
  labelledBy: string;
  /** id of the element that describes it (keyboard help). */
  describedBy?: string;
  autoFocus?: boolean;
}

const setErrorLine = StateEffect.define<number | undefined>();

const errorLineField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, tr) {
    let next = decorations.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(setErrorLine)) continue;
      const line = effect.value;
      next =
        line === undefined || line < 1 || line > tr.state.doc.lines
          ? Decoration.none
          : Decoration.set([Decoration.line({ class: 'cm-error-line' }).range(tr.state.doc.line(line).from)]);
    }
    // Editing removes the mark: it described the code as it was.
    return tr.docChanged ? Decoration.none : next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

const highlight = HighlightStyle.define([
  {
    tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.operatorKeyword, tags.moduleKeyword],
    color: 'var(--accent)',
    fontWeight: '600',
  },
  { tag: [tags.string, tags.special(tags.string), tags.regexp], color: 'var(--ok)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'var(--warn)' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: 'var(--muted)', fontStyle: 'italic' },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], color: 'var(--fg)', fontWeight: '600' },
  { tag: tags.invalid, color: 'var(--danger)' },
]);

const theme = EditorView.theme({
  '&': {
    color: 'var(--fg)',
    backgroundColor: 'var(--bg)',
    border: '1px solid var(--border)',
    borderRadius: '6px',
    fontSize: '0.9rem',
  },
  '&.cm-focused': { outline: '3px solid var(--focus)', outlineOffset: '2px' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.5', minHeight: '9em' },
  '.cm-content': { caretColor: 'var(--fg)', padding: '0.4rem 0' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--fg)' },
  '.cm-gutters': {
    backgroundColor: 'var(--surface)',
    color: 'var(--muted)',
    borderRight: '1px solid var(--border)',
    borderRadius: '6px 0 0 6px',
  },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--accent) 7%, transparent)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground': {
    backgroundColor: 'color-mix(in srgb, var(--accent) 30%, transparent)',
  },
  '.cm-error-line': { backgroundColor: 'color-mix(in srgb, var(--danger) 20%, transparent)' },
  '.cm-matchingBracket': { outline: '1px solid var(--muted)' },
});

export default function CodeEditor({
  initialValue,
  onChange,
  onRun,
  errorLine,
  labelledBy,
  describedBy,
  autoFocus,
}: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // The latest callbacks, read by the editor's long-lived listeners.
  const callbacks = useRef({ onChange, onRun });
  callbacks.current = { onChange, onRun };

  useEffect(() => {
    if (!host.current) return;
    const extensions: Extension[] = [
      lineNumbers(),
      history(),
      drawSelection(),
      indentOnInput(),
      bracketMatching(),
      highlightActiveLine(),
      javascriptLanguage, // the language alone: no autocompletion, which a ten-line exercise does not need
      syntaxHighlighting(highlight),
      theme,
      errorLineField,
      EditorState.tabSize.of(2),
      // No indentWithTab: Tab keeps moving focus out of the editor (WCAG 2.1.2, no keyboard trap).
      keymap.of([
        {
          key: 'Mod-Enter',
          run: () => {
            callbacks.current.onRun();
            return true;
          },
        },
        ...defaultKeymap,
        ...historyKeymap,
      ]),
      EditorView.contentAttributes.of({
        'aria-labelledby': labelledBy,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        'aria-multiline': 'true',
        // Contenteditable is focusable, but say so explicitly: checkers (axe "scrollable-region-focusable") look
        // for a tabindex inside the horizontally scrolling area.
        tabindex: '0',
        autocapitalize: 'off',
        autocorrect: 'off',
        spellcheck: 'false',
      }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) callbacks.current.onChange(update.state.doc.toString());
      }),
    ];
    const v = new EditorView({ parent: host.current, state: EditorState.create({ doc: initialValue, extensions }) });
    view.current = v;
    if (autoFocus) v.focus();
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is created once; later prop changes go through effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, []);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const effects: StateEffect<unknown>[] = [setErrorLine.of(errorLine)];
    if (errorLine !== undefined && errorLine >= 1 && errorLine <= v.state.doc.lines) {
      effects.push(EditorView.scrollIntoView(v.state.doc.line(errorLine).from, { y: 'nearest' }));
    }
    v.dispatch({ effects });
  }, [errorLine]);

  return <div ref={host} className="exercise-editor" />;
}
