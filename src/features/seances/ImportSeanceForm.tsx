import { useState } from 'react';
import { useNavigate } from 'react-router';
import { t } from '../../i18n';
import { ValidationError } from '../../store/errors';

/** Imports a séance file brought by USB key: checked first, all or nothing. */
export function ImportSeanceForm() {
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  return (
    <div className="import-form">
      <label className="button">
        {t('docs.import')}
        <input
          type="file"
          accept="application/json,.json"
          className="visually-hidden"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            void file
              .text()
              // The validating import (zod) is loaded on demand, not with the first page.
              .then(async (text) => (await import('../../store/seanceFile')).importSeanceFile(text))
              .then((f) => navigate(`/seances/${f.seance.id}`))
              .catch((err: unknown) => setError(err instanceof ValidationError ? (err.formError ?? err.message) : String(err)));
            e.target.value = '';
          }}
        />
      </label>
      {error && (
        <p className="error" role="alert" data-testid="import-error">
          {t('docs.importRefused', { reason: t(error) })}
        </p>
      )}
    </div>
  );
}
