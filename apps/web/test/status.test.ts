import { statusLabel } from '../src/status';

describe('Function: statusLabel', () => {
  it('names each connection state, with the attempt number while reconnecting', () => {
    // Act + Assess
    expect(statusLabel({ state: 'connecting' })).toBe('connecting…');
    expect(statusLabel({ state: 'connected' })).toBe('connected');
    expect(statusLabel({ state: 'disconnected', attempt: 3, retryInMs: 1200, reason: 'socket closed' })).toBe('reconnecting (attempt 3)');
    expect(statusLabel({ state: 'disconnected' })).toBe('reconnecting (attempt 1)');
    expect(statusLabel({ state: 'closed', reason: 'gave up' })).toBe('offline');
  });
});
