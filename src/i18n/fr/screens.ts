/**
 * The screens' French messages, apart from the shell's (../fr.ts frCore): loaded before a
 * feature's screen renders (../index.ts loadMessages), so that they stay out of the first load.
 */
import { accountsFr } from './accounts';
import { adminFr } from './admin';
import { attendanceFr } from './attendance';
import { conventionsFr } from './conventions';
import { deliberationsFr } from './deliberations';
import { proxiesFr } from './proxies';
import { reviewFr } from './review';
import { signaturesFr } from './signatures';

export const frScreens = {
  ...adminFr,
  ...accountsFr,
  ...attendanceFr,
  ...proxiesFr,
  ...deliberationsFr,
  ...signaturesFr,
  ...conventionsFr,
  ...reviewFr,
} as const;
