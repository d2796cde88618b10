import type { MessageKey } from '../src/i18n';
import { addMessages, tCode } from '../src/i18n';
import { frScreens } from '../src/i18n/fr/screens';

// The server answers in French with the whole catalog (the browser loads the screens' part later).
addMessages(frScreens);

/** An API refusal: HTTP status, stable code, French message from the shared catalog. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429,
    readonly code: MessageKey | string,
    readonly detail?: string,
  ) {
    super(code);
  }
  toJSON() {
    return { error: { code: this.code, message: tCode(this.code), ...(this.detail ? { detail: this.detail } : {}) } };
  }
}
