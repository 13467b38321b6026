// Counts the AWS calls the settings handler bundle (argv[2]) makes: one cold invocation, warm invocations
// within SETTINGS_MAX_AGE, then one after it has passed. The SDK is pointed (AWS_ENDPOINT_URL) at a local
// server that answers GetParametersByPath and GetSecretValue and counts each request; nothing is timed
// except the warm invocations' CPU time, reported for information. Prints the result as JSON.
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { startAwsStub } from './aws-stub.mjs';

const WARM = 1000;
const calls = { GetParametersByPath: 0, GetSecretValue: 0, other: 0 };
const { server, endpoint } = await startAwsStub((operation) => {
  if (operation in calls && operation !== 'other') calls[operation]++;
  else calls.other++;
});
process.env.AWS_ENDPOINT_URL = endpoint;

const total = () => calls.GetParametersByPath + calls.GetSecretValue + calls.other;
const { handler } = createRequire(import.meta.url)(process.argv[2]);
const invoke = async () => {
  const { statusCode, body } = await handler({}, {});
  if (statusCode !== 200 || body !== 'orders:5') throw new Error(`Unexpected response ${statusCode} ${body}`);
};

await invoke();
const cold = { ...calls };
const beforeWarm = total();
const cpuStart = process.cpuUsage();
for (let i = 0; i < WARM; i++) await invoke();
const { user, system } = process.cpuUsage(cpuStart);
const warmCpuUs = (user + system) / WARM;
const warm = total() - beforeWarm;
await sleep(Number(process.env.SETTINGS_MAX_AGE) * 1000 + 100);
const beforeExpired = total();
await invoke();
const afterMaxAge = total() - beforeExpired;
server.close();
console.log(
  JSON.stringify({
    cold,
    warmInvocations: WARM,
    warm,
    warmCpuUs,
    afterMaxAge,
    maxAgeSeconds: Number(process.env.SETTINGS_MAX_AGE),
  }),
);
