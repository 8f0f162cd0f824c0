import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../libs/contracts/src/procedures';

/**
 * The seeded parties of a handover in 马甲镇: developer-a hands 湖景豪园 over to firm-a, 洛江区住建局 supervises;
 * 洛江区城管执法大队 stands for a 城管局 where a locality has it penalise a late 整改 (seed 004 §11).
 */
export interface HandoverParties {
  estateId: string;
  developer: Actor;
  firm: Actor;
  bureau: Actor;
  urbanManagement: Actor;
  otherFirm: Actor;
}

export async function handoverParties(dataSource: DataSource): Promise<HandoverParties> {
  const actors: Array<Actor & { username: string }> = await dataSource.query(
    `SELECT u.username, u.id AS "userId", u.role, u.organisation_id AS "organisationId", u.jurisdiction_code AS "jurisdictionCode"
       FROM users u WHERE u.username IN ('developer-a', 'firm-a', 'firm-b', 'luojiang-bureau', 'luojiang-urban')`,
  );
  const by = (username: string) => {
    const { username: _, ...actor } = actors.find((a) => a.username === username)!;
    return actor;
  };
  const [estate] = await dataSource.query(`SELECT id FROM estates WHERE name = '湖景豪园'`);
  return {
    estateId: estate.id,
    developer: by('developer-a'),
    firm: by('firm-a'),
    bureau: by('luojiang-bureau'),
    urbanManagement: by('luojiang-urban'),
    otherFirm: by('firm-b'),
  };
}

/** The Beijing calendar day `days` after `now`; a time-skipping test passes its server's time, the workflows' clock. */
export function chinaDayFromNow(days: number, now = Date.now()): string {
  return new Date(now + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

export const newHandoverId = () => randomUUID();
