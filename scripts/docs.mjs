// Writes the README's inputs and outputs tables from action.yml, so the two never drift.
// `node scripts/docs.mjs` rewrites README.md; `--check` fails when it is out of date, and also when
// the docs would mislead a reader: a quick start too long to be one, a description that breaks its
// table line, a link to nothing, or a YAML example that would not run as written.
// `--root <dir>` works on another copy (the tests break a copy on purpose), by default the cwd.
/* global process, console -- Node's globals, which the ESLint config (src/ and tests) does not declare here */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { parse, parseAllDocuments, parseDocument, visit, isMap, isScalar } from 'yaml'

const QUICK_START_MAX_LINES = 40
const DESCRIPTION_MAX_CHARS = 120
// Examples call the action by its published name or, in this repository's own workflows, as ./.
const ACTION_USES = /^(<owner>\/nix-container-action@[^/\s]+|\.\/?)$/

const args = process.argv.slice(2)
const rootAt = args.indexOf('--root')
if (rootAt >= 0 && !args[rootAt + 1]) {
  console.error('--root needs a directory')
  process.exit(2)
}
const root = resolve(rootAt >= 0 ? args[rootAt + 1] : '.')
const at = (file) => join(root, file)

const actionText = readFileSync(at('action.yml'), 'utf8')
const action = parse(actionText)
const cell = (s) =>
  String(s ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ')
    .trim()
const inputs = Object.entries(action.inputs).map(
  ([name, i]) => `| \`${name}\` | ${i.required ? 'yes' : 'no'} | ${i.default === undefined ? '' : `\`${cell(i.default)}\``} | ${cell(i.description)} |`,
)
const outputs = Object.entries(action.outputs).map(([name, o]) => `| \`${name}\` | ${cell(o.description)} |`)
const table = [
  '## Inputs',
  '',
  '| input | required | default | description |',
  '|---|---|---|---|',
  ...inputs,
  '',
  '## Outputs',
  '',
  '| output | description |',
  '|---|---|',
  ...outputs,
].join('\n')

const readme = readFileSync(at('README.md'), 'utf8')
const fresh = readme.replace(/<!-- inputs:start -->[\s\S]*<!-- inputs:end -->/, `<!-- inputs:start -->\n${table}\n<!-- inputs:end -->`)
if (!args.includes('--check')) {
  writeFileSync(at('README.md'), fresh)
  process.exit(0)
}

const failures = []
const fail = (where, what) => failures.push(`${where}: ${what}`)
if (fresh !== readme) fail('README.md', 'inputs/outputs are out of date: run node scripts/docs.mjs')

const docFiles = [
  'README.md',
  ...(existsSync(at('docs'))
    ? readdirSync(at('docs'))
        .filter((f) => f.endsWith('.md'))
        .sort()
        .map((f) => `docs/${f}`)
    : []),
]
const docs = new Map(docFiles.map((file) => [file, scanMarkdown(readFileSync(at(file), 'utf8'))]))

checkQuickStart(docs.get('README.md'))
checkDescriptions()
for (const [file, doc] of docs) {
  checkLinks(file, doc)
  checkYaml(file, doc)
}

if (failures.length > 0) {
  for (const f of failures) console.error(f)
  console.error(`docs check: ${failures.length} problem(s)`)
  process.exit(1)
}

/**
 * One pass over a Markdown file, outside code blocks only (a `## ` or `](x)` inside an example is not
 * a heading or a link): headings with their anchors, links, and the YAML blocks, each with its line.
 */
function scanMarkdown(text) {
  const lines = text.split('\n')
  const headings = []
  const links = []
  const yamlBlocks = []
  const anchors = new Set()
  const slugCount = new Map()
  let fence = null
  let section = ''
  lines.forEach((line, i) => {
    const n = i + 1
    if (fence) {
      if (line.trimStart().startsWith(fence.marker) && line.trim() === line.trim()[0].repeat(line.trim().length)) {
        if (fence.yaml) yamlBlocks.push({ line: fence.line, section: fence.section, text: fence.body.join('\n') })
        fence = null
      } else if (fence.yaml) {
        fence.body.push(line.slice(Math.min(fence.indent, line.length - line.trimStart().length)))
      }
      return
    }
    const open = /^(\s{0,3})(`{3,}|~{3,})\s*([\w-]*)/.exec(line)
    if (open) {
      fence = { marker: open[2], indent: open[1].length, line: n, section, yaml: /^ya?ml$/i.test(open[3]), body: [] }
      return
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line)
    if (heading) {
      section = `${heading[1]} ${heading[2]}`
      headings.push({ level: heading[1].length, text: heading[2], line: n })
      const base = slug(heading[2])
      const seen = slugCount.get(base) ?? 0
      slugCount.set(base, seen + 1)
      anchors.add(seen === 0 ? base : `${base}-${seen}`)
    }
    // Code spans can hold `](` that is no link; their text stays out of the scan.
    const prose = line.replace(/(`+)[\s\S]*?\1/g, '')
    for (const m of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+["'][^"']*["'])?\s*\)/g)) links.push({ target: m[1], line: n, section })
    const ref = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(prose)
    if (ref) links.push({ target: ref[1], line: n, section })
  })
  return { lines, headings, links, yamlBlocks, anchors }
}

/** GitHub's heading anchors: the heading's text, lowercased, punctuation dropped, spaces as '-'. */
function slug(heading) {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-')
}

function where(file, line, section) {
  return `${file}:${line}${section ? ` (${section})` : ''}`
}

function checkQuickStart(doc) {
  const start = doc.headings.find((h) => h.level === 2 && h.text === 'Quick start')
  if (!start) return fail('README.md', `has no "## Quick start" section (it must come first, in at most ${QUICK_START_MAX_LINES} lines)`)
  const next = doc.headings.find((h) => h.level <= 2 && h.line > start.line)
  let end = (next ? next.line : doc.lines.length + 1) - 1
  while (end > start.line && doc.lines[end - 1].trim() === '') end--
  const count = end - start.line + 1
  if (count > QUICK_START_MAX_LINES) {
    fail(
      where('README.md', start.line, '## Quick start'),
      `the quick start is ${count} lines long (lines ${start.line}-${end}); at most ${QUICK_START_MAX_LINES} are allowed, from its heading to the next ## heading`,
    )
  }
}

function checkDescriptions() {
  const doc = parseDocument(actionText)
  for (const kind of ['inputs', 'outputs']) {
    for (const [name, entry] of Object.entries(action[kind] ?? {})) {
      const length = [...String(entry?.description ?? '')].length
      if (length <= DESCRIPTION_MAX_CHARS) continue
      const node = doc.getIn([kind, name, 'description'], true)
      const line = node?.range ? lineOf(actionText, node.range[0]) : '?'
      fail(
        `action.yml:${line} (${kind}.${name})`,
        `the description is ${length} characters long; at most ${DESCRIPTION_MAX_CHARS} fit one table line (move the details to docs/inputs.md)`,
      )
    }
  }
}

function checkLinks(file, doc) {
  for (const link of doc.links) {
    const { target } = link
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue
    const hash = target.indexOf('#')
    const path = decodeURIComponent(hash >= 0 ? target.slice(0, hash) : target)
    const anchor = hash >= 0 ? decodeURIComponent(target.slice(hash + 1)) : ''
    const resolved = path === '' ? at(file) : path.startsWith('/') ? join(root, path) : resolve(dirname(at(file)), path)
    const shown = relative(root, resolved) || '.'
    if (!existsSync(resolved)) {
      fail(where(file, link.line, link.section), `the link ${target} points at nothing: there is no ${shown}`)
      continue
    }
    if (!anchor || !resolved.endsWith('.md')) continue
    const targetDoc = docs.get(shown) ?? scanMarkdown(readFileSync(resolved, 'utf8'))
    if (!targetDoc.anchors.has(anchor)) {
      fail(where(file, link.line, link.section), `the link ${target} names #${anchor}, but ${shown} has no heading with that anchor`)
    }
  }
}

function checkYaml(file, doc) {
  const inputNames = new Set(Object.keys(action.inputs ?? {}))
  for (const block of doc.yamlBlocks) {
    // The block's first line is the one after its fence.
    const lineAt = (offset) => block.line + lineOf(block.text, offset)
    const documents = parseAllDocuments(block.text)
    for (const d of Array.isArray(documents) ? documents : [documents]) {
      for (const error of d.errors) {
        // The parser's own "at line N" counts from the block: the file's line is given in front.
        const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
        fail(where(file, lineAt(error.pos[0]), block.section), `the yaml block does not parse: ${message}`)
      }
      if (d.errors.length > 0) continue
      visit(d, {
        Map(_, map) {
          const uses = map.get('uses')
          const withNode = map.get('with', true)
          if (typeof uses !== 'string' || !ACTION_USES.test(uses) || !isMap(withNode)) return
          for (const pair of withNode.items) {
            const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key)
            if (inputNames.has(key)) continue
            const line = pair.key?.range ? lineAt(pair.key.range[0]) : block.line
            fail(where(file, line, block.section), `the step that uses ${uses} gives the input "${key}", which action.yml does not have`)
          }
        },
      })
    }
  }
}

/** 1-based line of an offset in a text. */
function lineOf(text, offset) {
  let line = 1
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++
  return line
}
