// What evaluating the flake knows of the packages in each image: one `nix eval` for every image of
// a run. From each image it walks the derivations it can reach (its contents, their runtime inputs,
// the C library and libgcc of their stdenv) and reports every output path with its name, version
// and meta (licences, description, homepage, CPE, purl), plus where the image's dockerTools conf
// JSON is. Store paths are matched to packages by output path, so nothing here guesses.
import { type Nix } from './nix.js'
import { evaluateEach } from './installables.js'

export interface PackageLicense {
  /** The SPDX identifier, when nixpkgs' licence has one. */
  id?: string
  name?: string
}

export interface PackageMeta {
  outputs: string[]
  name?: string
  pname?: string
  version?: string
  description?: string
  homepage?: string
  licenses: PackageLicense[]
  cpe?: string
  purl?: string
}

export interface ImageMeta {
  /** dockerTools' conf JSON (passthru `conf`, or `stream.conf` for buildLayeredImage), not necessarily in the local store. */
  conf?: string
  packages: PackageMeta[]
}

// The walk follows the attributes that carry what ends up at run time, never build tools
// (nativeBuildInputs) or the stdenv itself, so it stays within the images' own closures. A
// dockerTools image keeps its `contents` only as an argument: it is read back through the
// image's `override` (makeOverridable), which only evaluates, and only where that override
// takes `contents` and `passthru`.
const WALK = `
  let
    isDrv = v: builtins.isAttrs v && (v.type or null) == "derivation";
    asList = v: if builtins.isList v then builtins.concatMap asList v else if isDrv v then [ v ] else [ ];
    str = v: if builtins.isString v then v else null;
    follow = [ "buildInputs" "propagatedBuildInputs" "depsHostHost" "depsHostHostPropagated" "depsTargetTarget" "depsTargetTargetPropagated" "paths" "contents" "copyToRoot" "deps" "layers" ];
    libcOf = d: let cc = d.stdenv.cc or null; in if builtins.isAttrs cc then asList (cc.libc or null) ++ asList ((cc.cc or { }).lib or null) else [ ];
    contentsOf = i:
      let
        s = i.stream or i;
        o = s.override or null;
        args = if builtins.isAttrs o then o.__functionArgs or { } else { };
      in
      if (s.isExe or false) && args ? passthru && args ? contents
      then asList ((o (old: { passthru = (old.passthru or { }) // { __ncaArgs = old; }; })).__ncaArgs.contents or [ ])
      else [ ];
    keyOf = d: let r = builtins.tryEval d.outPath; in if r.success then r.value else null;
    item = depth: d: { key = keyOf d; inherit depth d; };
    known = builtins.filter (x: x.key != null);
    closure = roots: builtins.genericClosure {
      startSet = known (map (item 0) roots);
      operator = x: if x.depth >= 16 then [ ] else known (map (item (x.depth + 1)) (builtins.concatMap (a: asList (x.d.\${a} or null)) follow ++ libcOf x.d));
    };
    licenseOf = l:
      if builtins.isAttrs l then { id = str (l.spdxId or null); name = str (l.fullName or (l.shortName or null)); }
      else if builtins.isString l then { id = null; name = l; }
      else null;
    first = v: if builtins.isList v then (if v == [ ] then null else builtins.head v) else v;
    describe = d:
      let
        m = d.meta or { };
        ids = m.identifiers or { };
        l = m.license or [ ];
      in {
        outputs = map (o: (d.\${o} or d).outPath) (d.outputs or [ "out" ]);
        name = str (d.name or null);
        pname = str (d.pname or null);
        version = str (d.version or null);
        description = str (m.description or null);
        homepage = str (first (m.homepage or null));
        licenses = builtins.filter (x: x != null && (x.id != null || x.name != null)) (map licenseOf (if builtins.isList l then l else [ l ]));
        cpe = str (ids.cpe or null);
        purl = str (ids.purl or (first (ids.purls or null)));
      };
    describeImage = i:
      let s = i.stream or i;
      in {
        conf = if isDrv (s.conf or null) then s.conf.outPath else null;
        packages = map (x: describe x.d) (closure ([ i ] ++ contentsOf i));
      };
  in
  describeImage`

/** The walk, as a function of one image (evaluateEach applies it to each). */
export const DESCRIBE_IMAGE = WALK.trim()

const optional = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)

/** The evaluation's answer, with empty fields dropped; an image it did not find has no packages (pure). */
export function parseMeta(data: readonly ({ conf: unknown; packages: Record<string, unknown>[] } | null)[]): ImageMeta[] {
  return data.map((image) => ({
    conf: optional(image?.conf),
    packages: (image?.packages ?? []).map((p) => ({
      outputs: (p.outputs as string[]) ?? [],
      name: optional(p.name),
      pname: optional(p.pname),
      version: optional(p.version),
      description: optional(p.description),
      homepage: optional(p.homepage),
      licenses: ((p.licenses as { id?: unknown; name?: unknown }[]) ?? []).map((l) => ({ id: optional(l.id), name: optional(l.name) })),
      cpe: optional(p.cpe),
      purl: optional(p.purl),
    })),
  }))
}

/** One evaluation for every image (of each flake they come from, nix/installables.ts). */
export async function evaluateMeta(nix: Pick<Nix, 'path' | 'env'>, installables: readonly string[]): Promise<ImageMeta[]> {
  return parseMeta(await evaluateEach(nix, installables, DESCRIBE_IMAGE))
}

/** Each store path's package, by output path. */
export function packagesByPath(packages: readonly PackageMeta[]): Map<string, PackageMeta> {
  const byPath = new Map<string, PackageMeta>()
  for (const p of packages) for (const o of p.outputs) if (!byPath.has(o)) byPath.set(o, p)
  return byPath
}
