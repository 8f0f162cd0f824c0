/**
 * Development mode is asked for explicitly (`npm start` does, for the embedded suite); anything else is
 * production, which refuses to start without its own signing key and never offers the development login.
 * A deployment that forgets a variable is therefore closed, not open.
 */
export type DeploymentMode = 'development' | 'production';

export const DEPLOYMENT_MODE = Symbol('DEPLOYMENT_MODE');

/** The key the development suite signs with; production refuses it. */
export const DEVELOPMENT_JWT_SECRET = 'development-only-secret-change-me';
const MIN_SECRET_LENGTH = 32;

export function deploymentModeFromEnv(env: NodeJS.ProcessEnv = process.env): DeploymentMode {
  return env.SUITE_MODE === 'development' ? 'development' : 'production';
}

/** The token signing key for a mode: production must bring a long one of its own. */
export function jwtSecretFor(mode: DeploymentMode, configured: string | undefined): string {
  if (mode === 'development') return configured || DEVELOPMENT_JWT_SECRET;
  if (!configured || configured.length < MIN_SECRET_LENGTH || configured === DEVELOPMENT_JWT_SECRET) {
    throw new Error(
      `生产模式必须设置 JWT_SECRET（至少 ${MIN_SECRET_LENGTH} 个字符，且不是开发用密钥）；本地试用请用 npm start（SUITE_MODE=development）`,
    );
  }
  return configured;
}
