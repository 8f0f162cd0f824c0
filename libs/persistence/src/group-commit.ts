export interface GroupCommitOptions {
  /** Batches written at the same time; keep it below the connection pool's size. */
  maxInFlight: number;
  maxBatch: number;
  /** Told each batch's size as it leaves (the API's group-commit metric); what it throws is ignored. */
  onBatch?: (size: number) => void;
}

const DEFAULTS: GroupCommitOptions = { maxInFlight: 1, maxBatch: 500 };

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
  private readonly options: GroupCommitOptions;

  constructor(
    private readonly write: (items: In[]) => Promise<Out[]>,
    options: Partial<GroupCommitOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

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
      try {
        this.options.onBatch?.(batch.length);
      } catch {
        // an observer's fault must not strand the batch's callers
      }
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
