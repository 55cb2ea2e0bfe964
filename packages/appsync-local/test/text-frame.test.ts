import { textFrame } from '../src/text-frame';

function header(frame: Buffer): { fin: boolean; opcode: number; masked: boolean; length: number; offset: number } {
  const code = frame[1]! & 0x7f;
  const [length, offset] = code < 126 ? [code, 2] : code === 126 ? [frame.readUInt16BE(2), 4] : [Number(frame.readBigUInt64BE(2)), 10];
  return { fin: (frame[0]! & 0x80) !== 0, opcode: frame[0]! & 0x0f, masked: (frame[1]! & 0x80) !== 0, length, offset };
}

describe('Function: textFrame', () => {
  it.each([0, 1, 125, 126, 127, 65535, 65536, 70000])('frames a %i-byte payload as one unmasked final text frame', (size) => {
    // Prepare
    const payload = Buffer.alloc(size, 'a');
    const parts = [payload.subarray(0, Math.floor(size / 2)), payload.subarray(Math.floor(size / 2))];

    // Act
    const frame = textFrame(parts, size);

    // Assess
    const h = header(frame);
    expect(h).toEqual({ fin: true, opcode: 1, masked: false, length: size, offset: size < 126 ? 2 : size < 65536 ? 4 : 10 });
    expect(frame.length).toBe(h.offset + size);
    expect(frame.subarray(h.offset).equals(payload)).toBe(true);
  });

  it('copies the parts in order', () => {
    // Act
    const frame = textFrame([Buffer.from('{"a":'), Buffer.from('"é"'), Buffer.from('}')], 10);

    // Assess
    expect(frame.subarray(2).toString('utf8')).toBe('{"a":"é"}');
  });

  it('refuses a byte length that does not match the parts', () => {
    // Act
    const build = () => textFrame([Buffer.from('abc')], 4);

    // Assess
    expect(build).toThrow(RangeError);
  });
});
