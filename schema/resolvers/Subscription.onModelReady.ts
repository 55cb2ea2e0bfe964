// BROADCAST kind: every caller IAM lets subscribe receives every event; no filter.
import type { Context } from '@aws-appsync/utils';
import { nonePayload } from './lib/subscription';

export function request(_ctx: Context) {
  return nonePayload();
}

export function response(_ctx: Context) {
  return null;
}
