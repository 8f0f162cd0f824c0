export { estateSurvey } from './estate-survey';
export { ownersVote } from './owners-vote';
export { handover } from './handover';
