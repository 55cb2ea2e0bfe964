// The benchmark's equivalent work for both servers: the deployed schema, `notifyModelReady` on a
// NONE data source (the simulator runs VTL only), subscribers on `onModelReady`.
import type { AppSyncModel } from '../src';

/** APPSYNC_JS for this server: the notification envelope built from the input, no storage. */
export const NONE_MUTATION_CODE = `
import { util } from '@aws-appsync/utils';
export function request(ctx) {
  const i = ctx.args.input;
  return { payload: { id: util.autoId(), kind: 'MODEL_READY', audience: 'BROADCAST', ownerId: null, createdAt: util.time.nowISO8601(),
    modelReady: { modelName: i.modelName, version: i.version, artifactLocation: i.artifactLocation, metrics: i.metrics } } };
}
export function response(ctx) { return ctx.result; }
`;

/** The same in VTL for amplify-appsync-simulator. */
export const NONE_MUTATION_VTL_REQUEST = `{"version":"2018-05-29","payload":{"id":"$util.autoId()","kind":"MODEL_READY","audience":"BROADCAST","ownerId":null,"createdAt":"$util.time.nowISO8601()","modelReady":{"modelName":$util.toJson($ctx.args.input.modelName),"version":$util.toJson($ctx.args.input.version),"artifactLocation":$util.toJson($ctx.args.input.artifactLocation),"metrics":$util.toJson($ctx.args.input.metrics)}}}`;
export const NONE_MUTATION_VTL_RESPONSE = '$util.toJson($ctx.result)';

/** The template's model with `notifyModelReady` moved to the NONE data source. */
export function benchModel(model: AppSyncModel): AppSyncModel {
  const none = model.dataSources.find((d) => d.kind === 'NONE');
  if (!none) throw new Error('The template has no NONE data source');
  return {
    ...model,
    resolvers: model.resolvers.map((r) =>
      r.typeName === 'Mutation' && r.fieldName === 'notifyModelReady' ? { ...r, kind: 'UNIT', dataSourceName: none.name, code: NONE_MUTATION_CODE } : r,
    ),
  };
}
