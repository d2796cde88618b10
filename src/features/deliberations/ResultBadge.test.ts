import { describe, expect, it } from 'vitest';
import type { MemberId } from '../../domain/ids';
import { appointmentText } from './ResultBadge';

const A = '0190a000-0000-7000-8000-000000000001' as MemberId;
const names: Record<string, string> = { [A]: 'Mme Claire DUMONT' };
const nameOf = (id: string) => names[id] ?? id;
const civilityOf = (id: string) => (id === A ? ('Mme' as const) : undefined);

describe('appointmentText', () => {
  it('says who is elected, in which round and with how many votes', () => {
    expect(appointmentText({ state: 'elected', elected: A, round: 1, byAge: false, votes: 8 }, nameOf)).toBe('Élu(e) au 1er tour : Mme Claire DUMONT (8 voix)');
    expect(appointmentText({ state: 'elected', elected: A, round: 2, byAge: false, votes: 9 }, nameOf)).toBe('Élu(e) au 2e tour : Mme Claire DUMONT (9 voix)');
    expect(appointmentText({ state: 'elected', elected: A, round: 3, byAge: false, votes: 5 }, nameOf)).toBe('Élu(e) au 3e tour : Mme Claire DUMONT (5 voix)');
  });
  it('agrees with the elected member when her civility is known', () => {
    expect(appointmentText({ state: 'elected', elected: A, round: 1, byAge: false, votes: 8 }, nameOf, civilityOf)).toBe('Élue au 1er tour : Mme Claire DUMONT (8 voix)');
    expect(appointmentText({ state: 'elected', elected: A, round: 3, byAge: true, votes: 7 }, nameOf, () => 'M.'))
      .toBe('Élu au 3e tour au bénéfice de l’âge : Mme Claire DUMONT (7 voix)');
  });
  it('names the age when it decided a third-round tie', () => {
    expect(appointmentText({ state: 'elected', elected: A, round: 3, byAge: true, votes: 7 }, nameOf))
      .toBe('Élu(e) au 3e tour au bénéfice de l’âge : Mme Claire DUMONT (7 voix)');
  });
  it('asks for the next round, or says plainly that the rules cannot decide', () => {
    expect(appointmentText({ state: 'nextRound', round: 1, byAge: false }, nameOf)).toBe('Aucune majorité absolue : un 2e tour est nécessaire');
    expect(appointmentText({ state: 'undecided', round: 3, byAge: false }, nameOf)).toMatch(/ne permettent pas de départager.*date de naissance.*administration/);
  });
});
