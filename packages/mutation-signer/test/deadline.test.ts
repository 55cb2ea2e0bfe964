import { deadlineFromContext } from '../src';

describe('Function: deadlineFromContext', () => {
  const context = (remaining: number) => ({ getRemainingTimeInMillis: () => remaining });

  it('returns now plus the remaining time minus the default 500 ms margin', () => {
    // Act
    const deadline = deadlineFromContext(context(10_000), undefined, () => 1_000_000);

    // Assess
    expect(deadline).toBe(1_009_500);
  });

  it('applies a custom margin', () => {
    // Act
    const deadline = deadlineFromContext(context(3_000), 1_000, () => 5_000);

    // Assess
    expect(deadline).toBe(7_000);
  });

  it('never returns a deadline before now when the margin exceeds the remaining time', () => {
    // Act
    const deadline = deadlineFromContext(context(200), 500, () => 5_000);

    // Assess
    expect(deadline).toBe(5_000);
  });

  it('uses the wall clock by default', () => {
    // Prepare
    const before = Date.now();

    // Act
    const deadline = deadlineFromContext(context(60_000));

    // Assess
    expect(deadline).toBeGreaterThanOrEqual(before + 59_500);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 59_500);
  });
});
