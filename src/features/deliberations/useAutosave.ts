import { useCallback, useEffect, useRef, useState } from 'react';
import { useDirtyForm } from '../../ui/dirtyForms';
import type { Deliberation } from '../../domain/schemas';
import { updateDraft, type DraftPatch } from '../../store/deliberationCommands';
import { ValidationError } from '../../store/errors';
import { tCode } from '../../i18n';
import { errorMessage } from './errors';

/*
 * Autosave of a draft, so no text is lost on reload or crash:
 * 1. every keystroke is copied at once to localStorage (synchronous, survives a crash or a
 *    closed tab even when IndexedDB had no time to commit);
 * 2. after a pause in typing (DELAY) the changed fields are saved with updateDraft, which writes
 *    the record and its outbox entry; then the local copy is dropped;
 * 3. on the next visit an unsaved local copy is restored and saved.
 * A field the rules refuse (an empty object) stays in the local copy with its error shown; the
 * other fields are still saved.
 */

export type DraftFields = Required<Pick<Deliberation, 'kind' | 'object' | 'actesSubject' | 'preamble' | 'visas' | 'recitals' | 'articles'>> & {
  rapporteurId: string;
  debates: string;
};

const DELAY = 600;
const storageKey = (id: string) => `registre:brouillon:${id}`;

export function fieldsOf(item: Deliberation): DraftFields {
  return {
    kind: item.kind, object: item.object, actesSubject: item.actesSubject, preamble: item.preamble, rapporteurId: item.rapporteurId ?? '', debates: item.debates ?? '',
    // An empty list shows one empty line to type in.
    visas: item.visas.length ? item.visas : [''],
    recitals: item.recitals.length ? item.recitals : [''],
    articles: item.articles.length ? item.articles : [''],
  };
}

interface Buffer {
  fields: DraftFields;
  pending: DraftPatch;
}

function readBuffer(id: string): Buffer | undefined {
  try {
    const raw = localStorage.getItem(storageKey(id));
    return raw ? (JSON.parse(raw) as Buffer) : undefined;
  } catch {
    return undefined;
  }
}

function writeBuffer(id: string, buffer: Buffer | undefined): void {
  try {
    if (buffer) localStorage.setItem(storageKey(id), JSON.stringify(buffer));
    else localStorage.removeItem(storageKey(id));
  } catch {
    // Storage full or disabled: the IndexedDB save still runs.
  }
}

export type SaveState = { kind: 'saved'; at?: Date } | { kind: 'pending' } | { kind: 'saving' } | { kind: 'error'; message: string };

export function useAutosave(item: Deliberation, editable: boolean) {
  const restored = useRef(editable ? readBuffer(item.id) : undefined);
  const [fields, setFields] = useState<DraftFields>(() => restored.current?.fields ?? fieldsOf(item));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [state, setState] = useState<SaveState>(restored.current ? { kind: 'pending' } : { kind: 'saved' });
  const pending = useRef<DraftPatch>(restored.current?.pending ?? {});
  const fieldsRef = useRef(fields);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const running = useRef<Promise<void>>(Promise.resolve());

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    // Saves run one after the other, so an older patch never lands after a newer one.
    running.current = running.current.then(async () => {
      const patch = pending.current;
      if (Object.keys(patch).length === 0) return;
      pending.current = {};
      setState({ kind: 'saving' });
      let refused: string | undefined;
      try {
        await updateDraft(item.id, patch);
        setErrors({});
      } catch (e) {
        if (!(e instanceof ValidationError) || Object.keys(e.fieldErrors).length === 0) {
          pending.current = { ...patch, ...pending.current };
          setState({ kind: 'error', message: errorMessage(e) });
          return;
        }
        // Keep the refused fields (and their text) for later; save the others now.
        const bad = new Set(Object.keys(e.fieldErrors).map((k) => k.split('.')[0]));
        const good = Object.fromEntries(Object.entries(patch).filter(([k]) => !bad.has(k)));
        const kept = Object.fromEntries(Object.entries(patch).filter(([k]) => bad.has(k)));
        pending.current = { ...kept, ...pending.current };
        setErrors(e.fieldErrors);
        refused = tCode(Object.values(e.fieldErrors)[0] ?? 'error.invalid');
        if (Object.keys(good).length) await updateDraft(item.id, good).catch(() => undefined);
      }
      const left = Object.keys(pending.current).length > 0;
      writeBuffer(item.id, left ? { fields: fieldsRef.current, pending: pending.current } : undefined);
      setState(refused ? { kind: 'error', message: refused } : left ? { kind: 'pending' } : { kind: 'saved', at: new Date() });
    });
    return running.current;
  }, [item.id]);

  const update = useCallback(
    (patch: Partial<DraftFields>) => {
      const next = { ...fieldsRef.current, ...patch };
      fieldsRef.current = next;
      setFields(next);
      pending.current = { ...pending.current, ...patch };
      writeBuffer(item.id, { fields: next, pending: pending.current });
      setState({ kind: 'pending' });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DELAY);
    },
    [item.id, flush],
  );

  // A text restored from the local copy is saved at once; leaving the screen saves what is left.
  useEffect(() => {
    if (restored.current) void flush();
    const onHide = () => void flush();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      void flush();
    };
  }, [flush]);

  useDirtyForm(`deliberation-${item.id}`, state.kind !== 'saved');
  return { fields, update, flush, state, errors, restored: !!restored.current };
}
