import { Logger } from '@nestjs/common';

/**
 * A sweep that each service instance runs on a timer (escalation of overdue steps, drop-out
 * follow-ups, dormant accounts). Every sweep is idempotent — what it changes it marks, in the
 * same transaction — so instances running it at once do the work once. The timer never keeps
 * the process alive, and a failed run is logged by its error's name only (no personal data).
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly name: string,
    private readonly everyMs: number,
    private readonly run: () => Promise<unknown>,
  ) {}

  start(): void {
    if (this.everyMs <= 0 || this.timer) return;
    const logger = new Logger(this.name);
    this.timer = setInterval(() => void this.run().catch((error: Error) => logger.warn({ msg: `${this.name} failed`, error: error.name })), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
