/** The procedure's workflow; its state (state.ts) and phases (phases.ts) sit beside it. */
export { committeeTerm } from './workflow';
