import { executeChild, uuid4 } from '@temporalio/workflow';
import {
  ownersVoteWorkflowId,
  type OwnersVoteInput,
  type OwnersVoteResult,
} from '../../libs/contracts/src/owners-vote';
import { procedureSearchAttributes } from '../../libs/contracts/src/procedures';
import type { ownersVote } from '../owners-vote';

/**
 * Runs an owners' decision as a child procedure of the one that needs it, with the search attributes the
 * API gives a vote it starts itself. `onVoteId` hears the new vote's id before it starts, for the state query.
 */
export async function runOwnersVote(
  input: Omit<OwnersVoteInput, 'voteId' | 'election'>,
  onVoteId: (voteId: string) => void,
): Promise<OwnersVoteResult> {
  const voteId = uuid4();
  onVoteId(voteId);
  return executeChild<typeof ownersVote>('ownersVote', {
    workflowId: ownersVoteWorkflowId(voteId),
    args: [{ ...input, voteId, election: null }],
    typedSearchAttributes: procedureSearchAttributes(
      'owners-vote',
      { estateId: input.estateId, jurisdictionCode: input.jurisdictionCode },
      'notice',
    ),
  });
}
