import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import type { Organisation } from '../../domain/schemas';
import { t } from '../../i18n';
import { removeOrganisationLogo, setOrganisationLogo } from '../../store/organisationLogo';
import { logoDescription } from './labels';
import { adminQueries } from './queries';
import { useCommandForm } from '../../ui/useCommandForm';
import { useMissingBytes } from '../../ui/useMissingBytes';

/** An object URL for the logo's bytes while the preview is on screen. */
function usePreviewUrl(image: { bytes: Uint8Array<ArrayBuffer>; type: string } | null | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!image) {
      setUrl(undefined);
      return;
    }
    const next = URL.createObjectURL(new Blob([image.bytes], { type: image.type }));
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [image]);
  return url;
}

/**
 * The organisation's logo: chosen, previewed and removed here, saved at once (it is a file, not a
 * field of the form below). Only an administrator sees the controls; the store refuses anyone else.
 */
export function OrganisationLogo({ organisation, canEdit }: { organisation: Organisation; canEdit: boolean }) {
  const id = useId();
  const logo = organisation.logo;
  const image = useQuery({ ...adminQueries.logo(organisation), enabled: !!logo });
  // Chosen on another device: fetched when online, and the read above sees the bytes arrive.
  useMissingBytes(logo && image.data === null ? { kind: 'logo', organisation } : undefined);
  const url = usePreviewUrl(logo ? image.data : undefined);
  const { errors, saving, run } = useCommandForm();
  const [message, setMessage] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const error = errors.logo ?? errors._form;

  async function choose(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    setMessage('');
    const saved = await run(() => setOrganisationLogo(organisation.id, { name: file.name, data: file }));
    if (saved) setMessage(t('admin.logo.saved'));
    // The same file may be chosen again after a refusal.
    if (input.current) input.current.value = '';
  }

  async function remove() {
    setMessage('');
    const saved = await run(() => removeOrganisationLogo(organisation.id));
    if (saved) setMessage(t('admin.logo.removed'));
  }

  return (
    <section aria-labelledby={`${id}-title`} className="admin-logo" data-testid="organisation-logo">
      <h2 id={`${id}-title`}>{t('admin.org.logo')}</h2>
      <div className="admin-logo-body">
        <div className="admin-logo-frame">
          {logo && url && <img src={url} alt={t('admin.logo.alt', { name: organisation.name })} data-testid="logo-preview" />}
          {!logo && <span className="muted">{t('admin.logo.noneShort')}</span>}
        </div>
        <div className="admin-logo-text">
          {logo ? <p>{logoDescription(logo)}</p> : <p>{t('admin.logo.none')}</p>}
          {logo && image.isSuccess && !image.data && <p className="notice warning">{t('admin.logo.notHere')}</p>}
          {canEdit ? (
            <>
              <div className={`field${error ? ' field-error' : ''}`}>
                <label htmlFor={`${id}-file`}>{logo ? t('admin.logo.replace') : t('admin.logo.choose')}</label>
                <p id={`${id}-hint`} className="hint">
                  {t('admin.logo.hint')}
                </p>
                <input
                  ref={input}
                  id={`${id}-file`}
                  type="file"
                  accept="image/png,image/jpeg,.png,.jpg,.jpeg"
                  disabled={saving}
                  aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
                  {...(error ? { 'aria-invalid': true } : {})}
                  onChange={(e) => void choose(e)}
                />
                {error && (
                  <p id={`${id}-error`} className="error" role="alert" data-testid="logo-error">
                    {t(error)}
                  </p>
                )}
              </div>
              {logo && (
                <button type="button" onClick={() => void remove()} disabled={saving}>
                  {t('admin.logo.remove')}
                </button>
              )}
            </>
          ) : (
            <p className="muted">{t('admin.adminOnly')}</p>
          )}
          <div role="status" className="admin-status" data-testid="logo-status">
            {!saving && message && <p className="notice">{message}</p>}
          </div>
        </div>
      </div>
    </section>
  );
}
