import { occupancyRate, surveyProblems } from '../../libs/domain/src/estate-survey';
import { completeSurvey } from '../support/fixtures';

describe('小区摸底表 completeness', () => {
  it('accepts a complete survey, including one with no facility problems', () => {
    expect(surveyProblems(completeSurvey())).toEqual([]);
    expect(surveyProblems(completeSurvey({ facilityProblems: [] }))).toEqual([]);
  });

  it('lists every missing item in zh-CN', () => {
    expect(surveyProblems(null)).toEqual(['摸底表内容缺失']);
    expect(surveyProblems({})).toHaveLength(12);
  });

  it('checks the figures against each other', () => {
    expect(surveyProblems(completeSurvey({ occupiedHouseholds: 1300 }))).toEqual(['入住户数不能大于总户数']);
    expect(surveyProblems(completeSurvey({ feeCollectionRate: 100.5 }))).toEqual([
      '物业费缴费率须为 0–100 之间的百分数（最多一位小数）',
    ]);
    expect(surveyProblems(completeSurvey({ feeCollectionRate: 88.25 }))).toEqual([
      '物业费缴费率须为 0–100 之间的百分数（最多一位小数）',
    ]);
  });

  it('requires the term of an existing committee and the name of a serving firm', () => {
    expect(surveyProblems(completeSurvey({ ownersCommittee: { exists: true } }))).toEqual([
      '已成立业委会的，须填写任期届满日期',
    ]);
    expect(surveyProblems(completeSurvey({ propertyService: { mode: 'firm', firmName: ' ' } }))).toEqual([
      '由物业服务企业管理的，须填写企业名称',
    ]);
  });

  it('only knows the ten problem categories of the 10件实事 list', () => {
    const survey = completeSurvey({
      facilityProblems: [
        { category: 'noise' as never, description: '广场舞' },
        { category: 'road', description: '' },
      ],
    });
    expect(surveyProblems(survey)).toEqual(['设施问题第1项的分类不在“10件实事”清单内', '设施问题第2项缺少具体情况']);
  });

  it('derives the occupancy rate to one decimal', () => {
    expect(occupancyRate({ householdCount: 1200, occupiedHouseholds: 1011 })).toBe(84.3);
  });
});
