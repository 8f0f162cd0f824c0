import { HttpException, type ArgumentsHost } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import { QueryFailedError } from 'typeorm';
import { AllExceptionsFilter } from '../../apps/api/src/common/all-exceptions.filter';

/** What the filter answers for an exception no route turned into an ApiError of its own. */
function answerFor(exception: unknown): { status: number; code: string; requestId: string } {
  let answer = { status: 0, code: '', requestId: '' };
  const adapterHost = {
    httpAdapter: {
      reply: (_response: unknown, body: { code: string; requestId: string }, status: number) => {
        answer = { status, code: body.code, requestId: body.requestId };
      },
    },
  } as unknown as HttpAdapterHost;
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ id: 'req-1', url: '/x' }), getResponse: () => ({}) }),
  } as unknown as ArgumentsHost;
  const filter = new AllExceptionsFilter(adapterHost);
  // The 500 path logs the exception; keep the test's output clean.
  jest.spyOn((filter as unknown as { logger: { error(): void } }).logger, 'error').mockImplementation(() => undefined);
  filter.catch(exception, host);
  return answer;
}

const databaseError = (code: string) => new QueryFailedError('SELECT 1', [], Object.assign(new Error('x'), { code }));

describe('AllExceptionsFilter', () => {
  it('gives a framework HttpException the code of its status', () => {
    for (const [status, code] of [
      [400, 'BAD_REQUEST'],
      [403, 'FORBIDDEN'],
      [405, 'METHOD_NOT_ALLOWED'],
      [409, 'CONFLICT'],
      [422, 'UNPROCESSABLE'],
      [418, 'HTTP_ERROR'],
    ] as const) {
      expect(answerFor(new HttpException('refused', status))).toEqual({ status, code, requestId: 'req-1' });
    }
  });

  it('answers constraint and value errors of PostgreSQL as 4xx, a lost connection as 503, anything else as 500', () => {
    expect(answerFor(databaseError('23503'))).toMatchObject({ status: 422, code: 'REFERENCE_NOT_FOUND' });
    expect(answerFor(databaseError('22P02'))).toMatchObject({ status: 400, code: 'BAD_VALUE' });
    expect(answerFor(databaseError('23505'))).toMatchObject({ status: 409, code: 'DUPLICATE' });
    expect(answerFor(databaseError('57P01'))).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    expect(answerFor(new Error('unforeseen'))).toMatchObject({ status: 500, code: 'INTERNAL' });
  });
});
