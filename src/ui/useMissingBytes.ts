import { useEffect, useRef, useState } from 'react';
import { fetchMissingBytes, missingBytesKey, type MissingBytes } from '../sync/files';
import { useSyncState } from '../sync/status';
import { useOnline } from './useOnline';

/**
 * Fetches the bytes a screen shows and this device lacks, when online, outside any read
 * (docs/decisions/007-live-reads.md): again after each sync round while they are still missing,
 * since the device that has them may have uploaded them meanwhile. `what` is undefined when
 * nothing is missing. The screen's live read sees the stored bytes and the missing notice goes.
 */
export function useMissingBytes(what: MissingBytes | undefined): { busy: boolean; error: string } {
  const online = useOnline();
  const { running } = useSyncState();
  const [state, setState] = useState({ busy: false, error: '' });
  const latest = useRef(what);
  latest.current = what;
  const key = what ? missingBytesKey(what) : '';
  useEffect(() => {
    const asked = latest.current;
    if (!key || !asked || !online || running) {
      setState((s) => (s.busy ? { ...s, busy: false } : s));
      return;
    }
    let current = true;
    setState((s) => ({ ...s, busy: true }));
    fetchMissingBytes(asked).then(
      () => current && setState({ busy: false, error: '' }),
      (e: unknown) => current && setState({ busy: false, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      current = false;
    };
  }, [key, online, running]);
  return state;
}
