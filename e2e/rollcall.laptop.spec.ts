import { expectAccessible, expect, test } from './fixtures';
import { RollCallPage } from './page-models/roll-call';
import { SeanceListPage } from './page-models/seances';

/* The secretary records the séance on the laptop, by mouse and by keyboard shortcuts. */

const BUREAU_SEANCE = { date: '2011-11-07', time: '17:30', place: 'Salle du Bureau', convocationDate: '2011-06-30' };

test('laptop, offline: a Bureau séance with 6 present and 3 absent counts 9 / 6 / 6 and reaches quorum', async ({ page, context, signIn }) => {
  const shell = await signIn();
  await context.setOffline(true);

  const seance = await new SeanceListPage(page).createSeance(BUREAU_SEANCE);
  await seance.openRollCall();
  const roll = new RollCallPage(page);
  await roll.record({ absent: ['MOREAU', 'LEROUX', 'FONTAINE'] });
  await expect(roll.inOffice).toHaveText('9');
  await expect(roll.present).toHaveText('6');
  await expect(roll.voters).toHaveText('6');
  await expect(roll.quorum).toContainText(/quorum atteint/i);
  await expect(roll.counts).toContainText('M. Pascal MOREAU');
  await expectAccessible(page, 'appel');

  await page.reload();
  await shell.expectOffline();
  await expect(roll.present).toHaveText('6');
  await expect(roll.voters).toHaveText('6');
  await expect(roll.choice('MOREAU', 'Absent')).toBeChecked();
});

test('laptop: single-key shortcuts, proxies count for the vote and never for the quorum', async ({ page, signIn }) => {
  await signIn();
  const seance = await new SeanceListPage(page).createSeance(BUREAU_SEANCE);
  await seance.openRollCall();
  const roll = new RollCallPage(page);

  // Keyboard only: focus the first member's choices, then P/A moves down the list.
  await roll.choice('BENALI', 'Présent').focus();
  for (const key of ['p', 'p', 'p', 'p', 'a', 'a', 'a', 'a', 'a']) await page.keyboard.press(key);
  await expect(roll.present).toHaveText('4');
  await expect(roll.quorum).toContainText('Quorum non atteint : 4 membres présents, 5 requis');

  // Three pouvoirs: votants go up, quorum does not.
  // Rows are sorted by last name: BENALI, DUMONT, FONTAINE, GARNIER present; the others absent.
  await roll.giveProxy('LEFEBVRE', 'Mme Nadia BENALI');
  await roll.giveProxy('LEROUX', 'Mme Claire DUMONT');
  await roll.giveProxy('MARCHAND', 'M. Olivier FONTAINE');
  await expect(roll.voters).toHaveText('7');
  await expect(roll.present).toHaveText('4');
  await expect(roll.quorum).toContainText('Quorum non atteint');

  // A second pouvoir to the same holder is refused with the reason; nothing changes.
  await roll.giveProxy('MOREAU', 'Mme Nadia BENALI');
  await expect(roll.row('MOREAU').getByRole('alert')).toContainText('un élu ne peut détenir qu’un seul pouvoir');
  await expect(roll.voters).toHaveText('7');

  // Revoking gives the vote back to nobody: the giver is absent again.
  await roll.row('LEFEBVRE').getByRole('button', { name: 'Révoquer le pouvoir' }).click();
  await expect(roll.voters).toHaveText('6');
  await expectAccessible(page, 'appel sans quorum');
});
