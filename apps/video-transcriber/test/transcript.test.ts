import { ValidationError } from '@notifier/lambda-kit';
import { EXCERPT_MAX_CHARS, s3LocationOf, transcriptExcerpt, transcriptText } from '../src/transcript';
import { loadEvent } from './helpers';

describe('Function: transcriptText', () => {
  it('reads the transcript of a Transcribe output file', () => {
    // Act & Assess
    expect(transcriptText(loadEvent('transcribe/output-completed.json'))).toBe('Welcome to the team meeting. Today we look at the release.');
  });

  it('names what is missing from a file that is not Transcribe output', () => {
    // Act & Assess
    expect(() => transcriptText({ jobName: 'x', results: {} })).toThrow(ValidationError);
    expect(() => transcriptText({ jobName: 'x', results: {} })).toThrow(/results\.transcripts: expected array/);
  });
});

describe('Function: transcriptExcerpt', () => {
  it('keeps a short transcript whole, with whitespace collapsed', () => {
    // Act & Assess
    expect(transcriptExcerpt('  Hello \n world ')).toBe('Hello world');
  });

  it('cuts a long transcript at a word boundary within the limit and marks the cut', () => {
    // Prepare
    const text = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');

    // Act
    const excerpt = transcriptExcerpt(text);

    // Assess
    expect(excerpt.length).toBeLessThanOrEqual(EXCERPT_MAX_CHARS + 1);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(text.startsWith(excerpt.slice(0, -1))).toBe(true);
    expect(text[excerpt.length - 1]).toBe(' ');
  });

  it('cuts mid-word when there is no boundary, without splitting a surrogate pair', () => {
    // Prepare
    const text = `${'a'.repeat(EXCERPT_MAX_CHARS - 1)}😀${'b'.repeat(50)}`;

    // Act
    const excerpt = transcriptExcerpt(text);

    // Assess
    expect(excerpt).toBe(`${'a'.repeat(EXCERPT_MAX_CHARS - 1)}…`);
  });
});

describe('Function: s3LocationOf', () => {
  it.each([
    ['https://s3.eu-west-1.amazonaws.com/transcripts-dev/transcripts/job.json', { bucket: 'transcripts-dev', key: 'transcripts/job.json' }],
    ['https://transcripts-dev.s3.eu-west-1.amazonaws.com/transcripts/job.json', { bucket: 'transcripts-dev', key: 'transcripts/job.json' }],
    ['https://transcripts-dev.s3.amazonaws.com/transcripts/job.json', { bucket: 'transcripts-dev', key: 'transcripts/job.json' }],
    ['http://127.0.0.1:4569/transcripts-dev/transcripts/a%20b.json', { bucket: 'transcripts-dev', key: 'transcripts/a b.json' }],
    ['s3://media/private/eu-west-1:abc/Team meeting + Q&A.MP4', { bucket: 'media', key: 'private/eu-west-1:abc/Team meeting + Q&A.MP4' }],
    ['s3://media/private/x:1/100% #1?.mp3', { bucket: 'media', key: 'private/x:1/100% #1?.mp3' }],
  ])('reads %s', (uri, location) => {
    // Act & Assess
    expect(s3LocationOf(uri)).toEqual(location);
  });

  it.each(['not a uri', 'ftp://host/bucket/key', 'https://s3.eu-west-1.amazonaws.com/bucket-only', 's3://bucket-only/'])('has no location for %s', (uri) => {
    // Act & Assess
    expect(s3LocationOf(uri)).toBeUndefined();
  });
});
