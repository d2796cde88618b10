import { dayInWords, expectAccessible, expect, test } from './fixtures';
import { ProxiesPage } from './page-models/proxies';
import { RollCallPage } from './page-models/roll-call';
import { SeanceListPage, SeancePage } from './page-models/seances';

/*
 * Issue #3: pouvoirs covering one or several séances, on their own screen. One pouvoir per holder,
 * at most three consecutive séances unless illness is noted, a refusal says why in French and
 * saves nothing; a pouvoir makes its giver "représenté" at each séance it covers, and is revocable.
 * The secretary records pouvoirs on the laptop, as the roll-call.
 */

const DAY = 86_400_000;

/** Six weekly séances from 7 March 2019, the pouvoir written two days before the first. */
function sixWeeklySeances() {
  const first = Date.UTC(2019, 2, 7);
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  return {
    days: Array.from({ length: 6 }, (_, i) => ({ iso: iso(first + 7 * i * DAY), words: dayInWords(new Date(first + 7 * i * DAY)) })),
    convocation: iso(first - 10 * DAY),
    writtenOn: iso(first - 2 * DAY),
  };
}

test('laptop, offline: pouvoirs for several séances, refusals in French, illness, revocation', async ({ page, context, signIn }) => {
  const { days, convocation, writtenOn } = sixWeeklySeances();
  const shell = await signIn();
  await context.setOffline(true);

  const list = new SeanceListPage(page);
  const seances: SeancePage[] = [];
  for (const day of days) {
    await list.goto();
    seances.push(await list.createSeance({ date: day.iso, time: '17:30', place: 'Salle du Bureau', convocationDate: convocation }));
  }

  // From the séance, the Bureau's pouvoirs.
  await seances.at(-1)!.openProxies();
  const proxies = new ProxiesPage(page);
  await expect(proxies.heading).toHaveText('Pouvoirs — Bureau');
  await shell.expectOffline();
  const rows = proxies.rows;
  const summary = proxies.errorSummary;
  const form = proxies.form;
  const roll = new RollCallPage(page);

  // One pouvoir for the first two séances.
  await proxies.record({ giver: 'M. Bernard LEFEBVRE', holder: 'Mme Nadia BENALI', writtenOn, seances: [days[0]!.words, days[1]!.words] });
  await expect(proxies.saved).toHaveText('Pouvoir enregistré : M. Bernard LEFEBVRE est représenté par Mme Nadia BENALI.');
  await expect(proxies.saved).toBeFocused();
  await expect(rows).toHaveCount(1);
  const lefebvre = proxies.row('M. Bernard LEFEBVRE');
  await expect(lefebvre).toContainText('Mme Nadia BENALI');
  await expect(lefebvre).toContainText(`${days[0]!.words} à 17h30`);
  await expect(lefebvre).toContainText(`${days[1]!.words} à 17h30`);
  await expect(lefebvre).toContainText('En cours');

  // A second pouvoir to the same holder for one of those séances: refused, with the reason beside the holder.
  await proxies.record({ giver: 'M. Pascal MOREAU', holder: 'Mme Nadia BENALI', writtenOn, seances: [days[1]!.words] });
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Mandataire (membre qui votera) : Ce mandataire détient déjà un pouvoir pour cette séance');
  await expect(form.getByLabel('Mandataire (membre qui votera)')).toHaveAccessibleDescription(/un élu ne peut détenir qu’un seul pouvoir/);
  await expect(rows).toHaveCount(1);
  await expectAccessible(page, 'pouvoirs, refus');

  // Four consecutive séances: refused without illness, accepted with it.
  const four = days.slice(2).map((d) => d.words);
  await proxies.record({ giver: 'M. Hervé LEROUX', holder: 'Mme Claire DUMONT', writtenOn, seances: four });
  await expect(summary).toBeFocused();
  await expect(form.getByRole('group', { name: 'Séances couvertes' })).toHaveAccessibleDescription(
    /Un pouvoir ne vaut pas pour plus de trois séances consécutives, sauf maladie dûment constatée/,
  );
  await expect(rows).toHaveCount(1);
  await proxies.record({ giver: 'M. Hervé LEROUX', holder: 'Mme Claire DUMONT', writtenOn, seances: four, illness: true });
  await expect(proxies.saved).toBeFocused();
  await expect(summary).toHaveCount(0);
  await expect(rows).toHaveCount(2);
  const leroux = proxies.row('M. Hervé LEROUX');
  await expect(leroux).toContainText('Maladie');
  for (const day of four) await expect(leroux).toContainText(`${day} à 17h30`);
  // Newest written first; same date, so the last recorded first.
  await expect(rows.first()).toContainText('M. Hervé LEROUX');

  // The roll-calls: the givers are represented where their pouvoir applies, and only there.
  for (const [index, giver, holder] of [
    [0, 'LEFEBVRE', 'Mme Nadia BENALI'],
    [1, 'LEFEBVRE', 'Mme Nadia BENALI'],
    [5, 'LEROUX', 'Mme Claire DUMONT'],
  ] as const) {
    await roll.goto(seances[index]!.path);
    await expect(roll.choice(giver, 'Représenté')).toBeChecked();
    await expect(roll.row(giver)).toContainText(`Représenté par ${holder}`);
  }
  await roll.goto(seances[2]!.path);
  await expect(roll.choice('LEFEBVRE', 'Représenté')).not.toBeChecked();
  await expect(roll.choice('MOREAU', 'Représenté')).not.toBeChecked();

  // Revocation, after a confirmation: the status says when, the giver is no longer represented.
  await seances[0]!.goto();
  await seances[0]!.openProxies();
  await proxies.revoke('M. Bernard LEFEBVRE', 'Mme Nadia BENALI');
  await expect(page.getByText('Pouvoir révoqué.')).toBeFocused();
  await expect(lefebvre).toContainText(/Révoqué le \d{1,2}(er)? \S+ \d{4}/);
  await expect(lefebvre.getByRole('button', { name: /Révoquer/ })).toHaveCount(0);
  await expect(leroux).toContainText('En cours');
  await expectAccessible(page, 'pouvoirs');

  // Offline, after a reload: everything is still there.
  await page.reload();
  await shell.expectOffline();
  await expect(rows).toHaveCount(2);
  await expect(lefebvre).toContainText('Révoqué le');
  await expect(leroux).toContainText('En cours');
  await roll.goto(seances[1]!.path);
  await expect(roll.choice('LEFEBVRE', 'Absent')).toBeChecked();
});
