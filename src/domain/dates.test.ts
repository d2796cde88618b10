import { describe, expect, it } from 'vitest';
import {
  dateInFigures,
  dayInWords,
  monthName,
  numberToFrenchWords,
  seanceOpeningInWords,
  timeInFigures,
} from './dates';

describe('numberToFrenchWords', () => {
  it.each([
    [0, 'zéro'],
    [1, 'un'],
    [16, 'seize'],
    [17, 'dix-sept'],
    [21, 'vingt et un'],
    [22, 'vingt-deux'],
    [61, 'soixante et un'],
    [70, 'soixante-dix'],
    [71, 'soixante et onze'],
    [77, 'soixante-dix-sept'],
    [80, 'quatre-vingts'],
    [81, 'quatre-vingt-un'],
    [90, 'quatre-vingt-dix'],
    [91, 'quatre-vingt-onze'],
    [99, 'quatre-vingt-dix-neuf'],
    [100, 'cent'],
    [101, 'cent un'],
    [200, 'deux cents'],
    [201, 'deux cent un'],
    [280, 'deux cent quatre-vingts'],
    [1000, 'mille'],
    [1990, 'mille neuf cent quatre-vingt-dix'],
    [2000, 'deux mille'],
    [2011, 'deux mille onze'],
    [2080, 'deux mille quatre-vingts'],
    [2099, 'deux mille quatre-vingt-dix-neuf'],
    [9999, 'neuf mille neuf cent quatre-vingt-dix-neuf'],
  ])('%i → %s', (n, words) => {
    expect(numberToFrenchWords(n)).toBe(words);
  });

  it('rejects out-of-range and non-integer values', () => {
    expect(() => numberToFrenchWords(-1)).toThrow(RangeError);
    expect(() => numberToFrenchWords(10000)).toThrow(RangeError);
    expect(() => numberToFrenchWords(1.5)).toThrow(RangeError);
    expect(() => numberToFrenchWords(Number.NaN)).toThrow(RangeError);
  });
});

describe('dayInWords / monthName / timeInFigures', () => {
  it('writes the first day as "premier"', () => {
    expect(dayInWords(1)).toBe('premier');
    expect(dayInWords(2)).toBe('deux');
    expect(dayInWords(21)).toBe('vingt et un');
    expect(dayInWords(31)).toBe('trente et un');
  });

  it('names months with accents', () => {
    expect(monthName(1)).toBe('janvier');
    expect(monthName(2)).toBe('février');
    expect(monthName(8)).toBe('août');
    expect(monthName(12)).toBe('décembre');
    expect(() => monthName(13)).toThrow(RangeError);
  });

  it('writes hours without leading zero and minutes on two digits', () => {
    expect(timeInFigures(17, 30)).toBe('17h30');
    expect(timeInFigures(9, 0)).toBe('9h00');
    expect(timeInFigures(0, 5)).toBe('0h05');
    expect(() => timeInFigures(24, 0)).toThrow(RangeError);
  });
});

describe('seanceOpeningInWords', () => {
  it('writes the classic register opening', () => {
    expect(seanceOpeningInWords('2011-11-07', '17:30')).toBe(
      "L'an deux mille onze, le sept novembre à 17h30",
    );
  });

  it('omits the time when not given', () => {
    expect(seanceOpeningInWords('2011-11-07')).toBe("L'an deux mille onze, le sept novembre");
  });

  it('writes "le premier" and "à 9h00"', () => {
    expect(seanceOpeningInWords('2024-01-01', '09:00')).toBe(
      "L'an deux mille vingt-quatre, le premier janvier à 9h00",
    );
  });

  it('handles day 21 and boundary years', () => {
    expect(seanceOpeningInWords('1990-03-21')).toBe(
      "L'an mille neuf cent quatre-vingt-dix, le vingt et un mars",
    );
    expect(seanceOpeningInWords('2000-12-31', '20:45')).toBe(
      "L'an deux mille, le trente et un décembre à 20h45",
    );
    expect(seanceOpeningInWords('2080-08-15')).toBe("L'an deux mille quatre-vingts, le quinze août");
    expect(seanceOpeningInWords('2099-06-30')).toBe(
      "L'an deux mille quatre-vingt-dix-neuf, le trente juin",
    );
  });

  it('accepts 29 February only in leap years', () => {
    expect(seanceOpeningInWords('2024-02-29')).toBe("L'an deux mille vingt-quatre, le vingt-neuf février");
    expect(seanceOpeningInWords('2000-02-29')).toBe("L'an deux mille, le vingt-neuf février");
    expect(() => seanceOpeningInWords('2023-02-29')).toThrow(RangeError);
    expect(() => seanceOpeningInWords('2100-02-29')).toThrow(RangeError);
  });

  it.each(['2011-02-30', '2011-04-31', '2011-13-01', '2011-00-10', '2011-11-00', '2011-1-7', '07/11/2011', ''])(
    'rejects invalid date %j',
    (iso) => {
      expect(() => seanceOpeningInWords(iso)).toThrow(RangeError);
    },
  );

  it('rejects invalid times', () => {
    expect(() => seanceOpeningInWords('2011-11-07', '24:00')).toThrow(RangeError);
    expect(() => seanceOpeningInWords('2011-11-07', '17:60')).toThrow(RangeError);
    expect(() => seanceOpeningInWords('2011-11-07', '17h30')).toThrow(RangeError);
  });

  it('uses French error messages', () => {
    expect(() => seanceOpeningInWords('2011-02-30')).toThrow(/Date inexistante/);
  });
});

describe('dateInFigures', () => {
  it('writes the date in figures with "1er" for the first day', () => {
    expect(dateInFigures('2011-11-07')).toBe('7 novembre 2011');
    expect(dateInFigures('2024-01-01')).toBe('1er janvier 2024');
    expect(() => dateInFigures('2011-02-30')).toThrow(RangeError);
  });
});
