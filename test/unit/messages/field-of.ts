import { MessageValidationError } from '../../../src/errors.js';

/** Runs `fn` and returns the `field` of the MessageValidationError it throws; fails if it throws nothing or something else. */
export function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof MessageValidationError) return error.field;
    throw error;
  }
  throw new Error('expected a MessageValidationError, but nothing was thrown');
}
