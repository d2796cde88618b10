import { uuidv7 } from 'uuidv7';

// Branded ids keep a SeanceId from being passed where a MemberId is expected.
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type OrganisationId = Brand<string, 'OrganisationId'>;
export type BodyId = Brand<string, 'BodyId'>;
export type MemberId = Brand<string, 'MemberId'>;
export type MandateId = Brand<string, 'MandateId'>;
export type SeanceId = Brand<string, 'SeanceId'>;
export type ProxyId = Brand<string, 'ProxyId'>;
export type DeliberationId = Brand<string, 'DeliberationId'>;
export type ConventionId = Brand<string, 'ConventionId'>;
export type SignatureId = Brand<string, 'SignatureId'>;

/**
 * Ids are made on the device so records can be created offline. UUIDv7 sorts by creation
 * time, which keeps IndexedDB and SQLite indexes append-mostly.
 */
export function newId<T extends string>(): Brand<string, T> {
  return uuidv7() as Brand<string, T>;
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
