import { absentParticipants, participantProblems, planProblems } from '../../libs/domain/src/handover';
import { NATIONAL_DEFAULT_POLICY, policyFor } from '../../libs/domain/src/policy';

/** seed 004 §11: 漳平's 承接查验 has the 村（居）民委员会, owner representatives and the association or a professional body. */
describe('承接查验 participants', () => {
  const zhangping = policyFor('/35/350800/350881/').handover.requiredParticipants;
  const plan = { siteInspectionDate: '2026-07-07', unitDeliveryDate: '2026-07-22', scope: '共用部位及设施设备' };
  const invited = [
    { kind: 'residents_committee' as const, names: ['（合成）西园社区居委会'] },
    { kind: 'owner_representatives' as const, names: ['陈志明'] },
    { kind: 'association_or_professional_body' as const, names: ['漳平市物业管理行业协会'] },
  ];

  it('requires no one nationally and all three in 漳平', () => {
    expect(NATIONAL_DEFAULT_POLICY.handover.requiredParticipants).toEqual([]);
    expect(zhangping).toEqual(['residents_committee', 'owner_representatives', 'association_or_professional_body']);
    expect(planProblems(plan, '2026-06-17', 20, 15)).toEqual([]);
    expect(planProblems({ ...plan, invitedParticipants: invited }, '2026-06-17', 20, 15, zhangping)).toEqual([]);
  });

  it('refuses a 漳平 plan that invites no 村（居）民委员会, naming it, alongside its date problems', () => {
    expect(
      planProblems(
        { ...plan, unitDeliveryDate: '2026-07-21', invitedParticipants: invited.slice(1) },
        '2026-06-17',
        20,
        15,
        zhangping,
      ),
    ).toEqual([
      '本地规定建设单位须邀请村（居）民委员会参与承接查验，请写明其名称',
      '交付日期过近：承接查验协议须在交付业主 15 日前签订，而协议在现场查验之后才能签订',
    ]);
  });

  it('names the field of a malformed list and the kinds a record leaves out', () => {
    expect(participantProblems(undefined, 'record.attendees')).toEqual([]);
    expect(participantProblems('王秀英', 'record.attendees')).toEqual(['record.attendees：须为数组']);
    expect(
      participantProblems(
        [
          { kind: 'residents_committee', names: [] },
          { kind: 'residents_committee', names: ['王秀英'] },
          { kind: 'notary', names: ['公证处'] },
        ],
        'record.attendees',
      ),
    ).toEqual([
      'record.attendees：参与方类别应为 residents_committee/owner_representatives/association_or_professional_body',
      'record.attendees：同一类参与方只列一次',
      'record.attendees：每类参与方列 1–10 个名称，每个 2–60 个字',
    ]);
    expect(absentParticipants(zhangping, invited.slice(1))).toEqual(['residents_committee']);
    expect(absentParticipants(zhangping, undefined)).toEqual(zhangping);
  });
});
