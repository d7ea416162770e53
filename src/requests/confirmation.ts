import { randomInt } from 'node:crypto';

/**
 * Confirmation numbers: nine digits a caller can write down and key in — eight random digits
 * (so numbers are not guessable in sequence) and a Damm check digit, which catches every
 * single wrong digit and every swap of two neighbouring digits before any lookup.
 */
export const CONFIRMATION_LENGTH = 9;
/** How the number is read and printed: "451 229 037". */
export const CONFIRMATION_GROUPS = [3, 3, 3];

const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

export function dammDigit(digits: string): number {
  let interim = 0;
  for (const ch of digits) interim = DAMM[interim]![ch.charCodeAt(0) - 48]!;
  return interim;
}

export function newConfirmationNumber(): string {
  // The first digit is never 0, so a number never begins like the operator key.
  let body = String(randomInt(1, 10));
  for (let i = 1; i < CONFIRMATION_LENGTH - 1; i++) body += String(randomInt(0, 10));
  return body + String(dammDigit(body));
}

/** Whether a string is a well-formed confirmation number whose check digit is right. */
export function isValidConfirmation(value: string): boolean {
  return new RegExp(`^[1-9][0-9]{${CONFIRMATION_LENGTH - 1}}$`).test(value) && dammDigit(value) === 0;
}

/** "451229037" → "451 229 037". */
export function formatConfirmation(value: string): string {
  return value.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3');
}
