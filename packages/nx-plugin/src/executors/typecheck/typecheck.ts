import { resolve } from 'node:path';
import ts from 'typescript';

export interface TypecheckExecutorOptions {
  /** The project's tsconfig.json (a composite project), relative to the workspace root. */
  readonly tsConfig: string;
}

let output: string[] = [];
const formatHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (fileName) => fileName,
  getCurrentDirectory: () => ts.sys.getCurrentDirectory(),
  getNewLine: () => ts.sys.newLine,
};

/**
 * Declaration files under node_modules, parsed once per process and shared by every program built in it,
 * as a language service's document registry shares them: a service's program is ~1,200 such files
 * (@types/node, the AWS SDK types the settings API names, Jest's types) and ~20 of its own.
 */
const declarations = new Map<string, ts.SourceFile | undefined>();
function shareDeclarations(host: ts.CompilerHost): void {
  const parse = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile) => {
    if (shouldCreateNewSourceFile || !fileName.includes('/node_modules/') || !fileName.endsWith('.d.ts')) {
      return parse(fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile);
    }
    const options =
      typeof languageVersionOrOptions === 'object'
        ? languageVersionOrOptions
        : { languageVersion: languageVersionOrOptions };
    const key = `${options.languageVersion}:${options.impliedNodeFormat}:${fileName}`;
    if (!declarations.has(key)) declarations.set(key, parse(fileName, languageVersionOrOptions, onError));
    return declarations.get(key);
  };
}

let host: ts.SolutionBuilderHost<ts.EmitAndSemanticDiagnosticsBuilderProgram> | undefined;
function solutionHost() {
  host ??= ts.createSolutionBuilderHost(
    ts.sys,
    (rootNames, options, compilerHost, ...rest) => {
      if (compilerHost) shareDeclarations(compilerHost);
      return ts.createEmitAndSemanticDiagnosticsBuilderProgram(rootNames, options, compilerHost, ...rest);
    },
    (diagnostic) =>
      output.push(
        // As tsc: colours and the source line on a terminal, one line per error otherwise (CI logs).
        ts.sys.writeOutputIsTTY?.()
          ? ts.formatDiagnosticsWithColorAndContext([diagnostic], formatHost)
          : ts.formatDiagnostics([diagnostic], formatHost),
      ),
    (status) =>
      output.push(ts.flattenDiagnosticMessageText(status.messageText, ts.sys.newLine) + ts.sys.newLine),
  );
  return host;
}

/**
 * `tsc -b <tsConfig>`: type-checks the project against the declarations of the projects it references
 * (built first by their own typecheck tasks, `dependsOn: ["^typecheck"]`) and writes its declarations
 * and .tsbuildinfo to <project root>/dist/tsc (its outputs): an unchanged project is not checked again.
 */
export async function typecheck(
  root: string,
  options: TypecheckExecutorOptions,
): Promise<{ success: boolean; output: string }> {
  output = [];
  const builder = ts.createSolutionBuilder(solutionHost(), [resolve(root, options.tsConfig)], {});
  const status = builder.build();
  return { success: status === ts.ExitStatus.Success, output: output.join('') };
}
