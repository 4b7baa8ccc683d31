// The CLI's commands and the seed's `just` recipe names for them: one table, from which the usage
// text, the argument checks and the name lookup all come. Pure (no I/O), so it is unit-tested.

export type CommandName =
  | 'all'
  | 'multiarch'
  | 'build'
  | 'build-multiarch'
  | 'load'
  | 'load-native'
  | 'test'
  | 'manifest'
  | 'plan'
  | 'matrix'
  | 'check-cache'
  | 'push-cache'
  | 'check-rosetta-cache'
  | 'cache-rosetta-builder'

export interface CommandSpec {
  name: CommandName
  /**
   * The seed's recipe (multi-arch-container-builds.md), accepted as well, with the same arguments in
   * the same order. Equal to `name` for the recipes the CLI knows only by the seed's name.
   */
  seed?: string
  /** The positional arguments, as usage shows them: <required> then [optional]. */
  args: string
  /** Options a usage error names too. */
  options?: string
  summary: string
}

const CACHE_OPTIONS = '(--cachix-name <name> | --binary-cache <url>)'

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'all',
    seed: 'container-all',
    args: '<container> <tool> [system]',
    summary: 'build one system (default: native), link result-<system>, load, smoke-test',
  },
  {
    name: 'multiarch',
    seed: 'container-all-multiarch',
    args: '<container> <tool>',
    summary: 'build every system (--architectures, default both), link result-<system> for each, load and smoke-test what this machine can run',
  },
  { name: 'build', seed: 'build-container', args: '<container> [system]', summary: 'build and link result-<system> (default: native)' },
  {
    name: 'build-multiarch',
    seed: 'build-multiarch',
    args: '<container>',
    summary: 'build every system (--architectures, default both) in one nix build, link result-<system> for each',
  },
  { name: 'load', seed: 'load-container', args: '[system]', summary: 'load result-<system> into Docker (default: native)' },
  { name: 'load-native', seed: 'load-native', args: '', summary: "load result-<native system> into Docker (after build-multiarch): 'load' without a system" },
  { name: 'test', seed: 'test-container', args: '<tool> [system]', summary: 'smoke-test the image loaded from result-<system> (default: native)' },
  { name: 'manifest', args: '<container>', summary: "run the flake's manifest app (nix run --impure .#<name>Manifest): build, test, publish" },
  { name: 'plan', args: '<container>', summary: 'print how each system would be built on this machine' },
  {
    name: 'matrix',
    args: '',
    options: '[--architectures <list>] [--runners <json>] [--installables <lines>]',
    summary: "print the reusable workflow's build matrix (JSON, one line)",
  },
  {
    name: 'check-cache',
    args: '<attr-or-path>',
    options: CACHE_OPTIONS,
    summary: 'does the cache (--cachix-name / --binary-cache) hold this store path or flake attribute? exit 0 when every cache has it, 1 when one lacks it',
  },
  { name: 'push-cache', args: '<attr-or-path>', options: CACHE_OPTIONS, summary: 'the same, and push it (build or substitute it first) where it is missing' },
  {
    name: 'check-rosetta-cache',
    seed: 'check-rosetta-cache',
    args: '',
    options: `${CACHE_OPTIONS} [--current-system <path>]`,
    summary:
      "check-cache on the nix-rosetta-builder VM image of --current-system (default /run/current-system); exit 0 with a warning when that system has no nix-rosetta-builder, as the seed's recipe does",
  },
  {
    name: 'cache-rosetta-builder',
    seed: 'cache-rosetta-builder',
    args: '',
    options: `${CACHE_OPTIONS} [--current-system <path>]`,
    summary: 'push-cache on that image; fails (exit 1) naming what is missing when the system has no nix-rosetta-builder (any machine but a nix-darwin Mac)',
  },
]

/** The command a word names: a CLI name or a seed recipe name. */
export function findCommand(word: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === word || c.seed === word)
}

/** How many positional arguments a command takes: its <required> ones, and at most all of them. */
export function arity(spec: CommandSpec): { min: number; max: number } {
  const words = spec.args.split(' ').filter(Boolean)
  return { min: words.filter((w) => w.startsWith('<')).length, max: words.length }
}

/** The usage line of a command, under the name the user typed. */
export function usageOf(spec: CommandSpec, typed: string = spec.name): string {
  return ['usage: nix-container-action', typed, spec.args, spec.options].filter(Boolean).join(' ')
}

const COLUMN = 38
const WIDTH = 100

/** Words into lines of at most `width` characters (a longer word gets a line of its own). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines
}

/** The commands section of --help: each CLI name with its arguments, the seed's name beside it. */
export function commandsHelp(): string {
  const lines = ["Commands (on the right the seed's just recipe, a command too: same arguments, same order):"]
  for (const c of COMMANDS) {
    const left = `  ${c.name}${c.args ? ` ${c.args}` : ''}`
    lines.push(c.seed ? `${left.padEnd(COLUMN)} just ${c.seed}` : left)
    for (const l of wrap(c.summary, WIDTH - 6)) lines.push(`      ${l}`)
  }
  return lines.join('\n')
}

/** Bad usage: exit 2, like bad input. */
export class UsageError extends Error {}
