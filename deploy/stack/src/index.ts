export { startStack, type Stack, type StackOptions } from './stack.js';
export { startOracle, type Oracle, type OracleOptions } from './oracle.js';
export { syntheticPartners } from './synthetic.js';
