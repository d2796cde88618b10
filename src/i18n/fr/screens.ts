/**
 * The screens' French messages, apart from the shell's (../fr.ts frCore): loaded before a
 * feature's screen renders (../index.ts loadMessages), so that they stay out of the first load.
 */
import { accountsFr } from './accounts';
import { adminFr } from './admin';
import { attendanceFr } from './attendance';
import { codesFr } from './codes';
import { conventionsFr } from './conventions';
import { deliberationsFr } from './deliberations';
import { proxiesFr } from './proxies';
import { reviewFr } from './review';
import { signaturesFr } from './signatures';
import { syncScreensFr } from './sync';

export const frScreens = {
  ...codesFr,
  ...syncScreensFr,
  ...adminFr,
  ...accountsFr,
  ...attendanceFr,
  ...proxiesFr,
  ...deliberationsFr,
  ...signaturesFr,
  ...conventionsFr,
  ...reviewFr,
} as const;
