export { estateSurvey } from './estate-survey';
export { ownersVote } from './owners-vote';
export { handover } from './handover';
export { maintenanceFundUse } from './maintenance-fund-use';
export { maintenanceFundTopUp, maintenanceFundTopUpScan } from './maintenance-fund-top-up';
export { committeeFormation } from './committee-formation';
export { committeeTerm } from './committee-term';
export { complaint } from './complaint';
