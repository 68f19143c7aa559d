import { GraphQLScalarType, Kind } from 'graphql';
import { codedError } from './error-factories.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Validates `YYYY-MM-DD` and that the day exists (no 2025-02-30). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** True for an absolute http(s) URL. */
export function isHttpUrl(value: string): boolean {
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
