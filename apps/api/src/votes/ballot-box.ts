import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { chinaDate } from '../../../../libs/domain/src/calendar';
import { GroupCommit } from '../../../../libs/persistence/src/group-commit';
import { ApiError, notFound } from '../common/api-error';
import { ApiMetrics } from '../metrics/api-metrics';
import {
  insertBallots,
  ownerOnRoll,
  unitOnRoll,
  voteForm,
  voteWindow,
  type BallotRow,
} from '../../../../libs/persistence/src/votes';

/** Who casts: an owner online (found on the roll through their voting subject), or a unit for a recorded ballot. */
export type Voter = { ownerId: string } | { unitId: string };

export interface BallotContent {
  choice?: 'yes' | 'no' | 'abstain';
  candidateIds?: string[];
}

export interface BallotSource {
  channel: 'online' | 'proxy' | 'paper';
  castByOwnerId?: string;
  documentId?: string;
  recordedBy?: string;
}

/** What a vote's ballots must look like; fixed once the vote is registered, so kept in memory. */
interface VoteForm {
  kind: 'question' | 'election';
  seats: number | null;
  candidateIds: string[];
  allowRevote: boolean;
}

const FORMS_KEPT = 1_000;

/**
 * Writes ballots: one per voting subject, only while the vote is open and only for a voter on its roll.
 * Ballots cast at the same moment share one INSERT and one commit (group commit); each still gets its
 * own answer. The unique key (vote, subject) settles every race, in a batch or across batches.
 */
@Injectable()
export class BallotBox {
  private readonly forms = new Map<string, VoteForm>();
  private readonly writer = new GroupCommit<BallotRow, string | null>((rows) => this.insert(rows), {
    onBatch: (size) => this.metrics.observeBatch('ballots', size),
  });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: ApiMetrics,
  ) {}

  /** Casts the ballot and answers its id, or refuses with the reason; counts either in the ballot metrics. */
  async cast(voteId: string, voter: Voter, content: BallotContent, source: BallotSource): Promise<string> {
    try {
      const ballotId = await this.write(voteId, voter, content, source);
      this.metrics.ballotsAccepted.inc({ channel: source.channel });
      return ballotId;
    } catch (error) {
      if (error instanceof ApiError) this.metrics.ballotsRefused.inc({ channel: source.channel, code: error.code });
      throw error;
    }
  }

  private async write(voteId: string, voter: Voter, content: BallotContent, source: BallotSource): Promise<string> {
    const form = await this.formOf(voteId);
    checkForm(form, content);
    const row: BallotRow = {
      voteId,
      ownerId: 'ownerId' in voter ? voter.ownerId : null,
      unitId: 'unitId' in voter ? voter.unitId : null,
      choice: content.choice ?? null,
      candidateIds: content.candidateIds ?? null,
      channel: source.channel,
      castByOwnerId: source.castByOwnerId ?? null,
      documentId: source.documentId ?? null,
      recordedBy: source.recordedBy ?? null,
    };
    // A batch writes one ballot per subject; a co-owner's ballot in the same batch is retried where re-voting is allowed.
    const ballotId = (await this.writer.submit(row)) ?? (form.allowRevote ? await this.writer.submit(row) : null);
    return ballotId ?? this.explainRefusal(voteId, voter);
  }

  private async formOf(voteId: string): Promise<VoteForm> {
    const known = this.forms.get(voteId);
    if (known) return known;
    const form = await voteForm(this.dataSource, voteId);
    if (!form) throw notFound('VOTE_NOT_FOUND', '表决不存在或尚未开始登记');
    if (this.forms.size >= FORMS_KEPT) this.forms.delete(this.forms.keys().next().value!);
    this.forms.set(voteId, form);
    return form;
  }

  private insert(rows: BallotRow[]): Promise<Array<string | null>> {
    return insertBallots(this.dataSource, rows);
  }

  private async explainRefusal(voteId: string, voter: Voter): Promise<never> {
    const vote = await voteWindow(this.dataSource, voteId);
    const window = `投票时间为 ${chinaDate(vote.opensAt)} 至 ${chinaDate(vote.closesAt)}`;
    if (vote.status === 'notice') throw new ApiError(409, 'VOTE_NOT_OPEN', `投票尚未开始，${window}`);
    if (vote.status !== 'open' || vote.closesAt.getTime() <= Date.now())
      throw new ApiError(409, 'VOTE_CLOSED', `投票已结束，${window}`);
    if ('unitId' in voter) {
      if (!(await unitOnRoll(this.dataSource, voteId, voter.unitId)))
        throw new ApiError(422, 'UNIT_NOT_ON_ROLL', '该房屋不在本次表决名册内');
      throw new ApiError(409, 'ALREADY_VOTED', '该房屋所属的表决主体已投票，选票一经提交不能更改');
    }
    if (!(await ownerOnRoll(this.dataSource, voteId, voter.ownerId)))
      throw new ApiError(403, 'VOTER_OUTSIDE_SCOPE', '您在本次表决范围内没有房屋，不能投票');
    throw new ApiError(409, 'ALREADY_VOTED', '您（或与您共有房屋的业主）已投票，选票一经提交不能更改');
  }
}

function checkForm(form: VoteForm, content: BallotContent): void {
  if (form.kind === 'question') {
    if (!content.choice || content.candidateIds)
      throw new ApiError(422, 'CHOICE_REQUIRED', '本次为表决事项，请填写 choice（同意/反对/弃权），不填 candidateIds');
    return;
  }
  const picked = content.candidateIds?.map((id) => id.toLowerCase());
  if (!picked || content.choice)
    throw new ApiError(
      422,
      'CANDIDATES_REQUIRED',
      '本次为选举，请填写 candidateIds（可为空数组表示弃权），不填 choice',
    );
  if (picked.length > form.seats!) throw new ApiError(422, 'TOO_MANY_CANDIDATES', `所选人数超过应选 ${form.seats} 人`);
  if (new Set(picked).size !== picked.length || picked.some((id) => !form.candidateIds.includes(id))) {
    throw new ApiError(422, 'UNKNOWN_CANDIDATE', '所选候选人重复或不在候选人名单内');
  }
}
