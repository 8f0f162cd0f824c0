import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { STEP_DOORS } from '../../apps/api/src/tasks/step-doors';

const ROOT = resolve(__dirname, '../..');

function workflowFiles(dir = join(ROOT, 'workflows')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? workflowFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** The name a `defineUpdate<…>('name')` declaration gives its Update, or undefined for anything else. */
function updateNameDeclaredBy(declaration: ts.Declaration | undefined): string | undefined {
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  const call = declaration.initializer;
  if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || call.expression.text !== 'defineUpdate')
    return undefined;
  const [name] = call.arguments;
  return name && ts.isStringLiteral(name) ? name.text : undefined;
}

const isSetHandlerTarget = (node: ts.Node) =>
  ts.isCallExpression(node.parent) &&
  node.parent.arguments[0] === node &&
  ts.isIdentifier(node.parent.expression) &&
  node.parent.expression.text === 'setHandler';

/**
 * The Updates a workflow can put on an inbox task, read from the workflows' source with the type checker: every
 * Update definition a workflow uses as a value other than registering its handler — its `.name` on a task
 * (awaitHumanStep, openTask) or the definition handed to a helper that puts it there. Imports and types do not count.
 */
function updatesWorkflowsPutOnTasks(): Set<string> {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  )!;
  const program = ts.createProgram(workflowFiles(), { ...config.options, noEmit: true });
  const checker = program.getTypeChecker();
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isTypeNode(node)) return;
    if (ts.isIdentifier(node) && !isSetHandlerTarget(node)) {
      let symbol = checker.getSymbolAtLocation(node);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      const name = updateNameDeclaredBy(symbol?.valueDeclaration);
      if (name) names.add(name);
    }
    ts.forEachChild(node, visit);
  };
  for (const file of program.getSourceFiles()) {
    if (file.fileName.startsWith(join(ROOT, 'workflows'))) visit(file);
  }
  return names;
}

/** One door per inbox step: a procedure whose workflow opens a task no door can complete fails here. */
describe('step doors', () => {
  const reachable = updatesWorkflowsPutOnTasks();

  it('finds the steps workflows put on tasks, and not the ones only a route sends', () => {
    expect(reachable).toContain('submitSurvey');
    expect(reachable).toContain('decideDeveloperPenalty'); // a 督办 that names its Update
    expect(reachable).toContain('deliverMissingDocument'); // opened by the handler itself
    expect(reachable).not.toContain('cancelSurvey');
    expect(reachable).not.toContain('closeVoteEarly');
  });

  it('has exactly one door for every Update a workflow can put on a task', () => {
    const missing = [...reachable].filter((name) => !STEP_DOORS.has(name));
    const unreachable = [...STEP_DOORS.keys()].filter((name) => !reachable.has(name));
    expect({ missing, unreachable }).toEqual({ missing: [], unreachable: [] });
  });
});
