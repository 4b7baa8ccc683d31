// What the CLI leaves in the working directory between commands, as the seed's recipes do:
// result-<system> links to the built images (GC roots, like nix build's), and which image each
// system's link was loaded as, for `test`.
import { mkdir, readFile, readlink, unlink, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { run } from '../exec.js'
import type { LoadedImage } from '../image/docker.js'
import { detectKind } from '../image/kind.js'
import { type BuiltImage, type LinuxSystem, type Ui } from '../model.js'
import { ociPlatform } from '../config/platform.js'
import { UsageError } from './commands.js'

export const resultLink = (system: LinuxSystem): string => resolve(`result-${system}`)
const STATE = (): string => resolve('.nix-container-action', 'loaded.json')

/**
 * Links result-<system> to each built image: every command that builds (build, build-multiarch, all,
 * multiarch) ends here, so they all leave the same links.
 */
export async function linkResults(built: readonly BuiltImage[], ui: Ui): Promise<void> {
  for (const image of built) {
    const link = resultLink(image.system)
    await unlink(link).catch(() => undefined)
    // A GC root, like nix build's result link, so the image survives nix-collect-garbage.
    await run({ cmd: 'nix-store', args: ['--realise', image.storePath, '--add-root', link, '--indirect'] }, { echo: false })
    ui.info(`${link} -> ${image.storePath}`)
  }
}

/** The image a result-<system> link points at, as the loader takes it. */
export async function fromResultLink(system: LinuxSystem, container: string): Promise<BuiltImage> {
  const storePath = await readlink(resultLink(system)).catch(() => {
    throw new UsageError(`no ${resultLink(system)}: run 'nix-container-action build <container> ${system}' first (or build-multiarch <container>)`)
  })
  return {
    container,
    system,
    platform: ociPlatform(system),
    installable: storePath,
    build: 'native',
    run: 'native',
    storePath,
    drvPath: '',
    kind: await detectKind(storePath),
    size: 0,
  }
}

/** The image each system was last loaded as (by load, load-native, all or multiarch). */
export async function loadedImages(): Promise<Partial<Record<LinuxSystem, LoadedImage>>> {
  return JSON.parse(await readFile(STATE(), 'utf8').catch(() => '{}')) as Partial<Record<LinuxSystem, LoadedImage>>
}

export async function recordLoaded(images: readonly LoadedImage[]): Promise<void> {
  if (images.length === 0) return
  const state = await loadedImages()
  for (const image of images) state[image.system] = image
  await mkdir(dirname(STATE()), { recursive: true })
  await writeFile(STATE(), JSON.stringify(state))
}
