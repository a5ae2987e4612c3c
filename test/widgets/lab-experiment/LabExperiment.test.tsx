// @vitest-environment jsdom
/**
 * The lab-experiment island: nothing is requested before Run; Run finds the lab through /lab/status, streams the
 * experiment's Server-Sent Events and shows the result beside the prediction; without a lab it says how to start one.
 * fetch is replaced by a fake that answers like lab/http/routes.ts.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import LabExperiment from '../../../src/widgets/lab-experiment/LabExperiment';

const STATUS = {
  lab: 'wire-notebook',
  version: '1',
  origin: 'http://127.0.0.1:8787',
  experiments: ['nagle', 'boundaries', 'backpressure', 'refused'],
};

function sse(events: Array<[string, unknown]>): Response {
  const text = 'retry: 3600000\n\n' + events.map(([e, d]) => `event: ${e}\ndata: ${JSON.stringify(d)}\n\n`).join('');
  const bytes = new TextEncoder().encode(text);
  // Deliver the stream in 7-byte pieces, as a socket might.
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
      controller.close();
    },
  });
  return new Response(stream, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

const REFUSED_RESULT = {
  params: { attempts: 1 },
  attempts: [{ attempt: 1, port: 40001, code: 'ECONNREFUSED', errno: -111, syscall: 'connect', ms: 0.31 }],
  summary: { n: 1, min: 0.31, p50: 0.31, p90: 0.31, p99: 0.31, max: 0.31, mean: 0.31 },
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('LabExperiment', () => {
  it('asks for nothing until Run, then shows progress and the result next to the prediction', async () => {
    const calls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        calls.push(url);
        if (url.endsWith('/lab/status')) return new Response(JSON.stringify(STATUS), { status: 200 });
        return sse([
          ['start', { experiment: 'refused', params: { attempts: 1 }, adjusted: [] }],
          ['progress', REFUSED_RESULT.attempts[0]],
          ['result', REFUSED_RESULT],
        ]);
      }),
    );
    render(
      <LabExperiment
        experiment="refused"
        params={{ attempts: 1 }}
        prediction={[{ label: 'Answer to the SYN', value: 'R.' }]}
      />,
    );
    expect(calls).toEqual([]);
    expect(screen.getByText('What the model predicts')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Run on my machine' }));
    await waitFor(() => expect(screen.getByText('Refused (ECONNREFUSED)')).toBeTruthy());
    expect(calls[0]).toMatch(/\/lab\/status$/);
    expect(calls.at(-1)).toMatch(/\/lab\/tcp\/refused\?attempts=1$/);
    expect(screen.getByRole('table', { name: 'Each attempt' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Run again' })).toBeTruthy();
  });

  it('says "Lab not connected" before Run on a page the lab did not serve, and nothing once the lab runs', async () => {
    document.documentElement.dataset.lab = 'unchecked';
    render(<LabExperiment experiment="boundaries" />);
    await waitFor(() => expect(screen.getByText(/Lab not connected/).textContent).toMatch(/may first ask/));
    document.documentElement.dataset.lab = 'running';
    window.dispatchEvent(new CustomEvent('wire-notebook:lab'));
    await waitFor(() => expect(screen.queryByText(/Lab not connected/)).toBeNull());
    delete document.documentElement.dataset.lab;
  });

  it('says how to start the lab when nothing answers', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    render(<LabExperiment experiment="boundaries" params={{ writes: 10, size: 16 }} />);
    fireEvent.click(screen.getByRole('button', { name: 'Run on my machine' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('npm install && npm start'));
  });

  it('reports the lab’s error event', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) =>
        url.endsWith('/lab/status')
          ? new Response(JSON.stringify(STATUS))
          : sse([['error', { experiment: 'boundaries', message: 'too many experiments at once' }]]),
      ),
    );
    render(<LabExperiment experiment="boundaries" />);
    fireEvent.click(screen.getByRole('button', { name: 'Run on my machine' }));
    await waitFor(() => expect(screen.getByText('too many experiments at once')).toBeTruthy());
  });

  it('refuses to run with a parameter out of range', () => {
    render(<LabExperiment experiment="boundaries" params={{ writes: 10 }} />);
    fireEvent.change(screen.getByLabelText('write() calls'), { target: { value: '0' } });
    expect((screen.getByRole('button', { name: 'Run on my machine' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/at least 1/)).toBeTruthy();
  });
});
