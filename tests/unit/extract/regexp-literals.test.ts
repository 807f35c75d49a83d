import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/**
 * Regression: tsx (esbuild) compiles a regular-expression literal holding a \p{…} escape to `new RegExp(…)`,
 * evaluated each time the literal is reached. Inside a function on the per-token path that built a RegExp per
 * token and cost about a sixth of extraction's throughput under tsx, unseen under tsc. Such patterns must be
 * module constants, built once.
 */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function unicodePropertyLiteralsInFunctions(path: string, text = readFileSync(path, 'utf8')): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node, inFunction: boolean): void => {
    if (ts.isRegularExpressionLiteral(node) && inFunction && node.text.includes('\\p{')) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${path}:${line + 1} ${node.text}`);
    }
    const entersFunction = ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node);
    node.forEachChild((child) => visit(child, inFunction || entersFunction));
  };
  visit(source, false);
  return found;
}

describe('regular expressions with Unicode property escapes', () => {
  const root = join(__dirname, '..', '..', '..', 'src');

  it('finds a literal inside a function (the check itself)', () => {
    const probe = 'const A = /\\p{L}/u;\nconst f = (s: string) => /[a-z]/.test(s) && /^\\p{Lu}/u.test(s);';
    expect(unicodePropertyLiteralsInFunctions('probe.ts', probe)).toEqual(['probe.ts:2 /^\\p{Lu}/u']);
  });

  it('are module constants in src/, never literals inside a function', () => {
    const files = sourceFiles(root);
    expect(files.length).toBeGreaterThan(20);
    expect(files.flatMap((file) => unicodePropertyLiteralsInFunctions(file))).toEqual([]);
  });
});
