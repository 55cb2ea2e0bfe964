import { createLogger } from '../src';

describe('Function: createLogger', () => {
  const saved = process.env.POWERTOOLS_SERVICE_NAME;
  afterEach(() => {
    if (saved === undefined) delete process.env.POWERTOOLS_SERVICE_NAME;
    else process.env.POWERTOOLS_SERVICE_NAME = saved;
  });

  it('writes one JSON line per call with the service name and extra keys', () => {
    // Prepare
    process.env.POWERTOOLS_SERVICE_NAME = 'bulk-load-notice';
    const logger = createLogger({ logLevel: 'INFO', persistentKeys: { app: 'x' } });
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);

    // Act
    logger.info('notification sent', { notificationId: 'n-1' });
    logger.debug('hidden');

    // Assess
    expect(write).toHaveBeenCalledTimes(1);
    const line = JSON.parse(String(write.mock.calls[0]?.[0]));
    expect(line).toMatchObject({ level: 'INFO', message: 'notification sent', service: 'bulk-load-notice', notificationId: 'n-1', app: 'x' });
  });
});
