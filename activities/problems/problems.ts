import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  PROBLEM_ESCALATION_LEVELS,
  problemWorkflowId,
  type ProblemEscalationInput,
  type ProblemInput,
  type ProblemRecordInput,
} from '../../libs/contracts/src/problem';
import { problemCategoryLabel } from '../../libs/domain/src/problems';
import { surveyFacilityProblems } from '../../libs/persistence/src/estate-surveys';
import { localityPolicy } from '../../libs/persistence/src/locality-policy';
import { enqueueNotification } from '../../libs/persistence/src/notifications';
import {
  estatesWithoutMicroProject,
  insertProblem,
  problemsOfSource,
  raiseProblemEscalation,
  recordProblemStep,
  responsibleLeaderOf,
} from '../../libs/persistence/src/problems';
import { estateHeading } from '../../libs/persistence/src/registry';

/** What a finished survey passes on so its facility problems become rows of the ledger. */
export interface SurveyProblemsInput {
  surveyWorkflowId: string;
  estateId: string;
  estateName: string;
  jurisdictionCode: string;
  communityOrganisationId: string;
  streetOfficeOrganisationId: string;
}

/**
 * The records of 问题清单与销号: each step on its row (keyed by the workflow's count), the 督办 of an overdue
 * row (keyed by its level), and the rows a finished survey opens (keyed by the survey and the problem's place).
 */
export function createProblemActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    /**
     * Seed 001 (十), "年底前，每个小区策划开展至少1个'微实事'项目": reminds the street office of every estate with
     * none this year, once per estate and year (a rerun reminds nobody twice); answers how many it found.
     */
    async remindMissingMicroProjects(input: { year: number }): Promise<number> {
      const missing = await estatesWithoutMicroProject(dataSource, input.year);
      for (const e of missing)
        await enqueueNotification(
          dataSource,
          {
            dedupKey: `micro-project:${e.estateId}:${input.year}`,
            recipientRole: 'street_office',
            recipientOrganisationId: e.streetOfficeOrganisationId,
            title: `${e.estateName}尚未开展${input.year}年度“微实事”项目`,
            body: `按“一个小区一个方案”，年底前每个小区至少策划开展 1 个“微实事”项目；${e.estateName}今年尚未登记，请督促社区和物业策划并录入问题清单。`,
          },
          null,
        );
      return missing.length;
    },

    async recordProblemStep(input: ProblemRecordInput): Promise<void> {
      await recordProblemStep(dataSource, input);
    },

    async raiseProblemEscalation(input: ProblemEscalationInput): Promise<void> {
      await raiseProblemEscalation(dataSource, input, (row) => ({
        title: `问题清单逾期${PROBLEM_ESCALATION_LEVELS[input.level]}`,
        body:
          `${row.estateName}（${row.categoryLabel}）已过完成时间节点 ${row.deadline}，` +
          (input.level === 'liaison'
            ? `请挂钩领导${row.leader ? ` ${row.leader} ` : ''}督促责任部门办理`
            : '挂钩领导督办后仍未完成，请督导落实组督导并纳入比拼晾晒'),
      }));
    },

    /**
     * Opens a row for each facility problem (10件实事) of a finished survey, with the policy of the estate's
     * locality, and answers the inputs of their workflows; a retry finds the rows it opened and answers them again.
     */
    async openSurveyProblems(input: SurveyProblemsInput): Promise<ProblemInput[]> {
      const survey = await surveyFacilityProblems(dataSource, input.surveyWorkflowId);
      const estate = await estateHeading(dataSource, input.estateId);
      if (!survey || !estate || !survey.problems.length) return [];
      const policy = (await localityPolicy(dataSource, estate.path)).problems;
      const leader = await responsibleLeaderOf(dataSource, input.estateId);
      await dataSource.transaction(async (m) => {
        for (const [seq, p] of survey.problems.entries()) {
          const id = randomUUID();
          await insertProblem(m, {
            id,
            workflowId: problemWorkflowId(id),
            estateId: input.estateId,
            jurisdictionPath: estate.path,
            category: p.category,
            categoryLabel: problemCategoryLabel(policy.categories, p.category),
            description: p.description,
            location: null,
            sourceKind: 'survey',
            listKind: 'problem',
            sourceId: input.surveyWorkflowId,
            sourceSeq: seq,
            plan: null,
            responsiblePerson: null,
            communityPerson: null,
            estatePerson: null,
            responsibleLeader: leader,
            remarks: null,
            createdBy: null,
          });
        }
      });
      const rows = await problemsOfSource(dataSource, 'survey', input.surveyWorkflowId);
      return rows.map((row) => ({
        problemId: row.id,
        estateId: input.estateId,
        estateName: input.estateName,
        jurisdictionCode: input.jurisdictionCode,
        categoryLabel: row.categoryLabel,
        communityOrganisationId: input.communityOrganisationId,
        streetOfficeOrganisationId: input.streetOfficeOrganisationId,
        plan: null,
        policy,
      }));
    },
  };
}
