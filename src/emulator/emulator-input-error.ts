import { LineError } from '../errors.js';

/**
 * A call into the fake LINE (from code, the JSON API or the inbox page) that cannot be done as asked:
 * an unknown user, a message with a field of the wrong type, a user who is not a friend. The JSON API
 * answers it with `status` and `{"error":"<message>"}`; anything else that goes wrong inside the fake is
 * its own bug, answered 500 and logged.
 */
export class EmulatorInputError extends LineError {
  /** The HTTP status the JSON API answers: 400 unless the problem is a missing thing (404), a method (405), a size (413) or a type (415). */
  declare readonly status: number;

  constructor(message: string, status = 400) {
    super(message);
    this.status = status;
  }
}
