/**
 * The code a failed database call carries: PostgreSQL's SQLSTATE ('22021', '23505') or, for a connection
 * that failed, the socket's errno ('ECONNREFUSED'). pg puts it on the error; TypeORM's QueryFailedError
 * keeps the driver's error as `driverError`.
 */
export function databaseErrorCode(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = candidate?.driverError?.code ?? candidate?.code;
  return typeof code === 'string' ? code : undefined;
}
