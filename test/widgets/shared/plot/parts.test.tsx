// @vitest-environment jsdom
import { cleanup, fireEvent, render, renderHook, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BottomAxis, LeftAxis, ScaleEnds } from '../../../../src/widgets/shared/plot/axes';
import { ListEntry, nextKey, removeEntry, replaceEntry } from '../../../../src/widgets/shared/plot/entries';
import { NumberField, SelectField, TextField } from '../../../../src/widgets/shared/form-fields';
import { PlotSvg } from '../../../../src/widgets/shared/plot/PlotSvg';
import { ticks, ticksForLength } from '../../../../src/widgets/shared/plot/scale';
import { TableBox, TableHead } from '../../../../src/widgets/shared/plot/tables';
import { useLastValid } from '../../../../src/widgets/shared/use-last-valid';

afterEach(cleanup);

describe('list entries', () => {
  const list = [
    { key: 1, v: 'a' },
    { key: 4, v: 'b' },
  ];
  it('gives a key no entry has, 1 for an empty list', () => {
    expect(nextKey(list)).toBe(5);
    expect(nextKey([])).toBe(1);
  });
  it('replaces and removes by key, leaving the list given alone', () => {
    expect(replaceEntry(list, { key: 4, v: 'B' })).toEqual([
      { key: 1, v: 'a' },
      { key: 4, v: 'B' },
    ]);
    expect(removeEntry(list, 1)).toEqual([{ key: 4, v: 'b' }]);
    expect(list.map((x) => x.v)).toEqual(['a', 'b']);
  });
  it('renders an entry with its Remove button and one message line its inputs point at', () => {
    const onRemove = vi.fn();
    render(
      <ul>
        <ListEntry
          className="e"
          fieldsClassName="f"
          msgId="m1"
          error="too big"
          removeLabel="Remove thing 1"
          onRemove={onRemove}
        >
          <input aria-describedby="m1" aria-label="size" />
        </ListEntry>
      </ul>,
    );
    expect(screen.getByLabelText('size').getAttribute('aria-describedby')).toBe('m1');
    expect(document.getElementById('m1')!.textContent).toBe('too big');
    expect(document.getElementById('m1')!.className).toBe('wn-field-msg is-error');
    fireEvent.click(screen.getByRole('button', { name: 'Remove thing 1' }));
    expect(onRemove).toHaveBeenCalledOnce();
  });
});

describe('fields', () => {
  it('a number field shows the error instead of the hint and marks the input invalid', () => {
    const { rerender } = render(
      <NumberField label="MSS" unit="bytes" value="0" onChange={() => {}} hint="Empty: from the MTU." />,
    );
    const input = screen.getByLabelText('MSS');
    expect(input.getAttribute('aria-invalid')).toBeNull();
    const msg = document.getElementById(input.getAttribute('aria-describedby')!)!;
    expect(msg.textContent).toBe('Empty: from the MTU.');
    rerender(
      <NumberField
        label="MSS"
        unit="bytes"
        value="0"
        onChange={() => {}}
        hint="Empty: from the MTU."
        error="mss must be at least 1, got 0."
      />,
    );
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(msg.textContent).toBe('mss must be at least 1, got 0.');
  });
  it('a text field reports what is typed', () => {
    const onChange = vi.fn();
    render(<TextField label="Request target" value="/" onChange={onChange} hint="A path." />);
    fireEvent.change(screen.getByLabelText('Request target'), { target: { value: '/chat' } });
    expect(onChange).toHaveBeenCalledWith('/chat');
  });
  it('a menu offers an empty first choice when asked and shows its note', () => {
    const onChange = vi.fn();
    render(
      <SelectField
        label="Scenario"
        value=""
        onChange={onChange}
        choices={[{ id: 'a', label: 'Choice A' }]}
        emptyChoice="Your own"
        note="Pick one."
      />,
    );
    const select = screen.getByLabelText('Scenario') as HTMLSelectElement;
    expect([...select.options].map((o) => [o.value, o.text])).toEqual([
      ['', 'Your own'],
      ['a', 'Choice A'],
    ]);
    expect(screen.getByText('Pick one.')).toBeTruthy();
    fireEvent.change(select, { target: { value: 'a' } });
    expect(onChange).toHaveBeenCalledWith('a');
  });
});

describe('figures', () => {
  it('names a plot by title and description, or by a label', () => {
    render(
      <>
        <PlotSvg width={200} height={50} title="Window per round" desc="Three rounds.">
          <rect />
        </PlotSvg>
        <PlotSvg width={300} height={60} label="Two bars">
          <rect />
        </PlotSvg>
      </>,
    );
    expect(screen.getByRole('img', { name: 'Window per round Three rounds.' }).getAttribute('viewBox')).toBe(
      '0 0 200 50',
    );
    expect(screen.getByRole('img', { name: 'Two bars' }).getAttribute('style')).toBe('height: 60px;');
  });
  it('draws a mark and a label per tick, the labels formatted, and the axis title', () => {
    const { container } = render(
      <svg>
        <BottomAxis
          x0={10}
          x1={110}
          y={50}
          ticks={[0, 1000]}
          at={(v) => 10 + v / 10}
          format={(v) => `${v / 1000} k`}
          title="bytes"
        />
      </svg>,
    );
    const labels = [...container.querySelectorAll('g.axis > g text')];
    expect(labels.map((t) => [t.getAttribute('x'), t.textContent])).toEqual([
      ['10', '0 k'],
      ['110', '1 k'],
    ]);
    expect(container.querySelectorAll('g.axis > g line')).toHaveLength(2);
    expect(container.querySelector('.axis-title')!.textContent).toBe('bytes');
  });
  it('draws labels only when the tick marks are 0 long, and grid lines for a left axis', () => {
    const { container } = render(
      <svg>
        <BottomAxis x0={0} x1={100} y={50} ticks={[1, 2]} at={(v) => v * 10} tickSize={0} />
        <LeftAxis x={0} y0={50} y1={0} ticks={[0, 5, 10]} at={(v) => 50 - v * 5} gridTo={100} />
        <ScaleEnds x0={0} x1={100} y={60} from="0" to="9 bytes" />
      </svg>,
    );
    expect(container.querySelectorAll('g.axis > g line')).toHaveLength(0);
    expect(container.querySelectorAll('g.grid line')).toHaveLength(3);
    expect([...container.querySelectorAll('.tick-label')].map((t) => t.textContent)).toEqual(['0', '9 bytes']);
  });
});

describe('ticksForLength', () => {
  it('asks for about one label per spacing, and never fewer than two steps', () => {
    expect(ticksForLength(0, 1000, 600, 60)).toEqual(ticks(0, 1000, 10));
    expect(ticksForLength(0, 1000, 50, 60)).toEqual(ticks(0, 1000, 2));
    expect(ticksForLength(0, 29, 580, 40, { integer: true })).toEqual([0, 5, 10, 15, 20, 25]);
  });
});

describe('tables', () => {
  it('a focusable named region with column headers, numbers marked', () => {
    render(
      <TableBox label="Rounds">
        <table>
          <TableHead columns={[{ label: 'Round', num: true }, { label: 'Why' }]} />
        </table>
      </TableBox>,
    );
    const box = screen.getByRole('region', { name: 'Rounds' });
    expect(box.getAttribute('tabindex')).toBe('0');
    expect(screen.getAllByRole('columnheader').map((th) => [th.textContent, th.className])).toEqual([
      ['Round', 'num'],
      ['Why', ''],
    ]);
  });
});

describe('useLastValid', () => {
  it('keeps the last value while there is none, and takes a new one at once', () => {
    const { result, rerender } = renderHook(({ v }: { v: string | undefined }) => useLastValid(v), {
      initialProps: { v: undefined as string | undefined },
    });
    expect(result.current).toBeUndefined();
    rerender({ v: 'run 1' });
    expect(result.current).toBe('run 1');
    rerender({ v: undefined });
    expect(result.current).toBe('run 1');
    rerender({ v: 'run 2' });
    expect(result.current).toBe('run 2');
  });
});
