import { occupancyRate, surveyProblems } from '../../libs/domain/src/estate-survey';
import { policyFor } from '../../libs/domain/src/policy';
import { DEFAULT_PROBLEM_CATEGORIES } from '../../libs/domain/src/problems';
import { completeSurvey } from '../support/fixtures';

const MAJIA = policyFor('/35/350500/350504/350504102/').problems.categories;
const MEILING = policyFor('/35/350500/350582/350582002/').problems.categories;

describe('小区摸底表 completeness', () => {
  it('accepts a complete survey, including one with no facility problems', () => {
    expect(surveyProblems(completeSurvey(), MAJIA)).toEqual([]);
    expect(surveyProblems(completeSurvey({ facilityProblems: [] }), MAJIA)).toEqual([]);
  });

  it('lists every missing item in zh-CN', () => {
    expect(surveyProblems(null, MAJIA)).toEqual(['摸底表内容缺失']);
    expect(surveyProblems({}, MAJIA)).toHaveLength(14);
  });

  it('checks the figures against each other', () => {
    expect(surveyProblems(completeSurvey({ occupiedHouseholds: 1300 }), MAJIA)).toEqual(['入住户数不能大于总户数']);
    expect(surveyProblems(completeSurvey({ feeCollectionRate: 100.5 }), MAJIA)).toEqual([
      '物业费缴费率须为 0–100 之间的百分数（最多一位小数）',
    ]);
    expect(surveyProblems(completeSurvey({ feeCollectionRate: 88.25 }), MAJIA)).toEqual([
      '物业费缴费率须为 0–100 之间的百分数（最多一位小数）',
    ]);
  });

  it('requires the term and party members of an existing committee, the name and party members of a firm', () => {
    expect(surveyProblems(completeSurvey({ ownersCommittee: { exists: true } }), MAJIA)).toEqual([
      '已成立业委会的，须填写任期届满日期',
      '已成立业委会的，须填写业委会成员中的党员人数',
    ]);
    expect(
      surveyProblems(
        completeSurvey({ ownersCommittee: { exists: true, termEndsOn: '2027-06-30', partyMemberCount: 3 } }),
        MAJIA,
      ),
    ).toEqual([]);
    expect(surveyProblems(completeSurvey({ propertyService: { mode: 'firm', firmName: ' ' } }), MAJIA)).toEqual([
      '由物业服务企业管理的，须填写企业名称',
      '由物业服务企业管理的，须填写企业员工中的党员人数',
    ]);
    expect(
      surveyProblems(
        completeSurvey({ propertyService: { mode: 'firm', firmName: '泉安物业', firmPartyMemberCount: 0 } }),
        MAJIA,
      ),
    ).toEqual([]);
  });

  it('asks 社情民情 and 挂钩情况 (seed 000 措施1, 附件3)', () => {
    expect(surveyProblems(completeSurvey({ socialConditions: ' 无 ' }), MAJIA)).toEqual([
      '缺少社情民情（居民构成、主要诉求、矛盾纠纷等，至少4个字）',
    ]);
    const liaisonReason =
      '挂钩情况须列出已落实挂钩的岗位（区领导、区直单位、区直科级干部、乡镇科级干部、乡镇干部、社区干部，各列一次；都未落实时填空清单）';
    expect(surveyProblems(completeSurvey({ liaisonPosts: ['mayor' as never] }), MAJIA)).toEqual([liaisonReason]);
    expect(surveyProblems(completeSurvey({ liaisonPosts: ['town_official', 'town_official'] }), MAJIA)).toEqual([
      liaisonReason,
    ]);
    expect(surveyProblems(completeSurvey({ liaisonPosts: [] }), MAJIA)).toEqual([]);
  });

  it('counts the party members by kind (seed 001 (一): 流动党员、机关公职党员、退休党员干部)', () => {
    const party = (membersByKind: unknown) =>
      completeSurvey({
        partyOrganisation: { exists: true, partyMemberCount: 10, membersByKind: membersByKind as never },
      });
    expect(surveyProblems(party({ mobile: 2, public_servant: 3 }), MAJIA)).toEqual([
      '缺少党员分类人数（流动党员、机关公职党员、退休党员干部，没有的填 0）',
    ]);
    expect(surveyProblems(party({ mobile: 11, public_servant: 0, retired_cadre: 10 }), MAJIA)).toEqual([
      '流动党员人数不能大于居住在小区的党员人数',
    ]);
    // A retired cadre may also be a 流动党员: the kinds need not add up to the whole.
    expect(surveyProblems(party({ mobile: 6, public_servant: 0, retired_cadre: 8 }), MAJIA)).toEqual([]);
  });

  it("takes the problem categories from the locality's list: 梅岭's 微实事 (seed 001 (十)) only under 梅岭", () => {
    const survey = completeSurvey({
      facilityProblems: [
        { category: 'pipe_network', description: '2号楼雨污管网破裂' },
        { category: 'road', description: '' },
      ],
    });
    expect(surveyProblems(survey, MEILING)).toEqual(['设施问题第2项缺少具体情况']);
    expect(surveyProblems(survey, MAJIA)).toEqual([
      '设施问题第1项的分类不在本地问题清单分类内',
      '设施问题第2项缺少具体情况',
    ]);
    // 泉州's 燃气管道 (seed 002 §2) holds in both towns of the city; the national default knows the ten only.
    const gas = completeSurvey({ facilityProblems: [{ category: 'gas_pipeline', description: '燃气立管锈蚀' }] });
    expect(surveyProblems(gas, MAJIA)).toEqual([]);
    expect(surveyProblems(gas, MEILING)).toEqual([]);
    expect(surveyProblems(gas, DEFAULT_PROBLEM_CATEGORIES)).toEqual(['设施问题第1项的分类不在本地问题清单分类内']);
  });

  it('derives the occupancy rate to one decimal', () => {
    expect(occupancyRate({ householdCount: 1200, occupiedHouseholds: 1011 })).toBe(84.3);
  });
});
