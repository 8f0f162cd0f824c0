import { hashPassword, passwordMatches } from '../../apps/api/src/auth/passwords';

// The module object itself, which passwords.ts calls through (an `import *` namespace cannot be spied on).
const argon2 = jest.requireActual<typeof import('argon2')>('argon2');

/** Everything but the salt and digest: the algorithm, version and cost, which set how long a verification takes. */
const costOf = (hash: string) => hash.split('$').slice(1, 4).join('$');

describe('password checks', () => {
  afterEach(() => jest.restoreAllMocks());

  it('verifies an unknown account against a dummy hash of the same cost as a real one, and never lets it in', async () => {
    const stored = await hashPassword('the right password');
    const verify = jest.spyOn(argon2, 'verify');

    expect(await passwordMatches(stored, 'a wrong password')).toBe(false);
    expect(await passwordMatches(null, 'a wrong password')).toBe(false);
    expect(await passwordMatches(null, 'no account has this password')).toBe(false);
    expect(await passwordMatches(stored, 'the right password')).toBe(true);

    expect(verify).toHaveBeenCalledTimes(4);
    const [real, dummy] = [verify.mock.calls[0][0], verify.mock.calls[1][0]];
    expect(costOf(real)).toBe('argon2id$v=19$m=19456,p=1,t=2');
    expect(costOf(dummy)).toBe(costOf(real));
    expect(dummy).not.toBe(real);
  });
});
