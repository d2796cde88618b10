import { expectAccessible, expect, openAppAndWaitOffline, test } from './fixtures';
import { createSeance, recordRollCall } from './pages';

const BUREAU_SEANCE = { date: '2011-11-07', time: '17:30', place: 'Salle du Bureau', convocationDate: '2011-06-30' };

test('laptop, offline: a Bureau séance with 6 present and 3 absent counts 9 / 6 / 6 and reaches quorum', async ({ page, context }, info) => {
  test.skip(info.project.name !== 'laptop', 'the secretary records the séance on the laptop; the tablet has its own test below');
  await openAppAndWaitOffline(page);
  await context.setOffline(true);

  await createSeance(page, BUREAU_SEANCE);
  await recordRollCall(page, { absent: ['MOREAU', 'LEROUX', 'FONTAINE'] });
  await expect(page.getByTestId('count-in-office')).toHaveText('9');
  await expect(page.getByTestId('count-present')).toHaveText('6');
  await expect(page.getByTestId('count-voters')).toHaveText('6');
  await expect(page.getByTestId('quorum')).toContainText(/quorum atteint/i);
  await expect(page.getByTestId('counts')).toContainText('M. Pascal MOREAU');
  await expectAccessible(page, 'appel');

  await page.reload();
  await expect(page.getByTestId('connection-badge')).toHaveText(/Hors ligne/);
  await expect(page.getByTestId('count-present')).toHaveText('6');
  await expect(page.getByTestId('count-voters')).toHaveText('6');
  await expect(page.getByTestId('row-MOREAU').getByRole('radio', { name: 'Absent', exact: true })).toBeChecked();
});

test('laptop: single-key shortcuts, proxies count for the vote and never for the quorum', async ({ page }, info) => {
  test.skip(info.project.name !== 'laptop', 'keyboard shortcuts are the laptop workflow');
  await openAppAndWaitOffline(page);
  await createSeance(page, BUREAU_SEANCE);
  await page.getByRole('link', { name: 'Faire l’appel' }).click();

  // Keyboard only: focus the first member's choices, then P/A moves down the list.
  const first = page.getByTestId('row-BENALI').getByRole('radio', { name: 'Présent', exact: true });
  await first.focus();
  for (const key of ['p', 'p', 'p', 'p', 'a', 'a', 'a', 'a', 'a']) await page.keyboard.press(key);
  await expect(page.getByTestId('count-present')).toHaveText('4');
  await expect(page.getByTestId('quorum')).toContainText('Quorum non atteint : 4 membres présents, 5 requis');

  // Three pouvoirs: votants go up, quorum does not.
  const giveProxy = async (giver: string, holder: string) => {
    await page.getByTestId(`row-${giver}`).getByText('Représenté', { exact: true }).click();
    await page.getByTestId(`row-${giver}`).getByRole('combobox').selectOption({ label: holder });
  };
  // Rows are sorted by last name: BENALI, DUMONT, FONTAINE, GARNIER present; the others absent.
  await giveProxy('LEFEBVRE', 'Mme Nadia BENALI');
  await giveProxy('LEROUX', 'Mme Claire DUMONT');
  await giveProxy('MARCHAND', 'M. Olivier FONTAINE');
  await expect(page.getByTestId('count-voters')).toHaveText('7');
  await expect(page.getByTestId('count-present')).toHaveText('4');
  await expect(page.getByTestId('quorum')).toContainText('Quorum non atteint');

  // A second pouvoir to the same holder is refused with the reason; nothing changes.
  await giveProxy('MOREAU', 'Mme Nadia BENALI');
  await expect(page.getByTestId('row-MOREAU').getByRole('alert')).toContainText('un élu ne peut détenir qu’un seul pouvoir');
  await expect(page.getByTestId('count-voters')).toHaveText('7');

  // Revoking gives the vote back to nobody: the giver is absent again.
  await page.getByTestId('row-LEFEBVRE').getByRole('button', { name: 'Révoquer le pouvoir' }).click();
  await expect(page.getByTestId('count-voters')).toHaveText('6');
  await expectAccessible(page, 'appel sans quorum');
});

test('tablet: the roll-call works by touch with targets of at least 44 px', async ({ page }, info) => {
  test.skip(info.project.name !== 'tablet', 'touch targets are checked on the tablet');
  await openAppAndWaitOffline(page);
  await createSeance(page, BUREAU_SEANCE);
  await page.getByRole('link', { name: 'Faire l’appel' }).tap();
  await page.getByRole('button', { name: 'Tous présents' }).tap();
  await page.getByTestId('row-LEROUX').getByText('Excusé', { exact: true }).tap();
  await expect(page.getByTestId('count-present')).toHaveText('8');
  await expect(page.getByTestId('counts')).toContainText('M. Hervé LEROUX');

  const targets = page.locator('.segmented label, main button, .movements summary');
  const n = await targets.count();
  expect(n).toBeGreaterThan(36);
  for (let i = 0; i < n; i++) {
    const box = await targets.nth(i).boundingBox();
    expect(box?.height, `target ${i} height`).toBeGreaterThanOrEqual(44);
  }
  await expectAccessible(page, 'appel tablette');
});
