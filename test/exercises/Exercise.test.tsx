// @vitest-environment jsdom
/**
 * The exercise island in jsdom, used as a reader would: this is also the demo of how a lesson embeds exercises
 * (`<Exercise lesson="websocket-framing" id="opcode" client:visible />` in MDX renders this component).
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exampleFrame } from '../../src/exercises/checkers/hex-frame';
import { formatValueAnswer } from '../../src/exercises/checkers/value';
import { hexBytes } from '../../src/explain/format';
import { loadLessonExercises } from '../../src/exercises/registry';
import type { ExerciseDefinition, HexFrameVariant, ValueVariant } from '../../src/exercises/types';
import { defaultSeed, resolveVariant } from '../../src/exercises/variant';
import { loadProgress, PROGRESS_KEY } from '../../src/progress/store';
import Exercise from '../../src/widgets/exercise/Exercise';

async function definition(lesson: string, id: string): Promise<ExerciseDefinition> {
  const def = (await loadLessonExercises(lesson))[id];
  if (!def) throw new Error(`${lesson}/${id} missing`);
  return def;
}

/** The variant the island shows first (no seed in the URL). */
async function firstVariant<V>(lesson: string, id: string): Promise<V> {
  return resolveVariant(await definition(lesson, id), defaultSeed(lesson, id)) as V;
}

async function renderExercise(lesson: string, id: string) {
  const view = render(<Exercise lesson={lesson} id={id} />);
  const section = await waitFor(() => {
    const el = view.container.querySelector<HTMLElement>(`[data-exercise-id="${lesson}/${id}"][data-kind]`);
    if (!el) throw new Error('not loaded yet');
    return el;
  });
  return { ...view, section, ui: within(section) };
}

// jsdom has no layout: CodeMirror's measuring asks a Range for rectangles, which jsdom lacks.
const emptyRects = () => Object.assign([], { item: () => null }) as unknown as DOMRectList;
Range.prototype.getClientRects ??= emptyRects;
Range.prototype.getBoundingClientRect ??= () => new DOMRect();

beforeEach(() => {
  localStorage.clear();
  window.history.replaceState(null, '', '/lessons/websocket-framing/');
});
afterEach(cleanup);

describe('<Exercise> value kind', () => {
  it('checks a wrong and then a right answer, records progress and keeps "Solved" after a reload', async () => {
    const user = userEvent.setup();
    const variant = await firstVariant<ValueVariant>('websocket-framing', 'opcode');
    const { section, ui, unmount } = await renderExercise('websocket-framing', 'opcode');

    expect(section.dataset.solved).toBe('false');
    expect(ui.getByRole('heading', { name: 'Which opcode?' })).toBeTruthy();
    expect(section.querySelector('.exercise-figure')?.textContent).toBe(variant.figure);

    const box = ui.getByLabelText(/Opcode/);
    await user.type(box, '0x7{Enter}');
    const status = ui.getByRole('status');
    expect(status.textContent).toMatch(/^Not yet\. 7 is not the answer\./);
    expect(section.dataset.solved).toBe('false');

    await user.clear(box);
    await user.type(box, 'seven');
    await user.click(ui.getByRole('button', { name: 'Check' }));
    expect(status.textContent).toContain("I couldn't read");

    await user.clear(box);
    await user.type(box, `${formatValueAnswer(variant.answer)}{Enter}`);
    expect(status.textContent).toMatch(/^✓ Correct\. Right/);
    expect(section.dataset.solved).toBe('true');
    // Two checked answers: the unreadable one is not counted.
    expect(loadProgress().lessons['websocket-framing']?.['opcode']?.attempts).toBe(2);
    expect(localStorage.getItem(PROGRESS_KEY)).toContain('opcode');

    unmount();
    const again = await renderExercise('websocket-framing', 'opcode');
    await waitFor(() => expect(again.section.dataset.solved).toBe('true'));
    expect(again.ui.getByText('Solved')).toBeTruthy();
  });

  it('reveals hints one at a time and offers the answer after three wrong tries', async () => {
    const user = userEvent.setup();
    const variant = await firstVariant<ValueVariant>('websocket-framing', 'opcode');
    const { ui } = await renderExercise('websocket-framing', 'opcode');

    await user.click(ui.getByRole('button', { name: 'Show a hint (1 of 3)' }));
    expect(ui.getAllByRole('listitem').length).toBe(1);
    await user.click(ui.getByRole('button', { name: 'Show a hint (2 of 3)' }));
    await user.click(ui.getByRole('button', { name: 'Show a hint (3 of 3)' }));
    const done = ui.getByRole('button', { name: 'All 3 hints shown' });
    expect(done.getAttribute('aria-disabled')).toBe('true');
    await user.click(done);
    expect(ui.getAllByRole('listitem').length).toBe(3);

    const box = ui.getByLabelText(/Opcode/);
    for (const wrong of ['100', '101', '102']) {
      expect(ui.queryByRole('button', { name: 'Show answer' })).toBeNull();
      await user.clear(box);
      await user.type(box, `${wrong}{Enter}`);
    }
    await user.click(ui.getByRole('button', { name: 'Show answer' }));
    expect(ui.getByText(formatValueAnswer(variant.answer))).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Answer'));
  });

  it('takes the seed from the URL and "New problem" writes a new one', async () => {
    const user = userEvent.setup();
    window.history.replaceState(null, '', '/lessons/websocket-framing/?ex-payload-length=1234#top');
    const def = await definition('websocket-framing', 'payload-length');
    const fromUrl = resolveVariant(def, 1234) as ValueVariant;
    const { section, ui } = await renderExercise('websocket-framing', 'payload-length');
    await waitFor(() => expect(section.querySelector('.exercise-figure')?.textContent).toBe(fromUrl.figure));

    await user.click(ui.getByRole('button', { name: 'New problem' }));
    const seed = Number(new URLSearchParams(window.location.search).get('ex-payload-length'));
    expect(seed).not.toBe(1234);
    expect(window.location.hash).toBe('#top');
    const next = resolveVariant(def, seed) as ValueVariant;
    expect(section.querySelector('.exercise-figure')?.textContent).toBe(next.figure);
    expect(ui.getByLabelText(/Payload length/)).toHaveProperty('value', '');
  });
});

describe('<Exercise> before and after hydration', () => {
  it('cannot be submitted from the server HTML, then checks the answer on Enter once hydrated', async () => {
    const user = userEvent.setup();
    const variant = await firstVariant<ValueVariant>('websocket-framing', 'opcode');
    // The server HTML, as Astro sends it (definitions loaded, so it holds the whole exercise).
    await loadLessonExercises('websocket-framing');
    const container = document.createElement('div');
    container.innerHTML = renderToString(<Exercise lesson="websocket-framing" id="opcode" />);
    document.body.append(container);
    const ui = within(container);
    // A submit event that bubbles up to the window with its default action still on is a form a browser
    // sends to the server, reloading the page. (Stopped here: jsdom cannot navigate.)
    let reloads = 0;
    const onSubmit = (e: Event): void => {
      if (!e.defaultPrevented) reloads++;
      e.preventDefault();
    };
    window.addEventListener('submit', onSubmit);

    const loading = ui.getByRole('button', { name: 'Loading…' });
    expect(loading).toHaveProperty('disabled', true);
    await user.type(ui.getByLabelText(/Opcode/), '0x7{Enter}');
    expect(reloads).toBe(0);

    const mismatches: unknown[] = [];
    const root = await act(async () =>
      hydrateRoot(container, <Exercise lesson="websocket-framing" id="opcode" />, {
        onRecoverableError: (e) => mismatches.push(e),
      }),
    );
    expect(mismatches).toEqual([]); // the server HTML was adopted, not re-rendered from scratch
    const check = ui.getByRole('button', { name: 'Check' });
    expect(check).toHaveProperty('disabled', false);
    // The answer typed before hydration is still there, and it is what Enter checks now.
    const box = ui.getByLabelText<HTMLInputElement>(/Opcode/);
    expect(box.value).toBe('0x7');
    await user.type(box, '{Enter}');
    expect(ui.getByRole('status').textContent).toMatch(/^Not yet\. 7 is not the answer\./);
    expect(reloads).toBe(0); // checked by the island, not sent anywhere

    await user.clear(box);
    await user.type(box, `${formatValueAnswer(variant.answer)}{Enter}`);
    expect(ui.getByRole('status').textContent).toMatch(/^✓ Correct\. Right/);
    act(() => root.unmount());
    container.remove();
    window.removeEventListener('submit', onSubmit);
  });
});

describe('<Exercise> hex-frame kind', () => {
  it('explains a wrong frame field by field and accepts a frame with any mask key', async () => {
    const user = userEvent.setup();
    const variant = await firstVariant<HexFrameVariant>('websocket-framing', 'masked-text-frame');
    const { section, ui } = await renderExercise('websocket-framing', 'masked-text-frame');
    const box = ui.getByLabelText('Frame bytes (hex)');

    // The unmasked (server-style) frame for the same text: wrong for a client.
    const unmasked = exampleFrame({ ...variant.expected, from: 'server' }, new Uint8Array(4));
    fireEvent.change(box, { target: { value: hexBytes(unmasked) } });
    fireEvent.keyDown(box, { key: 'Enter' });
    const status = ui.getByRole('status');
    expect(status.textContent).toContain('Your mask bit is 0 but client frames must be masked');
    const fields = within(ui.getByRole('list', { name: 'Field by field' }));
    expect(fields.getByText('MASK').closest('li')?.dataset.ok).toBe('false');
    expect(fields.getByText('opcode').closest('li')?.dataset.ok).toBe('true');

    await user.clear(box);
    await user.type(box, hexBytes(exampleFrame(variant.expected, Uint8Array.of(1, 2, 3, 4))));
    await user.keyboard('{Enter}');
    expect(status.textContent).toMatch(/^✓ Correct\. Right/);
    expect(section.dataset.solved).toBe('true');
  });

  it('names the bad character of unreadable hex', async () => {
    const { ui } = await renderExercise('websocket-framing', 'masked-text-frame');
    const box = ui.getByLabelText('Frame bytes (hex)');
    fireEvent.change(box, { target: { value: '81 8q' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(ui.getByRole('status').textContent).toMatch(/"q".*index 4/);
  });
});

describe('<Exercise> code kind', () => {
  it('shows the starter as text and loads the editor only when used', async () => {
    const def = await definition('websocket-framing', 'unmask-function');
    const { section, ui } = await renderExercise('websocket-framing', 'unmask-function');
    expect(section.querySelector('.cm-editor')).toBeNull();
    const code = section.querySelector('.exercise-code-static');
    expect(code?.textContent).toBe(def.kind === 'code' ? def.starter : '');
    await act(async () => {
      ui.getByRole('button', { name: 'Edit and run' }).click();
    });
    await waitFor(() => expect(section.querySelector('.cm-editor')).not.toBeNull(), { timeout: 5000 });
    expect(section.querySelector('.cm-content')?.getAttribute('aria-labelledby')).toBeTruthy();
    expect(ui.getByRole('button', { name: 'Run tests' })).toBeTruthy();
  });
});

describe('<Exercise> with a wrong id', () => {
  it('says which file lacks it', async () => {
    render(<Exercise lesson="websocket-framing" id="no-such-exercise" />);
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      expect.stringContaining('No exercise "no-such-exercise" in src/exercises/lessons/websocket-framing.ts'),
    );
  });
});
