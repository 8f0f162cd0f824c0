import type { DataSource } from 'typeorm';
import { hundredthsToArea, areaToHundredths } from '../../../../libs/domain/src/area';
import { shareCost } from '../../../../libs/domain/src/maintenance-fund';
import { sharingRooms } from '../../../../libs/persistence/src/fund-journal';
import type { ApportionmentResponse } from './maintenance-fund.dto';

/**
 * 分摊清册 of an application: its budget shared over the 列支范围 by the same rule the ledger books it
 * (shareCost), so what is posted is what will be charged.
 */
export async function apportionment(
  dataSource: DataSource,
  estateId: string,
  application: { project: string; budgetFen: number; buildingIds: string[] },
): Promise<ApportionmentResponse> {
  const rooms = await sharingRooms(dataSource, estateId, application.buildingIds);
  const shares = rooms.length ? shareCost(application.budgetFen, rooms) : [];
  const byUnit = new Map(shares.map((s) => [s.unitId, s]));
  const totalArea = rooms.reduce((sum, r) => sum + areaToHundredths(r.area), 0n);
  return {
    project: application.project,
    budgetFen: application.budgetFen,
    totalArea: hundredthsToArea(totalArea),
    rows: rooms.map((r) => ({
      building: r.building,
      roomNo: r.roomNo,
      area: r.area,
      payer: byUnit.get(r.unitId)!.payer,
      amountFen: byUnit.get(r.unitId)!.amountFen,
    })),
  };
}
