import type { ExitHandoverItem } from '../../libs/domain/src/firm-exit';

/** A leaving firm's full list: 资料, funds (8650.00元), keys and facilities, the 物业服务用房. */
export const EXIT_HANDOVER_LIST: ExitHandoverItem[] = [
  { kind: 'documents', description: '竣工图、设施设备档案、业主资料', quantity: 12 },
  { kind: 'funds', description: '预收物业费及代管公共收益', amountFen: 8_650_00 },
  { kind: 'keys_facilities', description: '机房、消防控制室、单元门钥匙', quantity: 40 },
  { kind: 'service_premises', description: '1号楼架空层物业服务用房 120 平方米' },
];

/** The receiver accepts each of `count` items. */
export const acceptAll = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ itemNo: i + 1, accepted: true }));
