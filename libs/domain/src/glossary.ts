import { MATTER_ITEMS, matterOf, type MatterItem } from './owners-decision';

/**
 * The Chinese terms of the domain and the English identifiers the code uses for them.
 * User-facing text is zh-CN; identifiers are English; this table is where the two meet.
 */
export const GLOSSARY: ReadonlyArray<{ term: string; identifier: string; meaning: string }> = [
  { term: '物业监管', identifier: 'property supervision', meaning: '政府对住宅小区物业管理活动的监督管理' },
  { term: '小区（物业管理区域）', identifier: 'estate', meaning: '一个物业管理区域，一个业主大会' },
  { term: '楼栋', identifier: 'building', meaning: '小区内的一栋楼' },
  { term: '专有部分（房屋/车位）', identifier: 'unit', meaning: '可登记的专有部分，计一人（司法解释第9条）' },
  { term: '专有部分面积', identifier: 'exclusiveArea', meaning: '按不动产登记簿、实测或合同面积计（司法解释第8条）' },
  {
    term: '表决主体',
    identifier: 'voting subject',
    meaning: '计“人数”的单位：一名业主、一个共有人组，或建设单位（未售/未交付部分合计一人）',
  },
  { term: '业主', identifier: 'owner', meaning: '登记的所有权人或依合同合法占有的买受人' },
  { term: '建设单位（开发商）', identifier: 'developer', meaning: '小区的建设单位' },
  { term: '物业服务企业', identifier: 'property firm', meaning: '受托提供物业服务的企业' },
  { term: '街道办/乡镇', identifier: 'street office', meaning: '组织业主大会成立、受理备案的基层政府' },
  { term: '社区/居委会（村委会）', identifier: 'community', meaning: '基层群众性自治组织，协助街道' },
  { term: '住建局/物业主管部门', identifier: 'housing bureau', meaning: '县级物业管理主管部门' },
  { term: '职能部门', identifier: 'department', meaning: '公安、信访、消防、市场监管等参与联审、执法的部门' },
  { term: '辖区', identifier: 'jurisdiction', meaning: '市 → 区/县 → 乡镇/街道 → 社区/村 的行政区划' },
  { term: '挂钩联系', identifier: 'liaison', meaning: '领导干部挂钩联系小区（马甲镇方案附件2）' },
  { term: '小区摸底建档', identifier: 'estate survey', meaning: '摸清小区底册并分类管理（马甲镇方案措施1）' },
  { term: '分类管理（示范/提升/重点；整顿/提质/示范）', identifier: 'estate class', meaning: '按管理水平给小区定级' },
  { term: '10件实事', identifier: 'facility problems', meaning: '为民服务十类常见问题清单（马甲镇方案附件4）' },
  {
    term: '问题分类（本地问题清单）',
    identifier: 'problem categories',
    meaning:
      '摸底表设施问题与问题清单共用的分类，按所在地政策：默认为10件实事；泉州加燃气管道（种子002），梅岭街道再加微实事的管网损坏、墙面起皮脱落、小区微景观改造（种子001（十））',
  },
  {
    term: '社情民情',
    identifier: 'social conditions',
    meaning: '小区居民构成、主要诉求和矛盾纠纷等情况（马甲镇方案措施1），摸底表填报',
  },
  {
    term: '挂钩情况',
    identifier: 'liaison posts',
    meaning:
      '摸底表列出已落实挂钩的岗位：区领导、区直单位、区直科级干部、乡镇科级干部、乡镇干部、社区干部（马甲镇方案附件3）',
  },
  {
    term: '流动党员',
    identifier: 'mobile party member',
    meaning: '居住在小区、组织关系不在本地的党员（梅岭方案（一）党员摸底排查）',
  },
  {
    term: '机关公职党员',
    identifier: 'public-servant party member',
    meaning: '居住在小区的机关、事业单位在职党员（梅岭方案（一））',
  },
  {
    term: '退休党员干部',
    identifier: 'retired party cadre',
    meaning: '居住在小区的退休党员干部，可担任小区党组织书记（梅岭方案（一））',
  },
  { term: '督办', identifier: 'escalation', meaning: '事项逾期时由上级督促办理' },
  {
    term: '问题清单',
    identifier: 'problem ledger',
    meaning: '小区问题逐项登记、推进、核验、销号的台账（马甲镇方案措施8、附件4）',
  },
  {
    term: '销号',
    identifier: 'close (a problem)',
    meaning: '社区现场核验后，由街道（或按本地政策由社区）确认问题办结并注销',
  },
  {
    term: '闭环表',
    identifier: 'ledger export',
    meaning: '为民服务“10件实事”清单闭环表（马甲镇方案附件4），按小区导出',
  },
  {
    term: '完成时间节点',
    identifier: 'deadline',
    meaning: '问题清单一行约定的完成日期，逾期先由挂钩领导、再由督导落实组督办',
  },
  { term: '推进措施', identifier: 'measures', meaning: '解决一项问题的办法' },
  {
    term: '责任部门、责任人',
    identifier: 'responsible department, responsible person',
    meaning: '承办整改的单位及其经办人',
  },
  {
    term: '责任领导',
    identifier: 'responsible leader',
    meaning: '小区的镇挂钩科级干部（挂钩联系安排表），牵头对单销号',
  },
  {
    term: '督导落实组',
    identifier: 'supervision group',
    meaning: '乡镇领导小组下设的督导组，每月督导、比拼晾晒（马甲镇方案四(二)）',
  },
  {
    term: '现场核验',
    identifier: 'verification',
    meaning: '社区到现场核实整改是否完成，通过则已核验，不通过退回推进中',
  },
  { term: '工作日', identifier: 'working day', meaning: '按国务院节假日安排（含调休）计算的工作日' },
  {
    term: '节假日安排',
    identifier: 'calendar year schedule',
    meaning: '国务院办公厅每年公布的放假日与调休上班日，由管理员登记（POST /calendar/years）',
  },
  { term: '调休上班日', identifier: 'work day (in lieu)', meaning: '因调休而上班的周六或周日' },
  {
    term: '期间（N日内）',
    identifier: 'period (periodDeadline)',
    meaning:
      '民法典第201、203条：自事件次日起算，最后一日为法定休假日的，顺延至其后第一个工作日。例：2025-06-20 选举产生的业委会“30日内”备案，截止 2025-07-21（07-20 为星期日）；任期 2026-09-30 届满，“10日内”移交，截止 2026-10-10（调休上班日）',
  },
  {
    term: '提前期（N日前）',
    identifier: 'lead time (latestDayBefore, earliestDayAfter)',
    meaning:
      '同样不计行为当日：须在 M 日“N日前”完成的行为，最迟可在 M−N 日当天完成，不因节假日顺延。例：2026-06-30 现场查验，资料“20日前”移交，最迟 2026-06-10；2026-06-01 发出会议通知，“15日前”通知的会议最早 2026-06-16 召开',
  },
  {
    term: '暂定期限',
    identifier: 'provisional due time',
    meaning: '跨入尚未登记节假日安排的年份时仅按周末推算的期限，该年登记后自动重新计算',
  },
  { term: '业主大会', identifier: 'owners assembly', meaning: '全体业主组成的自治组织' },
  { term: '业主委员会（业委会）', identifier: 'owners committee', meaning: '业主大会的执行机构' },
  { term: '业主共同决定', identifier: 'owners decision', meaning: '民法典第278条规定的表决事项' },
  ...Object.entries(MATTER_ITEMS).map(([identifier, { item, label }]) => ({
    term: label,
    identifier: `matterItem ${identifier}`,
    meaning: `民法典第278条第一款第（${item}）项；${matterOf(identifier as MatterItem) === 'special' ? '特别事项，参与业主的面积和人数均四分之三以上同意' : '一般事项，参与业主的面积和人数均过半数同意'}`,
  })),
  {
    term: '责令限期改正 / 撤销决定',
    identifier: 'vote intervention correction / revocation',
    meaning: '业主大会决定违法的，街道或区县主管部门责令限期改正或撤销，并通告全体业主（条例第19条）',
  },
  {
    term: '撤销权（请求法院撤销）',
    identifier: 'revocableByCourtUntil',
    meaning: '决定侵害业主合法权益的，业主自知道之日起一年内可请求人民法院撤销（民法典第280条）',
  },
  {
    term: '业主大会临时会议（联名提议）',
    identifier: 'meeting requisition',
    meaning: '经专有部分面积和人数均占20%以上（本地政策参数）的业主提议召开的业主大会会议（条例第13条）',
  },
  {
    term: '业主大会成立',
    identifier: 'owners assembly (established_on)',
    meaning:
      '首次业主大会会议选举产生业委会之日成立；此后每次业主共同决定均为业主大会会议（条例第14条：15日前通知全体业主并告知居委会）',
  },
  { term: '筹备组', identifier: 'preparatory group', meaning: '首次业主大会会议筹备组' },
  {
    term: '组建公示（业主名册、筹备组、候选人名单）',
    identifier: 'formation posting (postFormationNotices)',
    meaning: '资格联审后公示业主名册（身份脱敏，人数、面积）、筹备组成员名单和候选人名单，会议15日前（指导规则）',
  },
  {
    term: '公示异议',
    identifier: 'formation objection (formation_objections)',
    meaning: '业主在公示期内提出的异议，街道逐件答复；未答复完毕不开启业主大会表决',
  },
  {
    term: '首次业委会会议',
    identifier: 'first meeting (recordFirstMeeting)',
    meaning: '业委会选举产生后7日内召开，选举主任、副主任，由当选委员登记（指导规则）',
  },
  {
    term: '承接查验',
    identifier: 'handover inspection',
    meaning: '物业服务企业承接新建物业前，与建设单位共同查验共用部位、设施设备并移交资料（建房〔2010〕165号）',
  },
  { term: '复验', identifier: 'reinspection', meaning: '建设单位整改问题后由物业服务企业再次查验' },
  {
    term: '承接查验协议',
    identifier: 'handover agreement',
    meaning: '载明查验结果、遗留问题及整改期限的协议，须在交付业主前15日签订',
  },
  { term: '物业交接', identifier: 'handover', meaning: '签订协议后10日内移交物业服务用房和共用部位、设施设备' },
  {
    term: '查验记录签字',
    identifier: 'inspection record signatures',
    meaning: '现场查验书面记录由物业服务企业和建设单位双方查验人员签字（办法第十二条），建设单位可附意见',
  },
  {
    term: '承接查验参与方',
    identifier: 'handover participants',
    meaning: '建设单位组织村（居）民委员会、业主代表、物业管理行业协会或专业机构参与承接查验（漳平必须，种子004 §11）',
  },
  {
    term: '处罚抄告',
    identifier: 'enforcement penalty, credit entry',
    meaning: '漳平：建设单位逾期整改的，由市城管局行政处罚并抄告住建部门，住建部门纳入信用评价（种子004 §11）',
  },
  { term: '承接查验备案', identifier: 'handover filing', meaning: '交接后30日内物业服务企业向县级主管部门备案' },
  { term: '信用记录', identifier: 'credit entry', meaning: '主管部门对企业违规行为作出的信用扣分记录' },
  { term: '授权委托书', identifier: 'proxy authorisation', meaning: '业主委托代理人投票的书面授权' },
  { term: '产权变更', identifier: 'unit transfer', meaning: '房屋所有权转移，表决主体随之变化' },
  { term: '资格联审', identifier: 'candidate review', meaning: '多部门联合审查业委会候选人资格' },
  {
    term: '业委会决议',
    identifier: 'committee resolution',
    meaning:
      '业委会作为整体作出的决定：全体委员人数过半数同意方为通过（指导规则），不以到会或已表决人数为基数；如维修资金移交后审核使用申请（165号令第23条）',
  },
  {
    term: '委员表决',
    identifier: 'member vote',
    meaning: '在任业委会委员以本人业主账号对业委会决议表示同意、反对或弃权，每人一次，记录表决人和时间',
  },
  { term: '换届', identifier: 're-election', meaning: '业委会任期届满改选' },
  { term: '临时物业管理委员会（物管会）', identifier: 'temporary committee', meaning: '无法选出业委会时的临时机构' },
  {
    term: '物管会（作为程序）',
    identifier: 'interim committee',
    meaning:
      '组成 → 业主代表资格联审 → 备案 → 任期（届满提醒）→ 业委会备案后移交解散；为不具备组建条件的小区、任期届满未换届的小区设立',
  },
  {
    term: '自治组织覆盖率',
    identifier: 'coverage (self-governance)',
    meaning: '有在任业委会或物管会的小区 ÷ 全部小区（梅岭方案（二）：100%覆盖）',
  },
  {
    term: '移交（物管会）',
    identifier: 'interim handover',
    meaning: '物管会解散时向业委会移交印章、档案资料、财物及合同',
  },
  { term: '承接查验', identifier: 'handover inspection', meaning: '物业服务企业承接前对共用部位、设施设备的查验' },
  {
    term: '住宅专项维修资金',
    identifier: 'maintenance fund',
    meaning: '专项用于共用部位、共用设施设备保修期满后的维修和更新、改造',
  },
  { term: '续筹', identifier: 'top-up', meaning: '余额不足首期交存额30%时续交' },
  { term: '公示', identifier: 'public notice', meaning: '在小区显著位置公开并接受异议' },
  { term: '备案', identifier: 'filing', meaning: '向主管部门报送备查' },
  { term: '首期交存额', identifier: 'firstDepositFen', meaning: '房屋交付前首次交存的维修资金（分）' },
  { term: '分户账', identifier: 'fund account', meaning: '按房屋设立的维修资金账户' },
  {
    term: '首期交存标准',
    identifier: 'firstDeposit (FirstDepositRate)',
    meaning: '每平方米交存额，或当地建安造价的5%至8%（165号令第七条，当地规定）',
  },
  { term: '补交', identifier: 'owedFen', meaning: '首期交存不足当地标准的差额，按凭证补足后方可交付' },
  { term: '交存凭证', identifier: 'receiptNo', meaning: '银行交存凭证号；同一凭证只记一次账' },
  {
    term: '增值收益',
    identifier: 'yield (kind interest)',
    meaning: '维修资金的存储利息等收益，按期登记、按分户账余额分配',
  },
  { term: '对账单', identifier: 'statement', meaning: '分户账一年的年初余额、分录和年末余额，附全小区总额' },
  { term: '记账分录', identifier: 'journal entry', meaning: '借贷双方、金额、引起它的程序和幂等键；只增不改' },
  {
    term: '列支范围',
    identifier: 'scope (buildingIds, unitIds)',
    meaning: '分摊维修费用的楼栋或房屋（如一个单元的电梯：该单元的房屋）',
  },
  { term: '分摊清册', identifier: 'apportionment', meaning: '预算按面积分摊到列支范围内各房屋的清单，申请前可预览' },
  { term: '补足', identifier: 'shortfall', meaning: '分户账余额不足以支付分摊金额时，业主应补交的差额' },
  { term: '分摊', identifier: 'cost sharing', meaning: '按专有部分面积比例分摊费用；未售房屋由建设单位承担' },
  {
    term: '代管（政府代管）/ 业主大会自管',
    identifier: 'fund regime government / owners_assembly',
    meaning: '资金由主管部门代管，或已划转业主大会管理',
  },
  {
    term: '应急使用',
    identifier: 'emergency use',
    meaning: '危及房屋安全等紧急情况，不经业主表决，先施工后公示再拨付',
  },
  {
    term: '应急使用情形',
    identifier: 'emergencyHazards',
    meaning: '可不经业主表决应急使用维修资金的情形：建办房〔2015〕52号六种，地方可增加（地方政策）',
  },
  {
    term: '维修资金使用表决规则（民法典 / 165号令）',
    identifier: 'useThreshold civil_code / order_165',
    meaning:
      '资金划转业主大会前使用维修资金的业主表决：民法典第278条双过半（现行法），或地方仍适用的165号令第22条——列支范围内专有部分面积和人数均三分之二以上的业主同意',
  },
  { term: '代修', identifier: 'repair ordered by the bureau', meaning: '应急情况无人维修时主管部门组织维修' },
  { term: '验收', identifier: 'acceptance', meaning: '维修工程竣工验收' },
  { term: '审价/结算', identifier: 'settlement', meaning: '确定维修工程实际费用' },
  { term: '质保金', identifier: 'retention', meaning: '结算后留存、质保期满支付的工程款' },
  { term: '拨付', identifier: 'disbursement', meaning: '从维修资金向施工单位付款' },
  { term: '账目公布', identifier: 'published accounts', meaning: '向业主公开维修资金使用账目' },
  {
    term: '业委会组建',
    identifier: 'committee formation',
    meaning: '申请 → 筹备组 → 资格联审 → 首次业主大会选举 → 公示 → 备案',
  },
  {
    term: '管理规约 / 议事规则',
    identifier: 'covenant / meeting rules',
    meaning: '业主大会通过的两项基本规则（民法典第278条第1、2项）',
  },
  {
    term: '负面清单',
    identifier: 'review findings',
    meaning: '资格联审中记录的不宜担任委员的情形：欠费、违建、犯罪记录、失信、与物业企业有利害关系',
  },
  {
    term: '党员占比（红色业委会）',
    identifier: 'party member share',
    meaning: '委员中党员的比例，种子文件目标不低于50%，仅作提示',
  },
  {
    term: '换届报告',
    identifier: 're-election report',
    meaning: '业委会自行组织换届后由在任委员向街道报送（居委会、街道也可登记），街道7日内介入指导（种子004）',
  },
  {
    term: '责令限期换届',
    identifier: 'order to re-elect',
    meaning: '任期届满3个月前未换届的，街道责令业委会在限期内组织换届（期限按地方政策）',
  },
  {
    term: '居委会组织换届',
    identifier: 'community organises the re-election',
    meaning: '责令的期限届满仍未换届的，由居委会在街道指导下组织换届并报送换届报告',
  },
  { term: '备案号', identifier: 'filing number', meaning: '街道/主管部门受理业委会备案后出具的编号，凭此刻制印章' },
  { term: '移交（换届）', identifier: 'committee handover', meaning: '任期届满后10日内向新一届移交印章、档案和财物' },
  {
    term: '业委会组建率',
    identifier: 'committee formation rate',
    meaning: '辖区内有在任业委会的小区 ÷ 符合成立条件的小区',
  },
  {
    term: '投诉信访 即查即处',
    identifier: 'complaint',
    meaning: '简单问题当天收件、当天处置；复杂问题当天解释、及时会商（种子001（三））',
  },
  {
    term: '物业矛盾纠纷调解',
    identifier: 'dispute',
    meaning: '按小区—社区—乡镇（街道）—市级行业调解—人民法院的顺序逐级调解，调解优先、应调尽调（种子004第18条）',
  },
  {
    term: '调解层级',
    identifier: 'mediation level',
    meaning: '纠纷所在的调解一级；上移须本级调解未成功并写明理由，不得越级',
  },
  {
    term: '调解员',
    identifier: 'mediator',
    meaning: '本级调解组织指派的调解人员（网格员、小区调解员、调解委员会成员）',
  },
  { term: '调解协议书', identifier: 'mediation agreement', meaning: '调解成功时各方当事人签名的协议，签名之日起生效' },
  {
    term: '司法确认',
    identifier: 'judicial confirmation',
    meaning: '调解协议生效之日起30日内双方共同向人民法院申请确认其效力（人民调解法第33条）',
  },
  { term: '立案号', identifier: 'court case number', meaning: '人民法院登记立案后的案号；纠纷由此离开调解' },
  { term: '大事不出社区', identifier: 'resolved in community', meaning: '纠纷在社区一级或以下调解成功' },
  {
    term: '处置小组',
    identifier: 'handling group',
    meaning: '街道、社区分别成立的投诉处置小组，指定专人负责分级和处置',
  },
  { term: '分级（简单/复杂）', identifier: 'tier (simple/complex)', meaning: '处置小组当天将投诉定为简单或复杂' },
  {
    term: '会商',
    identifier: 'consultation',
    meaning: '复杂问题由市主管部门、街道、社区共同研究处置，记录参加单位和决定',
  },
  { term: '被投诉方', identifier: 'respondent', meaning: '被反映的物业服务企业、业委会、建设单位或职能部门' },
  { term: '回访', identifier: 'follow-up', meaning: '向投诉人了解处理结果并登记满意、基本满意或不满意' },
  {
    term: '信访事项',
    identifier: 'petition',
    meaning: '按《信访工作条例》办理：15日内受理或转送，60日内办结，可延长30日',
  },
  {
    term: '12345工单',
    identifier: 'hotline order',
    meaning: '12345热线派发的工单，带工单编号，按咨询、求助/建议、投诉/举报分类限时办理',
  },
  { term: '处置率', identifier: 'on-time rate', meaning: '按期办结的投诉 ÷ 受理的投诉（目标100%）' },
  {
    term: '小事不出网格、大事不出社区',
    identifier: 'closed at community',
    meaning: '未经街道及以上审核或督办而在社区办结的投诉占比',
  },
  {
    term: '社区吹哨、部门报到',
    identifier: 'joint enforcement (whistle)',
    meaning: '社区或街道就执法事项“吹哨”点名执法部门，部门限期报到并报告处置结果（种子001（四））',
  },
  { term: '吹哨', identifier: 'whistle', meaning: '社区或街道发起的一件联合执法事项：类别、位置、证据、点名的部门' },
  { term: '报到', identifier: 'acknowledgement', meaning: '被点名的执法部门在本地政策期限内确认受理，逾期由上级督办' },
  {
    term: '执法事项清单',
    identifier: 'enforcement directory',
    meaning: '每类执法事项的主管部门、执法依据和部门公开电话，按辖区公示（执法部门“通讯录”）',
  },
  {
    term: '处置方式（制止/立案/处罚/移送）',
    identifier: 'enforcement action (stop/file/penalty/transfer)',
    meaning: '部门对吹哨事项采取的措施',
  },
  {
    term: '联合执法',
    identifier: 'joint operation',
    meaning: '街道组织城管、消防、派出所、市场监管等进小区联合执法，每月不少于本地次数（梅岭2次）',
  },
  { term: '部门巡查', identifier: 'patrol', meaning: '执法部门自行进小区巡查，每月不少于本地次数' },
  {
    term: '到位率',
    identifier: 'attendance rate',
    meaning: '各被点名部门均报告处置结果并确认办结的吹哨 ÷ 吹哨（目标100%）',
  },
  {
    term: '谁查处，谁抄告',
    identifier: 'credit entry (抄告)',
    meaning: '部门对企业作出处罚的，抄告其信用档案（种子004 §4）',
  },
  {
    term: '信用档案',
    identifier: 'credit file',
    meaning:
      '物业服务企业、建设单位的信用记录：流程中的处罚或逾期、考评不达标、表扬褒奖与红色物业星级，各有来源、记录单位和有效期',
  },
  {
    term: '四升一降',
    identifier: 'KPI dashboard (kpi)',
    meaning: '党组织覆盖率、业委会组建率、物业服务覆盖率、群众获得感提升，投诉件下降：各地方案的指标及其分期目标',
  },
  {
    term: '物业服务覆盖率',
    identifier: 'property service coverage',
    meaning: '有物业服务企业的小区 ÷ 全部小区（漳平：2024年60%，2025年全覆盖）',
  },
  { term: '挂钩联系覆盖率', identifier: 'liaison coverage', meaning: '有挂钩联系人的小区 ÷ 全部小区' },
  {
    term: '小区党组织（小区党支部 / 联合党支部 / 功能型党组织）',
    identifier: 'party organisation (branch / joint_branch / functional)',
    meaning: '建在小区的党组织：符合条件的建制式党支部应建尽建，相邻小区可联合组建，其余组建功能型党组织（种子001）',
  },
  {
    term: '小区党组织覆盖率',
    identifier: 'party organisation coverage',
    meaning: '登记了小区党组织的小区 ÷ 全部小区（马甲镇2024年底、泉州2025年5月底100%）',
  },
  {
    term: '精细化考评覆盖率',
    identifier: 'evaluation coverage',
    meaning: '有物业服务企业且本月内完成考评打分的小区 ÷ 有物业服务企业的小区（梅岭100%）',
  },
  {
    term: '物业服务事项公开公示率',
    identifier: 'public notice (KPI public_notice)',
    meaning: '本月内完成的考评中“公示公开（一箱二牌三栏）”一项得满分的小区 ÷ 本月内完成打分的小区（梅岭100%）',
  },
  {
    term: '公共收益整治到位率',
    identifier: 'public income rectification',
    meaning: '最近一次季度检查无问题或整改经核验到位的小区 ÷ 最近一次季度检查已录入结果的小区（梅岭100%）',
  },
  {
    term: '执法到位率',
    identifier: 'enforcement in place',
    meaning: '本月“吹哨”事项中各报到部门均已反馈处置结果并办结的 ÷ 本月“吹哨”事项（梅岭100%）',
  },
  {
    term: '维修资金余额不足首期30%的房屋比例',
    identifier: 'fund below top-up threshold',
    meaning: '分户账余额低于首期交存额续筹比例（默认30%）的房屋 ÷ 有分户账的房屋；越低越好',
  },
  {
    term: '落后于进度',
    identifier: 'behind the trajectory',
    meaning: '数值未达到从目标起点到截止日期按日线性推算的本月末应达值（看板标红）',
  },
  {
    term: '公共收益',
    identifier: 'public income',
    meaning: '利用小区共有部分（车位、广告位、出租用房、基站等）经营所得，扣除合理成本后属于业主共有（民法典第282条）',
  },
  {
    term: '公共资源台账',
    identifier: 'public resource register',
    meaning: '小区共有部分经营资源及其合同的登记（“大起底”）',
  },
  {
    term: '公共收益分配',
    identifier: 'allocation',
    meaning: '业主大会决定净收益的用途：转入维修资金、业委会工作经费或其他',
  },
  {
    term: '公共收益公示',
    identifier: 'disclosure',
    meaning: '物业服务企业定期在公示栏公开收支与使用（民法典第943条）',
  },
  {
    term: '季度检查',
    identifier: 'quarterly check',
    meaning: '乡镇（街道）每季度对公共收益收支使用的全面检查（种子004 §8）',
  },
  {
    term: '业账社审',
    identifier: 'community audit pilot',
    meaning: '由村（居）委会业账监管小组审核监督小区公共收益账目；各县（市、区）试点不少于10%的小区',
  },
  { term: '整改到位率', identifier: 'rectification rate', meaning: '检查发现须整改且经街道核验整改到位的 ÷ 须整改的' },
  {
    term: '精细化考评',
    identifier: 'monthly evaluation',
    meaning: '社区每月按本地考评模板为每个小区的物业服务企业逐项打分，街道每月通报（种子001（五））',
  },
  { term: '考评模板', identifier: 'scoring template', meaning: '考评项目、权重和分值，按地方政策分版本' },
  { term: '及格线', identifier: 'pass mark', meaning: '考评得分低于它即为当月不达标（地方政策）' },
  {
    term: '提醒函 / 整改通知书 / 约谈',
    identifier: 'measures (reminder letter / rectification notice / interview)',
    meaning: '连续不达标第1、2、3个月对企业采取的措施，企业限期书面回复整改情况',
  },
  {
    term: '限制承接新项目',
    identifier: 'restriction (FIRM_RESTRICTED)',
    meaning: '连续不达标达到本地月数的企业，在再次达标前不得登记为新小区的物业服务企业',
  },
  { term: '考评通报', identifier: 'bulletin', meaning: '每个街道每月公布的考评结果：小区、企业、得分、是否达标' },
  {
    term: '信用等级',
    identifier: 'credit grade',
    meaning: '基础分加有效期内（默认一年）的信用记录分，按本地分档评为 AAA 至 C（种子004 §16）',
  },
  { term: '红色物业星级', identifier: 'red star', meaning: '红色物业星级评价的褒奖，可作信用加分（种子004 §15）' },
  {
    term: '清退',
    identifier: 'firm exit (firm-exit)',
    meaning:
      '物业服务企业在本小区考评连续不达标达到本地月数或发生严重事件的，街道启动：告知并公示，业主共同决定是否解聘，通过的办理退出交接（种子001（五）、种子004 §14）',
  },
  {
    term: '解聘',
    identifier: 'dismissal (matter engage_manager)',
    meaning: '业主共同决定解除与物业服务企业的服务关系（民法典第二百七十八条第一款第四项）',
  },
  {
    term: '退出交接',
    identifier: 'exit handover',
    meaning:
      '被解聘的企业在合理期限内向接管企业或业主（街道代收）移交资料、预收费用及代管资金、钥匙设施和物业服务用房，接收方逐项确认（民法典第九百四十九条）',
  },
  { term: '移交清单', identifier: 'handover list', meaning: '退出交接中企业逐项列明的移交内容，退回的须写明理由' },
];
