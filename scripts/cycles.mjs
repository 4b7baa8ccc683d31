// Fails when a module of src/ imports itself through others. Every relative import counts, type-only
// ones too, since a cycle of types is a cycle of concerns: `import … from`, `import type`,
// `export … from`, side-effect imports, `import()` and `import('…')` types. The files are parsed with
// TypeScript, so comments and strings that look like imports do not count. `./x`, `./x.js`, `./x.ts`
// and `./x/index.ts` all name their module. Prints each cycle once, as a path.
//
//   node scripts/cycles.mjs [dir]     (default src)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'

const root = resolve(process.argv[2] ?? 'src')

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return files(path)
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : []
  })
}

/** The relative specifiers a file imports, wherever TypeScript's parser finds them. */
function specifiers(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS)
  const found = []
  const literal = (node) => node && ts.isStringLiteralLike(node) && found.push(node.text)
  const visit = (node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) literal(node.moduleSpecifier)
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) literal(node.moduleReference.expression)
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) literal(node.arguments[0])
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) literal(node.argument.literal)
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found.filter((s) => s.startsWith('./') || s.startsWith('../'))
}

/** The module file a specifier names, as TypeScript's bundler resolution would find it, if it is one. */
function resolveModule(from, specifier) {
  const base = resolve(dirname(from), specifier)
  const candidates = /\.[mc]?js$/.test(base) ? [base.replace(/\.([mc]?)js$/, '.$1ts')] : [base, `${base}.ts`, join(base, 'index.ts')]
  return candidates.find((c) => c.endsWith('.ts') && existsSync(c) && statSync(c).isFile())
}

const graph = new Map()
for (const file of files(root)) {
  const deps = specifiers(file)
    .map((s) => resolveModule(file, s))
    .filter(Boolean)
  graph.set(file, [...new Set(deps)])
}

// Tarjan's strongly connected components: every component of more than one module is a cycle.
let index = 0
const stack = []
const state = new Map()
const components = []
function connect(v) {
  state.set(v, { index, low: index, onStack: true })
  index++
  stack.push(v)
  for (const w of graph.get(v) ?? []) {
    if (!graph.has(w)) continue
    if (!state.has(w)) {
      connect(w)
      state.get(v).low = Math.min(state.get(v).low, state.get(w).low)
    } else if (state.get(w).onStack) {
      state.get(v).low = Math.min(state.get(v).low, state.get(w).index)
    }
  }
  if (state.get(v).low === state.get(v).index) {
    const component = []
    let w
    do {
      w = stack.pop()
      state.get(w).onStack = false
      component.push(w)
    } while (w !== v)
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(component)
  }
}
for (const v of graph.keys()) if (!state.has(v)) connect(v)

const name = (f) => relative(root, f)
if (components.length === 0) {
  console.log(`no import cycle among the ${graph.size} modules of ${relative(process.cwd(), root) || '.'}`)
  process.exit(0)
}
for (const component of components) {
  // One path through the component, from its first module back to it.
  const inside = new Set(component)
  const start = component.sort()[0]
  const path = [start]
  const seen = new Set([start])
  let at = start
  for (;;) {
    const next = (graph.get(at) ?? []).find((w) => inside.has(w) && (w === start || !seen.has(w)))
    if (!next || next === start) break
    path.push(next)
    seen.add(next)
    at = next
  }
  console.log(`import cycle among ${component.length} modules: ${[...path, start].map(name).join(' → ')}  (all: ${component.map(name).sort().join(', ')})`)
}
process.exit(1)
