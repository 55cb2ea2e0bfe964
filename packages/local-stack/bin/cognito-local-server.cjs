// Runs cognito-local in its own process (it needs Node's require() of ES modules, which test runners
// that load modules themselves do not offer). Configuration arrives as JSON in argv[2]; the process
// prints `listening <port>` once it accepts connections and stops on SIGTERM or when its parent exits.
'use strict';
const { createServer } = require('cognito-local/lib/server/server');
const { Router } = require('cognito-local/lib/server/Router');
const { DateClock, LambdaService, MessagesService, TriggersService } = require('cognito-local/lib/services');
const { CognitoServiceFactoryImpl } = require('cognito-local/lib/services/cognitoService');
const { CryptoService } = require('cognito-local/lib/services/crypto');
const { StormDBDataStoreFactory } = require('cognito-local/lib/services/dataStore/stormDb');
const { MessageDeliveryService } = require('cognito-local/lib/services/messageDelivery/messageDelivery');
const { ConsoleMessageSender } = require('cognito-local/lib/services/messageDelivery/consoleMessageSender');
const { otp } = require('cognito-local/lib/services/otp');
const { JwtTokenGenerator } = require('cognito-local/lib/services/tokenGenerator');
const { UserPoolServiceFactoryImpl } = require('cognito-local/lib/services/userPoolService');
const { createRequire } = require('node:module');
const { Buffer } = require('node:buffer');

async function main() {
  const options = JSON.parse(process.argv[2] || '{}');
  const requireFromCognito = createRequire(require.resolve('cognito-local'));
  const pino = requireFromCognito('pino');
  const AWS = requireFromCognito('aws-sdk');
  const logger = pino({ level: options.logLevel || 'silent' });
  const ctx = { logger };
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const config = {
    LambdaClient: { endpoint: options.lambdaEndpoint, region: options.region, credentials, maxRetries: 0 },
    TriggerFunctions: options.triggerFunctions || {},
    UserPoolDefaults: { UsernameAttributes: ['email'] },
    // Set once the port is known: tokens are issued by `<endpoint>/<poolId>`.
    TokenConfig: { IssuerDomain: 'http://127.0.0.1' },
    KMSConfig: { credentials, region: options.region },
    ServerConfig: { port: 0, hostname: '127.0.0.1', development: false, https: false },
  };
  const clock = new DateClock();
  const dataStoreFactory = new StormDBDataStoreFactory(options.dataDirectory);
  const cognitoServiceFactory = new CognitoServiceFactoryImpl(
    options.dataDirectory,
    dataStoreFactory,
    new UserPoolServiceFactoryImpl(clock, dataStoreFactory),
  );
  const cognito = await cognitoServiceFactory.create(ctx, config.UserPoolDefaults);
  const triggers = new TriggersService(
    clock,
    cognito,
    new LambdaService(config.TriggerFunctions, new AWS.Lambda(config.LambdaClient)),
    new CryptoService(config.KMSConfig),
  );
  const services = {
    clock,
    cognito,
    config,
    messages: new MessagesService(triggers, new MessageDeliveryService(new ConsoleMessageSender())),
    otp,
    tokenGenerator: new JwtTokenGenerator(clock, triggers, config.TokenConfig),
    triggers,
  };
  const server = await createServer(withTokenRefresh(Router(services)), logger, config.ServerConfig, services).start();
  const { port } = server.address();
  config.TokenConfig.IssuerDomain = `http://127.0.0.1:${port}`;
  const stop = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
  process.stdout.write(`listening ${port}\n`);
}

// cognito-local predates GetTokensFromRefreshToken, the call aws-amplify v6 refreshes tokens with: it is
// served as the REFRESH_TOKEN_AUTH flow it replaces (same checks, same tokens; the refresh token is not
// rotated, so none is returned, as for a client without refresh-token rotation).
function withTokenRefresh(route) {
  return (target) => {
    if (target !== 'GetTokensFromRefreshToken') return route(target);
    const initiateAuth = route('InitiateAuth');
    return async (ctx, req) => {
      const result = await initiateAuth(ctx, {
        ClientId: req.ClientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: req.RefreshToken, ...(req.DeviceKey ? { DEVICE_KEY: req.DeviceKey } : {}) },
        ...(req.ClientMetadata ? { ClientMetadata: req.ClientMetadata } : {}),
      });
      const { AccessToken, IdToken } = result.AuthenticationResult || {};
      return { AuthenticationResult: { AccessToken, IdToken, TokenType: 'Bearer', ExpiresIn: expiresIn(AccessToken) } };
    };
  };
}

function expiresIn(jwt) {
  const payload = JSON.parse(Buffer.from(String(jwt).split('.')[1] || '', 'base64url').toString('utf8') || '{}');
  return typeof payload.exp === 'number' && typeof payload.iat === 'number' ? payload.exp - payload.iat : undefined;
}

main().catch((error) => {
  process.stderr.write(`cognito-local failed to start: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
