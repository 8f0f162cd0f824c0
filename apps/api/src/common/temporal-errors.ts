import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { REFUSAL_STATUS, isRefusalCode } from '../../../../libs/contracts/src/procedures';
import { ApiError } from './api-error';

export const procedureNotFound = () => new ApiError(404, 'PROCEDURE_NOT_FOUND', '程序不存在或已结束');
export const procedureAlreadyRunning = () =>
  new ApiError(409, 'PROCEDURE_ALREADY_RUNNING', '该小区已有同类程序正在办理，不能重复发起');

const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_NOT_FOUND = 5;
const GRPC_UNAVAILABLE = 14;

/** The gRPC status of a failed call: on the error itself, or on the cause the client's ServiceError wraps. */
function grpcCodeOf(error: unknown): number | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === 'number') return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

/**
 * Turns what the Temporal client throws into the API's refusals: a validator's refusal keeps its
 * zh-CN reason and maps its code to 403/409/422; a missing or already running procedure is 404/409.
 */
export function toApiError(error: unknown): unknown {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const failure = error.cause;
    if (isRefusalCode(failure.type)) {
      const problems = Array.isArray(failure.details?.[0]) ? (failure.details![0] as string[]) : [];
      return new ApiError(REFUSAL_STATUS[failure.type], failure.type, failure.message, problems);
    }
  }
  if (error instanceof WorkflowExecutionAlreadyStartedError) return procedureAlreadyRunning();
  if (error instanceof WorkflowNotFoundError) return procedureNotFound();
  const grpcCode = grpcCodeOf(error);
  if (grpcCode === GRPC_UNAVAILABLE || grpcCode === GRPC_DEADLINE_EXCEEDED) {
    return new ApiError(503, 'TEMPORAL_UNAVAILABLE', '流程引擎暂不可用，请稍后重试');
  }
  if (grpcCode === GRPC_NOT_FOUND) return procedureNotFound();
  return error;
}

/** Runs a Temporal call and rethrows its failure as an API error. */
export async function viaTemporal<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toApiError(error);
  }
}
