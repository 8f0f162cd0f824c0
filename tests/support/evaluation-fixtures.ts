import type { DataSource } from 'typeorm';
import { DEFAULT_SCORING_TEMPLATE } from '../../libs/domain/src/evaluation';
import { createSyntheticEstate, type SyntheticVoter } from './synthetic-estate';

export interface EvaluationStreet {
  streetCode: string;
  streetPath: string;
  communityCode: string;
  streetOfficeId: string;
  communityId: string;
  firmId: string;
  /** Two estates of the community, both served by the firm. */
  estates: Record<'good' | 'poor', string>;
  /** Each estate's owners with their logins, for its owners' votes. */
  voters: Record<'good' | 'poor', SyntheticVoter[]>;
}

/**
 * A street of 漳平市 of a test file's own (`code`, its community `code` + "001", named after `label`), with its
 * street office, its 居委会, a firm serving two synthetic estates there, and a login for each (`<prefix>-street`, `-community`,
 * `-firm`), so the file's runs, scores and restrictions touch no other test.
 */
export async function createEvaluationStreet(
  dataSource: DataSource,
  { prefix, label, code }: { prefix: string; label: string; code: string },
): Promise<EvaluationStreet> {
  const communityCode = `${code}001`;
  const streetPath = `/35/350800/350881/${code}/`;
  const ids = await dataSource.transaction(async (m) => {
    await m.query(
      `INSERT INTO jurisdictions (code, name, level, parent_code, path) VALUES
         ($1::varchar, '（合成）' || $3::text || '街道', 'street', '350881', $4::text),
         ($2::varchar, '（合成）' || $3::text || '社区', 'community', $1::varchar, $4::text || $2::text || '/')`,
      [code, communityCode, label, streetPath],
    );
    const organisation = async (kind: string, name: string, jurisdiction: string): Promise<string> =>
      (
        await m.query(
          `INSERT INTO organisations (kind, name, jurisdiction_code, synthetic) VALUES ($1, $2, $3, true) RETURNING id`,
          [kind, name, jurisdiction],
        )
      )[0].id;
    const streetOfficeId = await organisation('street_office', `（合成）${label}街道办事处`, code);
    const communityId = await organisation('community', `（合成）${label}社区居委会`, communityCode);
    const firmId = await organisation('property_firm', `（合成）${label}物业有限公司`, '350881');
    for (const [role, organisationId, jurisdiction] of [
      ['street', streetOfficeId, code],
      ['community', communityId, communityCode],
      ['firm', firmId, '350881'],
    ] as const)
      await m.query(
        `INSERT INTO users (username, display_name, role, organisation_id, jurisdiction_code, synthetic)
         VALUES ($1, $2, $3, $4, $5, true)`,
        [
          `${prefix}-${role}`,
          `（合成）${label}${role}经办人`,
          role === 'street' ? 'street_office' : role === 'firm' ? 'property_firm' : 'community',
          organisationId,
          jurisdiction,
        ],
      );
    return { streetOfficeId, communityId, firmId };
  });
  const estates = { good: '', poor: '' };
  const voters: EvaluationStreet['voters'] = { good: [], poor: [] };
  for (const key of ['good', 'poor'] as const) {
    const estate = await createSyntheticEstate(dataSource, `${prefix}-${key}`, 10, communityCode);
    await dataSource.query(`UPDATE estates SET property_firm_id = $1 WHERE id = $2`, [ids.firmId, estate.estateId]);
    estates[key] = estate.estateId;
    voters[key] = estate.voters;
  }
  return { streetCode: code, streetPath, communityCode, ...ids, estates, voters };
}

/** Item points at `share` of every criterion's maximum: a score of `share` × 100 on the default template. */
export const evaluationPoints = (share: number) =>
  DEFAULT_SCORING_TEMPLATE.criteria.map((c) => ({ criterion: c.key, points: c.maxPoints * share }));
