import { useEffect, useId, useRef, type KeyboardEvent } from 'react';

interface Props {
  legend: string;
  /** Label of line n: "Visa 1", "ARTICLE 1". */
  lineLabel: (n: number) => string;
  addLabel: string;
  removeLabel: (n: number) => string;
  hint: string;
  lines: string[];
  onChange: (lines: string[]) => void;
  /** Text put in a new line: "Vu " for a visa. */
  prefix?: string;
  /** Articles may hold several paragraphs: Shift+Enter breaks the line inside one. */
  multiline?: boolean;
  readOnly?: boolean;
  testId: string;
}

/**
 * A list of numbered lines (visas, considérants, articles), typed like a paper form: Enter adds
 * the next line and moves to it, Backspace on an empty line removes it and goes back up.
 */
export function LinesEditor({ legend, lineLabel, addLabel, removeLabel, hint, lines, onChange, prefix = '', multiline, readOnly, testId }: Props) {
  const id = useId();
  const refs = useRef<(HTMLTextAreaElement | null)[]>([]);
  const focusNext = useRef<number>(undefined);

  useEffect(() => {
    if (focusNext.current === undefined) return;
    const el = refs.current[focusNext.current];
    focusNext.current = undefined;
    if (el) {
      el.focus();
      el.setSelectionRange(el.value.length, el.value.length);
    }
  });

  const insertAfter = (index: number) => {
    onChange([...lines.slice(0, index + 1), prefix, ...lines.slice(index + 1)]);
    focusNext.current = index + 1;
  };
  const remove = (index: number) => {
    const next = lines.filter((_, i) => i !== index);
    onChange(next.length ? next : ['']);
    focusNext.current = Math.max(0, index - 1);
  };
  const onKeyDown = (index: number) => (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !(multiline && e.shiftKey)) {
      e.preventDefault();
      insertAfter(index);
    } else if (e.key === 'Backspace' && e.currentTarget.value === '' && lines.length > 1) {
      e.preventDefault();
      remove(index);
    }
  };

  return (
    <fieldset className="delib-lines" data-testid={testId} aria-describedby={readOnly ? undefined : `${id}-hint`}>
      <legend>{legend}</legend>
      {!readOnly && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <ol>
        {lines.map((line, index) => (
          <li key={index}>
            <label htmlFor={`${id}-${index}`}>{lineLabel(index + 1)}</label>
            <div className="delib-line">
              <textarea
                id={`${id}-${index}`}
                ref={(el) => {
                  refs.current[index] = el;
                }}
                dir="auto"
                rows={1}
                value={line}
                readOnly={readOnly}
                onChange={(e) => onChange(lines.map((l, i) => (i === index ? e.target.value : l)))}
                onKeyDown={readOnly ? undefined : onKeyDown(index)}
              />
              {!readOnly && (
                <button type="button" className="delib-remove" aria-label={removeLabel(index + 1)} title={removeLabel(index + 1)} onClick={() => remove(index)}>
                  <span aria-hidden="true">✕</span>
                </button>
              )}
            </div>
          </li>
        ))}
      </ol>
      {!readOnly && (
        <button type="button" onClick={() => insertAfter(lines.length - 1)}>
          + {addLabel}
        </button>
      )}
    </fieldset>
  );
}
