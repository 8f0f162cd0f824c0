import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  FIRST_DEPOSIT_PLACEHOLDER,
  FUND_ACCOUNTS,
  allocateYield,
  formatFen,
  firstDepositOwedFen,
  requiredFirstDepositFen,
  type FirstDepositRate,
  type JournalEntry,
} from '../../../../libs/domain/src/maintenance-fund';
import {
  accountBalances,
  bookDeposits,
  bookYield,
  findDepositReceipt,
  findYieldPeriod,
  fundYear,
  lockEstateFund,
  ownerHoldsUnit,
  unitDeposits,
  unitYearEntries,
  type DepositReceipt,
  type UnitDeposit,
} from '../../../../libs/persistence/src/fund-journal';
import { localityPolicy } from '../../../../libs/persistence/src/locality-policy';
import { enqueueNoticeToOwners, enqueueNotification } from '../../../../libs/persistence/src/notifications';
import type { Principal } from '../auth/principal';
import { ApiError, notFound } from '../common/api-error';
import { EstatesService } from '../registry/estates.service';
import type { DeveloperPaymentRequest, FundDepositRequest, FundYieldRequest } from './fund-deposits.dto';

/** The journal's procedure id of what the bureau records by hand for an estate (no workflow causes it). */
const registerOf = (estateId: string) => `fund-register-${estateId}`;

/** A unit's 首期交存 against the policy amount (fen as text). */
const statusOf = (unit: UnitDeposit, rate: FirstDepositRate) => ({
  unitId: unit.unitId,
  building: unit.building,
  roomNo: unit.roomNo,
  area: unit.area,
  delivered: unit.delivered,
  payer: unit.delivered ? ('owner' as const) : ('developer' as const),
  requiredFen: String(requiredFirstDepositFen(unit.area, rate)),
  depositedFen: unit.firstDepositFen,
  owedFen: String(firstDepositOwedFen(unit.area, Number(unit.firstDepositFen), rate)),
});

const sumFen = (rows: Array<{ owedFen: string }>) => String(rows.reduce((s, r) => s + BigInt(r.owedFen), 0n));

/**
 * 首期交存 and 补交 (165号令 arts 7, 12–13), the developer's deposit for its unsold units, 增值收益 (art 26) and
 * the yearly 分户账 statement (art 28). The bureau records what the bank receipts show; each receipt and each
 * period books once, under the estate's fund lock.
 */
@Injectable()
export class FundDepositsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly estates: EstatesService,
  ) {}

  private async rate(jurisdictionPath: string): Promise<FirstDepositRate> {
    const policy = await localityPolicy(this.dataSource, jurisdictionPath);
    return policy.maintenanceFund.firstDeposit ?? FIRST_DEPOSIT_PLACEHOLDER;
  }

  /** Every unit's first deposit against the policy amount, and the estate's totals owed. */
  async deposits(principal: Principal, estateId: string) {
    const estate = await this.estates.findVisible(principal, estateId);
    const rate = await this.rate(estate.jurisdictionPath);
    const units = (await unitDeposits(this.dataSource, estateId)).map((u) => statusOf(u, rate));
    return { estateId, rate, units, owedFen: sumFen(units), unitsOwing: units.filter((u) => u.owedFen !== '0').length };
  }

  /**
   * 首期交存 or 补交 of one unit by bank receipt: the owner's for a delivered unit, the developer's for an unsold
   * one. The same receipt again books nothing; a receipt number already used otherwise is 409.
   */
  async deposit(principal: Principal, estateId: string, body: FundDepositRequest) {
    const estate = await this.estates.findVisible(principal, estateId);
    const rate = await this.rate(estate.jurisdictionPath);
    return this.dataSource.transaction(async (m) => {
      await lockEstateFund(m, estateId);
      const [unit] = await unitDeposits(m, estateId, [body.unitId]);
      if (!unit) throw notFound('UNIT_NOT_FOUND', '该小区没有这个房屋');
      const existing = await findDepositReceipt(m, estateId, body.receiptNo);
      if (existing) {
        if (existing.unitId !== body.unitId || existing.amountFen !== String(body.amountFen))
          throw new ApiError(409, 'RECEIPT_ALREADY_RECORDED', `银行凭证号 ${body.receiptNo} 已登记为另一笔交存`);
        return { receiptNo: body.receiptNo, booked: false, unit: statusOf(unit, rate) };
      }
      const owed = firstDepositOwedFen(unit.area, Number(unit.firstDepositFen), rate);
      if (body.amountFen > owed)
        throw new ApiError(
          422,
          'DEPOSIT_EXCEEDS_OWED',
          owed === 0 ? '该房屋首期维修资金已交足' : `交存金额超过该房屋尚应交存的 ${owed} 分`,
        );
      const topUp = unit.firstDepositFen !== '0';
      const receipt: DepositReceipt = {
        estateId,
        receiptNo: body.receiptNo,
        payer: unit.delivered ? 'owner' : 'developer',
        unitId: unit.unitId,
        amountFen: body.amountFen,
        recordedBy: principal.userId,
      };
      await bookDeposits(m, receipt, [
        depositEntry(estateId, body.receiptNo, unit.unitId, body.amountFen, topUp ? '补交首期维修资金' : '首期交存'),
      ]);
      const [after] = await unitDeposits(m, estateId, [body.unitId]);
      return { receiptNo: body.receiptNo, booked: true, unit: statusOf(after, rate) };
    });
  }

  /** What the developer owes for its unsold (undelivered) units: the demand the bureau sends it. */
  async developerDemand(principal: Principal, estateId: string) {
    const estate = await this.estates.findVisible(principal, estateId);
    const rate = await this.rate(estate.jurisdictionPath);
    const units = (await unitDeposits(this.dataSource, estateId))
      .filter((u) => !u.delivered)
      .map((u) => statusOf(u, rate))
      .filter((u) => u.owedFen !== '0');
    return { estateId, developerOrganisationId: estate.developerId, units, owedFen: sumFen(units) };
  }

  /**
   * Sends the demand to the developer (in-app, to its organisation): what it owes for each unsold unit. Once a
   * day per amount owed, so a repeated click sends nothing new.
   */
  async sendDeveloperDemand(principal: Principal, estateId: string) {
    const demand = await this.developerDemand(principal, estateId);
    if (!demand.developerOrganisationId)
      throw new ApiError(422, 'NO_DEVELOPER', '该小区没有登记开发建设单位，无法发出交存通知');
    if (demand.owedFen === '0') throw new ApiError(422, 'NOTHING_OWED', '开发建设单位未售房屋的首期维修资金已交足');
    const estate = await this.estates.findVisible(principal, estateId);
    const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    await enqueueNotification(
      this.dataSource,
      {
        dedupKey: `fund-developer-demand:${estateId}:${day}:${demand.owedFen}`,
        recipientRole: 'developer',
        recipientOrganisationId: demand.developerOrganisationId,
        title: `${estate.name}：请交存未售房屋首期维修资金`,
        body:
          `未售房屋 ${demand.units.length} 套尚应交存首期住宅专项维修资金共 ${formatFen(Number(demand.owedFen))}：` +
          demand.units.map((u) => `${u.building}${u.roomNo} ${formatFen(Number(u.owedFen))}`).join('；') +
          '。未交存首期维修资金的房屋不得交付（《住宅专项维修资金管理办法》第十三条）。',
      },
      null,
    );
    return demand;
  }

  /**
   * The developer's payment for its unsold units, spread over the units it owes for in room order (the last
   * one may stay partly owed). More than it owes is 422; the same receipt again books nothing.
   */
  async developerPayment(principal: Principal, estateId: string, body: DeveloperPaymentRequest) {
    const estate = await this.estates.findVisible(principal, estateId);
    const rate = await this.rate(estate.jurisdictionPath);
    return this.dataSource.transaction(async (m) => {
      await lockEstateFund(m, estateId);
      const existing = await findDepositReceipt(m, estateId, body.receiptNo);
      if (existing) {
        if (existing.payer !== 'developer' || existing.unitId !== null || existing.amountFen !== String(body.amountFen))
          throw new ApiError(409, 'RECEIPT_ALREADY_RECORDED', `银行凭证号 ${body.receiptNo} 已登记为另一笔交存`);
        return { receiptNo: body.receiptNo, booked: false, units: [] };
      }
      const owing = (await unitDeposits(m, estateId))
        .filter((u) => !u.delivered)
        .map((u) => ({ unit: u, owed: firstDepositOwedFen(u.area, Number(u.firstDepositFen), rate) }))
        .filter((u) => u.owed > 0);
      const total = owing.reduce((s, u) => s + u.owed, 0);
      if (body.amountFen > total)
        throw new ApiError(
          422,
          'DEPOSIT_EXCEEDS_OWED',
          total === 0 ? '开发建设单位未售房屋的首期维修资金已交足' : `交存金额超过开发建设单位尚应交存的 ${total} 分`,
        );
      let left = body.amountFen;
      const entries: JournalEntry[] = [];
      for (const { unit, owed } of owing) {
        if (left === 0) break;
        const amount = Math.min(owed, left);
        left -= amount;
        entries.push(depositEntry(estateId, body.receiptNo, unit.unitId, amount, '开发建设单位交存（未售房屋）'));
      }
      await bookDeposits(
        m,
        {
          estateId,
          receiptNo: body.receiptNo,
          payer: 'developer',
          unitId: null,
          amountFen: body.amountFen,
          recordedBy: principal.userId,
        },
        entries,
      );
      return {
        receiptNo: body.receiptNo,
        booked: true,
        units: entries.map((e) => ({ unitId: e.unitId!, amountFen: String(e.amountFen) })),
      };
    });
  }

  /**
   * 增值收益 of one period, shared over the unit accounts by balance (allocateYield). The same period and amount
   * again books nothing; a period already recorded with another amount is 409.
   */
  async recordYield(principal: Principal, estateId: string, body: FundYieldRequest) {
    await this.estates.findVisible(principal, estateId);
    return this.dataSource.transaction(async (m) => {
      await lockEstateFund(m, estateId);
      const existing = await findYieldPeriod(m, estateId, body.period);
      if (existing) {
        if (existing.amountFen !== String(body.amountFen))
          throw new ApiError(
            409,
            'YIELD_PERIOD_RECORDED',
            `${body.period} 期的增值收益已登记（${existing.amountFen} 分）`,
          );
        return { period: body.period, booked: false, accounts: existing.accounts };
      }
      const balances = await accountBalances(m, estateId);
      if (!balances.some((b) => BigInt(b.balanceFen) > 0n))
        throw new ApiError(422, 'NO_ACCOUNT_BALANCE', '该小区没有余额为正的分户账，无法分配增值收益');
      const entries: JournalEntry[] = allocateYield(body.amountFen, balances).map((share) => ({
        idempotencyKey: `yield:${estateId}:${body.period}:${share.unitId}`,
        workflowId: registerOf(estateId),
        estateId,
        kind: 'interest',
        debit: FUND_ACCOUNTS.bank,
        credit: FUND_ACCOUNTS.unit(share.unitId),
        amountFen: share.amountFen,
        unitId: share.unitId,
        memo: `${body.period} 增值收益`,
      }));
      await bookYield(
        m,
        { estateId, period: body.period, amountFen: body.amountFen, recordedBy: principal.userId },
        entries,
      );
      return { period: body.period, booked: true, accounts: entries.length };
    });
  }

  /**
   * Tells every owner of the estate that the year's 分户账 statement is ready (165号令 art 28: at least yearly),
   * once per year; answers how many owners it went to.
   */
  async announceStatements(principal: Principal, estateId: string, year: number) {
    const estate = await this.estates.findVisible(principal, estateId);
    const totals = await fundYear(this.dataSource, estateId, null, year);
    const owners = await enqueueNoticeToOwners(
      this.dataSource,
      { estateId },
      {
        dedupPrefix: `fund-statement:${estateId}:${year}`,
        title: `${estate.name} ${year}年度维修资金分户账对账单`,
        body:
          `${year}年度全小区交存 ${formatFen(Number(totals.depositedFen))}、使用 ${formatFen(Number(totals.usedFen))}、` +
          `增值收益 ${formatFen(Number(totals.yieldFen))}，年末结存 ${formatFen(Number(totals.closingFen))}。` +
          '您房屋的分户账对账单可在维修资金页查看，如有异议可申请复核。',
      },
      registerOf(estateId),
    );
    return { year, owners, estate: totals };
  }

  /**
   * A unit's 分户账 for a year (165号令 art 28 (3)): opening, each entry, closing; with the estate's totals of
   * the year (art 28 (1)). An owner reads only a unit they hold: any other is 404, as if it did not exist.
   */
  async statement(principal: Principal, estateId: string, unitId: string, year: number) {
    await this.estates.findVisible(principal, estateId);
    const [unit] = await unitDeposits(this.dataSource, estateId, [unitId]);
    const mine =
      principal.role !== 'owner' ||
      (!!principal.ownerId && (await ownerHoldsUnit(this.dataSource, principal.ownerId, unitId)));
    if (!unit || !mine) throw notFound('UNIT_NOT_FOUND', '房屋不存在或不是您的房屋');
    const [account, entries, estateTotals] = await Promise.all([
      fundYear(this.dataSource, estateId, unitId, year),
      unitYearEntries(this.dataSource, unitId, year),
      fundYear(this.dataSource, estateId, null, year),
    ]);
    return {
      unitId,
      building: unit.building,
      roomNo: unit.roomNo,
      area: unit.area,
      year,
      firstDepositFen: unit.firstDepositFen,
      ...account,
      entries,
      estate: estateTotals,
    };
  }
}

/** One receipt's deposit into a unit account, keyed by the receipt and the unit. */
function depositEntry(
  estateId: string,
  receiptNo: string,
  unitId: string,
  amountFen: number,
  memo: string,
): JournalEntry {
  return {
    idempotencyKey: `deposit:${estateId}:${receiptNo}:${unitId}`,
    workflowId: registerOf(estateId),
    estateId,
    kind: 'deposit',
    debit: FUND_ACCOUNTS.bank,
    credit: FUND_ACCOUNTS.unit(unitId),
    amountFen,
    unitId,
    memo: `${memo}（凭证 ${receiptNo}）`,
  };
}
