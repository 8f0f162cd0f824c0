import { GroupCommit } from '../../libs/persistence/src/group-commit';

/** A writer whose batches finish only when the test says so. */
function heldWriter() {
  const batches: number[][] = [];
  const release: Array<(error?: Error) => void> = [];
  const write = (items: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push(items);
      release.push((error) => (error ? reject(error) : resolve(items.map((n) => `#${n}`))));
    });
  return { batches, release, write };
}

describe('GroupCommit', () => {
  it('writes a lone item at once, and what arrives meanwhile as one batch, answering each caller its own result', async () => {
    const { batches, release, write } = heldWriter();
    const commit = new GroupCommit(write);
    const first = commit.submit(1);
    expect(batches).toEqual([[1]]);
    const later = [2, 3, 4].map((n) => commit.submit(n));
    expect(batches).toHaveLength(1);
    release[0]();
    await expect(first).resolves.toBe('#1');
    expect(batches).toEqual([[1], [2, 3, 4]]);
    release[1]();
    await expect(Promise.all(later)).resolves.toEqual(['#2', '#3', '#4']);
  });

  it('fails only the callers of the batch that failed', async () => {
    const { release, write } = heldWriter();
    const commit = new GroupCommit(write);
    const first = commit.submit(1);
    const second = commit.submit(2);
    release[0](new Error('连接中断'));
    await expect(first).rejects.toThrow('连接中断');
    release[1]();
    await expect(second).resolves.toBe('#2');
  });

  it('keeps batches within maxBatch and in flight within maxInFlight', async () => {
    const { batches, release, write } = heldWriter();
    const commit = new GroupCommit(write, { maxInFlight: 2, maxBatch: 2 });
    const all = [1, 2, 3, 4, 5, 6].map((n) => commit.submit(n));
    expect(batches).toEqual([[1], [2]]);
    release[0]();
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([[1], [2], [3, 4]]);
    release[1]();
    release[2]();
    await new Promise((r) => setImmediate(r));
    release[3]();
    await expect(Promise.all(all)).resolves.toEqual(['#1', '#2', '#3', '#4', '#5', '#6']);
  });

  it('tells an observer the size of each batch as it leaves', async () => {
    const { release, write } = heldWriter();
    const sizes: number[] = [];
    const commit = new GroupCommit(write, { onBatch: (size) => sizes.push(size) });
    const all = [1, 2, 3].map((n) => commit.submit(n));
    expect(sizes).toEqual([1]);
    release[0]();
    await new Promise((r) => setImmediate(r));
    expect(sizes).toEqual([1, 2]);
    release[1]();
    await expect(Promise.all(all)).resolves.toEqual(['#1', '#2', '#3']);
  });
});
