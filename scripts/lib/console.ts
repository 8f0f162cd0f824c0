/** Progress lines for the set-up scripts: a newcomer should always see what is happening and why. */
export function step(message: string): void {
  process.stdout.write(`▶ ${message}\n`);
}

export function done(message: string): void {
  process.stdout.write(`✔ ${message}\n`);
}

export function warn(message: string): void {
  process.stderr.write(`⚠ ${message}\n`);
}
