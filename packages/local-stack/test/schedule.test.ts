import { LocalStackError } from '../src/errors';
import { scheduleIntervalMs } from '../src/schedule';

describe('Function: scheduleIntervalMs', () => {
  it('reads the period of rate expressions as EventBridge writes them', () => {
    // Act + Assess
    expect(scheduleIntervalMs('rate(15 minutes)')).toBe(900_000);
    expect(scheduleIntervalMs('rate(1 hour)')).toBe(3_600_000);
    expect(scheduleIntervalMs('rate(2 days)')).toBe(172_800_000);
  });

  it('refuses cron expressions, zero rates and the wrong plural, with a clear error', () => {
    // Act + Assess
    expect(() => scheduleIntervalMs('cron(0 12 * * ? *)')).toThrow(LocalStackError);
    expect(() => scheduleIntervalMs('cron(0 12 * * ? *)')).toThrow('is not a rate(...) expression');
    expect(() => scheduleIntervalMs('rate(0 minutes)')).toThrow('must have a positive rate');
    expect(() => scheduleIntervalMs('rate(1 minutes)')).toThrow('EventBridge wants "1 minute" or "N minutes"');
    expect(() => scheduleIntervalMs('rate(5 minute)')).toThrow('EventBridge wants');
  });
});
