import { describe, expect, it } from 'vitest';
import { ofName, ownPendingText, pendingOfOtherText } from './pendingText';

describe('what waits for another user, in French', () => {
  it('says whose, how many and when they go', () => {
    expect(pendingOfOtherText({ count: 3, name: 'Sam Secrétaire' })).toBe(
      '3 modifications de Sam Secrétaire attendent d’être envoyées : elles partiront quand Sam Secrétaire se reconnectera sur cet appareil.',
    );
    expect(pendingOfOtherText({ count: 1, name: 'Claire DUMONT' })).toBe(
      '1 modification de Claire DUMONT attend d’être envoyée : elle partira quand Claire DUMONT se reconnectera sur cet appareil.',
    );
  });

  it('elides before a vowel or a mute h', () => {
    expect(ofName('Alice Administratrice')).toBe('d’Alice Administratrice');
    expect(ofName('Émilie Martin')).toBe('d’Émilie Martin');
    expect(ofName('Hélène Roux')).toBe('d’Hélène Roux');
    expect(ofName('Léo Lecteur')).toBe('de Léo Lecteur');
  });

  it('names no one when the user is not known here', () => {
    expect(pendingOfOtherText({ count: 2 })).toBe(
      '2 modifications d’un autre compte attendent d’être envoyées : elles partiront quand ce compte se reconnectera sur cet appareil.',
    );
  });

  it('warns the user of their own unsent changes before sign-out', () => {
    expect(ownPendingText(1)).toBe('1 modification faite à votre nom n’a pas encore été envoyée au serveur.');
    expect(ownPendingText(4)).toBe('4 modifications faites à votre nom n’ont pas encore été envoyées au serveur.');
  });
});
