import type { DataSource } from 'typeorm';
import { firmMonthlyResults, isRestricted } from '../../../../libs/domain/src/evaluation';
import { firmScores } from '../../../../libs/persistence/src/evaluations';
import { localityPolicy } from '../../../../libs/persistence/src/locality-policy';
import { conflict } from '../common/api-error';

/**
 * Whether a firm is restricted from new projects by the locality it would take one in (seed 001 (五):
 * 考评不达标企业限制其承接新项目): its months' mean scores against that locality's pass mark and N.
 */
async function restriction(dataSource: DataSource, firmId: string, jurisdictionPath: string) {
  const policy = (await localityPolicy(dataSource, jurisdictionPath)).evaluation;
  const restricted = isRestricted(policy, firmMonthlyResults(await firmScores(dataSource, firmId), policy.passMark));
  return { restricted, months: policy.restrictAfterFailedMonths };
}

export async function firmRestricted(dataSource: DataSource, firmId: string, jurisdictionPath: string) {
  return (await restriction(dataSource, firmId, jurisdictionPath)).restricted;
}

/** Refuses a restricted firm as an estate's 物业服务企业: 409 `FIRM_RESTRICTED` with the reason. */
export async function refuseRestrictedFirm(dataSource: DataSource, firmId: string, jurisdictionPath: string) {
  const { restricted, months } = await restriction(dataSource, firmId, jurisdictionPath);
  if (restricted)
    throw conflict('FIRM_RESTRICTED', `该物业服务企业精细化考评连续 ${months} 个月不达标，在再次达标前限制承接新项目`);
}
