import { jest } from '@jest/globals';
import { PeriodicTask } from './periodic-task.js';

describe('PeriodicTask', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs on its period until stopped, and survives a failed run', async () => {
    let runs = 0;
    const task = new PeriodicTask('test sweep', 1000, async () => {
      runs++;
      if (runs === 1) throw new Error('first run fails');
    });
    task.start();
    task.start(); // a second start does not add a second timer
    await jest.advanceTimersByTimeAsync(3000);
    expect(runs).toBe(3);
    task.stop();
    await jest.advanceTimersByTimeAsync(3000);
    expect(runs).toBe(3);
  });

  it('a period of 0 switches it off', async () => {
    let runs = 0;
    const task = new PeriodicTask('off', 0, async () => void runs++);
    task.start();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(runs).toBe(0);
  });
});
