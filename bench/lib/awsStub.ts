// A local stand-in for the AWS calls of the benchmark handlers: SSM GetParametersByPath, Secrets Manager
// GetSecretValue, SQS SendMessage and SendMessageBatch (JSON protocols, with the body MD5s the SDK checks),
// on 127.0.0.1. Run as a script, it serves in its own process (so that a probe's CPU time is its own),
// prints its endpoint and exits when its parent closes stdin.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

interface Input {
  Path?: string;
  SecretId?: string;
  MessageBody?: string;
  Entries?: { Id: string; MessageBody: string }[];
}

const answers: Record<string, (input: Input) => unknown> = {
  GetParametersByPath: (input) => ({
    Parameters: [{ Name: `${input.Path}tableName`, Type: 'String', Value: 'orders', Version: 1 }],
  }),
  GetSecretValue: (input) => ({ Name: input.SecretId, SecretString: 'k-123', VersionId: 'v1' }),
  SendMessage: (input) => ({ MessageId: 'm-1', MD5OfMessageBody: md5(input.MessageBody ?? '') }),
  SendMessageBatch: (input) => ({
    Successful: (input.Entries ?? []).map((e, i) => ({
      Id: e.Id,
      MessageId: `m-${i}`,
      MD5OfMessageBody: md5(e.MessageBody),
    })),
    Failed: [],
  }),
};

/** Listens on a free port of 127.0.0.1; `onCall(operation)` sees every request. */
export async function startAwsStub(
  onCall: (operation: string) => void = () => undefined,
): Promise<{ server: Server; endpoint: string }> {
  const server = createServer((req, res) => {
    const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      onCall(operation);
      const answer = answers[operation];
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (!answer) {
        res.statusCode = 400;
        res.end(JSON.stringify({ __type: 'UnknownOperationException', message: operation }));
        return;
      }
      res.end(JSON.stringify(answer(JSON.parse(Buffer.concat(chunks).toString() || '{}') as Input)));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

if (require.main === module) {
  void startAwsStub().then(({ server, endpoint }) => {
    process.stdout.write(`${endpoint}\n`);
    process.stdin.resume().on('end', () => server.close(() => process.exit(0)));
  });
}
