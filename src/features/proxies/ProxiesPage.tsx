import './proxies.css';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { t } from '../../i18n';
import type { BodyProxies } from '../../store/proxies';
import { todayIso } from '../../ui/dates';
import { NewProxyForm } from './NewProxyForm';
import { ProxyList } from './ProxyList';
import { candidateMembers, choosableSeances, proxyRows } from './proxyView';
import { proxyQueries } from './queries';

/** A body's pouvoirs: the list (with revocation) and the form to record one for one or several séances. */
export function ProxiesPage() {
  const { bodyId = '' } = useParams();
  const query = useQuery(proxyQueries.ofBody(bodyId));
  const data = query.data;
  const title = query.isPending
    ? t('status.loading')
    : data
      ? t('proxies.title', { body: data.body.name })
      : t('proxies.bodyNotFound');

  return (
    <main id="contenu" className="page wide">
      <p className="admin-back">
        <Link to="/">← {t('proxies.back')}</Link>
      </p>
      <h1>{title}</h1>
      {data && <ProxiesOfBody data={data} />}
    </main>
  );
}

function ProxiesOfBody({ data }: { data: BodyProxies }) {
  const open = choosableSeances(data.seances);
  // Giver and holder must be in office at the séances covered (and today, when none is open yet).
  const members = candidateMembers(data.members, data.mandates, data.body.id, [todayIso(), ...open.map((s) => s.date)]);
  return (
    <>
      <p className="proxies-intro">{t('proxies.intro')}</p>
      <div className="proxies-layout">
        <ProxyList rows={proxyRows(data.proxies, data.seances, data.members)} />
        <NewProxyForm body={data.body} seances={open} members={members} />
      </div>
    </>
  );
}
