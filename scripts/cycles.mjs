// Fails when src/ imports itself in a circle, at two levels:
//
// - modules: a module that imports itself through others;
// - folders: each folder directly under src/ is one node, and the files directly in src/ are one more,
//   named '.'. Two folders that import each other, directly or through others, fail; so does any
//   import from a file of '.' into a folder, since '.' is the bottom layer every folder may use.
//
// Every relative import counts, type-only ones too, since a cycle of types is a cycle of concerns:
// `import … from`, `import type`, `export … from`, side-effect imports, `import()` and `import('…')`
// types. The files are parsed with TypeScript, so comments and strings that look like imports do not
// count. `./x`, `./x.js`, `./x.ts` and `./x/index.ts` all name their module.
//
//   node scripts/cycles.mjs [--modules-only] [dir]     (dir defaults to src)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import ts from 'typescript'

const args = process.argv.slice(2)
const modulesOnly = args.includes('--modules-only')
const root = resolve(args.find((a) => !a.startsWith('--')) ?? 'src')

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

/** Tarjan's strongly connected components: every component of more than one node is a cycle. */
function cycles(edges) {
  let index = 0
  const stack = []
  const state = new Map()
  const components = []
  function connect(v) {
    state.set(v, { index, low: index, onStack: true })
    index++
    stack.push(v)
    for (const w of edges.get(v) ?? []) {
      if (!edges.has(w)) continue
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
      if (component.length > 1 || (edges.get(v) ?? []).includes(v)) components.push(component.sort())
    }
  }
  for (const v of edges.keys()) if (!state.has(v)) connect(v)
  return components
}

/** One path through a component, from its first node back to it. */
function pathThrough(component, edges) {
  const inside = new Set(component)
  const start = component[0]
  const path = [start]
  const seen = new Set([start])
  for (let at = start; ;) {
    const next = (edges.get(at) ?? []).find((w) => inside.has(w) && (w === start || !seen.has(w)))
    if (!next || next === start) break
    path.push(next)
    seen.add(next)
    at = next
  }
  return [...path, start]
}

const name = (f) => relative(root, f)
const shown = relative(process.cwd(), root) || '.'
let failed = false

const moduleCycles = cycles(graph)
for (const component of moduleCycles) {
  console.log(
    `import cycle among ${component.length} modules: ${pathThrough(component, graph).map(name).join(' → ')}  (all: ${component.map(name).join(', ')})`,
  )
}
if (moduleCycles.length === 0) console.log(`no import cycle among the ${graph.size} modules of ${shown}`)
else failed = true

if (!modulesOnly) {
  const folderOf = (f) => {
    const parts = name(f).split(sep)
    return parts.length > 1 ? parts[0] : '.'
  }
  // Folder → folder → the imports that make the edge, file → file.
  const folders = new Map()
  for (const [file, deps] of graph) {
    const from = folderOf(file)
    if (!folders.has(from)) folders.set(from, new Map())
    for (const dep of deps) {
      const to = folderOf(dep)
      if (to === from) continue
      const imports = folders.get(from).get(to) ?? []
      imports.push(`${name(file)} -> ${name(dep)}`)
      folders.get(from).set(to, imports)
    }
  }
  const edges = new Map([...folders].map(([from, targets]) => [from, [...targets.keys()].sort()]))
  const example = (from, to) => {
    const imports = folders.get(from).get(to)
    return `${imports[0]}${imports.length > 1 ? `  (+${imports.length - 1} more)` : ''}`
  }

  const bottom = [...(folders.get('.') ?? new Map())].flatMap(([, imports]) => imports)
  for (const line of bottom) console.log(`a file directly in ${shown} imports a folder (they are the bottom layer and import none): ${line}`)

  // Every edge inside a component lies on a cycle: each is printed, so a developer sees all that could move.
  const folderCycles = cycles(edges)
  for (const component of folderCycles) {
    console.log(`folder cycle among ${component.join(', ')}: ${pathThrough(component, edges).join(' → ')}`)
    for (const from of component) {
      for (const to of edges.get(from).filter((t) => component.includes(t))) console.log(`  ${from} → ${to}: ${example(from, to)}`)
    }
  }
  if (bottom.length === 0 && folderCycles.length === 0) console.log(`no import cycle among the ${edges.size} folders of ${shown}`)
  else failed = true
}

process.exit(failed ? 1 : 0)
