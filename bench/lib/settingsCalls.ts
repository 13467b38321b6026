// Counts the AWS calls the settings handler bundle (argv[2]) makes: one cold invocation, warm invocations
// within SETTINGS_MAX_AGE, then one after it has passed. The SDK is pointed (AWS_ENDPOINT_URL) at a local
// server that answers GetParametersByPath and GetSecretValue and counts each request; nothing is timed
// except the warm invocations' CPU time, reported for information. Prints the result as JSON.
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { startAwsStub } from './awsStub';

export interface SettingsCalls {
  readonly cold: Record<string, number>;
  readonly warmInvocations: number;
  readonly warm: number;
  readonly warmCpuUs: number;
  readonly afterMaxAge: number;
  readonly maxAgeSeconds: number;
}

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>;

async function main(file: string, warmInvocations: number): Promise<SettingsCalls> {
  const calls: Record<string, number> = { GetParametersByPath: 0, GetSecretValue: 0, other: 0 };
  const { server, endpoint } = await startAwsStub((operation) => {
    const key = operation === 'GetParametersByPath' || operation === 'GetSecretValue' ? operation : 'other';
    calls[key]!++;
  });
  process.env.AWS_ENDPOINT_URL = endpoint;
  const total = () => Object.values(calls).reduce((a, b) => a + b, 0);
  const { handler } = createRequire(__filename)(file) as { handler: Handler };
  const invoke = async () => {
    const { statusCode, body } = await handler({}, {});
    if (statusCode !== 200 || body !== 'orders:5')
      throw new Error(`Unexpected response ${statusCode} ${body}`);
  };

  await invoke();
  const cold = { ...calls };
  const beforeWarm = total();
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < warmInvocations; i++) await invoke();
  const { user, system } = process.cpuUsage(cpuStart);
  const warm = total() - beforeWarm;
  const maxAgeSeconds = Number(process.env.SETTINGS_MAX_AGE);
  await sleep(maxAgeSeconds * 1000 + 100);
  const beforeExpired = total();
  await invoke();
  server.close();
  return {
    cold,
    warmInvocations,
    warm,
    warmCpuUs: (user + system) / warmInvocations,
    afterMaxAge: total() - beforeExpired,
    maxAgeSeconds,
  };
}

if (require.main === module) {
  main(process.argv[2]!, Number(process.env.BENCH_WARM_INVOCATIONS ?? 1000))
    .then((result) => console.log(JSON.stringify(result)))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
