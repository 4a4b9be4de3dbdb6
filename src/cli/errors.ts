/**
 * An error meant for the person at the terminal: printed as one line, without a stack trace
 * (unless --debug), and with an exit code.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
