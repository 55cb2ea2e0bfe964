// util.time over an injectable clock. Formats follow Java's DateTimeFormatter for the pattern
// letters resolvers use (y M d H h m s S a E Z X and 'quoted text'); others are refused clearly.
import { UtilityArgumentError } from './errors';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number;
  /** Offset from UTC in minutes (east positive). */
  offset: number;
}

function zonedParts(epochMs: number, timezone: string): ZonedParts {
  let utcMs = epochMs;
  let offset = 0;
  if (timezone !== 'UTC' && timezone !== 'Z') {
    let format: Intl.DateTimeFormat;
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
        hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
    } catch (error) {
      throw new UtilityArgumentError(`util.time: unknown time zone ${JSON.stringify(timezone)}`, { cause: error });
    }
    const parts = Object.fromEntries(format.formatToParts(new Date(epochMs)).map((p) => [p.type, p.value]));
    const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
    offset = Math.round((asUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000))) / 60_000);
    utcMs = epochMs + offset * 60_000;
  }
  const d = new Date(utcMs);
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(),
    minute: d.getUTCMinutes(), second: d.getUTCSeconds(), millisecond: d.getUTCMilliseconds(), weekday: d.getUTCDay(), offset,
  };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function offsetText(offset: number, colon: boolean, zForZero: boolean): string {
  if (offset === 0 && zForZero) return 'Z';
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${colon ? ':' : ''}${pad(abs % 60, 2)}`;
}

/** Formats epoch milliseconds with a DateTimeFormatter pattern in a time zone (default UTC). */
export function formatEpochMs(epochMs: number, pattern: string, timezone = 'UTC'): string {
  const p = zonedParts(epochMs, timezone);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === -1) throw new UtilityArgumentError(`util.time: unterminated quote in pattern ${JSON.stringify(pattern)}`);
      out += end === i + 1 ? "'" : pattern.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += c;
      i += 1;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === c) n += 1;
    i += n;
    switch (c) {
      case 'y':
      case 'u': out += n === 2 ? pad(p.year % 100, 2) : pad(p.year, n); break;
      case 'M': out += n >= 4 ? MONTHS[p.month - 1] : n === 3 ? (MONTHS[p.month - 1] as string).slice(0, 3) : pad(p.month, n); break;
      case 'd': out += pad(p.day, n); break;
      case 'H': out += pad(p.hour, n); break;
      case 'h': out += pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n); break;
      case 'm': out += pad(p.minute, n); break;
      case 's': out += pad(p.second, n); break;
      case 'S': out += pad(p.millisecond, 3).slice(0, n).padEnd(n, '0'); break;
      case 'a': out += p.hour < 12 ? 'AM' : 'PM'; break;
      case 'E': out += n >= 4 ? DAYS[p.weekday] : (DAYS[p.weekday] as string).slice(0, 3); break;
      case 'Z': out += n >= 4 ? (p.offset === 0 ? 'GMT' : `GMT${offsetText(p.offset, true, false)}`) : offsetText(p.offset, false, false); break;
      case 'X': out += offsetText(p.offset, n >= 3, true); break;
      case 'x': out += offsetText(p.offset, n >= 3, false); break;
      default:
        throw new UtilityArgumentError(`util.time: pattern letter '${c}' is not supported locally (pattern ${JSON.stringify(pattern)})`);
    }
  }
  return out;
}

/** Parses text written with a DateTimeFormatter pattern (numeric fields) back to epoch milliseconds. */
export function parseFormatted(text: string, pattern: string, timezone = 'UTC'): number {
  let regex = '';
  const fields: string[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      regex += escapeRegExp(end === i + 1 ? "'" : pattern.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      regex += escapeRegExp(c);
      i += 1;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === c) n += 1;
    i += n;
    if ('yuMdHhmsS'.includes(c)) {
      regex += `(\\d{${n === 1 ? '1,4' : n}})`;
      fields.push(c);
    } else if (c === 'a') {
      regex += '(AM|PM)';
      fields.push(c);
    } else if (c === 'Z' || c === 'X' || c === 'x') {
      regex += '(Z|[+-]\\d{2}:?\\d{2})';
      fields.push('Z');
    } else {
      throw new UtilityArgumentError(`util.time: pattern letter '${c}' is not supported for parsing locally`);
    }
  }
  const match = new RegExp(`^${regex}$`).exec(text);
  if (!match) throw new UtilityArgumentError(`util.time: ${JSON.stringify(text)} does not match ${JSON.stringify(pattern)}`);
  const v = { y: 1970, M: 1, d: 1, H: 0, m: 0, s: 0, S: 0, pm: false, h12: false, offset: null as number | null };
  fields.forEach((field, index) => {
    const raw = match[index + 1] as string;
    switch (field) {
      case 'y': case 'u': v.y = Number(raw); break;
      case 'M': v.M = Number(raw); break;
      case 'd': v.d = Number(raw); break;
      case 'H': v.H = Number(raw); break;
      case 'h': v.H = Number(raw) % 12; v.h12 = true; break;
      case 'm': v.m = Number(raw); break;
      case 's': v.s = Number(raw); break;
      case 'S': v.S = Number(raw.padEnd(3, '0').slice(0, 3)); break;
      case 'a': v.pm = raw === 'PM'; break;
      case 'Z': v.offset = raw === 'Z' ? 0 : (raw.startsWith('-') ? -1 : 1) * (Number(raw.slice(1, 3)) * 60 + Number(raw.slice(-2))); break;
    }
  });
  if (v.pm && v.h12) v.H += 12;
  const local = Date.UTC(v.y, v.M - 1, v.d, v.H, v.m, v.s, v.S);
  if (v.offset !== null) return local - v.offset * 60_000;
  if (timezone === 'UTC') return local;
  // The zone's offset at that wall-clock time (one correction step covers DST edges well enough).
  const guess = local - zonedParts(local, timezone).offset * 60_000;
  return local - zonedParts(guess, timezone).offset * 60_000;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** ISO 8601 in UTC with milliseconds, as AppSync prints it (`2026-11-27T14:00:00.000Z`). */
export function epochMsToISO8601(epochMs: number): string {
  if (!Number.isFinite(epochMs)) throw new UtilityArgumentError(`util.time: not an epoch: ${String(epochMs)}`);
  return new Date(epochMs).toISOString();
}

/** Epoch milliseconds of an ISO 8601 date-time (offset or Z required, as AppSync's parser demands). */
export function parseISO8601(text: string): number {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    throw new UtilityArgumentError(`util.time.parseISO8601ToEpochMilliSeconds: not an ISO 8601 date-time: ${JSON.stringify(text)}`);
  }
  const ms = Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));
  if (Number.isNaN(ms)) throw new UtilityArgumentError(`util.time.parseISO8601ToEpochMilliSeconds: invalid date ${JSON.stringify(text)}`);
  return ms;
}
