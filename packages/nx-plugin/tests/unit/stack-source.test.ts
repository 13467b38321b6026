import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { appendToStackConstructor, declaresConst } from '../../src/utils/stack-source';

const STACK = `import type { Construct } from 'constructs';
import { ServiceStack, type ServiceStackConfig } from '@platform/constructs';

export default class BillingStack extends ServiceStack {
  constructor(scope: Construct, id: string, config: ServiceStackConfig) {
    super(scope, id, config);
    // hand-written wiring stays
  }
}
`;

describe('appendToStackConstructor', () => {
  it('appends statements at the end of the constructor and adds missing imports once', () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('stacks/billing/src/stack.ts', STACK);
    appendToStackConstructor(tree, 'stacks/billing/src/stack.ts', "new Schedule(this, 'job', {});", {
      '@platform/constructs': ['Schedule', 'ServiceStack'],
    });
    const source = tree.read('stacks/billing/src/stack.ts', 'utf-8')!;
    expect(source).toContain("    // hand-written wiring stays\n    new Schedule(this, 'job', {});\n  }\n}");
    expect(source).toContain(
      "import { ServiceStack, type ServiceStackConfig, Schedule } from '@platform/constructs';",
    );
  });

  it('adds an import of a module the file does not import yet after the last import', () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('stacks/billing/src/stack.ts', STACK);
    appendToStackConstructor(tree, 'stacks/billing/src/stack.ts', 'settings;', {
      '@apps/billing': ['settings'],
    });
    const source = tree.read('stacks/billing/src/stack.ts', 'utf-8')!;
    expect(source).toContain(
      "import { ServiceStack, type ServiceStackConfig } from '@platform/constructs';\nimport { settings } from '@apps/billing';\n",
    );
  });

  it('refuses a file without a default stack class, naming the file', () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('stacks/x/src/stack.ts', 'export const x = 1;');
    expect(() => appendToStackConstructor(tree, 'stacks/x/src/stack.ts', 'x;', {})).toThrow(
      /stacks\/x\/src\/stack.ts: no "export default class \.\.\. extends ServiceStack" with a constructor/,
    );
  });

  it('adds a value import beside a type-only import of the module, which cannot take a value', () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write(
      'stacks/billing/src/stack.ts',
      STACK.replace(
        "import { ServiceStack, type ServiceStackConfig } from '@platform/constructs';",
        "import type { ServiceStackConfig } from '@platform/constructs';\nimport { ServiceStack } from './base';",
      ),
    );
    appendToStackConstructor(tree, 'stacks/billing/src/stack.ts', 'x;', {
      '@platform/constructs': ['ServiceFunction', 'Schedule'],
    });
    const source = tree.read('stacks/billing/src/stack.ts', 'utf-8')!;
    expect(source).toContain(
      "import type { ServiceStackConfig } from '@platform/constructs';\nimport { ServiceStack } from './base';\n" +
        "import { ServiceFunction, Schedule } from '@platform/constructs';\n",
    );
  });
});

describe('declaresConst', () => {
  it('finds a declared variable on the syntax tree, not a mention in a comment or a longer name', () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('a.ts', 'const api = 1;');
    tree.write('b.ts', '// const api = new HttpApi(this, "api");\nconst apiKey = 1;');
    expect([declaresConst(tree, 'a.ts', 'api'), declaresConst(tree, 'b.ts', 'api')]).toEqual([true, false]);
  });
});
