import { text } from 'node:stream/consumers';
import { hashPassword, passwordProblem } from '../apps/api/src/auth/passwords';
import { normaliseText } from '../libs/domain/src/text-rules';
import { linkOidcSubject, setPasswordHash } from '../libs/persistence/src/credentials';
import { createDataSource, databaseUrlFromEnv } from '../libs/persistence/src/data-source';

/**
 * Account administration on DATABASE_URL, for an operator:
 *   npm run account:set-password -- <username>           the new password on stdin (a trailing newline is dropped)
 *   npm run account:link-oidc -- <username> <subject>    the identity provider's `sub` for the account ('' unlinks)
 */
async function main([command, username, subject]: string[]): Promise<string> {
  if (!username) throw new Error('用法：account set-password <用户名>，或 account link-oidc <用户名> <subject>');
  const dataSource = await createDataSource(databaseUrlFromEnv()).initialize();
  try {
    if (command === 'set-password') {
      if (process.stdin.isTTY) process.stderr.write('输入新密码，以回车和 Ctrl-D 结束：\n');
      const password = normaliseText((await text(process.stdin)).replace(/\r?\n$/, ''));
      const problem = passwordProblem(password);
      if (problem) throw new Error(problem);
      if (!(await setPasswordHash(dataSource, username, await hashPassword(password))))
        throw new Error(`没有名为 ${username} 的账号`);
      return `已为 ${username} 设置密码`;
    }
    if (command === 'link-oidc' && subject !== undefined) {
      if (!(await linkOidcSubject(dataSource, username, subject || null)))
        throw new Error(`没有名为 ${username} 的账号`);
      return subject ? `${username} 已关联统一身份认证主体 ${subject}` : `${username} 已取消关联`;
    }
    throw new Error(`未知命令：${command ?? ''}`);
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv.slice(2)).then(
  (done) => console.log(done),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
