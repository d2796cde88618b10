import { useEffect, useSyncExternalStore } from 'react';

/*
 * Forms being edited register here, so the update prompt can refuse to reload under them and
 * the browser warns before closing the tab.
 */
const dirty = new Set<string>();
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export function setDirty(id: string, isDirty: boolean): void {
  const had = dirty.has(id);
  if (isDirty) dirty.add(id);
  else dirty.delete(id);
  if (had !== isDirty) emit();
}

export function hasDirtyForm(): boolean {
  return dirty.size > 0;
}

export function useAnyDirtyForm(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    hasDirtyForm,
  );
}

/** Marks a form dirty while `isDirty`; also asks before the tab is closed. */
export function useDirtyForm(id: string, isDirty: boolean): void {
  useEffect(() => {
    setDirty(id, isDirty);
    if (!isDirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      setDirty(id, false);
    };
  }, [id, isDirty]);
}
