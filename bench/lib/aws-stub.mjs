// A local stand-in for the AWS calls of the benchmark handlers, in its own process so that the probes'
// CPU time is theirs alone: SSM GetParametersByPath, Secrets Manager GetSecretValue, SQS SendMessage and
// SendMessageBatch (JSON protocols, with the body MD5s the SDK checks). Listens on 127.0.0.1 and prints its
// endpoint; exits when its parent closes stdin.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';

const md5 = (text) => createHash('md5').update(text).digest('hex');
const answers = {
  GetParametersByPath: (input) => ({
    Parameters: [{ Name: `${input.Path}tableName`, Type: 'String', Value: 'orders', Version: 1 }],
  }),
  GetSecretValue: (input) => ({ Name: input.SecretId, SecretString: 'k-123', VersionId: 'v1' }),
  SendMessage: (input) => ({ MessageId: 'm-1', MD5OfMessageBody: md5(input.MessageBody) }),
  SendMessageBatch: (input) => ({
    Successful: input.Entries.map((e, i) => ({
      Id: e.Id,
      MessageId: `m-${i}`,
      MD5OfMessageBody: md5(e.MessageBody),
    })),
    Failed: [],
  }),
};

const server = createServer((req, res) => {
  const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1];
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const answer = answers[operation];
    res.setHeader('content-type', 'application/x-amz-json-1.1');
    if (!answer) {
      res.statusCode = 400;
      res.end(JSON.stringify({ __type: 'UnknownOperationException', message: String(operation) }));
      return;
    }
    res.end(JSON.stringify(answer(JSON.parse(Buffer.concat(chunks).toString() || '{}'))));
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`http://127.0.0.1:${server.address().port}\n`);
});
process.stdin.resume().on('end', () => server.close(() => process.exit(0)));
