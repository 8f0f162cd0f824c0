import {
  DEFAULT_DISPUTE_POLICY,
  disputeFigures,
  DISPUTE_TYPES,
  JUDICIAL_CONFIRMATION_PERIOD,
  mayMoveUp,
  moveUpProblems,
  moveUpRefusal,
  outcomeProblems,
  partiesProblems,
} from '../../libs/domain/src/disputes';
import { NATIONAL_DEFAULT_POLICY, policyFor } from '../../libs/domain/src/policy';

describe('物业矛盾纠纷 调解 rules', () => {
  const { levels } = DEFAULT_DISPUTE_POLICY;
  const failed = { success: false, reason: '双方对欠费金额分歧较大' };

  it('keeps the ladder as locality policy, 漳平 with its five levels, and 司法确认 at 30 days', () => {
    expect(NATIONAL_DEFAULT_POLICY.disputes).toBe(DEFAULT_DISPUTE_POLICY);
    expect(policyFor('/35/350800/350881/').disputes.levels.map((l) => l.label)).toEqual([
      '小区（业主委员会、临时物业管理委员会）',
      '社区',
      '乡镇（街道）基层调解',
      '市级行业调解',
      '人民法院登记立案',
    ]);
    expect(levels.filter((l) => l.court).map((l) => l.code)).toEqual(['court']);
    expect(levels.every((l) => l.timeBox.unit !== 'seconds')).toBe(true);
    expect(JUDICIAL_CONFIRMATION_PERIOD).toEqual({ days: 30, unit: 'calendar' });
    expect(Object.values(DISPUTE_TYPES)).toEqual([
      '物业费',
      '服务质量',
      '共有部分',
      '公共收益',
      '维修资金',
      '装修',
      '相邻关系',
      '承接查验',
    ]);
  });

  it('moves up one level only after a failed mediation with its reason, and with a reason of its own', () => {
    expect(mayMoveUp(levels, 0, failed, 'community', '小区调解未果，申请社区调解')).toBe(true);
    expect(moveUpProblems(levels, 0, null, 'community', '申请社区调解')).toEqual([
      '小区（业主委员会、临时物业管理委员会）调解尚未登记结果，应调尽调，不能上移',
    ]);
    expect(moveUpProblems(levels, 0, { success: true, reason: null }, 'community', '申请社区调解')).toEqual([
      '小区（业主委员会、临时物业管理委员会）调解已达成协议，不能上移',
    ]);
    expect(moveUpProblems(levels, 1, failed, 'street', '  ')).toEqual(['上移须写明理由（调解优先、应调尽调）']);
    expect(moveUpProblems(levels, 0, failed, 'street', '直接到街道')).toEqual(['不能越级：下一级应为社区']);
    expect(moveUpProblems(levels, 1, failed, 'estate', '回到小区')).toEqual([
      '不能回到小区（业主委员会、临时物业管理委员会）',
    ]);
    expect(moveUpProblems(levels, 1, failed, 'tribunal', '申请仲裁调解')).toEqual([
      '调解层级“tribunal”不在本地调解层级内',
    ]);
    expect(moveUpProblems(levels, 4, failed, 'court', '再上移')).toEqual(['人民法院登记立案已是最后一级，不能再上移']);
  });

  it('names a refused move up: a skipped level, or one not justified by a failure and a reason', () => {
    expect(moveUpRefusal(levels, 0, failed, 'street', '直接到街道')?.code).toBe('MEDIATION_LEVEL_SKIPPED');
    expect(moveUpRefusal(levels, 0, null, 'community', '')).toEqual({
      code: 'MOVE_UP_NOT_JUSTIFIED',
      problems: [
        '小区（业主委员会、临时物业管理委员会）调解尚未登记结果，应调尽调，不能上移',
        '上移须写明理由（调解优先、应调尽调）',
      ],
    });
    expect(moveUpRefusal(levels, 0, failed, 'community', '申请社区调解')).toBeNull();
  });

  it('records 调解成功 only with the agreement, every party signed and a performance date', () => {
    const parties = ['a', 'b'];
    const ok = { success: true, agreementDocumentId: 'd', signedPartyIds: ['b', 'a'], performanceDueOn: '2026-12-31' };
    expect(outcomeProblems(ok, parties, '2026-12-01')).toEqual([]);
    expect(outcomeProblems({ ...ok, agreementDocumentId: null, signedPartyIds: ['a'] }, parties, '2026-12-01')).toEqual(
      ['调解成功须上传调解协议书', '调解协议须各方当事人签名（尚有 1 方未签名）'],
    );
    expect(outcomeProblems({ ...ok, signedPartyIds: ['a', 'b', 'x'] }, parties, '2026-12-01')).toEqual([
      '签名的当事人不是本纠纷的当事人',
    ]);
    expect(outcomeProblems({ ...ok, performanceDueOn: '2026-11-30' }, parties, '2026-12-01')).toEqual([
      '协议履行期限不能早于今天',
    ]);
    expect(outcomeProblems({ success: false, reason: '' }, parties, '2026-12-01')).toEqual(['调解未成功须写明原因']);
    expect(outcomeProblems(failed, parties, '2026-12-01')).toEqual([]);
  });

  it('opens a dispute between at least two parties, owners by their registry id', () => {
    expect(partiesProblems([{ role: 'owner', ownerId: 'o' }, { role: 'property_firm' }])).toEqual([]);
    expect(partiesProblems([{ role: 'owner' }])).toEqual(['纠纷须至少有两方当事人', '业主当事人须为登记的业主']);
  });

  it('counts by type and level reached, 大事不出社区 and the days to resolution', () => {
    const openedAt = new Date('2026-12-01T00:00:00Z');
    const later = (days: number) => new Date(openedAt.getTime() + days * 86_400_000);
    const figures = disputeFigures(
      [
        {
          type: 'property_fee',
          levelReached: 'community',
          state: 'resolved',
          resolvedLevel: 'community',
          openedAt,
          resolvedAt: later(4),
        },
        {
          type: 'property_fee',
          levelReached: 'street',
          state: 'resolved',
          resolvedLevel: 'street',
          openedAt,
          resolvedAt: later(10),
        },
        {
          type: 'renovation',
          levelReached: 'estate',
          state: 'mediating',
          resolvedLevel: null,
          openedAt,
          resolvedAt: null,
        },
      ],
      DEFAULT_DISPUTE_POLICY,
    );
    expect(figures).toMatchObject({
      opened: 3,
      byType: { property_fee: 2, renovation: 1, neighbours: 0 },
      byLevelReached: { estate: 1, community: 1, street: 1, court: 0 },
      resolved: 2,
      resolvedInCommunity: 1,
      resolvedInCommunityPercent: 33.3,
      averageDaysToResolution: 7,
    });
    expect(disputeFigures([], DEFAULT_DISPUTE_POLICY)).toMatchObject({ resolvedInCommunityPercent: null });
  });
});
