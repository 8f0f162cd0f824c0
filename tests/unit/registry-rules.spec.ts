import fc from 'fast-check';
import { areaToHundredths, hundredthsToArea, isAreaString, sumAreas } from '../../libs/domain/src/area';
import { estateClassesOf } from '../../libs/domain/src/estate-classes';
import { childPath, isWithin, supervisingLevel } from '../../libs/domain/src/jurisdiction';
import { maskIdNumber, maskName, maskNumbersInText, maskPhone } from '../../libs/domain/src/personal-data';
import { NATIONAL_DEFAULT_POLICY, policyFor } from '../../libs/domain/src/policy';

describe('areas are exact decimals of at most two places', () => {
  it('accepts register-style areas and refuses anything else', () => {
    expect(['0', '89.5', '89.37', '1234567890.01'].every(isAreaString)).toBe(true);
    expect(['', '-1', '01.00', '89.375', '1e3', ' 89', '89.'].some(isAreaString)).toBe(false);
    expect(() => areaToHundredths('89.375')).toThrow('面积格式不正确');
  });

  it('sums without floating-point drift', () => {
    expect(sumAreas(['0.10', '0.20'])).toBe('0.30');
    expect(sumAreas(['89.37', '101.5', '76'])).toBe('266.87');
  });

  it('round-trips any area', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 999_999_999_99n }),
        (hundredths) => areaToHundredths(hundredthsToArea(hundredths)) === hundredths,
      ),
    );
  });
});

describe('jurisdiction tree', () => {
  it('scopes by path prefix', () => {
    const town = childPath(childPath(childPath('/', '35'), '350500'), '350504102');
    expect(town).toBe('/35/350500/350504102/');
    expect(isWithin(childPath(town, '350504102201'), town)).toBe(true);
    expect(isWithin('/35/350500/350582002/', town)).toBe(false);
  });

  it('escalates community → street → district → city', () => {
    expect(supervisingLevel('community')).toBe('street');
    expect(supervisingLevel('street')).toBe('district');
    expect(supervisingLevel('district')).toBe('city');
    expect(supervisingLevel('province')).toBeNull();
  });
});

describe('locality policy', () => {
  it('falls back to the national defaults', () => {
    expect(policyFor('/35/350800/350881/350881001/350881001001/').ownersVote).toEqual(
      NATIONAL_DEFAULT_POLICY.ownersVote,
    );
    expect(policyFor('/35/360100/')).toEqual(NATIONAL_DEFAULT_POLICY);
  });

  it('lets 梅岭街道 grade its estates 整顿/提质/示范 while keeping the other defaults', () => {
    const policy = policyFor('/35/350500/350582/350582002/350582002001/');
    expect(estateClassesOf(policy.estateSurvey.classScheme)).toEqual(['rectify', 'upgrade', 'demonstration']);
    expect(policy.estateSurvey.submissionPeriod).toEqual(NATIONAL_DEFAULT_POLICY.estateSurvey.submissionPeriod);
  });

  it('applies a jurisdiction’s registered overrides after its code’s own, deeper codes last', () => {
    const policy = policyFor('/35/350500/350582/350582002/350582002001/', {
      '350582002': { estateSurvey: { submissionPeriod: { days: 3, unit: 'working' } } },
      '350582002001': { estateSurvey: { submissionPeriod: { seconds: 30, unit: 'seconds' } } },
    });
    expect(policy.estateSurvey).toEqual({
      ...NATIONAL_DEFAULT_POLICY.estateSurvey,
      classScheme: 'rectify-upgrade-demonstration',
      submissionPeriod: { seconds: 30, unit: 'seconds' },
    });
  });
});

describe('personal data masks', () => {
  it('keeps just enough to recognise a record', () => {
    expect(maskName('林聪成')).toBe('林**');
    expect(maskName('欧阳')).toBe('欧*');
    expect(maskIdNumber('350504199001011234')).toBe('350504********1234');
    expect(maskPhone('13905951234')).toBe('139****1234');
    expect(maskPhone(null)).toBeNull();
  });

  it('masks ID-card and mobile numbers inside free text, and leaves other numbers alone', () => {
    expect(maskNumbersInText('请联系13905951234或 35050419900101123X，编号 2026120100001234')).toBe(
      '请联系139****1234或 350504********123X，编号 2026120100001234',
    );
    expect(maskNumbersInText('订单 1390595123456')).toBe('订单 1390595123456');
  });
});
