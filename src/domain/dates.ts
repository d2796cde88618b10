// French dates and times "en toutes lettres", as registers of deliberations write them
// ("L'an deux mille onze, le sept novembre à 17h30").
//
// Spelling follows the traditional rules registers still use (not the 1990 all-hyphens
// reform): hyphens only between tens and units, "et" for 21…71, "quatre-vingts" and
// "cents" take an s only when final and multiplied, "mille" is invariable.

const UNITS = [
  'zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf',
  'dix', 'onze', 'douze', 'treize', 'quatorze', 'quinze', 'seize',
  'dix-sept', 'dix-huit', 'dix-neuf',
] as const;

// Index = tens digit. 70 and 90 are built on 60 and 80 (soixante-dix, quatre-vingt-dix).
const TENS = ['', '', 'vingt', 'trente', 'quarante', 'cinquante', 'soixante', 'soixante', 'quatre-vingt', 'quatre-vingt'] as const;

const MONTHS = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
  'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
] as const;

function at<T>(list: readonly T[], index: number): T {
  const value = list[index];
  if (value === undefined) throw new RangeError(`Index hors limites : ${index}`);
  return value;
}

/** 0..99 */
function below100(n: number): string {
  if (n < 20) return at(UNITS, n);
  const tens = Math.floor(n / 10);
  // 70–79 and 90–99 continue counting from 10–19 on top of 60 / 80.
  const rest = tens === 7 || tens === 9 ? n % 20 : n % 10;
  const stem = at(TENS, tens);
  if (rest === 0) return tens === 8 ? 'quatre-vingts' : stem;
  // "et" only for 21, 31, …, 61 and 71 — never 81 or 91 ("quatre-vingt-un").
  if ((rest === 1 || rest === 11) && tens !== 8 && tens !== 9) return `${stem} et ${at(UNITS, rest)}`;
  return `${stem}-${at(UNITS, rest)}`;
}

/** 0..999 */
function below1000(n: number): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 0) return below100(rest);
  const head = hundreds === 1 ? 'cent' : `${at(UNITS, hundreds)} cent`;
  if (rest === 0) return hundreds === 1 ? head : `${head}s`;
  return `${head} ${below100(rest)}`;
}

/** Cardinal number in words, 0..9999 (enough for days, years and session counts). */
export function numberToFrenchWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) {
    throw new RangeError(`Nombre hors limites (0 à 9999, entier) : ${n}`);
  }
  if (n < 1000) return below1000(n);
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  // "mille", never "un mille"; mille is invariable ("deux mille").
  const head = thousands === 1 ? 'mille' : `${at(UNITS, thousands)} mille`;
  return rest === 0 ? head : `${head} ${below1000(rest)}`;
}

/** Day of month in words: the first day is the ordinal "premier". */
export function dayInWords(day: number): string {
  if (!Number.isInteger(day) || day < 1 || day > 31) {
    throw new RangeError(`Jour invalide : ${day}`);
  }
  return day === 1 ? 'premier' : numberToFrenchWords(day);
}

export function monthName(month: number): string {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`Mois invalide : ${month}`);
  }
  return at(MONTHS, month - 1);
}

/** "17h30", "9h00": hour without leading zero, minutes always two digits. */
export function timeInFigures(hh: number, mm: number): string {
  if (!Number.isInteger(hh) || hh < 0 || hh > 23 || !Number.isInteger(mm) || mm < 0 || mm > 59) {
    throw new RangeError(`Heure invalide : ${hh}:${mm}`);
  }
  return `${hh}h${String(mm).padStart(2, '0')}`;
}

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Parses "YYYY-MM-DD" by hand: `new Date('2011-11-07')` is UTC midnight, which shows as
 * the previous day west of Greenwich, and Date silently rolls 2011-02-30 into March.
 */
export function parseIsoDate(dateIso: string): CalendarDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateIso);
  if (!match) throw new RangeError(`Date invalide (format attendu AAAA-MM-JJ) : « ${dateIso} »`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`Date inexistante : « ${dateIso} »`);
  }
  return { year, month, day };
}

/** Parses "HH:MM" (also "H:MM"; seconds from <input type="time" step> are ignored). */
export function parseTime(time: string): { hh: number; mm: number } {
  const match = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(time);
  if (!match) throw new RangeError(`Heure invalide (format attendu HH:MM) : « ${time} »`);
  const hh = Number(match[1]);
  const mm = Number(match[2]);
  if (hh > 23 || mm > 59) throw new RangeError(`Heure inexistante : « ${time} »`);
  return { hh, mm };
}

/** "L'an deux mille onze, le sept novembre à 17h30" (time optional). */
export function seanceOpeningInWords(dateIso: string, time?: string): string {
  const { year, month, day } = parseIsoDate(dateIso);
  const date = `L'an ${numberToFrenchWords(year)}, le ${dayInWords(day)} ${monthName(month)}`;
  if (time === undefined) return date;
  const { hh, mm } = parseTime(time);
  return `${date} à ${timeInFigures(hh, mm)}`;
}

/** "7 novembre 2011"; the first of the month is written "1er". */
export function dateInFigures(dateIso: string): string {
  const { year, month, day } = parseIsoDate(dateIso);
  return `${day === 1 ? '1er' : day} ${monthName(month)} ${year}`;
}
