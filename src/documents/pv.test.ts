import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MemberId } from '../domain/ids';
import { SeanceFileSchema, type SeanceFile } from '../domain/seanceFile';
import { documentText } from './model';
import { pvModel } from './pv';

const base = SeanceFileSchema.parse(JSON.parse(readFileSync(new URL('../../e2e/fixtures/seance-2011-11-07.json', import.meta.url), 'utf8')));
const v0 = base.votes[0] as SeanceFile['votes'][number];

/** Each mention is found after the previous one. */
function inOrder(textIn: string, mentions: readonly string[]): string | undefined {
  const t = textIn.replace(/\s+/g, ' ');
  let at = 0;
  for (const m of mentions) {
    const found = t.indexOf(m, at);
    if (found < 0) return m;
    at = found + m.length;
  }
  return undefined;
}

describe('procès-verbal (L2121-15)', () => {
  it('carries date and time, president, presence, secretary, quorum, agenda, each item and its result, and the signatures', () => {
    const textOut = documentText(pvModel(base));
    expect(inOrder(textOut, [
      'PROCÈS-VERBAL DE LA SÉANCE DU BUREAU DU 7 NOVEMBRE 2011',
      'L\'an deux mille onze, le sept novembre à 17h30, le Bureau, légalement convoqué le 30 juin 2011',
      'sous la présidence de M. Jean-François VASSEUR.',
      'Membres en exercice : 9',
      'Présents : Jean-François VASSEUR, Stéphane BRUNEL, Daniel CARPENTIER, Patrice LETALLE, Jean-Claude RENAUX et Jean-Pierre TETU (6)',
      'Absents excusés : Claire DUMONT et Sophie MARCHAND',
      'Absents : Bernard LEFEBVRE',
      'Secrétaire de séance : Jean-Claude RENAUX',
      'Le quorum est atteint : 6 membres présents sur 9 en exercice (5 requis).',
      'ORDRE DU JOUR',
      '4. Conventions tripartites pour la mise en œuvre des ENT',
      'Point n° 4 – 20111107_DL_04 – Conventions tripartites pour la mise en œuvre des ENT',
      'Le syndicat mixte Somme Numérique a formalisé',
      'Teneur des débats :',
      'Vote à main levée – Pour : 6 – Contre : 0 – Abstentions : 0',
      'Adoptée à l\'unanimité',
      'L\'ordre du jour étant épuisé, la séance est levée.',
      'Le Président,', 'Jean-François VASSEUR', 'Le secrétaire de séance,', 'Jean-Claude RENAUX',
    ])).toBeUndefined();
  });

  it('gives the substance of the debates recorded on an item, and a blank to complete where none was', () => {
    const withDebates = { ...base, deliberations: base.deliberations.map((d) => ({ ...d, debates: 'M. BRUNEL demande le coût du service.\n\nLe Président répond : 2 000 euros par an.' })) };
    const textOut = documentText(pvModel(withDebates));
    expect(inOrder(textOut, [
      'Point n° 4',
      'Teneur des débats :',
      'M. BRUNEL demande le coût du service.',
      'Le Président répond : 2 000 euros par an.',
      'Vote à main levée',
    ])).toBeUndefined();
    expect(textOut).not.toContain('Teneur des débats : ……');
    expect(documentText(pvModel(base))).toContain('Teneur des débats : ……');
  });

  it('names each voter of a public roll-call, a proxy vote with its giver', () => {
    const giver = base.members[6]?.id as MemberId;
    const holder = base.members[1]?.id as MemberId;
    const attendance = base.attendance.map((a) => (a.memberId === giver ? { ...a, status: 'represented' as const } : a));
    const proxy = {
      id: '01a2223c-0000-7000-8000-000000000020' as SeanceFile['proxies'][number]['id'], organisationId: base.organisation.id,
      bodyId: base.body.id, giverId: giver, holderId: holder, seanceIds: [base.seance.id], writtenOn: '2011-11-01',
      illness: false, version: 0, updatedAt: '',
    };
    const present = base.attendance.filter((a) => a.status === 'present').map((a) => a.memberId);
    const ballots = [
      ...present.map((m, i) => ({ memberId: m, choice: (i === 3 ? 'no' : 'yes') as 'yes' | 'no' })),
      { memberId: holder, choice: 'yes' as const, onBehalfOf: giver },
    ];
    const file: SeanceFile = { ...base, attendance, proxies: [proxy], votes: [{ ...v0, mode: 'rollCall', ballots }] };
    const textOut = documentText(pvModel(file)).replace(/\s+/g, ' ');
    expect(textOut).toContain('Représentés : Claire DUMONT (pouvoir à Stéphane BRUNEL) (1)');
    expect(textOut).toContain('Scrutin public – Pour : 6 – Contre : 1 – Abstentions : 0');
    expect(textOut).toContain('Ont voté pour : Jean-François VASSEUR, Stéphane BRUNEL, Daniel CARPENTIER, Jean-Claude RENAUX, Jean-Pierre TETU et Stéphane BRUNEL (pour Claire DUMONT)');
    expect(textOut).toContain('Ont voté contre : Patrice LETALLE');
    expect(textOut).toContain('Présents : 6 – Représentés : 1 – Votants : 7');
  });

  it('says when the quorum is not reached, and when a reconvened séance does without it', () => {
    const attendance = base.attendance.map((a, i) => (i < 4 ? { ...a, status: 'absent' as const } : a));
    expect(documentText(pvModel({ ...base, attendance }))).toContain('Le quorum n\'est pas atteint : 2 membres présents sur 9 en exercice (5 requis).');
    const reconvened = { ...base.seance, reconvenedFrom: '01a2223c-0000-7000-8000-000000000099' as SeanceFile['seance']['id'] };
    expect(documentText(pvModel({ ...base, attendance, seance: reconvened }))).toContain('Séance tenue sans condition de quorum');
  });
});
