import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HandlerInvocationError } from './errors';
import type { LocalLambda } from './local-lambda';

/** A running Lambda Invoke endpoint. */
export interface LambdaEndpoint {
  /** `http://127.0.0.1:<port>`: pass as a Lambda client's endpoint. */
  endpoint: string;
  stop(): Promise<void>;
}

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

/**
 * Serves the Lambda `Invoke` API (`POST /2015-03-31/functions/<name>/invocations`) for local functions,
 * so AWS clients (cognito-local's trigger client among them) invoke the bundled handlers unchanged.
 * `RequestResponse` answers with the handler's result, or `X-Amz-Function-Error: Unhandled` and the
 * error payload as Lambda does; `Event` answers 202 and runs the handler in the background.
 *
 * @example
 * const lambda = await startLambdaEndpoint(name => functions.get(name));
 */
export async function startLambdaEndpoint(
  lookup: (functionName: string) => LocalLambda | undefined,
  onAsyncError: (error: unknown, functionName: string) => void = () => undefined,
): Promise<LambdaEndpoint> {
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) reply(res, 500, { Type: 'Service', Message: String(error) }, { 'x-amzn-ErrorType': 'ServiceException' });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = INVOKE_PATH.exec((req.url ?? '').split('?')[0] ?? '');
    if (req.method !== 'POST' || !match) {
      reply(res, 404, { Type: 'User', Message: `Unknown operation ${req.method} ${req.url}` }, { 'x-amzn-ErrorType': 'UnknownOperationException' });
      return;
    }
    const name = decodeURIComponent(match[1] ?? '');
    // Clients may pass a name, a partial ARN or a full ARN.
    const functionName = name.includes(':function:') ? (name.split(':function:')[1]?.split(':')[0] ?? name) : name;
    const fn = lookup(functionName);
    const body = await readBody(req);
    if (!fn) {
      reply(res, 404, { Type: 'User', Message: `Function not found: ${functionName}` }, { 'x-amzn-ErrorType': 'ResourceNotFoundException' });
      return;
    }
    let event: unknown;
    try {
      event = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      reply(res, 400, { Type: 'User', message: 'Could not parse request body into json' }, { 'x-amzn-ErrorType': 'InvalidRequestContentException' });
      return;
    }
    if (req.headers['x-amz-invocation-type'] === 'Event') {
      reply(res, 202, {}, {});
      fn.invoke(event).catch((error: unknown) => onAsyncError(error, functionName));
      return;
    }
    try {
      const result = await fn.invoke(event);
      reply(res, 200, result ?? null, { 'X-Amz-Executed-Version': '$LATEST' });
    } catch (error) {
      const handlerError = error instanceof HandlerInvocationError ? error : undefined;
      reply(
        res,
        200,
        {
          errorType: handlerError?.errorType ?? 'Error',
          errorMessage: handlerError?.errorMessage ?? String(error),
          trace: [],
        },
        { 'X-Amz-Function-Error': 'Unhandled', 'X-Amz-Executed-Version': '$LATEST' },
      );
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
