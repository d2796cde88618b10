/** French messages of the admin screens (merged into the catalog by ../fr.ts). */
export const adminFr = {
} as const;
