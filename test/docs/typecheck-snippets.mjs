// Type-checks the doc blocks written by test/docs/doc-snippets.test.ts, in a worker thread so that the
// snippet processes keep running meanwhile. workerData: { root, dir, files }; posts back
// { [block file name without extension]: string[] } (only diagnostics of the files in `dir`).
// ```ts blocks (.ts) get the repo's strict tsconfig; ```js blocks (.mjs) get checkJs without strictness
// (a JS reader writes no annotations and no `!`), which still catches a misspelt option, a wrong import
// or a missing argument. The package resolves to the built dist/*.d.ts, as a user sees it.
import { join, relative } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import ts from 'typescript';

const { root, dir, files } = workerData;
const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
const dist = (name) => [join(root, 'dist', `${name}.d.ts`)];
const options = {
  ...config?.options,
  noEmit: true,
  moduleDetection: ts.ModuleDetectionKind.Force,
  paths: {
    'line-business-connect': dist('index'),
    'npm:line-business-connect': dist('index'),
    'line-business-connect/protocol': dist('protocol'),
    'line-business-connect/node': dist('node'),
    'line-business-connect/testing': dist('testing'),
  },
};
const declarations = files.filter((file) => file.endsWith('.d.ts'));
// Both programs parse the same lib and package declarations: parse them once.
const host = ts.createCompilerHost(options);
const parse = host.getSourceFile.bind(host);
const parsed = new Map();
host.getSourceFile = (fileName, ...rest) => {
  if (!parsed.has(fileName)) parsed.set(fileName, parse(fileName, ...rest));
  return parsed.get(fileName);
};
const programs = [
  ts.createProgram(files.filter((file) => !file.endsWith('.mjs')), options, host),
  ts.createProgram([...declarations, ...files.filter((file) => file.endsWith('.mjs'))], { ...options, allowJs: true, checkJs: true, strict: false, noImplicitAny: false }, host),
];
const errors = {};
for (const diagnostic of programs.flatMap((program) => ts.getPreEmitDiagnostics(program))) {
  const fileName = diagnostic.file?.fileName ?? '';
  if (!fileName.startsWith(dir) || fileName.endsWith('.d.ts')) continue;
  const name = relative(dir, fileName).replace(/\.(ts|mjs)$/, '');
  const at = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start) : undefined;
  (errors[name] ??= []).push(`${at ? `line ${at.line + 1}: ` : ''}${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
}
parentPort.postMessage(errors);
