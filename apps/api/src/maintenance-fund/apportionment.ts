import type { DataSource } from 'typeorm';
import type { FundUseState } from '../../../../libs/contracts/src/maintenance-fund';
import type { VoteScope } from '../../../../libs/contracts/src/owners-vote';
import { hundredthsToArea, areaToHundredths } from '../../../../libs/domain/src/area';
import { shareCost, shareShortfall } from '../../../../libs/domain/src/maintenance-fund';
import { sharingRooms } from '../../../../libs/persistence/src/fund-journal';
import type { ApportionmentResponse } from './maintenance-fund.dto';

/** An application's 列支范围 as its state tells it (no rooms in applications from before they could be named). */
export function fundUseScope(state: Pick<FundUseState, 'buildingIds' | 'unitIds'>): Required<VoteScope> {
  return { buildingIds: state.buildingIds, unitIds: state.unitIds ?? [] };
}

/**
 * 分摊清册 of a 列支范围: the budget shared by the same rule the ledger books it (shareCost), so what is posted
 * is what will be charged; with each room's balance and the 补足 its owner would owe (165号令 arts 17, 19–21).
 * `ownUnits`, for an owner, are the rooms whose balance they may read (the 分户账 is theirs alone; an empty set for
 * a public posting); the totals count every room.
 */
export async function apportionment(
  dataSource: DataSource,
  estateId: string,
  application: { project: string; budgetFen: number; scope: VoteScope },
  ownUnits: ReadonlySet<string> | null,
): Promise<ApportionmentResponse> {
  const rooms = await sharingRooms(dataSource, estateId, application.scope);
  const shares = new Map((rooms.length ? shareCost(application.budgetFen, rooms) : []).map((s) => [s.unitId, s]));
  const rows = rooms.map((r) => {
    const { payer, amountFen } = shares.get(r.unitId)!;
    // Unsold rooms are the developer's to pay (art 21): no 分户账 is drawn on.
    const shortfallFen = payer === 'owner' && r.balanceFen !== null ? shareShortfall(amountFen, r.balanceFen) : 0;
    return { ...r, payer, amountFen, shortfallFen };
  });
  const visible = (unitId: string) => !ownUnits || ownUnits.has(unitId);
  return {
    project: application.project,
    budgetFen: application.budgetFen,
    totalArea: hundredthsToArea(rooms.reduce((sum, r) => sum + areaToHundredths(r.area), 0n)),
    shortfallUnits: rows.filter((r) => r.shortfallFen > 0).length,
    shortfallFen: rows.reduce((sum, r) => sum + r.shortfallFen, 0),
    rows: rows.map((r) => ({
      unitId: r.unitId,
      building: r.building,
      roomNo: r.roomNo,
      area: r.area,
      payer: r.payer,
      amountFen: r.amountFen,
      balanceFen: visible(r.unitId) ? r.balanceFen : null,
      shortfallFen: visible(r.unitId) ? r.shortfallFen : null,
    })),
  };
}
