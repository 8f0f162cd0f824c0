export interface GroupCommitOptions {
  /** Batches written at the same time; keep it below the connection pool's size. */
  maxInFlight: number;
  maxBatch: number;
}

interface Waiting<In, Out> {
  item: In;
  resolve(result: Out): void;
  reject(error: unknown): void;
}

/**
 * Group commit: concurrent callers' items are written together. While `maxInFlight` batches are being
 * written, new items queue and leave as one batch when a slot frees. Under light load an item leaves
 * at once (no timer, no added latency); under heavy load one statement and one commit serve many
 * requests. `write` answers each item in the order given; if it throws, every caller of that batch
 * gets the error.
 */
export class GroupCommit<In, Out> {
  private queue: Array<Waiting<In, Out>> = [];
  private inFlight = 0;

  constructor(
    private readonly write: (items: In[]) => Promise<Out[]>,
    private readonly options: GroupCommitOptions = { maxInFlight: 1, maxBatch: 500 },
  ) {}

  submit(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight += 1;
      this.write(batch.map((w) => w.item))
        .then(
          (results) => batch.forEach((w, i) => w.resolve(results[i])),
          (error: unknown) => batch.forEach((w) => w.reject(error)),
        )
        .finally(() => {
          this.inFlight -= 1;
          this.drain();
        });
    }
  }
}
