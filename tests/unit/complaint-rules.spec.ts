import {
  afterRating,
  complaintFigures,
  consultationProblems,
  DEFAULT_COMPLAINT_POLICY,
  intakeProblems,
  reviewerOf,
  sameDayDeadline,
} from '../../libs/domain/src/complaints';
import { periodDeadline, workCalendarOf } from '../../libs/domain/src/calendar';
import { NATIONAL_DEFAULT_POLICY, policyFor } from '../../libs/domain/src/policy';

describe('投诉信访 rules', () => {
  const policy = DEFAULT_COMPLAINT_POLICY;

  it('are locality policy, with the seeds and 信访工作条例 as the defaults', () => {
    expect(NATIONAL_DEFAULT_POLICY.complaints).toBe(policy);
    expect(policyFor('/35/350500/350582/350582002/').complaints.maxReopens).toBe(1);
    expect(policy.petition).toEqual({
      acceptancePeriod: { days: 15, unit: 'calendar' },
      handlingPeriod: { days: 60, unit: 'calendar' },
      extensionPeriod: { days: 30, unit: 'calendar' },
      reviewRequestPeriod: { days: 30, unit: 'calendar' },
      reviewDecisionPeriod: { days: 30, unit: 'calendar' },
    });
    expect(policy.categories.map((c) => c.label)).toEqual(
      expect.arrayContaining(['物业费', '公共收益', '装修', '噪音']),
    );
    expect(policy.categories.length).toBeGreaterThanOrEqual(14);
  });

  it('closes a simple matter by the end of the same Beijing calendar day, a Sunday included', () => {
    // 2026-12-06 is a Sunday; 23:30 Beijing is 15:30 UTC.
    const sunday = new Date('2026-12-06T15:30:00Z');
    expect(sameDayDeadline(sunday, policy.simpleHandlingPeriod).toISOString()).toBe('2026-12-06T15:59:59.999Z');
    // 00:10 Beijing on Monday is still Sunday in UTC: the Beijing day counts.
    const monday = new Date('2026-12-06T16:10:00Z');
    expect(sameDayDeadline(monday, policy.simpleHandlingPeriod).toISOString()).toBe('2026-12-07T15:59:59.999Z');
    expect(sameDayDeadline(monday, { days: 1, unit: 'calendar' }).toISOString()).toBe('2026-12-08T15:59:59.999Z');
    expect(sameDayDeadline(monday, { seconds: 30, unit: 'seconds' }).toISOString()).toBe('2026-12-06T16:10:30.000Z');
  });

  it('counts a 12345 tier in working days on the registered calendar', () => {
    // 2026-09-30 (Wednesday) before the National Day holiday; 10-10 (Saturday) worked in lieu.
    const calendar = workCalendarOf([
      {
        year: 2026,
        restDays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'].map((date) => ({
          date,
          name: '国庆节',
        })),
        workDays: [{ date: '2026-10-10', name: '国庆节调休' }],
      },
    ]);
    const due = periodDeadline(new Date('2026-09-30T02:00:00Z'), policy.hotlineTierPeriods.enquiry, calendar);
    expect(due).toEqual({ value: new Date('2026-10-09T15:59:59.999Z'), provisional: false });
  });

  it('reopens 不满意 once, then escalates; 满意 and 基本满意 close', () => {
    expect(afterRating('satisfied', 0, 1)).toBe('close');
    expect(afterRating('basically_satisfied', 1, 1)).toBe('close');
    expect(afterRating('dissatisfied', 0, 1)).toBe('reopen');
    expect(afterRating('dissatisfied', 1, 1)).toBe('escalate');
    expect(afterRating('dissatisfied', 0, 0)).toBe('escalate');
  });

  it('has the community review a firm and the street office everyone else', () => {
    expect(reviewerOf('property_firm')).toBe('community');
    expect(reviewerOf('developer')).toBe('street_office');
    expect(reviewerOf('owners_committee')).toBe('street_office');
    expect(reviewerOf('department')).toBe('street_office');
  });

  it('checks an intake and a 会商 record', () => {
    const intake = {
      channel: 'console' as const,
      category: 'noise',
      summary: '夜间施工噪音',
      respondentKind: 'property_firm' as const,
    };
    expect(intakeProblems(intake, policy.categories)).toEqual([]);
    expect(intakeProblems({ ...intake, category: 'weather' }, policy.categories)).toEqual([
      '类别“weather”不在本地投诉类别清单内',
    ]);
    expect(intakeProblems({ ...intake, channel: 'hotline_12345' }, policy.categories)).toHaveLength(2);
    expect(intakeProblems({ ...intake, externalOrderNo: 'A1' }, policy.categories)).toEqual([
      '只有12345工单有工单编号和工单类型',
    ]);
    expect(consultationProblems(['街道', '社区'], '限期修复电梯')).toEqual([]);
    expect(consultationProblems(['街道'], '')).toHaveLength(2);
  });

  it('reports the −15% target against the same month last year', () => {
    const counts = {
      received: 17,
      closed: 16,
      closedOnTime: 15,
      closedAtCommunity: 12,
      rated: 16,
      satisfiedOrBasically: 15,
      receivedSamePeriodLastYear: 20,
    };
    expect(complaintFigures(counts, 15)).toMatchObject({
      onTimeRatePercent: 88.2,
      closedAtCommunityPercent: 75,
      satisfactionPercent: 93.8,
      changeOnLastYearPercent: -15,
      reductionTargetMet: true,
    });
    expect(complaintFigures({ ...counts, received: 18 }, 15)).toMatchObject({
      changeOnLastYearPercent: -10,
      reductionTargetMet: false,
    });
    expect(complaintFigures({ ...counts, receivedSamePeriodLastYear: 0 }, 15)).toMatchObject({
      changeOnLastYearPercent: null,
      reductionTargetMet: null,
    });
  });
});
