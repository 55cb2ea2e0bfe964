import { LocalStackError } from './errors';

const UNIT_MS: Record<string, number> = { minute: 60_000, minutes: 60_000, hour: 3_600_000, hours: 3_600_000, day: 86_400_000, days: 86_400_000 };

/**
 * The period of an EventBridge `rate(...)` schedule expression, in milliseconds. `cron(...)`
 * expressions are not run locally and are reported as such.
 *
 * @example
 * scheduleIntervalMs('rate(15 minutes)'); // 900000
 */
export function scheduleIntervalMs(expression: string): number {
  const match = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(expression.trim());
  if (!match) throw new LocalStackError(`schedule "${expression}" is not a rate(...) expression; the local stack runs only rate schedules`);
  const value = Number(match[1]);
  const unit = match[2] as string;
  if (value <= 0) throw new LocalStackError(`schedule "${expression}" must have a positive rate`);
  if ((value === 1) !== !unit.endsWith('s')) throw new LocalStackError(`schedule "${expression}": EventBridge wants "1 ${unit.replace(/s$/, '')}" or "N ${unit.replace(/s?$/, 's')}"`);
  return value * (UNIT_MS[unit] as number);
}
