import { Link } from 'react-router';
import { DOCUMENT_KINDS } from '../../../../../libs/domain/src/documents';
import { DEFECT_SEVERITIES } from '../../../../../libs/domain/src/handover';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { subjectPath } from '../../app/routes';
import { useApi } from '../../auth/AuthContext';
import type { References } from '../../components/schema-form/SchemaFields';
import { formatDateTime } from '../../format/time';
import type { Task } from './inbox-query';

const HANDOVER_PREFIX = 'handover-';

const DEFECT_STATUS: Record<string, string> = {
  open: '待整改',
  fixed: '已整改待复验',
  closed: '已关闭',
  carried_over: '转入协议',
};

const CANDIDATE_STATUS: Record<string, string> = {
  nominated: '已提名',
  approved: '审查通过',
  refused: '审查未通过',
  elected: '当选',
  not_elected: '未当选',
};

/**
 * Where a step is done when it is not done in the inbox, or where its case's records are kept: the page of the
 * case's own record when the console has one (a handover's checklist, a vote, …), else the case page.
 */
export function stepPage(task: Pick<Task, 'workflowId' | 'estateId'>): { path: string; label: string } {
  const subject = subjectPath(task.workflowId, task.estateId);
  if (subject)
    return { path: subject, label: task.workflowId.startsWith(HANDOVER_PREFIX) ? '前往承接查验页面' : '前往业务页面' };
  return { path: `/procedures/${encodeURIComponent(task.workflowId)}`, label: '查看程序' };
}

/**
 * The records of the task's case its step's id fields may name (`needed`: the schema's `x-refers-to` kinds),
 * as choices: a handover's uploaded documents and its defects (GET /handovers/{id}), a formation's candidates
 * (GET /estates/{id}/committee-formation/candidates), the problem list a survey started with (GET
 * /estates/{id}/survey). A kind that cannot be listed is left out, and the form falls back to typing the id.
 */
export function useStepReferences(task: Task, needed: Set<string>): References {
  const api = useApi();
  const handoverId = task.workflowId.startsWith(HANDOVER_PREFIX) ? task.workflowId.slice(HANDOVER_PREFIX.length) : null;
  const wantsHandover = Boolean(handoverId) && (needed.has('document') || needed.has('defect'));
  const wantsCandidates = needed.has('candidate') && task.procedureType === 'committee-formation';
  const wantsCategories = needed.has('problem-category') && task.procedureType === 'estate-survey';
  const handover = useRemote(
    () =>
      wantsHandover && handoverId
        ? unwrap(api.GET('/handovers/{id}', { params: { path: { id: handoverId } } }))
        : Promise.resolve(null),
    [api, handoverId, wantsHandover],
  );
  const candidates = useRemote(
    () =>
      wantsCandidates
        ? unwrap(
            api.GET('/estates/{estateId}/committee-formation/candidates', {
              params: { path: { estateId: task.estateId } },
            }),
          )
        : Promise.resolve(null),
    [api, task.estateId, wantsCandidates],
  );

  const survey = useRemote(
    () =>
      wantsCategories
        ? unwrap(api.GET('/estates/{estateId}/survey', { params: { path: { estateId: task.estateId } } }))
        : Promise.resolve(null),
    [api, task.estateId, wantsCategories],
  );

  const page = stepPage(task);
  const references: References = {};
  if (handover.data) {
    const documents = [...handover.data.documents].sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt));
    references.document = {
      choices: documents.map((d) => ({
        value: d.id,
        label: `${DOCUMENT_KINDS[d.kind].label.replace(/（.*）$/, '')}：${d.originalName}（第 ${d.version} 版，${formatDateTime(d.uploadedAt)} 上传）`,
      })),
      empty: (
        <span>
          尚无已上传的文件：请先上传（<Link to={page.path}>{page.label}</Link>）
        </span>
      ),
    };
    references.defect = {
      choices: handover.data.defects.map((d) => ({
        value: d.id,
        label: `第 ${d.foundInRound} 轮 · ${d.location} · ${d.category}（${DEFECT_SEVERITIES[d.severity]}，${DEFECT_STATUS[d.status] ?? d.status}）：${d.description}`,
      })),
      empty: '本次承接查验没有记录问题',
    };
  }
  if (candidates.data) {
    references.candidate = {
      choices: candidates.data.map((c) => ({
        value: c.id,
        label: `${c.name}（${CANDIDATE_STATUS[c.status] ?? c.status}）`,
      })),
      empty: '尚无候选人',
    };
  }
  if (survey.data) {
    references['problem-category'] = {
      choices: survey.data.problemCategories.map((c) => ({ value: c.code, label: c.label })),
      empty: '本地问题清单为空',
    };
  }
  return references;
}
