import { confirmationProblems, exitWarrant, handoverListProblems } from '../../libs/domain/src/firm-exit';
import { EXIT_HANDOVER_LIST } from '../support/firm-exit-fixtures';

describe('清退 rules', () => {
  it('is warranted by M failed months in a row, or by a serious event stated in a sentence', () => {
    expect(exitWarrant(6, 6, null)).toEqual({ ground: { kind: 'failed_months', months: 6 } });
    expect(exitWarrant(6, 7, '  ')).toEqual({ ground: { kind: 'failed_months', months: 7 } });
    expect(exitWarrant(6, 0, ' 电梯困人致伤且拒不整改 ')).toEqual({
      ground: { kind: 'serious_event', reason: '电梯困人致伤且拒不整改' },
    });
    expect(exitWarrant(6, 5, undefined)).toEqual({
      refused: '该企业在本小区精细化考评连续不达标 5 个月，未达到启动清退的 6 个月，也未说明发生严重事件',
    });
    expect(exitWarrant(6, 2, '火灾')).toEqual({
      refused: '该企业在本小区精细化考评连续不达标 2 个月，未达到启动清退的 6 个月；严重事件请写明经过（至少4个字）',
    });
  });

  it('takes a list naming 资料 and 物业服务用房, funds in whole fen', () => {
    expect(handoverListProblems(EXIT_HANDOVER_LIST)).toEqual([]);
    expect(handoverListProblems([])).toEqual(['请逐项列明移交的资料、资金、钥匙设施和物业服务用房']);
    expect(
      handoverListProblems([
        { kind: 'funds', description: '预收物业费', amountFen: 12.5 },
        { kind: 'keys', description: '钥匙' },
        { kind: 'keys_facilities', description: '钥', quantity: 0 },
      ]),
    ).toEqual([
      '第 1 项请写明移交金额（分，非负整数）',
      '第 2 项类别不明',
      '第 3 项请写明内容',
      '第 3 项数量应为正整数',
      '移交清单须包括物业服务所必需的相关资料',
      '移交清单须包括物业服务用房',
    ]);
  });

  it('takes each item decided once, a returned one with its reason', () => {
    expect(
      confirmationProblems(2, [
        { itemNo: 1, accepted: true },
        { itemNo: 2, accepted: false, reason: '缺钥匙' },
      ]),
    ).toEqual([]);
    expect(
      confirmationProblems(3, [
        { itemNo: 1, accepted: true },
        { itemNo: 1, accepted: true },
        { itemNo: 2, accepted: false },
        { itemNo: 9, accepted: true },
      ]),
    ).toEqual(['第 1 项确认了两次', '第 2 项退回须写明理由', '没有第 9 项', '第 3 项未确认']);
    expect(confirmationProblems(1, 'all')).toEqual(['请逐项确认或退回']);
  });
});
