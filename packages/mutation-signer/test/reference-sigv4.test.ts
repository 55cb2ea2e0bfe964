import { referenceSign } from '../bench/reference-sigv4';

// The reference signer produces the expected values of the other vector tests, so it is itself anchored
// to the published AWS Signature Version 4 test suite (get-vanilla, post-vanilla).
describe('Function: referenceSign', () => {
  const suite = {
    host: 'example.amazonaws.com',
    path: '/',
    headers: {},
    body: '',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
    region: 'us-east-1',
    service: 'service',
    date: new Date('2015-08-30T12:36:00Z'),
  };

  it.each([
    ['GET', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'],
    ['POST', '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b'],
  ])('reproduces the AWS test suite signature of %s vanilla', (method, signature) => {
    // Act
    const result = referenceSign({ ...suite, method });

    // Assess
    expect(result.amzDate).toBe('20150830T123600Z');
    expect(result.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ' +
        `SignedHeaders=host;x-amz-date, Signature=${signature}`,
    );
  });
});
