import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { actesLabel, searchActes } from '../../domain/actes';
import { t, tCode } from '../../i18n';

interface Props {
  value: string;
  onChange: (code: string) => void;
  readOnly?: boolean;
  error?: string | undefined;
}

/**
 * The ACTES matière, searched by code or by words of its label (ARIA 1.2 combobox with a list):
 * arrows move in the list, Enter chooses, Escape closes.
 */
export function ActesPicker({ value, onChange, readOnly, error }: Props) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const results = useMemo(() => searchActes(query, 10), [query]);

  const choose = (code: string) => {
    onChange(code);
    setQuery('');
    setOpen(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, results.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && open && results[active]) {
      e.preventDefault();
      choose(results[active].code);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };

  const described = [`${id}-chosen`, !readOnly && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className={`field delib-actes${error ? ' field-error' : ''}`}>
      <label htmlFor={`${id}-input`}>{t('delib.actes')}</label>
      <p id={`${id}-chosen`} className="delib-actes-chosen" data-testid="actes-chosen">
        {value ? t('delib.actesChosen', { label: actesLabel(value) }) : t('delib.actesNone')}
        {value && !readOnly && (
          <button type="button" className="small" onClick={() => onChange('')}>
            {t('delib.actesClear')}
          </button>
        )}
      </p>
      {!readOnly && (
        <p id={`${id}-hint`} className="hint">
          {t('delib.actesHint')}
        </p>
      )}
      {!readOnly && (
        <div className="delib-combo">
          <input
            id={`${id}-input`}
            type="text"
            role="combobox"
            autoComplete="off"
            aria-autocomplete="list"
            aria-expanded={open}
            aria-controls={`${id}-list`}
            aria-activedescendant={open && results[active] ? `${id}-opt-${active}` : undefined}
            aria-describedby={described}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
              setOpen(true);
            }}
            onFocus={() => setOpen(query !== '')}
            onBlur={() => setOpen(false)}
            onKeyDown={onKeyDown}
          />
          <ul id={`${id}-list`} role="listbox" aria-label={t('delib.actes')} hidden={!open} className="delib-listbox">
            {results.map((s, i) => (
              <li
                key={s.code}
                id={`${id}-opt-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                // mousedown, not click: the input's blur would close the list first.
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(s.code);
                }}
              >
                <strong>{s.code}</strong> {s.label}
              </li>
            ))}
            {results.length === 0 && <li role="option" aria-selected={false} aria-disabled="true">{t('delib.actesNoResult')}</li>}
          </ul>
          <p className="visually-hidden" role="status">
            {open && query ? (results.length ? t('delib.actesResults', { count: results.length }) : t('delib.actesNoResult')) : ''}
          </p>
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="error">
          {tCode(error)}
        </p>
      )}
    </div>
  );
}
