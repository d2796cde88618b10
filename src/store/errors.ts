import type { z } from 'zod';

/** A refused command: field errors as catalog keys; nothing was written. */
export class ValidationError extends Error {
  constructor(
    readonly fieldErrors: Record<string, string>,
    readonly formError?: string,
  ) {
    super(formError ?? Object.values(fieldErrors)[0] ?? 'error.invalid');
    this.name = 'ValidationError';
  }
}

export function fromZod(error: z.ZodError): ValidationError {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.') || '_form';
    // Keep the first error of each field: the one the user must fix first.
    fieldErrors[path] ??= issue.message.includes('.') ? issue.message : 'error.invalid';
  }
  return new ValidationError(fieldErrors);
}
