import { executeChild, uuid4 } from '@temporalio/workflow';
import { ownersVoteWorkflowId, type OwnersVoteInput, type OwnersVoteResult } from '../../libs/contracts/src/owners-vote';
import { SEARCH_ATTRIBUTES } from '../../libs/contracts/src/procedures';
import type { ownersVote } from '../owners-vote';

/**
 * Runs an owners' decision as a child procedure of the one that needs it, with the search attributes the
 * API gives a vote it starts itself. `onVoteId` hears the new vote's id before it starts, for the state query.
 */
export async function runOwnersVote(input: Omit<OwnersVoteInput, 'voteId' | 'election'>, onVoteId: (voteId: string) => void): Promise<OwnersVoteResult> {
  const voteId = uuid4();
  onVoteId(voteId);
  return executeChild<typeof ownersVote>('ownersVote', {
    workflowId: ownersVoteWorkflowId(voteId),
    args: [{ ...input, voteId, election: null }],
    typedSearchAttributes: [
      { key: SEARCH_ATTRIBUTES.procedureType, value: 'owners-vote' },
      { key: SEARCH_ATTRIBUTES.estateId, value: input.estateId },
      { key: SEARCH_ATTRIBUTES.jurisdictionCode, value: input.jurisdictionCode },
      { key: SEARCH_ATTRIBUTES.stage, value: 'notice' },
    ],
  });
}
