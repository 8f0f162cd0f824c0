import type { DataSource, EntityManager } from 'typeorm';
import { childPath, type JurisdictionLevel } from '../../../domain/src/jurisdiction';
import type { Role } from '../../../domain/src/roles';
import {
  BuildingEntity,
  EstateEntity,
  EstateLiaisonEntity,
  JurisdictionEntity,
  OrganisationEntity,
  OwnerEntity,
  UnitEntity,
  UserEntity,
  VotingSubjectEntity,
  VotingSubjectOwnerEntity,
  type LiaisonLevel,
  type OrganisationKind,
} from '../entities';
import { FUND_ACCOUNTS, type JournalEntry } from '../../../domain/src/maintenance-fund';
import { bookJournalEntries } from '../fund-journal';
import { seedComplaintHistory } from './complaint-history';
import { seedEnforcementDirectory } from './enforcement-directory';

/**
 * Development and test data. Jurisdictions, estates and 挂钩 officials of 马甲镇 come from seed 000
 * (附件2); everything marked `synthetic` (organisations, logins, buildings, units, owners) is invented.
 * County-level codes are the real ones, and so are 梅岭街道's (350582002) and its 梅山 and 桂山 社区; the other township
 * and village codes are placeholders of the right shape.
 */
const JURISDICTIONS: Array<[code: string, name: string, level: JurisdictionLevel, parent: string | null]> = [
  ['35', '福建省', 'province', null],
  ['350500', '泉州市', 'city', '35'],
  ['350504', '洛江区', 'district', '350500'],
  ['350504102', '马甲镇', 'street', '350504'],
  ['350504102201', '马甲村', 'community', '350504102'],
  ['350504102202', '洋坑村', 'community', '350504102'],
  ['350504102203', '新庵村', 'community', '350504102'],
  ['350582', '晋江市', 'district', '350500'],
  ['350582002', '梅岭街道', 'street', '350582'],
  ['350582002001', '梅山社区', 'community', '350582002'],
  ['350582002002', '桂山社区', 'community', '350582002'],
  // 漳平市 (seed 004): its street and community are placeholders of the right shape.
  ['350800', '龙岩市', 'city', '35'],
  ['350881', '漳平市', 'district', '350800'],
  ['350881001', '菁城街道', 'street', '350881'],
  ['350881001001', '（合成）西园社区', 'community', '350881001'],
];

const ORGANISATIONS: Array<{
  key: string;
  kind: OrganisationKind;
  name: string;
  code: string;
  creditCode?: string;
  departmentKind?: string;
  synthetic?: boolean;
}> = [
  { key: 'majia-town', kind: 'street_office', name: '洛江区马甲镇人民政府', code: '350504102' },
  { key: 'majia-village', kind: 'community', name: '马甲村委会', code: '350504102201' },
  { key: 'yangkeng-village', kind: 'community', name: '洋坑村委会', code: '350504102202' },
  { key: 'xinan-village', kind: 'community', name: '新庵村委会', code: '350504102203' },
  { key: 'luojiang-bureau', kind: 'housing_bureau', name: '洛江区住房和城乡建设局', code: '350504' },
  { key: 'majia-police', kind: 'department', name: '马甲派出所', code: '350504102', departmentKind: 'police' },
  // 资格联审 reviewers besides the police (rules.md §1, 4a).
  { key: 'majia-petition', kind: 'department', name: '马甲镇信访办', code: '350504102', departmentKind: 'petition' },
  {
    key: 'majia-party',
    kind: 'department',
    name: '马甲村党支部',
    code: '350504102201',
    departmentKind: 'community_party',
  },
  // 社区吹哨·部门报到: the enforcement departments of 洛江区 (with 马甲派出所 above) and of 晋江/梅岭, invented.
  ...(
    [
      ['luojiang-urban', '（合成）洛江区城市管理综合执法大队', '350504', 'urban_management'],
      ['luojiang-fire', '（合成）洛江区消防救援大队', '350504', 'fire_rescue'],
      ['luojiang-market', '（合成）洛江区市场监督管理局', '350504', 'market_regulation'],
      ['meiling-urban', '（合成）晋江市城市管理局梅岭执法中队', '350582002', 'urban_management'],
      ['jinjiang-fire', '（合成）晋江市消防救援大队', '350582', 'fire_rescue'],
      ['meiling-police', '（合成）晋江市公安局梅岭派出所', '350582002', 'police'],
      ['meiling-market', '（合成）晋江市市场监督管理局梅岭市场监管所', '350582002', 'market_regulation'],
      // 漳平's 城管局 penalises a developer's late 整改 in 承接查验 (seed 004 §11).
      ['zhangping-urban', '（合成）漳平市城市管理和综合执法局', '350881', 'urban_management'],
    ] as const
  ).map(([key, name, code, departmentKind]) => ({
    key,
    kind: 'department' as const,
    name,
    code,
    departmentKind,
    synthetic: true,
  })),
  { key: 'meiling-street', kind: 'street_office', name: '晋江市梅岭街道办事处', code: '350582002' },
  { key: 'meishan-community', kind: 'community', name: '梅山社区居委会', code: '350582002001' },
  { key: 'guishan-community', kind: 'community', name: '桂山社区居委会', code: '350582002002' },
  { key: 'jinjiang-bureau', kind: 'housing_bureau', name: '晋江市住房和城乡建设局', code: '350582' },
  { key: 'jingcheng-street', kind: 'street_office', name: '漳平市菁城街道办事处', code: '350881001' },
  { key: 'xiyuan-community', kind: 'community', name: '（合成）西园社区居委会', code: '350881001001' },
  { key: 'zhangping-bureau', kind: 'housing_bureau', name: '漳平市住房和城乡建设局', code: '350881' },
  {
    key: 'firm-a',
    kind: 'property_firm',
    name: '（合成）泉安物业服务有限公司',
    code: '350500',
    creditCode: '91350500SYNTH0001A',
  },
  {
    key: 'firm-b',
    kind: 'property_firm',
    name: '（合成）晋兴物业管理有限公司',
    code: '350500',
    creditCode: '91350500SYNTH0002B',
  },
  {
    key: 'developer-a',
    kind: 'developer',
    name: '（合成）洛江置业发展有限公司',
    code: '350500',
    creditCode: '91350500SYNTH0003C',
  },
];

type LiaisonRow = Partial<Record<LiaisonLevel, string>>;

const ESTATES: Array<{
  name: string;
  community: string;
  liaisons: LiaisonRow;
  firm?: string;
  developer?: string;
  delivered?: string;
}> = [
  {
    name: '湖景豪园',
    community: '350504102201',
    liaisons: { district_leader: '张小桥', town_cadre: '刘泉彬', town_staff: '郑少斌', village_cadre: '杜险治' },
    firm: 'firm-a',
    developer: 'developer-a',
    delivered: '2019-06-30',
  },
  {
    name: '洋坑安置房小区',
    community: '350504102202',
    liaisons: { district_leader: '彭朝顺', town_cadre: '林思文', town_staff: '林太平', village_cadre: '李连成' },
    delivered: '2016-12-01',
  },
  {
    name: '锦绣花苑',
    community: '350504102201',
    liaisons: { town_cadre: '纪朝龙', town_staff: '王永池', village_cadre: '苏忠华' },
    firm: 'firm-a',
    delivered: '2018-03-15',
  },
  {
    name: '马甲安置房小区',
    community: '350504102201',
    liaisons: { town_cadre: '纪朝龙', town_staff: '王永池', village_cadre: '苏忠华' },
    delivered: '2015-09-01',
  },
  {
    name: '新庵安置房小区',
    community: '350504102203',
    liaisons: { town_cadre: '李小龙', town_staff: '王邦坦', village_cadre: '吴继专' },
    delivered: '2017-05-20',
  },
  { name: '（合成）梅山花园', community: '350582002001', liaisons: {}, firm: 'firm-b', delivered: '2012-10-01' },
  { name: '（合成）桂山苑', community: '350582002002', liaisons: {}, firm: 'firm-b', delivered: '2021-01-18' },
  { name: '（合成）菁城花园', community: '350881001001', liaisons: {}, delivered: '2014-08-08' },
];

const USERS: Array<{ username: string; displayName: string; role: Role; org?: string; code: string }> = [
  {
    username: 'majia-clerk',
    displayName: '马甲镇物业办经办人',
    role: 'street_office',
    org: 'majia-town',
    code: '350504102',
  },
  {
    username: 'majia-village',
    displayName: '马甲村委会经办人',
    role: 'community',
    org: 'majia-village',
    code: '350504102201',
  },
  {
    username: 'yangkeng-village',
    displayName: '洋坑村委会经办人',
    role: 'community',
    org: 'yangkeng-village',
    code: '350504102202',
  },
  {
    username: 'luojiang-bureau',
    displayName: '洛江区住建局物业科',
    role: 'housing_bureau',
    org: 'luojiang-bureau',
    code: '350504',
  },
  {
    username: 'majia-police',
    displayName: '马甲派出所联审员',
    role: 'department',
    org: 'majia-police',
    code: '350504102',
  },
  {
    username: 'majia-petition',
    displayName: '马甲镇信访办联审员',
    role: 'department',
    org: 'majia-petition',
    code: '350504102',
  },
  {
    username: 'majia-party',
    displayName: '马甲村党支部联审员',
    role: 'department',
    org: 'majia-party',
    code: '350504102201',
  },
  {
    username: 'meiling-clerk',
    displayName: '梅岭街道物业办经办人',
    role: 'street_office',
    org: 'meiling-street',
    code: '350582002',
  },
  {
    username: 'meishan-community',
    displayName: '梅山社区经办人',
    role: 'community',
    org: 'meishan-community',
    code: '350582002001',
  },
  {
    username: 'zhangping-clerk',
    displayName: '菁城街道物业办经办人',
    role: 'street_office',
    org: 'jingcheng-street',
    code: '350881001',
  },
  {
    username: 'zhangping-bureau',
    displayName: '漳平市住建局物业科经办人',
    role: 'housing_bureau',
    org: 'zhangping-bureau',
    code: '350881',
  },
  ...(
    [
      ['luojiang-urban', '洛江区城管执法大队值班员', '350504'],
      ['luojiang-fire', '洛江区消防救援大队值班员', '350504'],
      ['luojiang-market', '洛江区市场监管局值班员', '350504'],
      ['meiling-urban', '梅岭执法中队值班员', '350582002'],
      ['jinjiang-fire', '晋江市消防救援大队值班员', '350582'],
      ['meiling-police', '梅岭派出所值班员', '350582002'],
      ['meiling-market', '梅岭市场监管所值班员', '350582002'],
      ['zhangping-urban', '漳平市城管局执法人员', '350881'],
    ] as const
  ).map(([key, displayName, code]) => ({ username: key, displayName, role: 'department' as const, org: key, code })),
  { username: 'firm-a', displayName: '泉安物业项目经理', role: 'property_firm', org: 'firm-a', code: '350500' },
  { username: 'firm-b', displayName: '晋兴物业项目经理', role: 'property_firm', org: 'firm-b', code: '350500' },
  { username: 'developer-a', displayName: '洛江置业工程部', role: 'developer', org: 'developer-a', code: '350500' },
  { username: 'admin', displayName: '平台管理员', role: 'admin', code: '35' },
];

/** A small estate: two buildings, 3 floors × 4 rooms, with every kind of voting subject the law knows. */
async function seedUnits(m: EntityManager, estate: EstateEntity, serial: number): Promise<OwnerEntity[]> {
  const developerSubject = await m.save(VotingSubjectEntity, { estateId: estate.id, kind: 'developer' });
  const owners: OwnerEntity[] = [];
  let multiUnitSubject: VotingSubjectEntity | null = null;
  for (const buildingName of ['1号楼', '2号楼']) {
    const building = await m.save(BuildingEntity, { estateId: estate.id, name: buildingName });
    for (let floor = 1; floor <= 3; floor += 1) {
      for (let room = 1; room <= 4; room += 1) {
        const index = owners.length + 1;
        const roomNo = `${floor}0${room}`;
        const area = (78 + ((floor * 7 + room * 13 + serial) % 60) + ((room * 37) % 100) / 100).toFixed(2);
        const undelivered = buildingName === '2号楼' && floor === 3;
        let subjectId: string;
        if (undelivered) {
          subjectId = developerSubject.id;
        } else if (buildingName === '2号楼' && floor === 2 && room > 2 && multiUnitSubject) {
          subjectId = multiUnitSubject.id; // one buyer of several units counts once (司法解释 art 9)
        } else {
          const kind = room === 4 && floor === 1 ? 'co_owners' : 'owner';
          const subject = await m.save(VotingSubjectEntity, { estateId: estate.id, kind });
          const people = kind === 'co_owners' ? 2 : 1;
          for (let p = 0; p < people; p += 1) {
            const owner = await m.save(OwnerEntity, {
              fullName: `合成业主${serial}-${String(index).padStart(3, '0')}${p ? '乙' : ''}`,
              idNumber: `99000019800101${String(serial).padStart(2, '0')}${String(index).padStart(2, '0')}`.slice(
                0,
                18,
              ),
              phone: `1990000${String(serial).padStart(2, '0')}${String(index).padStart(2, '0')}`,
              synthetic: true,
            });
            owners.push(owner);
            await m.save(VotingSubjectOwnerEntity, { votingSubjectId: subject.id, ownerId: owner.id });
          }
          if (buildingName === '2号楼' && floor === 2 && room === 2) multiUnitSubject = subject;
          subjectId = subject.id;
        }
        await m.save(UnitEntity, {
          estateId: estate.id,
          buildingId: building.id,
          roomNo,
          exclusiveArea: area,
          areaBasis: 'register',
          delivered: !undelivered,
          votingSubjectId: subjectId,
          certificateNo: undelivered
            ? null
            : `闽(2020)合成不动产权第${String(serial).padStart(2, '0')}${buildingName[0]}${roomNo}号`,
        });
      }
    }
  }
  return owners;
}

/**
 * First deposits (首期交存) of every unit, as journal entries so balances reconcile: a synthetic 100 元/m²
 * (5% of a 2000 元/m² construction cost, 165号令 art 7's lower bound). Unsold units were paid by the developer.
 */
async function seedFundDeposits(m: EntityManager): Promise<void> {
  const units: Array<{ id: string; estateId: string; fen: string }> = await m.query(
    `INSERT INTO fund_accounts (unit_id, estate_id, first_deposit_fen, balance_fen)
     SELECT id, estate_id, (exclusive_area * 10000)::bigint, 0 FROM units
     RETURNING unit_id AS id, estate_id AS "estateId", first_deposit_fen::text AS fen`,
  );
  const entries: JournalEntry[] = units.map((u) => ({
    idempotencyKey: `development-seed:first-deposit:${u.id}`,
    workflowId: 'development-seed',
    estateId: u.estateId,
    kind: 'deposit',
    debit: FUND_ACCOUNTS.bank,
    credit: FUND_ACCOUNTS.unit(u.id),
    amountFen: Number(u.fen),
    unitId: u.id,
    memo: '首期交存（开发数据）',
  }));
  await bookJournalEntries(m, entries);
}

/** Loads the development data set once; a database that already has jurisdictions is left as it is. */
export async function seedDevelopmentData(dataSource: DataSource): Promise<boolean> {
  if ((await dataSource.getRepository(JurisdictionEntity).count()) > 0) return false;
  await dataSource.transaction(async (m) => {
    const paths = new Map<string, string>();
    for (const [code, name, level, parent] of JURISDICTIONS) {
      const path = childPath(parent ? paths.get(parent)! : '/', code);
      paths.set(code, path);
      await m.save(JurisdictionEntity, { code, name, level, parentCode: parent, path });
    }
    const orgIds = new Map<string, string>();
    for (const org of ORGANISATIONS) {
      const saved = await m.save(OrganisationEntity, {
        kind: org.kind,
        name: org.name,
        jurisdictionCode: org.code,
        creditCode: org.creditCode ?? null,
        departmentKind: org.departmentKind ?? null,
        synthetic: org.synthetic ?? (org.kind === 'property_firm' || org.kind === 'developer'),
      });
      orgIds.set(org.key, saved.id);
    }
    let firstOwners: OwnerEntity[] | null = null;
    for (const [serial, spec] of ESTATES.entries()) {
      const estate = await m.save(EstateEntity, {
        name: spec.name,
        jurisdictionCode: spec.community,
        jurisdictionPath: paths.get(spec.community)!,
        firstDeliveryDate: spec.delivered ?? null,
        propertyFirmId: spec.firm ? orgIds.get(spec.firm)! : null,
        developerId: spec.developer ? orgIds.get(spec.developer)! : null,
        synthetic: spec.name.startsWith('（合成）'),
      });
      for (const [level, personName] of Object.entries(spec.liaisons)) {
        await m.save(EstateLiaisonEntity, { estateId: estate.id, level: level as LiaisonLevel, personName });
      }
      const owners = await seedUnits(m, estate, serial + 1);
      firstOwners ??= owners;
    }
    for (const user of USERS) {
      await m.save(UserEntity, {
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        organisationId: user.org ? orgIds.get(user.org)! : null,
        jurisdictionCode: user.code,
        synthetic: true,
      });
    }
    // Owners of 湖景豪园 (1号楼 101–103), enough to try a vote end to end from their phones.
    for (const [i, letter] of ['a', 'b', 'c'].entries()) {
      await m.save(UserEntity, {
        username: `owner-${letter}`,
        displayName: `湖景豪园业主${letter.toUpperCase()}（合成）`,
        role: 'owner',
        organisationId: null,
        jurisdictionCode: '350504102201',
        ownerId: firstOwners![i].id,
        synthetic: true,
      });
    }
    await seedFundDeposits(m);
    await seedComplaintHistory(m, new Date());
    await seedEnforcementDirectory(m);
  });
  return true;
}
