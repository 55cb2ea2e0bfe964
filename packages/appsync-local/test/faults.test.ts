import { AppSyncLocalConfigError, createFaultInjector, seededRandom } from '../src';

describe('Function: createFaultInjector', () => {
  it('injects nothing by default', () => {
    // Prepare
    const faults = createFaultInjector();

    // Act
    const decisions = Array.from({ length: 1000 }, () => [faults.nextHttpFault(), faults.nextDropsConnection()]);

    // Assess
    expect(decisions.every(([http, drop]) => http === undefined && drop === false)).toBe(true);
  });

  it('injects 500s and 429s at about the configured rates, reproducibly for a seed', () => {
    // Prepare
    const run = () => {
      const faults = createFaultInjector({ errorRate: 0.1, throttleRate: 0.1, seed: 42 });
      return Array.from({ length: 5000 }, () => faults.nextHttpFault()?.statusCode ?? 200);
    };

    // Act
    const first = run();
    const second = run();

    // Assess
    expect(second).toEqual(first);
    const share = (code: number) => first.filter((c) => c === code).length / first.length;
    expect(share(500)).toBeGreaterThan(0.08);
    expect(share(500)).toBeLessThan(0.12);
    expect(share(429)).toBeGreaterThan(0.08);
    expect(share(429)).toBeLessThan(0.12);
  });

  it('refuses rates outside [0, 1]', () => {
    // Act / Assess
    expect(() => createFaultInjector({ errorRate: 1.5 })).toThrow(AppSyncLocalConfigError);
    expect(() => createFaultInjector({ errorRate: 0.6, throttleRate: 0.6 })).toThrow('must not exceed 1');
  });
});

describe('Function: seededRandom', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    // Act
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);

    // Assess
    const seq = (r: () => number) => Array.from({ length: 5 }, r);
    const first = seq(a);
    expect(seq(b)).toEqual(first);
    expect(seq(c)).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
