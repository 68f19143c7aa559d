import { GraphQLScalarType, Kind } from 'graphql';
import { codedError } from './error-factories.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * Validates `YYYY-MM-DD` and that the day exists (no 2025-02-30). By arithmetic rather than
 * through `Date`: the gateway checks every date of every partner answer.
 */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] as number));
}

/**
 * The common shape of a valid link — http(s), a host name ending in a letter label, no port,
 * printable ASCII after it — recognised without parsing it; anything else is left to the URL
 * parser, which decides.
 */
const PLAIN_HTTP_URL = /^https?:\/\/(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,63}(?:[/?#][\x21-\x7e]*)?$/;

/** True for an absolute http(s) URL. */
export function isHttpUrl(value: string): boolean {
  if (PLAIN_HTTP_URL.test(value)) return true;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function stringScalar(name: string, description: string, valid: (v: string) => boolean, expected: string) {
  const check = (value: unknown): string => {
    if (typeof value !== 'string' || !valid(value)) {
      throw codedError('BAD_USER_INPUT', `${name} must be ${expected}; got ${JSON.stringify(value)}`);
    }
    return value;
  };
  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize: check,
    parseValue: check,
    parseLiteral(ast) {
      if (ast.kind !== Kind.STRING) {
        throw codedError('BAD_USER_INPUT', `${name} must be a string, ${expected}`);
      }
      return check(ast.value);
    },
  });
}

/** `Date`: a calendar date, `YYYY-MM-DD`. */
export const DateScalar = stringScalar('Date', 'A calendar date in ISO 8601 form, `YYYY-MM-DD`.', isIsoDate, 'a date YYYY-MM-DD');

/** `URL`: an absolute http(s) URL. */
export const URLScalar = stringScalar('URL', 'An absolute `http` or `https` URL.', isHttpUrl, 'an absolute http(s) URL');
