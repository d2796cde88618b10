// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { LinesEditor } from './LinesEditor';

/** The editor as a form holds it: the lines in state, shown back as they change. */
function Harness({ initial, multiline }: { initial: string[]; multiline?: boolean }) {
  const [lines, setLines] = useState(initial);
  return (
    <>
      <LinesEditor
        legend="Articles"
        lineLabel={(n) => `ARTICLE ${n}`}
        addLabel="Ajouter un article"
        removeLabel={(n) => `Supprimer l’article ${n}`}
        hint="Entrée : article suivant"
        lines={lines}
        onChange={setLines}
        prefix="Vu "
        multiline={multiline}
        testId="lines"
      />
      <output data-testid="value">{JSON.stringify(lines)}</output>
    </>
  );
}

const value = () => JSON.parse(screen.getByTestId('value').textContent ?? '[]') as string[];
const line = (n: number) => screen.getByLabelText(`ARTICLE ${n}`) as HTMLTextAreaElement;

afterEach(cleanup);

describe('the lines editor (visas, considérants, articles)', () => {
  it('Enter adds the next line after the current one, with the prefix, and moves the focus to it', () => {
    render(<Harness initial={['Vu le code', 'Vu la loi']} />);
    fireEvent.keyDown(line(1), { key: 'Enter' });
    expect(value()).toEqual(['Vu le code', 'Vu ', 'Vu la loi']);
    expect(document.activeElement).toBe(line(2));
    expect(line(2).selectionStart).toBe(3);
  });

  it('Backspace on an empty line removes it and goes back up; a last empty line stays', () => {
    render(<Harness initial={['Vu le code', '']} />);
    fireEvent.keyDown(line(2), { key: 'Backspace' });
    expect(value()).toEqual(['Vu le code']);
    expect(document.activeElement).toBe(line(1));
    fireEvent.change(line(1), { target: { value: '' } });
    fireEvent.keyDown(line(1), { key: 'Backspace' });
    expect(value()).toEqual(['']);
  });

  it('Backspace in a line with text edits it and removes nothing', () => {
    render(<Harness initial={['Vu le code', 'Vu la loi']} />);
    fireEvent.keyDown(line(2), { key: 'Backspace' });
    expect(value()).toEqual(['Vu le code', 'Vu la loi']);
  });

  it('in articles, Shift+Enter stays in the article (a new paragraph), Enter starts the next one', () => {
    render(<Harness initial={['Le budget est adopté.']} multiline />);
    fireEvent.keyDown(line(1), { key: 'Enter', shiftKey: true });
    expect(value()).toEqual(['Le budget est adopté.']);
    fireEvent.keyDown(line(1), { key: 'Enter' });
    expect(value()).toHaveLength(2);
  });

  it('each line has its own remove button, named for screen readers; removing the only line leaves an empty one', () => {
    render(<Harness initial={['A', 'B', 'C']} />);
    fireEvent.click(screen.getByRole('button', { name: 'Supprimer l’article 2' }));
    expect(value()).toEqual(['A', 'C']);
    fireEvent.click(screen.getByRole('button', { name: /Ajouter un article/ }));
    expect(value()).toEqual(['A', 'C', 'Vu ']);
    expect(document.activeElement).toBe(line(3));
  });
});
