/** Media formats Transcribe batch jobs take. */
export const MEDIA_FORMATS = ['amr', 'flac', 'm4a', 'mp3', 'mp4', 'ogg', 'webm', 'wav'] as const;
/** One of {@link MEDIA_FORMATS}. */
export type MediaFormat = (typeof MEDIA_FORMATS)[number];

/**
 * The media format recognised from a file's first bytes, or undefined: `ftyp` box (mp4, m4a), `ID3` or an MPEG frame
 * sync (mp3), `RIFF....WAVE` (wav), `fLaC` (flac), `OggS` (ogg), EBML (webm), `#!AMR` (amr).
 *
 * @example
 * detectMediaFormat(Buffer.from('fLaC...')); // 'flac'
 */
export function detectMediaFormat(head: Buffer): MediaFormat | 'mp4-family' | undefined {
  const ascii = (from: number, to: number) => head.toString('latin1', from, to);
  if (head.length >= 12 && ascii(4, 8) === 'ftyp') return 'mp4-family';
  if (ascii(0, 3) === 'ID3' || (head.length >= 2 && head[0] === 0xff && (head[1]! & 0xe0) === 0xe0)) return 'mp3';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'wav';
  if (ascii(0, 4) === 'fLaC') return 'flac';
  if (ascii(0, 4) === 'OggS') return 'ogg';
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) return 'webm';
  if (ascii(0, 5) === '#!AMR') return 'amr';
  return undefined;
}

/** True when the bytes fit the declared format (mp4 and m4a share the `ftyp` container). */
export function matchesFormat(head: Buffer, declared: MediaFormat): boolean {
  const detected = detectMediaFormat(head);
  return detected === declared || (detected === 'mp4-family' && (declared === 'mp4' || declared === 'm4a'));
}
