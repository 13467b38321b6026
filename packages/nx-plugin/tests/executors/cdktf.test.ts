import { configurationOf } from '../../src/executors/cdktf/invocation';
import { cdktfArgs, resolveOptions } from '../../src/executors/cdktf/options';

// Through Nx, with a recording terraform: tools/tests/deploy.e2e.test.ts.
const topology = {
  environments: ['dev', 'staging', 'prod'],
  teams: ['commerce'],
  services: ['orders', 'reports'],
};
const deployTarget = { projectName: 'orders-stack', targetName: 'deploy', configurationName: 'dev' };

describe('cdktf executor: options', () => {
  it('names the stack <service>-<environment> from the project and the configuration, with the documented defaults', () => {
    expect(resolveOptions({ command: 'deploy' }, deployTarget, topology)).toEqual({
      command: 'deploy',
      service: 'orders',
      environment: 'dev',
      stack: 'orders-dev',
      autoApprove: false,
      skipSynth: false,
      synthDir: 'dist/cdktf/orders',
      outputDir: 'dist/cdktf/deploy/orders-dev',
    });
  });

  it('takes explicit options over the project and the configuration', () => {
    const resolved = resolveOptions(
      { command: 'diff', service: 'reports', environment: 'prod', outputDir: 'out', synthDir: 'synth' },
      deployTarget,
      topology,
    );
    expect([resolved.stack, resolved.outputDir, resolved.synthDir]).toEqual(['reports-prod', 'out', 'synth']);
  });

  it('refuses an environment the topology lacks, naming it and listing the environments', () => {
    expect(() =>
      resolveOptions(
        { command: 'deploy' },
        { ...deployTarget, configurationName: undefined, requestedConfiguration: 'qa' },
        topology,
      ),
    ).toThrow(
      'orders-stack:deploy: unknown environment "qa". Environments in stacks/topology.ts: dev, staging, prod. ' +
        'Run with -c <environment>, e.g. -c dev.',
    );
  });

  it('refuses to run without an environment, listing the environments', () => {
    expect(() =>
      resolveOptions(
        { command: 'diff' },
        { ...deployTarget, targetName: 'diff', configurationName: undefined },
        topology,
      ),
    ).toThrow(
      'orders-stack:diff: no environment. Run with -c <environment>; environments in stacks/topology.ts: dev, staging, prod.',
    );
  });

  it('refuses a service the topology lacks, naming it and listing the services', () => {
    expect(() => resolveOptions({ command: 'deploy', service: 'nope' }, deployTarget, topology)).toThrow(
      'orders-stack:deploy: unknown service "nope". Services in stacks/topology.ts: orders, reports. ' +
        'Add it with "npx nx g @platform/nx-plugin:service nope --team <team>".',
    );
  });

  it('builds the cdktf command line: auto-approve for deploy only, --skip-synth when asked', () => {
    const deploy = resolveOptions(
      { command: 'deploy', autoApprove: true, skipSynth: true },
      deployTarget,
      topology,
    );
    expect(cdktfArgs(deploy)).toEqual([
      'deploy',
      'orders-dev',
      '--output',
      'dist/cdktf/deploy/orders-dev',
      '--auto-approve',
      '--skip-synth',
    ]);
    const diff = resolveOptions({ command: 'diff', autoApprove: true }, deployTarget, topology);
    expect(cdktfArgs(diff)).toEqual(['diff', 'orders-dev', '--output', 'dist/cdktf/deploy/orders-dev']);
  });
});

describe('cdktf executor: the configuration asked on the Nx command line', () => {
  it.each([
    [['node', 'nx', 'run', 'orders-stack:deploy', '-c', 'qa'], 'qa'],
    [['node', 'nx', 'affected', '-t', 'deploy', '--configuration', 'qa'], 'qa'],
    [['node', 'nx', 'affected', '-t', 'deploy', '--configuration=qa'], 'qa'],
    [['node', 'nx', 'run', 'orders-stack:deploy:qa'], 'qa'],
    [['node', 'nx', 'run', 'orders-stack:deploy'], undefined],
  ])('%j -> %s', (argv, expected) => {
    expect(configurationOf(argv)).toBe(expected);
  });
});
