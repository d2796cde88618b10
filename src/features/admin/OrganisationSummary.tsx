import { Fragment } from 'react';
import type { Organisation } from '../../domain/schemas';
import { t } from '../../i18n';
import { logoDescription } from './labels';

/** The organisation's block as the documents will print it, field by field. */
export function OrganisationSummary({ organisation: o }: { organisation: Organisation }) {
  const address = [...o.addressLines, [o.postalCode, o.city].filter(Boolean).join(' ')].filter(Boolean);
  const rows: [string, string][] = [
    [t('admin.org.name'), o.name],
    [t('admin.org.kind'), t(`admin.kind.${o.kind}`)],
    [t('admin.org.address'), address.join('\n')],
    [t('admin.org.phone'), o.phone],
    [t('admin.org.fax'), o.fax],
    [t('admin.org.email'), o.email],
    [t('admin.org.website'), o.website],
    [t('admin.org.siret'), o.siret.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4')],
    [t('admin.org.openingHours'), o.openingHours],
    [t('admin.org.population'), o.population ? o.population.toLocaleString('fr-FR') : ''],
    [t('admin.org.publicationMode'), t(`admin.publicationMode.${o.publicationMode}`)],
    [t('admin.org.logo'), o.logo ? logoDescription(o.logo) : ''],
  ];
  return (
    <dl className="details admin-details" data-testid="organisation-summary">
      {rows.map(([label, value]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>{value || <span className="muted">{t('admin.notSet')}</span>}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
