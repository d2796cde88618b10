import { QueryClient, QueryObserver, type QueryKey, type QueryObserverResult } from '@tanstack/react-query';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConvention, updateConvention } from './conventionCommands';
import { RegistreDb, useDatabase } from './db';
import { liveRead } from './live';
import { seanceFileRead } from './reviewReads';
import { importSeanceFile } from './seanceFile';
import type { SeanceFile } from '../domain/seanceFile';

const fixture = readFileSync(new URL('../../e2e/fixtures/seance-2011-11-07.json', import.meta.url), 'utf8');
const parties = [
  { organisationName: 'Syndicat', signatoryName: 'A', capacity: 'Président' },
  { organisationName: 'Commune', signatoryName: 'B', capacity: 'Maire' },
];

let d: RegistreDb;
let client: QueryClient;
beforeEach(async () => {
  d = new RegistreDb(`test-${Math.random()}`);
  useDatabase(d);
  await d.open();
  client = new QueryClient({ defaultOptions: { queries: { retry: false, networkMode: 'always' } } });
});
afterEach(() => client.clear());

/** The first result of `observer` (now or later) that satisfies `ok`: no waiting by the clock. */
function resultWhere<T, K extends QueryKey>(observer: QueryObserver<T, Error, T, T, K>, ok: (r: QueryObserverResult<T>) => boolean): Promise<QueryObserverResult<T>> {
  return new Promise((resolve) => {
    const now = observer.getCurrentResult();
    if (ok(now)) return resolve(now);
    const stop = observer.subscribe((r) => {
      if (!ok(r)) return;
      stop();
      resolve(r);
    });
  });
}

describe('live reads (store/live.ts)', () => {
  it('the séance-file view follows a convention edited and a convention added, with no key naming tables', async () => {
    const f = await importSeanceFile(fixture);
    const del = f.deliberations.find((x) => x.kind === 'deliberation')!;
    const c = await createConvention(del.id, { title: 'Convention de mise à disposition', parties, text: 'Texte' });

    const view = new QueryObserver(client, seanceFileRead(f.seance.id));
    const shown = view.subscribe(() => undefined);
    const titles = (r: QueryObserverResult<SeanceFile>) => r.data?.conventions.map((x) => x.title).sort() ?? [];

    expect(titles(await resultWhere(view, (r) => r.isSuccess))).toEqual(['Convention de mise à disposition']);
    expect(view.options.queryKey).toEqual(['seanceFile', f.seance.id]);

    await updateConvention(c.id, { title: 'Convention de mise à disposition du personnel', parties, text: 'Texte modifié' });
    const edited = await resultWhere(view, (r) => titles(r)[0] === 'Convention de mise à disposition du personnel');
    expect(edited.data?.conventions[0]?.text).toBe('Texte modifié');

    await createConvention(del.id, { title: 'Avenant', parties, text: 'Texte' });
    expect(titles(await resultWhere(view, (r) => titles(r).length === 2))).toEqual(['Avenant', 'Convention de mise à disposition du personnel']);
    shown();
  });

  it('a read nobody shows stops following; shown again, it reads the store again', async () => {
    const f = await importSeanceFile(fixture);
    const del = f.deliberations.find((x) => x.kind === 'deliberation')!;
    let runs = 0;
    const read = liveRead(['conventionCount', del.id], async () => {
      runs += 1;
      return d.conventions.where('deliberationId').equals(del.id).count();
    });
    const first = new QueryObserver(client, read);
    const stop = first.subscribe(() => undefined);
    expect((await resultWhere(first, (r) => r.isSuccess)).data).toBe(0);
    stop();
    const runsWhenHidden = runs;

    // A witness shown meanwhile reads the same rows: once it has seen the change, a followed read would have too.
    const witness = new QueryObserver(client, liveRead(['witness', del.id], () => d.conventions.where('deliberationId').equals(del.id).count()));
    const stopWitness = witness.subscribe(() => undefined);
    await resultWhere(witness, (r) => r.data === 0);
    await createConvention(del.id, { title: 'Convention', parties, text: 'Texte' });
    await resultWhere(witness, (r) => r.data === 1);
    stopWitness();
    // Not followed: the cached value stays as it was, and the read did not run again.
    expect(client.getQueryData(read.queryKey)).toBe(0);
    expect(runs).toBe(runsWhenHidden);

    const again = new QueryObserver(client, read);
    const stopAgain = again.subscribe(() => undefined);
    expect((await resultWhere(again, (r) => r.data === 1)).data).toBe(1);
    stopAgain();
  });

  it('a read hidden before its first result comes still reads again when shown after a change', async () => {
    const f = await importSeanceFile(fixture);
    const del = f.deliberations.find((x) => x.kind === 'deliberation')!;
    const read = liveRead(['conventionCountQuick', del.id], () => d.conventions.where('deliberationId').equals(del.id).count());
    const first = new QueryObserver(client, read);
    first.subscribe(() => undefined)();
    // The screen went away while the read ran: its result is kept, but not followed.
    await client.getQueryCache().find({ queryKey: read.queryKey })!.promise;
    expect(client.getQueryData(read.queryKey)).toBe(0);

    await createConvention(del.id, { title: 'Convention', parties, text: 'Texte' });
    const again = new QueryObserver(client, read);
    const stopAgain = again.subscribe(() => undefined);
    expect((await resultWhere(again, (r) => r.data === 1)).data).toBe(1);
    stopAgain();
  });

  it('a read that fails shows its error', async () => {
    const view = new QueryObserver(client, seanceFileRead('no-such-seance'));
    const stop = view.subscribe(() => undefined);
    const failed = await resultWhere(view, (r) => r.isError);
    expect(failed.error).toBeInstanceOf(Error);
    stop();
  });
});
