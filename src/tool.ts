// The action's own name and version, as its SBOMs and user agent report them: from package.json.
import pkg from '../package.json' with { type: 'json' }

export const TOOL: { name: string; version: string } = { name: pkg.name, version: pkg.version }
