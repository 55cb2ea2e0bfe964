import { JOB_NAME_PREFIX, jobTags, mediaFormatOf, ownerTranscriptKey, transcriptionJobArn, transcriptionJobName, transcriptOutputKey } from '../src/job';

describe('Function: mediaFormatOf', () => {
  it.each([
    ['a/b/talk.mp4', 'mp4'],
    ['a/b/TALK.M4A', 'm4a'],
    ['voice.amr', 'amr'],
    ['x.flac', 'flac'],
    ['x.mp3', 'mp3'],
    ['x.ogg', 'ogg'],
    ['x.webm', 'webm'],
    ['x.wav', 'wav'],
  ])('maps %s to %s', (key, format) => {
    // Act & Assess
    expect(mediaFormatOf(key)).toBe(format);
  });

  it.each(['photo.jpg', 'movie.mov', 'noext', 'dir.mp4/file', '.mp4'])('has no format for %s', (key) => {
    // Act & Assess
    expect(mediaFormatOf(key)).toBeUndefined();
  });
});

describe('Function: transcriptionJobName', () => {
  const valid = /^[0-9a-zA-Z._-]{1,200}$/;

  it('is deterministic, valid and keeps a readable tail of the key', () => {
    // Prepare
    const ref = { bucket: 'media', key: 'private/eu-west-1:abc/videos/Team meeting + Q&A.MP4' };

    // Act
    const first = transcriptionJobName(ref, 'etag-1');
    const second = transcriptionJobName(ref, 'etag-1');

    // Assess
    expect(first).toBe(second);
    expect(first).toMatch(valid);
    expect(first).toMatch(/^notifier-videos_Team_meeting_Q_A\.MP4-[0-9a-f]{20}$/);
  });

  it('differs between keys that sanitise alike and between versions of one key', () => {
    // Act
    const names = new Set([
      transcriptionJobName({ bucket: 'media', key: 'private/x:1/a b.mp4' }, 'e'),
      transcriptionJobName({ bucket: 'media', key: 'private/x:1/a_b.mp4' }, 'e'),
      transcriptionJobName({ bucket: 'media', key: 'private/x:1/a&b.mp4' }, 'e'),
      transcriptionJobName({ bucket: 'media', key: 'private/x:1/a b.mp4' }, 'f'),
      transcriptionJobName({ bucket: 'other', key: 'private/x:1/a b.mp4' }, 'e'),
    ]);

    // Assess
    expect(names.size).toBe(5);
  });

  it('stays within 200 characters for a 1,024-byte key and for a key of only invalid characters', () => {
    // Act
    const long = transcriptionJobName({ bucket: 'media', key: `private/x:1/${'ü'.repeat(500)}${'d'.repeat(500)}.mp4` }, 'e');
    const odd = transcriptionJobName({ bucket: 'media', key: 'private/x:1/ðŸ.mp3'.replace(/[a-z.0-9]/g, '') }, 'e');

    // Assess
    expect(long).toMatch(valid);
    expect(long.length).toBe(200);
    expect(long.startsWith(JOB_NAME_PREFIX)).toBe(true);
    expect(long).toMatch(/d\.mp4-[0-9a-f]{20}$/);
    expect(odd).toMatch(valid);
  });
});

describe('Function: jobTags', () => {
  it('tags the owner and the media key', () => {
    // Act & Assess
    expect(jobTags('eu-west-1:abc', 'private/eu-west-1:abc/talk 1.mp4')).toEqual([
      { Key: 'notifier:owner', Value: 'eu-west-1:abc' },
      { Key: 'notifier:media-key', Value: 'private/eu-west-1:abc/talk 1.mp4' },
    ]);
  });

  it('leaves out a media key that Transcribe tag values cannot hold', () => {
    // Act & Assess
    expect(jobTags('eu-west-1:abc', 'private/eu-west-1:abc/Q&A (1).mp4')).toEqual([{ Key: 'notifier:owner', Value: 'eu-west-1:abc' }]);
    expect(jobTags('eu-west-1:abc', `private/${'a'.repeat(300)}.mp4`)).toHaveLength(1);
  });
});

describe('Function: transcriptOutputKey', () => {
  it('places the transcript under transcripts/ with a key Transcribe accepts', () => {
    // Act
    const key = transcriptOutputKey('notifier-talk.mp4-0123');

    // Assess
    expect(key).toBe('transcripts/notifier-talk.mp4-0123.json');
    expect(key).toMatch(/^[a-zA-Z0-9-_.!*'()/]{1,1024}$/);
  });
});

describe('Function: ownerTranscriptKey', () => {
  it("puts the owner's copy of a transcript under their private prefix, one key per job", () => {
    // Act & Assess
    expect(ownerTranscriptKey('eu-west-1:7d2f1c3a-5b6e-4f80-9a1b-2c3d4e5f6a7b', 'notifier-talk.mp4-0123')).toBe(
      'private/eu-west-1:7d2f1c3a-5b6e-4f80-9a1b-2c3d4e5f6a7b/transcripts/notifier-talk.mp4-0123.json',
    );
  });

  it('is not a media key, so the copy starts no transcription even where it is routed to start', () => {
    // Act & Assess
    expect(mediaFormatOf(ownerTranscriptKey('eu-west-1:abc', 'notifier-talk.mp4-0123'))).toBeUndefined();
  });
});

describe('Function: transcriptionJobArn', () => {
  it.each([
    ['arn:aws:lambda:eu-west-1:123456789012:function:sweep', 'arn:aws:transcribe:eu-west-1:123456789012:transcription-job/notifier-a.mp4-01'],
    ['arn:aws:lambda:eu-west-1:123456789012:function:sweep:live', 'arn:aws:transcribe:eu-west-1:123456789012:transcription-job/notifier-a.mp4-01'],
    ['arn:aws-cn:lambda:cn-north-1:123456789012:function:sweep', 'arn:aws-cn:transcribe:cn-north-1:123456789012:transcription-job/notifier-a.mp4-01'],
  ])('places the job in the partition, region and account of %s', (functionArn, jobArn) => {
    // Act & Assess
    expect(transcriptionJobArn(functionArn, 'notifier-a.mp4-01')).toBe(jobArn);
  });

  it.each(['', 'sweep', 'arn:aws:s3:::bucket', 'arn:aws:lambda:eu-west-1::function:sweep'])('has no job ARN for %j', (functionArn) => {
    // Act & Assess
    expect(transcriptionJobArn(functionArn, 'notifier-a.mp4-01')).toBeUndefined();
  });
});
