// Encoding utilities with the semantics of AppSync's Java-based implementation.
import { UtilityArgumentError } from './errors';

function requireString(name: string, value: unknown): string {
  if (typeof value !== 'string') throw new UtilityArgumentError(`${name} expects a string, got ${typeof value}`);
  return value;
}

/** `application/x-www-form-urlencoded` like Java's URLEncoder: space becomes `+`; `*-._` stay. */
export function urlEncode(value: string): string {
  return encodeURIComponent(requireString('util.urlEncode', value))
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** Inverse of {@link urlEncode}: `+` is a space. */
export function urlDecode(value: string): string {
  const text = requireString('util.urlDecode', value).replace(/\+/g, ' ');
  try {
    return decodeURIComponent(text);
  } catch (error) {
    throw new UtilityArgumentError(`util.urlDecode: malformed escape sequence in ${JSON.stringify(value)}`, { cause: error });
  }
}

/** Base64 of the UTF-8 bytes of a string. */
export function base64Encode(value: string): string {
  return Buffer.from(requireString('util.base64Encode', value), 'utf8').toString('base64');
}

/** UTF-8 text of base64 data; refuses anything that is not base64. */
export function base64Decode(value: string): string {
  const text = requireString('util.base64Decode', value);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) {
    throw new UtilityArgumentError(`util.base64Decode: not base64: ${JSON.stringify(value)}`);
  }
  return Buffer.from(text, 'base64').toString('utf8');
}

/** Like Apache Commons `escapeEcmaScript`: quotes, backslash, slash and control characters escaped. */
export function escapeJavaScript(value: string): string {
  return requireString('util.escapeJavaScript', value).replace(/[^ !#-&(-.0-[\]-~]/g, (c) => {
    switch (c) {
      case '"': return '\\"';
      case "'": return "\\'";
      case '\\': return '\\\\';
      case '/': return '\\/';
      case '\b': return '\\b';
      case '\f': return '\\f';
      case '\n': return '\\n';
      case '\r': return '\\r';
      case '\t': return '\\t';
      default: return `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    }
  });
}
