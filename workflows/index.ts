export { estateSurvey } from './estate-survey';
export { ownersVote } from './owners-vote';
export { committeeFormation } from './committee-formation';
export { committeeTerm } from './committee-term';
