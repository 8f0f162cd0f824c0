/** The suite runs on Node 24 LTS or newer only; `./suite` obtains it, this stops anything started some other way. */
export function requireSupportedNode(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 24) return;
  process.stderr.write(
    `✘ 需要 Node.js 24 LTS 或更高版本，当前为 ${process.version}（已停止支持）。请用 ./suite start 或 ./suite test，它会自动获取 Node.js 24。\n`,
  );
  process.exit(1);
}
