/**
 * The server's logger (pino): every line it writes, whatever route or error it comes from, has each run
 * that looks like a resident ID number (15 digits, or 17 digits and a digit or X: domain/masking.ts
 * ID_LIKE) replaced by its masked form before it reaches the destination (issue 9 item 9: an ID number
 * in a URL, a body echoed in an error, a message of a library never reaches the log in clear).
 */
import pino from 'pino';
import { redactIdNumbers } from './domain/masking';

/**
 * A pino logger at `level` writing to `destination` (default: standard error), ID-like runs redacted
 * in every line (pino's streamWrite hook sees the serialised line, so nothing escapes it).
 */
export function createLogger(level: string, destination: pino.DestinationStream = pino.destination(2)): pino.Logger {
  return pino({ level, hooks: { streamWrite: redactIdNumbers } }, destination);
}
