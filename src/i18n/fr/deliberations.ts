/** French messages of the deliberations screens (merged into the catalog by ../fr.ts). */
export const deliberationsFr = {
} as const;
