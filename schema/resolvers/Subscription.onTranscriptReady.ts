// PRIVATE kind: only the owner receives it; the filter is server-side, whatever the client asks.
import type { Context } from '@aws-appsync/utils';
import { callerIdentityId } from './lib/identity';
import { nonePayload, onlyOwner } from './lib/subscription';

export function request(ctx: Context) {
  callerIdentityId(ctx);
  return nonePayload();
}

export function response(ctx: Context) {
  onlyOwner(callerIdentityId(ctx));
  return null;
}
