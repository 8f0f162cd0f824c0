import type {
  Next,
  UpdateInput,
  WorkflowInboundCallsInterceptor,
  WorkflowInterceptorsFactory,
} from '@temporalio/workflow';
import { refusal } from '../../libs/contracts/src/procedures';
import { JSON_MAX_DEPTH, nestsTooDeep, textProblems } from '../../libs/domain/src/text-rules';
import { requireNoProblems } from './guards';

/**
 * The text rules the API applies at its edge, applied again to every Update before its own validator, so a
 * step sent by any client (the inbox, a script, the CLI) cannot carry a NUL or a lone surrogate into an
 * activity that would then retry for ever. Rejected Updates leave no history, so this is replay-safe.
 */
class UpdateTextRules implements WorkflowInboundCallsInterceptor {
  validateUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'validateUpdate'>): void {
    if (nestsTooDeep(input.args)) throw refusal('INVALID_PAYLOAD', `内容嵌套过深（最多 ${JSON_MAX_DEPTH} 层）`);
    requireNoProblems(textProblems(input.args[0]), '内容含有不允许的文本');
    next(input);
  }
}

export const interceptors: WorkflowInterceptorsFactory = () => ({ inbound: [new UpdateTextRules()] });
