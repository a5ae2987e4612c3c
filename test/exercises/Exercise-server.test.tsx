/**
 * The exercise as the server renders it (Astro renders islands with react-dom/server): before the island
 * hydrates, the form has no onSubmit, so pressing Enter in the answer box would submit it to the page's own
 * URL and reload, losing the answer. A disabled submit button blocks that implicit submission (HTML
 * §4.10.21.2), so the server HTML must have one.
 */
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import Exercise from '../../src/widgets/exercise/Exercise';

/** The server HTML of one exercise's form, parsed just enough to see its buttons. */
function serverForm(lesson: string, id: string): { html: string; buttons: string[] } {
  const html = renderToString(<Exercise lesson={lesson} id={id} />);
  const form = /<form[^>]*class="exercise-form"[^>]*>[\s\S]*?<\/form>/.exec(html)?.[0];
  if (form === undefined) throw new Error(`no answer form in the server HTML of ${lesson}/${id}:\n${html}`);
  return { html: form, buttons: form.match(/<button[\s\S]*?<\/button>/g) ?? [] };
}

describe('<Exercise> server HTML', () => {
  it.each([
    ['value answer', 'websocket-framing', 'opcode'],
    ['hex answer', 'websocket-framing', 'masked-text-frame'],
  ])('%s: the only submit button is disabled and says "Loading…"', (_kind, lesson, id) => {
    const { buttons } = serverForm(lesson, id);
    expect(buttons).toHaveLength(1);
    const [button] = buttons as [string];
    expect(button).toMatch(/^<button type="submit"[^>]* disabled=""/);
    // "Check" is there too, hidden, holding the button's width for when it takes over.
    expect(button).toMatch(/<span aria-hidden="true">Check<\/span><span>Loading…<\/span>/);
  });

  it('has no other way to submit: no action, no submit input', () => {
    const { html } = serverForm('websocket-framing', 'opcode');
    expect(html).not.toMatch(/\saction=/);
    expect(html).not.toMatch(/type="(submit|image)"(?![^>]*disabled)/);
  });
});
