import type { DataSource } from 'typeorm';
import {
  closeProblemUpdate,
  completeProblemUpdate,
  planProblemUpdate,
  problemIdOf,
  recordProblemProgressUpdate,
  verifyProblemUpdate,
  type ResponsibleParty,
} from '../../../../libs/contracts/src/problem';
import { findDocument } from '../../../../libs/persistence/src/documents';
import { setProblemPersons } from '../../../../libs/persistence/src/problems';
import {
  communityOfficeOfEstate,
  findEstate,
  findOrganisation,
  organisationAtLevelAbove,
} from '../../../../libs/persistence/src/registry';
import { ApiError } from '../common/api-error';
import { stepDoor } from '../tasks/step-door';
import { PlanProblemRequest, ProblemEvidenceRequest, VerifyProblemRequest } from './problems.dto';

const RESPONSIBLE_KINDS: ReadonlyArray<ResponsibleParty['role']> = [
  'property_firm',
  'department',
  'community',
  'street_office',
];

/**
 * The 责任单位 of a row: the organisation named (a firm or department, or the estate's own community or street
 * office), else the estate's firm, else its community.
 */
export async function responsibleParty(
  db: DataSource,
  estate: { id: string; jurisdictionPath: string; propertyFirmId: string | null },
  organisationId: string | undefined,
): Promise<ResponsibleParty> {
  const id = organisationId ?? estate.propertyFirmId ?? (await communityOfficeOfEstate(db, estate.id));
  const organisation = id ? await findOrganisation(db, id) : null;
  const kind = organisation?.kind as ResponsibleParty['role'] | undefined;
  const own =
    kind === 'community'
      ? (await communityOfficeOfEstate(db, estate.id)) === id
      : kind === 'street_office'
        ? (await organisationAtLevelAbove(db, 'street_office', 'street', estate.jurisdictionPath)) === id
        : true;
  if (!organisation || !kind || !RESPONSIBLE_KINDS.includes(kind) || !own)
    throw new ApiError(
      422,
      'RESPONSIBLE_INVALID',
      '责任单位须为已登记的物业服务企业、职能部门，或本小区所在社区、街道',
    );
  return { role: kind, organisationId: organisation.id };
}

/** The files a step cites: documents of the row's estate. */
async function checkedDocuments(db: DataSource, estateId: string, ids: string[] | undefined): Promise<string[]> {
  for (const id of ids ?? []) {
    const document = await findDocument(db, id);
    if (document?.estateId !== estateId)
      throw new ApiError(422, 'DOCUMENT_MISMATCH', '照片或材料须为本小区已上传的文件');
  }
  return ids ?? [];
}

/** The row's inbox steps: its feature routes and /tasks/{id}/complete both enter through these. */
export const planProblemDoor = stepDoor({
  update: planProblemUpdate,
  title: '制定推进措施',
  request: PlanProblemRequest,
  enter: async (body, step) => {
    const estate = (await findEstate(step.dataSource, step.estateId))!;
    const responsible = await responsibleParty(step.dataSource, estate, body.responsibleOrganisationId);
    const state = await step.send({
      measures: body.measures,
      deadline: body.deadline,
      responsibleDepartment: body.responsibleDepartment,
      responsible,
    });
    // The names stay in PostgreSQL: written once the workflow took the plan.
    await setProblemPersons(step.dataSource, problemIdOf(step.workflowId), body);
    return state;
  },
});

/** A step that brings a note and the files it cites: progress, completion. */
const evidenceDoor = (update: typeof completeProblemUpdate, title: string) =>
  stepDoor({
    update,
    title,
    request: ProblemEvidenceRequest,
    enter: async (body, step) =>
      step.send({
        note: body.note,
        documentIds: await checkedDocuments(step.dataSource, step.estateId, body.documentIds),
      }),
  });

export const recordProblemProgressDoor = evidenceDoor(recordProblemProgressUpdate, '记录推进情况');
export const completeProblemDoor = evidenceDoor(completeProblemUpdate, '报告完成情况');

export const verifyProblemDoor = stepDoor({
  update: verifyProblemUpdate,
  title: '现场核验',
  request: VerifyProblemRequest,
  enter: async (body, step) =>
    step.send({
      accepted: body.accepted,
      reason: body.reason,
      note: body.note,
      documentIds: await checkedDocuments(step.dataSource, step.estateId, body.documentIds),
    }),
});

export const closeProblemDoor = evidenceDoor(closeProblemUpdate, '销号');

/**
 * The doors inbox tasks can ask for; progress is recorded from the row's own route whenever there is some, with
 * no task of its own.
 */
export const PROBLEM_DOORS = [planProblemDoor, completeProblemDoor, verifyProblemDoor, closeProblemDoor];
