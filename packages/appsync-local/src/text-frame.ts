// RFC 6455 section 5.2: FIN bit and opcode 0x1 (text), then the payload length in 7 bits, or 126 and
// 16 bits, or 127 and 64 bits; server frames are not masked.
const FIN_TEXT = 0x81;

/**
 * Builds one unmasked WebSocket text frame (server to client) whose payload is `parts` in order, in
 * a single buffer, so a frame costs one allocation and one socket write.
 *
 * @example
 * ```ts
 * socket.write(textFrame([Buffer.from('{"type":'), Buffer.from('"ka"}')], 13));
 * ```
 */
export function textFrame(parts: readonly Uint8Array[], byteLength: number): Buffer {
  const headerLength = byteLength < 126 ? 2 : byteLength < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + byteLength);
  frame[0] = FIN_TEXT;
  if (byteLength < 126) {
    frame[1] = byteLength;
  } else if (byteLength < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(byteLength, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(byteLength), 2);
  }
  let offset = headerLength;
  for (const part of parts) {
    frame.set(part, offset);
    offset += part.length;
  }
  if (offset !== frame.length) throw new RangeError(`textFrame: parts hold ${offset - headerLength} bytes, not ${byteLength}`);
  return frame;
}
