import 'reflect-metadata';
import { apiSettingsFromEnv } from './app.module';
import { createApiApp } from './app.factory';

async function main(): Promise<void> {
  const app = await createApiApp(apiSettingsFromEnv());
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port, process.env.HOST ?? '127.0.0.1');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
