import { codedError } from '@gouvgraph/schema';

// The kit's errors are built by the contract's factory, typed by code: re-exported so the
// resolvers keep one import for their errors.
export { codedError };

/** BAD_USER_INPUT about one argument or input field: the message says what to fix. */
export const badInput = (message: string, field?: string) => codedError('BAD_USER_INPUT', message, field ? { field } : {});
