import { expectAccessible, expect, test } from './fixtures';
import { RollCallPage } from './page-models/roll-call';
import { SeanceListPage } from './page-models/seances';

/* On the tablet, the roll-call by touch: every target at least 44 px high. */

test('tablet: the roll-call works by touch with targets of at least 44 px', async ({ page, signIn }) => {
  await signIn();
  await new SeanceListPage(page).createSeance({ date: '2011-11-07', time: '17:30', place: 'Salle du Bureau', convocationDate: '2011-06-30' });
  await page.getByRole('link', { name: 'Faire l’appel' }).tap();
  await page.getByRole('button', { name: 'Tous présents' }).tap();
  const roll = new RollCallPage(page);
  await roll.row('LEROUX').getByText('Excusé', { exact: true }).tap();
  await expect(roll.present).toHaveText('8');
  await expect(roll.counts).toContainText('M. Hervé LEROUX');

  const targets = page.locator('.segmented label, main button, .movements summary');
  const n = await targets.count();
  expect(n).toBeGreaterThan(36);
  for (let i = 0; i < n; i++) {
    const box = await targets.nth(i).boundingBox();
    expect(box?.height, `target ${i} height`).toBeGreaterThanOrEqual(44);
  }
  await expectAccessible(page, 'appel tablette');
});
