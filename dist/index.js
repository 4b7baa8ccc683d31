import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 218:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8683);
/* harmony import */ var _post_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(7718);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(3175);
// One bundle for both steps (action.yml runs it as main and as post); saved state tells them apart.



if ((0,_state_js__WEBPACK_IMPORTED_MODULE_2__/* .isPost */ .tl)())
    await (0,_post_js__WEBPACK_IMPORTED_MODULE_1__/* .post */ .b)();
else
    await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .e)();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 8683:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  e: () => (/* binding */ run)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: ./src/config/platform.ts
var platform = __nccwpck_require__(5063);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./src/exec.ts + 1 modules
var exec = __nccwpck_require__(4981);
// EXTERNAL MODULE: ./src/files.ts
var files = __nccwpck_require__(9148);
;// CONCATENATED MODULE: ./src/nix/install.ts
// Installing Nix on a runner that has none: a pinned install script, checked against its SHA-256
// before it runs (it pins the release tarballs' hashes in turn), kept in the runner's tool cache.






const NIX_INSTALLER = {
    url: 'https://releases.nixos.org/nix/nix-2.24.11/install',
    sha256: '5c610a0e97c8a2dd48c1a630608502e43fdecd7d2572463dd4166126106d9188',
};
const TOOL = 'nix-install-script';
async function sha256(file) {
    return (0,external_node_crypto_.createHash)('sha256')
        .update(await (0,promises_.readFile)(file))
        .digest('hex');
}
/** The install script, from the tool cache or downloaded, only ever returned once its hash matches. */
async function fetchInstaller(installer, log) {
    // The tool cache wants a semver; the checksum is what identifies an installer.
    const version = `0.0.0-h${installer.sha256.slice(0, 16)}`;
    // Loaded only here: most runners have Nix, and the tool cache is a large module to start with.
    const tc = await Promise.all(/* import() */[__nccwpck_require__.e(838), __nccwpck_require__.e(88), __nccwpck_require__.e(805)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9805));
    let dir = tc.find(TOOL, version);
    if (dir) {
        log(`nix installer ${installer.sha256.slice(0, 12)} found in the tool cache`);
    }
    else {
        log(`downloading the nix installer from ${installer.url}`);
        const file = await tc.downloadTool(installer.url);
        const actual = await sha256(file);
        if (actual !== installer.sha256) {
            throw new Error(`The nix installer from ${installer.url} has SHA-256 ${actual}, not the pinned ${installer.sha256}: it was not run. If you changed nix-installer-url, set nix-installer-sha256 to match.`);
        }
        dir = await tc.cacheFile(file, 'install', TOOL, version);
    }
    const script = (0,external_node_path_.join)(dir, 'install');
    // The cache is a directory on the runner: check again what is about to run.
    if ((await sha256(script)) !== installer.sha256)
        throw new Error(`The cached nix installer ${script} does not match the pinned SHA-256; remove it and re-run.`);
    return script;
}
/**
 * What the CI installers (install-nix-action, nix-installer-action) put in nix.conf and the official
 * installer does not: flakes on, and the job's user trusted, so that the daemon accepts the run's
 * extra-platforms, substituters and builders.
 */
function installerConf(user) {
    return `experimental-features = nix-command flakes\ntrusted-users = root ${user}\n`;
}
/** Runs the verified installer: multi-user where systemd runs (GitHub's runners), else single-user. */
async function installNix(installer, log) {
    const script = await fetchInstaller(installer, log);
    const mode = process.platform === 'darwin' || (await (0,files/* exists */.t)('/run/systemd/system')) ? '--daemon' : '--no-daemon';
    const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'nca-nix-conf-'));
    try {
        const conf = (0,external_node_path_.join)(dir, 'nix.conf');
        await (0,promises_.writeFile)(conf, installerConf((0,external_node_os_.userInfo)().username));
        log(`installing Nix (${mode.slice(2)}) with flakes on and ${(0,external_node_os_.userInfo)().username} a trusted user, as the CI installers set it up`);
        await (0,exec/* run */.eF)({
            cmd: 'sh',
            args: [script, mode, '--yes', '--no-channel-add', '--nix-extra-conf-file', conf],
            env: { ...process.env, NIX_INSTALLER_NO_CHANNEL_ADD: '1' },
        });
    }
    finally {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
}

;// CONCATENATED MODULE: ./src/config/inputs.ts

class InputError extends Error {
    constructor(input, message) {
        super(`Input '${input}': ${message}`);
        this.name = 'InputError';
    }
}
const INPUT_NAMES = (/* unused pure expression or super */ null && ([
    'container',
    'tool',
    'architectures',
    'flake',
    'test',
    'test-args',
    'test-timeout',
    'emulate',
    'extra-conf',
    'push',
    'publisher',
    'registry',
    'repository',
    'manifest-app',
    'version',
    'tags',
    'annotations',
    'labels',
    'compression',
    'username',
    'password',
    'cachix-name',
    'cachix-auth-token',
    'cachix-signing-key',
    'cachix-push',
    'extra-pull-names',
    'binary-cache',
    'binary-cache-public-key',
    'binary-cache-secret-key',
    'binary-cache-push',
    'actions-cache',
    'cache-builder-image',
    'nix-installer-url',
    'nix-installer-sha256',
    'builders',
    'builder-ssh-key',
    'builder-host-key',
    'builder-timeout',
    'sbom',
    'attest',
    'github-token',
]));
const DEFAULTS = {
    architectures: 'x86_64-linux,aarch64-linux',
    flake: '.',
    test: 'true',
    'test-args': '--help',
    'test-timeout': '60',
    emulate: 'auto',
    push: 'auto',
    publisher: 'flocken',
    compression: 'gzip',
    registry: 'ghcr.io',
    'cachix-push': 'auto',
    'binary-cache-push': 'auto',
    'actions-cache': 'auto',
    'nix-installer-url': NIX_INSTALLER.url,
    'nix-installer-sha256': NIX_INSTALLER.sha256,
    'builder-timeout': '120',
    sbom: 'true',
    attest: 'false',
};
const MAX_INPUT = 4096;
const MAX_EXTRA_CONF = 65536;
// An RSA private key of 8192 bits is about 6,600 characters; builder lines carry host keys.
const MAX_LONG = { 'extra-conf': MAX_EXTRA_CONF, 'builder-ssh-key': 16384, builders: 16384 };
const FLAKE = /^[A-Za-z0-9+._:/?=&@~-]+$/;
/** Split a list input on commas and newlines, dropping blanks. */
function splitList(value) {
    return value
        .split(/[,\n]/)
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
}
/**
 * Split test arguments like a shell would split words, with '…' and "…" quoting, but never
 * expanding anything: `$(id)` or `;` stay literal characters of an argument.
 */
function splitArgs(value, input = 'test-args') {
    const args = [];
    let current = '';
    let inWord = false;
    let quote;
    for (let i = 0; i < value.length; i++) {
        const c = value[i];
        if (quote) {
            if (c === quote)
                quote = undefined;
            else if (c === '\\' && quote === '"' && (value[i + 1] === '"' || value[i + 1] === '\\'))
                current += value[++i];
            else
                current += c;
        }
        else if (c === '"' || c === "'") {
            quote = c;
            inWord = true;
        }
        else if (/\s/.test(c)) {
            if (inWord)
                args.push(current);
            current = '';
            inWord = false;
        }
        else {
            current += c;
            inWord = true;
        }
    }
    if (quote)
        throw new InputError(input, `the quote ${quote} is never closed in ${JSON.stringify(value)}.`);
    if (inWord)
        args.push(current);
    return args;
}
function parseBoolean(input, value) {
    const v = value.trim().toLowerCase();
    if (v === 'true')
        return true;
    if (v === 'false')
        return false;
    throw new InputError(input, `${JSON.stringify(value)} is not a boolean; use true or false.`);
}
function oneOf(input, value, allowed) {
    const v = value.trim().toLowerCase();
    if (allowed.includes(v))
        return v;
    throw new InputError(input, `${JSON.stringify(value)} is not accepted; use one of: ${allowed.join(', ')}.`);
}
/** Whole seconds from 1 to 3600 (test-timeout, builder-timeout). */
function parseSeconds(input, value) {
    const v = value.trim();
    const n = Number(v);
    if (!/^[0-9]+$/.test(v) || n < 1 || n > 3600) {
        throw new InputError(input, `${JSON.stringify(value)} is not accepted; use whole seconds from 1 to 3600.`);
    }
    return n;
}
/** auto | true | false, where auto is decided by the caller. */
function parseAutoBoolean(input, value) {
    const v = value.trim().toLowerCase() || 'auto';
    if (v === 'auto')
        return 'auto';
    if (v === 'true' || v === 'false')
        return v === 'true';
    throw new InputError(input, `${JSON.stringify(value)} is not accepted; use one of: auto, true, false.`);
}

;// CONCATENATED MODULE: ./src/action/context.ts
// The runner's facts that inputs default from, read from GitHub's environment variables.



function defaultBranchFromEvent(path) {
    if (!path)
        return undefined;
    try {
        const event = JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
        return event.repository?.default_branch;
    }
    catch {
        return undefined;
    }
}
/** True for a pull request whose head is in another repository (a fork): its code is not trusted to write caches. */
function isForkPullRequest(path, eventName) {
    if (!path || !eventName?.startsWith('pull_request'))
        return false;
    try {
        const event = JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
        const head = event.pull_request?.head?.repo?.full_name;
        // A deleted fork has no head repository: still not this repository.
        return head !== event.repository?.full_name;
    }
    catch {
        return false;
    }
}
/** An action input as the runner passes it (INPUT_<NAME>), trimmed, as @actions/core's getInput reads it. */
function actionInput(name, env = process.env) {
    return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}
function runnerContext(env = process.env) {
    const repository = env.GITHUB_REPOSITORY ?? '';
    return {
        host: (0,platform/* detectHost */.k3)(),
        actor: env.GITHUB_ACTOR ?? '',
        repository,
        repositoryOwner: env.GITHUB_REPOSITORY_OWNER ?? repository.split('/')[0] ?? '',
        forkPullRequest: isForkPullRequest(env.GITHUB_EVENT_PATH, env.GITHUB_EVENT_NAME),
        serverUrl: env.GITHUB_SERVER_URL,
        apiUrl: env.GITHUB_API_URL,
        ref: {
            eventName: env.GITHUB_EVENT_NAME ?? '',
            ref: env.GITHUB_REF ?? '',
            sha: env.GITHUB_SHA ?? '',
            defaultBranch: defaultBranchFromEvent(env.GITHUB_EVENT_PATH) ?? 'main',
        },
    };
}
/** Inputs that had another name before v1, by their old name: a workflow still using one is told. */
const RENAMED_INPUTS = { token: 'password', manifest: 'manifest-app' };
/** Fails on an old input name, which the runner would only warn about (the value would be lost). */
function checkRenamedInputs(env = process.env) {
    for (const [old, now] of Object.entries(RENAMED_INPUTS)) {
        if (actionInput(old, env))
            throw new InputError(old, `is now named ${now}: rename it in the workflow's with: (same value).`);
    }
}

// EXTERNAL MODULE: ./src/builders/remote.ts
var builders_remote = __nccwpck_require__(8468);
;// CONCATENATED MODULE: ./src/image/bytes.ts
// Exact byte counts out of a stream of chunks, for the tar and gzip readers.
/**
 * Reads (and decompresses) in 1 MiB pieces: Node's defaults (64 KiB reads, 16 KiB inflate output)
 * cost a JavaScript callback per piece, which made reading a 1 GiB layer five times slower.
 */
const CHUNK_BYTES = 1 << 20;
/** Pulls exact byte counts out of a stream of chunks without copying more than it must. */
class ByteReader {
    source;
    chunks = [];
    buffered = 0;
    ended = false;
    constructor(source) {
        this.source = source;
    }
    async pull() {
        if (this.ended)
            return false;
        const next = await this.source.next();
        if (next.done) {
            this.ended = true;
            return false;
        }
        const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
        if (chunk.length > 0) {
            this.chunks.push(chunk);
            this.buffered += chunk.length;
        }
        return true;
    }
    /** Exactly n bytes, or fewer only at the end of the stream. */
    async read(n) {
        while (this.buffered < n && (await this.pull()))
            ;
        // Only the bytes asked for are copied, and none when the first chunk holds them: a header read
        // that copied the whole buffer made a layer of small files cost a megabyte per 512 bytes.
        const first = this.chunks[0];
        if (first && first.length >= n)
            return this.take(first, n);
        const parts = [];
        let want = Math.min(n, this.buffered);
        while (want > 0) {
            const part = this.take(this.chunks[0], want);
            parts.push(part);
            want -= part.length;
        }
        return Buffer.concat(parts);
    }
    /** Up to n bytes of the first chunk, removed from the buffer. */
    take(first, n) {
        const out = first.subarray(0, Math.min(n, first.length));
        if (out.length === first.length)
            this.chunks.shift();
        else
            this.chunks[0] = first.subarray(out.length);
        this.buffered -= out.length;
        return out;
    }
    /** Up to n bytes: whatever is buffered, or the next chunk; empty only at the end of the stream. */
    async readUpTo(n) {
        if (this.buffered === 0 && !(await this.pull()))
            return Buffer.alloc(0);
        if (this.buffered === 0)
            return this.readUpTo(n);
        return this.take(this.chunks[0], n);
    }
    /** Skips n bytes; returns how many there were (fewer only at the end of the stream). */
    async skip(n) {
        let left = n;
        while (left > 0 && this.buffered > 0)
            left -= this.take(this.chunks[0], left).length;
        if (left > 0 && !this.ended && this.source.skip) {
            const got = await this.source.skip(left);
            left -= got;
            if (left > 0)
                this.ended = true;
        }
        while (left > 0) {
            const got = await this.readUpTo(left);
            if (got.length === 0)
                break;
            left -= got.length;
        }
        return n - left;
    }
    /** Puts bytes read too far back in front of the rest. */
    unshift(bytes) {
        if (bytes.length === 0)
            return;
        this.chunks.unshift(bytes);
        this.buffered += bytes.length;
    }
    /** The next byte without taking it; undefined at the end of the stream. */
    async peekByte() {
        while (this.buffered === 0 && (await this.pull()))
            ;
        return this.chunks[0]?.[0];
    }
}
/** `length` bytes of a reader as chunks, skippable: a tar entry's body. */
class Section {
    reader;
    length;
    short;
    consumed = 0;
    closed = false;
    reading;
    constructor(reader, length, short) {
        this.reader = reader;
        this.length = length;
        this.short = short;
    }
    [Symbol.asyncIterator]() {
        return this;
    }
    async next() {
        if (this.closed || this.consumed >= this.length)
            return { done: true, value: undefined };
        const reading = this.reader.readUpTo(this.length - this.consumed);
        this.reading = reading;
        const chunk = await reading;
        if (chunk.length === 0)
            throw this.short();
        this.consumed += chunk.length;
        return { done: false, value: chunk };
    }
    async skip(n) {
        if (this.closed)
            return 0;
        const want = Math.min(n, this.length - this.consumed);
        const got = await this.reader.skip(want);
        this.consumed += got;
        if (got < want)
            throw this.short();
        return got;
    }
    /** Ends the section once a read in flight has finished (the reader is then free for the next one). */
    async return() {
        this.closed = true;
        await this.reading?.catch(() => undefined);
        return { done: true, value: undefined };
    }
}
/** The first n bytes of a source, and the whole source again (those bytes included), skippable. */
async function peek(source, n) {
    const it = source[Symbol.asyncIterator]();
    const seen = [];
    let length = 0;
    let done = false;
    while (length < n) {
        const next = await it.next();
        if (next.done) {
            done = true;
            break;
        }
        seen.push(next.value);
        length += next.value.length;
    }
    const head = Buffer.concat(seen).subarray(0, n);
    const stream = {
        [Symbol.asyncIterator]() {
            return stream;
        },
        async next() {
            if (seen.length)
                return { done: false, value: seen.shift() };
            if (done)
                return { done: true, value: undefined };
            const next = await it.next();
            if (next.done)
                done = true;
            return next.done ? { done: true, value: undefined } : next;
        },
        async skip(k) {
            let got = 0;
            while (got < k && seen.length) {
                const first = seen[0];
                const take = Math.min(k - got, first.length);
                if (take === first.length)
                    seen.shift();
                else
                    seen[0] = first.subarray(take);
                got += take;
            }
            if (got < k && !done && it.skip)
                return got + (await it.skip(k - got));
            while (got < k && !done) {
                const next = await it.next();
                if (next.done)
                    done = true;
                else if (next.value.length > k - got) {
                    seen.push(next.value.subarray(k - got));
                    got = k;
                }
                else
                    got += next.value.length;
            }
            return got;
        },
    };
    return { head, stream };
}
/** Reads a stream to its end (what a reader left must still pass, e.g. to end a process). */
async function drain(source) {
    if (source.skip)
        await source.skip(Number.MAX_SAFE_INTEGER);
    for await (const chunk of source)
        void chunk;
}
/**
 * A copy of the bytes a writer sends elsewhere (a stream image's archive on its way to the daemon),
 * for a reader in this process that wants only some of them (the SBOM scan: tar headers). A skip the
 * reader asks for is counted off the chunks as they are written, in the writer's own call: the bytes
 * passed over, nearly all of an image, cost no promise and no buffer each, where a PassThrough
 * queued every 64 KiB piece for the reader to take.
 */
class Tap {
    limit;
    lent;
    queue = [];
    queued = 0;
    ended = false;
    /** A read waiting for the next chunk (undefined: the end). */
    reading;
    /** A skip still passing over bytes as they are written. */
    skipping;
    waitingForRoom;
    /**
     * `limit`: how many bytes may wait for the reader before the writer is asked to wait. `lent`: the
     * writer reads into its chunks again once `write` returns, so what the reader is handed or what
     * waits for it is copied (what a skip passes over is not).
     */
    constructor(limit = CHUNK_BYTES, lent = false) {
        this.limit = limit;
        this.lent = lent;
    }
    [Symbol.asyncIterator]() {
        return this;
    }
    /** For the writer: false when it should wait for `room()` before the next write. */
    write(chunk) {
        if (this.ended)
            return true;
        const skipping = this.skipping;
        if (skipping) {
            const drop = Math.min(skipping.left, chunk.length);
            skipping.left -= drop;
            skipping.got += drop;
            if (skipping.left === 0)
                this.endSkip();
            if (drop === chunk.length)
                return true;
            chunk = chunk.subarray(drop);
        }
        if (this.lent)
            chunk = Buffer.from(chunk);
        const reading = this.reading;
        if (reading) {
            this.reading = undefined;
            reading(chunk);
            return true;
        }
        this.queue.push(chunk);
        this.queued += chunk.length;
        return this.queued < this.limit;
    }
    /** Settles when the reader has taken enough for the writer to go on, or has gone. */
    room() {
        if (this.queued < this.limit)
            return Promise.resolve();
        return new Promise((resolve) => (this.waitingForRoom = resolve));
    }
    /** For the writer: no more bytes; a read or skip waiting gets the end. */
    end() {
        this.ended = true;
        this.endSkip();
        const reading = this.reading;
        this.reading = undefined;
        reading?.(undefined);
    }
    /** For the reader that gives up: the writer is no longer held back, and what was queued is dropped. */
    destroy() {
        this.queue.length = 0;
        this.queued = 0;
        this.end();
        this.freeRoom();
    }
    next() {
        const chunk = this.queue.shift();
        if (chunk) {
            this.queued -= chunk.length;
            this.freeRoom();
            return Promise.resolve({ done: false, value: chunk });
        }
        if (this.ended)
            return Promise.resolve({ done: true, value: undefined });
        return new Promise((resolve) => {
            this.reading = (got) => resolve(got ? { done: false, value: got } : { done: true, value: undefined });
        });
    }
    skip(n) {
        let got = 0;
        while (got < n && this.queue.length > 0) {
            const first = this.queue[0];
            const take = Math.min(n - got, first.length);
            if (take === first.length)
                this.queue.shift();
            else
                this.queue[0] = first.subarray(take);
            this.queued -= take;
            got += take;
        }
        this.freeRoom();
        if (got === n || this.ended)
            return Promise.resolve(got);
        return new Promise((done) => (this.skipping = { left: n - got, got, done }));
    }
    async return() {
        this.destroy();
        return { done: true, value: undefined };
    }
    endSkip() {
        const skipping = this.skipping;
        this.skipping = undefined;
        skipping?.done(skipping.got);
    }
    freeRoom() {
        if (!this.waitingForRoom || this.queued >= this.limit)
            return;
        const resume = this.waitingForRoom;
        this.waitingForRoom = undefined;
        resume();
    }
}

// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __nccwpck_require__(8474);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __nccwpck_require__(7067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __nccwpck_require__(4708);
;// CONCATENATED MODULE: ./src/registry/http.ts
// HTTP requests for the registry and cache APIs, on node:http(s) rather than the global fetch:
// Node loads fetch's implementation on its first use, and fetch's idle keep-alive connections hold
// the process open at exit (both measured by bench/run.mjs); node:http costs neither.



class HttpError extends Error {
    constructor(message) {
        super(message);
        this.name = 'HttpError';
    }
}
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
const DEFAULT_IDLE_TIMEOUT_MS = 60_000;
/**
 * One request. Redirects are followed when the request can be sent again (no streamed body), and
 * an authorization header never follows a redirect to another origin (a registry's blob storage).
 */
async function httpRequest(url, options = {}) {
    let target = new URL(url);
    let headers = { ...options.headers };
    let method = options.method ?? 'GET';
    let body = options.body;
    const replayable = body === undefined || Buffer.isBuffer(body);
    for (let hop = 0;; hop++) {
        const res = await send(target, method, headers, body, options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS, options.socketPath);
        const location = res.headers.location;
        if (!REDIRECTS.has(res.statusCode ?? 0) || !location || !replayable || hop >= MAX_REDIRECTS)
            return wrap(res, target);
        res.resume();
        const next = new URL(location, target);
        if (next.origin !== target.origin)
            headers = Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'authorization'));
        if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')) {
            method = 'GET';
            body = undefined;
        }
        target = next;
    }
}
function send(url, method, headers, body, idleTimeoutMs, socketPath) {
    const request = url.protocol === 'https:' ? external_node_https_.request : url.protocol === 'http:' ? external_node_http_.request : undefined;
    if (!request)
        return Promise.reject(new HttpError(`${url.origin}: only http and https URLs are supported`));
    const sized = Buffer.isBuffer(body) ? { 'content-length': String(body.length) } : {};
    return new Promise((resolve, reject) => {
        const req = request(url, { method, headers: { ...sized, ...headers }, ...(socketPath ? { socketPath } : {}) }, resolve);
        req.setTimeout(idleTimeoutMs, () => req.destroy(new HttpError(`${method} ${url.origin}${url.pathname}: no answer for ${idleTimeoutMs / 1000}s (ETIMEDOUT)`)));
        req.on('error', reject);
        if (body === undefined || Buffer.isBuffer(body)) {
            req.end(body);
            return;
        }
        const write = typeof body === 'function'
            ? body
            : async () => {
                for await (const chunk of body) {
                    if (req.destroyed)
                        return;
                    if (!req.write(chunk))
                        await (0,external_node_events_.once)(req, 'drain');
                }
                req.end();
            };
        write(req).catch((e) => req.destroy(e instanceof Error ? e : new Error(String(e))));
    });
}
function wrap(res, url) {
    let read;
    const bytes = () => (read ??= (async () => {
        const chunks = [];
        for await (const chunk of res)
            chunks.push(chunk);
        return Buffer.concat(chunks);
    })());
    return {
        status: res.statusCode ?? 0,
        url: url.toString(),
        header: (name) => {
            const value = res.headers[name.toLowerCase()];
            return Array.isArray(value) ? value.join(', ') : value;
        },
        text: async () => (await bytes()).toString('utf8'),
        json: async () => JSON.parse((await bytes()).toString('utf8')),
        discard: async () => {
            if (read)
                return void (await read.catch(() => undefined));
            res.resume();
            if (!res.readableEnded)
                await (0,external_node_events_.once)(res, 'end').catch(() => undefined);
        },
    };
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3916);
;// CONCATENATED MODULE: ./src/image/docker.ts
// The Docker daemon: load each built image, give it a reference unique to its system, and
// smoke-test it in a throwaway container that cannot outlive its timeout.







function loadCommand(image, nix) {
    switch (image.kind) {
        case 'archive':
        case 'archive-gz':
            return { load: { cmd: 'docker', args: ['load', '--input', image.storePath] } };
        case 'stream':
            // The stream script writes the archive to stdout: piped straight into the daemon, never to disk.
            return { producer: { cmd: image.storePath, args: [] }, load: { cmd: 'docker', args: ['load'] } };
        case 'nix2container':
            // The image.json only describes the layers; nix2container's own app builds them from the
            // store paths and copies them into the daemon (skopeo), so nothing is written to disk.
            if (!nix || !image.installable)
                throw new Error(`${image.storePath} is a nix2container image: loading it needs Nix and its installable.`);
            return { load: { cmd: nix.path, args: ['run', `${image.installable}.copyToDockerDaemon`], env: nix.env } };
    }
}
/** The references `docker load` reports, in order: "Loaded image: x:y" or "Loaded image ID: sha256:…". */
function parseLoadOutput(stdout) {
    const refs = [];
    for (const line of stdout.split('\n')) {
        const m = /^Loaded image(?: ID)?: (\S+)\s*$/.exec(line.trim());
        if (m)
            refs.push(m[1]);
    }
    return refs;
}
/** `registry:5000/name:tag` → [`registry:5000/name`, `tag`]; no tag means `latest`. */
function splitReference(reference) {
    const at = reference.lastIndexOf(':');
    return at > reference.lastIndexOf('/') ? [reference.slice(0, at), reference.slice(at + 1)] : [reference, 'latest'];
}
/** name:tag → name:tag-<arch>; a bare id gets a name derived from the container. */
function uniqueReference(loadedAs, fallbackName, system) {
    const arch = (0,platform/* ociArch */.As)(system);
    if (loadedAs.startsWith('sha256:'))
        return `${fallbackName}:${arch}`;
    const [name, tag] = splitReference(loadedAs);
    return `${name}:${tag}-${arch}`;
}
// Inspecting and tagging sit between a load and its smoke test, and starting the docker CLI for each
// costs far more than the same request over the daemon's unix socket. Only the CLI's own endpoint is
// used (its current context, or DOCKER_HOST), and only when it is a unix socket; any other endpoint,
// or a socket that does not answer, goes through the CLI.
/** The socket path of a `unix://` Docker endpoint; undefined for tcp://, ssh://, npipe:// and the rest. */
function unixSocketOf(endpoint) {
    return endpoint?.startsWith('unix://') ? endpoint.slice('unix://'.length) || undefined : undefined;
}
const sockets = new Map();
/** The unix socket the docker CLI talks to, asked once per DOCKER_HOST/DOCKER_CONTEXT (probeHost asks first). */
function dockerSocket(env = process.env) {
    const key = `${env.DOCKER_HOST ?? ''}\n${env.DOCKER_CONTEXT ?? ''}`;
    let socket = sockets.get(key);
    if (!socket) {
        socket = (0,exec/* run */.eF)({ cmd: 'docker', args: ['context', 'inspect', '--format', '{{.Endpoints.docker.Host}}'], env }, { echo: false, check: false })
            .then((r) => (r.code === 0 ? unixSocketOf(r.stdout.trim()) : undefined))
            .catch(() => undefined);
        sockets.set(key, socket);
    }
    return socket;
}
/** References and ids as the API takes them in a path (what `docker load` and our tags produce). */
const API_SAFE = /^[\w.:/@-]+$/;
/**
 * One request to the daemon's API, or undefined when it cannot be made (no unix socket, or nobody
 * answers on it): the caller then runs the CLI. An answer the daemon gives, even an error, is final.
 */
async function api(method, path, what, ok) {
    const socket = await dockerSocket();
    if (!socket)
        return undefined;
    const res = await httpRequest(`http://docker${path}`, { method, socketPath: socket, idleTimeoutMs: 120_000 }).catch(() => undefined);
    if (!res || res.status === ok)
        return res;
    throw new Error(`${what} failed (Docker API ${res.status}): ${daemonMessage(await res.text())}`);
}
/** What the daemon said in an error answer: its JSON `message`, or the text as it is. */
function daemonMessage(text) {
    try {
        return JSON.parse(text).message ?? text.trim();
    }
    catch {
        return text.trim();
    }
}
async function inspect(ref) {
    const res = API_SAFE.test(ref) ? await api('GET', `/images/${ref}/json`, `docker image inspect ${ref}`, 200) : undefined;
    if (res)
        return res.json();
    const { stdout } = await (0,exec/* run */.eF)({ cmd: 'docker', args: ['image', 'inspect', '--format', '{{json .}}', ref] }, { echo: false });
    return JSON.parse(stdout);
}
/**
 * The reference a nix2container image is copied to the daemon under: its imageName and imageTag
 * (skopeo says nothing like `docker load`'s "Loaded image:").
 */
async function nix2containerReference(nix, installable) {
    const apply = 'i: { name = i.imageName or null; tag = i.imageTag or null; app = i ? copyToDockerDaemon; }';
    const { stdout } = await (0,exec/* run */.eF)({ cmd: nix.path, args: ['eval', '--json', installable, '--apply', apply], env: nix.env }, { echo: false });
    const { name, tag, app } = JSON.parse(stdout);
    if (!name || !tag || !app) {
        throw new Error(`${installable} builds a JSON file (a nix2container image.json) but has no ${[!name && 'imageName', !tag && 'imageTag', !app && 'copyToDockerDaemon'].filter(Boolean).join(', ')}: ` +
            'make it with nix2container.buildImage (which provides them), or use a dockerTools image.');
    }
    return `${name}:${tag}`;
}
/**
 * A stream image's archive into the daemon through its API (POST /images/load), with a copy for the
 * SBOM reader: this process reads the script's output once, sends it on itself and hands the same
 * bytes to the reader, where `docker load` would copy every byte again from its stdin (0.5 s per
 * GiB). Not for a .tar.gz: inflated here and sent uncompressed it loaded slower (1 GiB: 2.8-3.1 s)
 * than the daemon inflating it beside the reader's own inflate (2.2-2.7 s). Answers what `docker
 * load` prints, so the caller reads both alike.
 */
async function loadThroughApi(socket, output, source, onArchive) {
    const copy = new Tap(CHUNK_BYTES, true);
    onArchive(copy);
    let readWhole = false;
    // Each chunk is read into again once the daemon's socket has taken it and the copy has room for
    // more: a reader that gave up (it destroys its copy) no longer holds the load back.
    const body = async (request) => {
        readWhole = await output.lend((chunk, giveBack) => {
            const room = copy.write(chunk) ? undefined : copy.room();
            request.write(chunk, () => (room ? void room.then(giveBack) : giveBack()));
        });
        copy.end();
        request.end();
    };
    const answered = await httpRequest('http://docker/images/load?quiet=1', {
        method: 'POST',
        socketPath: socket,
        headers: { 'content-type': 'application/x-tar' },
        body,
        idleTimeoutMs: 600_000,
    })
        .then(async (res) => ({ status: res.status, text: await res.text() }))
        .then((value) => ({ value }), (error) => ({ error }));
    copy.end();
    // The script's own failure (with its stderr) says more than the truncated archive the daemon saw;
    // a script nobody reads any more is stopped, or it would block on a full pipe.
    if (readWhole)
        await output.done;
    else {
        output.kill();
        await output.done.catch(() => undefined);
    }
    if ('error' in answered)
        throw new Error(`docker load (Docker API) of ${source}'s output failed: ${(0,errors/* messageOf */.b)(answered.error)}`);
    const { status, text } = answered.value;
    const failed = (why) => new Error(`docker load (Docker API ${status}) of ${source}'s output failed: ${why}`);
    if (status !== 200)
        throw failed(daemonMessage(text));
    // A 200 answer is a stream of JSON lines: what docker load prints, or an error met on the way.
    const messages = text
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => {
        try {
            return JSON.parse(l);
        }
        catch {
            return { error: l };
        }
    });
    const error = messages.find((m) => m.error)?.error;
    if (error)
        throw failed(error.trim());
    return { stdout: messages.map((m) => m.stream ?? '').join('') };
}
/**
 * `onStream` is given a copy of the archive a stream image's script writes, as the daemon reads it,
 * so whoever else needs the archive does not run the script a second time.
 */
async function load(image, fallbackName, nix, onStream) {
    const { producer, load } = loadCommand(image, nix);
    // Asked before the copy, so a JSON file that is no nix2container image fails with a clear message.
    const named = image.kind === 'nix2container' ? await nix2containerReference(nix, image.installable) : undefined;
    const socket = producer && onStream ? await dockerSocket() : undefined;
    // Where no FIFO can be made here, `docker load` reads the copy this process tees off.
    const output = producer && socket ? await (0,exec/* lendStdout */.lj)(producer, { echo: false }).catch(() => undefined) : undefined;
    const loading = producer && socket && output && onStream
        ? loadThroughApi(socket, output, producer.cmd, onStream)
        : producer
            ? (0,exec/* pipe */.Fs)(producer, load, { tee: onStream })
            : (0,exec/* run */.eF)(load);
    const { stdout } = await loading.catch((e) => {
        const text = (0,errors/* messageOf */.b)(e);
        if (/no space left on device/i.test(text)) {
            throw new Error(`Loading ${image.container} ${image.platform} into Docker failed: the daemon's disk is full (no space left on device). Free space on the runner (docker system prune, or remove unused tools) or use a larger runner.\n${text.slice(-1000)}`);
        }
        throw e;
    });
    // Inspected right after the copy: another system's image of the same container takes the name:tag next.
    const loadedAs = named ?? parseLoadOutput(stdout)[0];
    if (!loadedAs)
        throw new Error(`docker load gave no image reference for ${image.storePath}:\n${stdout}`);
    const info = await inspect(loadedAs);
    const expected = (0,platform/* ociArch */.As)(image.system);
    if (info.Os !== 'linux' || info.Architecture !== expected) {
        throw new Error(`${image.installable} built an image for ${info.Os}/${info.Architecture}, not linux/${expected}: check the image's architecture in the flake.`);
    }
    return {
        ...image,
        loadedAs,
        reference: uniqueReference(loadedAs, fallbackName, image.system),
        imageId: info.Id,
        imageSize: info.Size,
        layers: info.RootFS?.Layers ?? [],
        entrypoint: info.Config?.Entrypoint ?? info.Config?.Cmd ?? [],
    };
}
/** Gives a loaded image its reference unique to its system (the load left it the shared name:tag). */
async function tagLoaded(image) {
    const { imageId, reference } = image;
    const [repo, tag] = splitReference(reference);
    const query = new URLSearchParams({ repo, tag });
    const res = API_SAFE.test(imageId) ? await api('POST', `/images/${imageId}/tag?${query}`, `docker tag ${imageId} ${reference}`, 201) : undefined;
    if (res)
        return res.discard();
    await (0,exec/* run */.eF)({ cmd: 'docker', args: ['tag', imageId, reference] }, { echo: false });
}
/** The tool an image runs: its entrypoint's program name. */
function entrypointTool(entrypoint) {
    return entrypoint[0] ? external_node_path_.posix.basename(entrypoint[0]) : undefined;
}
function smokeTestArgs(image, name, tool, testArgs) {
    const args = ['run', '--rm', '--pull', 'never', '--network', 'none', '--platform', image.platform, '--name', name];
    // A named tool that is not the entrypoint is run explicitly, so the test proves it is in the image.
    if (tool && entrypointTool(image.entrypoint) !== tool)
        args.push('--entrypoint', tool);
    return [...args, image.imageId, ...testArgs];
}
async function smokeTest(image, options) {
    const started = Date.now();
    const name = `nca-test-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
    const args = smokeTestArgs(image, name, options.tool, options.args);
    // Not echoed live: tests run side by side, so each one's output is printed whole afterwards.
    const result = await (0,exec/* run */.eF)({ cmd: 'docker', args }, { check: false, echo: false, timeoutMs: options.timeoutSec * 1000 });
    const output = (result.stdout + result.stderr).trim();
    if (result.timedOut) {
        // Killing the client leaves the container running: remove it so nothing outlives the test.
        await (0,exec/* run */.eF)({ cmd: 'docker', args: ['rm', '--force', name] }, { echo: false, check: false });
    }
    const passed = result.code === 0 && !result.timedOut;
    return {
        image,
        loaded: image,
        status: passed ? 'passed' : 'failed',
        command: ['docker', ...args],
        output,
        reason: passed
            ? undefined
            : result.timedOut
                ? `timed out after ${options.timeoutSec}s (input test-timeout); the container was removed`
                : `exited with code ${result.code}`,
        durationMs: Date.now() - started,
    };
}
/** undefined when the daemon answers; otherwise what is wrong, in words for an error message. */
async function dockerProblem() {
    // Found out now, side by side with the version check, for the loads that follow (it never rejects).
    void dockerSocket();
    const r = await (0,exec/* run */.eF)({ cmd: 'docker', args: ['version', '--format', '{{.Server.Version}}'] }, { echo: false, check: false }).catch(() => undefined);
    if (!r)
        return 'docker is not installed on this runner';
    if (r.code !== 0)
        return `the Docker daemon is not reachable (${r.stderr.trim().split('\n').pop()})`;
    return undefined;
}

// EXTERNAL MODULE: ./src/root.ts
var root = __nccwpck_require__(271);
;// CONCATENATED MODULE: ./src/nix/emulation.ts
// QEMU user emulation through the kernel's binfmt_misc: lets an x86_64 runner build and run
// aarch64 images (and the reverse), many times slower than a native runner.




const BINFMT = '/proc/sys/fs/binfmt_misc';
// ELF header patterns from QEMU's qemu-binfmt-conf.sh, written with the \x escapes the kernel parses.
const HANDLERS = {
    'aarch64-linux': {
        qemu: 'qemu-aarch64',
        magic: '\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xb7\\x00',
        mask: '\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff',
    },
    'x86_64-linux': {
        qemu: 'qemu-x86_64',
        magic: '\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x3e\\x00',
        mask: '\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff',
    },
};
/**
 * The binfmt registration line. F (fix-binary) makes the kernel open the interpreter now, so it
 * also works inside Nix's build sandbox and in containers, where its path does not exist.
 */
function registerLine(system, interpreter) {
    const h = HANDLERS[system];
    return `:${h.qemu}:M::${h.magic}:${h.mask}:${interpreter}:F`;
}
/** Foreign systems whose QEMU handler is registered and enabled. */
async function registeredSystems(dir = BINFMT) {
    let names;
    try {
        names = await (0,promises_.readdir)(dir);
    }
    catch {
        return [];
    }
    const found = [];
    for (const [system, h] of Object.entries(HANDLERS)) {
        for (const name of names.filter((n) => n.startsWith(h.qemu))) {
            const text = await (0,promises_.readFile)((0,external_node_path_.join)(dir, name), 'utf8').catch(() => '');
            if (/^enabled$/m.test(text)) {
                found.push(system);
                break;
            }
        }
    }
    return found;
}
async function qemuInterpreter(system) {
    const name = `${HANDLERS[system].qemu}-static`;
    return (await (0,exec/* which */.K7)(name)) ?? (await (0,exec/* which */.K7)(name, '/usr/bin:/usr/local/bin'));
}
async function canSetUp() {
    return process.platform === 'linux' && (await (0,root/* canBeRoot */.oV)());
}
/** Registers QEMU handlers for the given systems, installing qemu-user-static when it is missing. */
async function setUpEmulation(systems, log, dir = BINFMT) {
    const missing = await registeredSystems(dir).then((r) => systems.filter((s) => !r.includes(s)));
    if (missing.length === 0) {
        log(`QEMU handlers already registered for ${systems.join(', ')}`);
        return;
    }
    try {
        await (0,promises_.access)((0,external_node_path_.join)(dir, 'register'));
    }
    catch {
        await (0,root/* runAsRoot */.yf)('mount', ['-t', 'binfmt_misc', 'binfmt_misc', dir]);
    }
    for (const system of missing) {
        let interpreter = await qemuInterpreter(system);
        if (!interpreter && (await (0,exec/* which */.K7)('apt-get'))) {
            log('qemu-user-static is missing: installing it with apt-get');
            await (0,root/* runAsRoot */.yf)('apt-get', ['install', '-y', '--no-install-recommends', 'qemu-user-static']);
            interpreter = await qemuInterpreter(system);
        }
        if (!interpreter) {
            throw new Error(`QEMU for ${system} (${HANDLERS[system].qemu}-static) is not installed and could not be installed: install qemu-user-static, or set emulate: false and build ${system} on a native runner.`);
        }
        // Installing the package may have registered the handler already.
        if ((await registeredSystems(dir)).includes(system))
            continue;
        const line = registerLine(system, interpreter);
        if ((0,root/* isRoot */.jX)())
            await (0,promises_.writeFile)((0,external_node_path_.join)(dir, 'register'), line);
        else
            await (0,root/* runAsRoot */.yf)('tee', [(0,external_node_path_.join)(dir, 'register')], { input: line });
        log(`registered ${interpreter} for ${system} (binfmt_misc, fix-binary)`);
    }
    const still = (await registeredSystems(dir)).filter((s) => systems.includes(s));
    if (still.length !== systems.length) {
        throw new Error(`QEMU handlers could not be registered for ${systems.filter((s) => !still.includes(s)).join(', ')}: check that binfmt_misc is available on this runner.`);
    }
}

// EXTERNAL MODULE: ./src/builders/machine-line.ts
var machine_line = __nccwpck_require__(9904);
// EXTERNAL MODULE: ./src/nix/nix.ts
var nix_nix = __nccwpck_require__(4280);
;// CONCATENATED MODULE: ./src/pipeline/host.ts
// The facts about this runner that the plan depends on, gathered once.





/**
 * `given` are the builders from the action's inputs; they come before the ones this machine already
 * has (Nix's builders setting, /etc/nix/machines), so the plan names them when both build a system.
 */
async function probeHost(system, given = []) {
    const [binfmt, canEmulate, problem, detected] = await Promise.all([
        registeredSystems(),
        canSetUp(),
        dockerProblem(),
        (0,nix_nix/* findNix */.rv)().then((nix) => {
            // Started here, alongside the other probes; read when Nix is set up (its failure is reported there).
            if (nix)
                (0,nix_nix/* nixVersion */.oX)(nix).catch(() => undefined);
            return (0,builders_remote/* detectBuilders */.cc)(nix);
        }),
    ]);
    return { system, binfmt, canEmulate, builders: (0,machine_line/* mergeBuilders */.RN)(given, detected), docker: !problem, dockerProblem: problem };
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __nccwpck_require__(8522);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __nccwpck_require__(7075);
;// CONCATENATED MODULE: ./src/image/tar.ts
// A small streaming tar reader: image archives are read once, front to back, whatever their size,
// and a layer inside an archive is read from the archive's own stream (never unpacked to disk).
// It knows what image tools write: ustar (with its name prefix), GNU long names and pax headers.



class TarError extends Error {
    constructor(message) {
        super(message);
        this.name = 'TarError';
    }
}
const BLOCK = 512;
function field(header, start, length) {
    const raw = header.subarray(start, start + length);
    const end = raw.indexOf(0);
    return raw.subarray(0, end === -1 ? raw.length : end).toString('utf8');
}
/** Octal, or GNU's base-256 for sizes of 8 GiB and more. */
function numeric(header, start, length) {
    const raw = header.subarray(start, start + length);
    if (raw[0] & 0x80) {
        let value = raw[0] & 0x7f;
        for (const byte of raw.subarray(1))
            value = value * 256 + byte;
        return value;
    }
    const text = field(header, start, length).trim();
    return text ? parseInt(text, 8) : 0;
}
/** True when the 512 bytes are a tar header whose checksum is right. */
function isTarHeader(block) {
    if (block.length < BLOCK)
        return false;
    const stored = numeric(block, 148, 8);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++)
        sum += i >= 148 && i < 156 ? 0x20 : block[i];
    return sum === stored && block.some((b) => b !== 0);
}
/** `len key=value\n` records of a pax extended header. */
function parsePax(text) {
    const out = {};
    let rest = Buffer.from(text, 'utf8');
    while (rest.length > 0) {
        const space = rest.indexOf(0x20);
        const length = parseInt(rest.subarray(0, space).toString(), 10);
        // A record that does not end where its length says is malformed: stop rather than guess.
        if (space === -1 || !(length > space) || length > rest.length || rest[length - 1] !== 0x0a)
            break;
        const record = rest.subarray(space + 1, length - 1).toString('utf8');
        const eq = record.indexOf('=');
        if (eq > 0)
            out[record.slice(0, eq)] = record.slice(eq + 1);
        rest = rest.subarray(length);
    }
    return out;
}
/** The entries of a tar stream, one at a time. */
async function* readTar(source) {
    const reader = new ByteReader(source[Symbol.asyncIterator]());
    let longName;
    let longLink;
    let pax = {};
    for (;;) {
        const header = await reader.read(BLOCK);
        if (header.length === 0)
            return;
        if (header.length < BLOCK)
            throw new TarError('the archive ends inside a header');
        if (header.every((b) => b === 0))
            return;
        if (!isTarHeader(header))
            throw new TarError('not a tar archive (a header checksum is wrong)');
        const type = String.fromCharCode(header[156] || 0x30);
        let size = numeric(header, 124, 12);
        const padded = Math.ceil(size / BLOCK) * BLOCK;
        if (type === 'L' || type === 'K' || type === 'x' || type === 'g') {
            const data = (await reader.read(padded)).subarray(0, size).toString('utf8');
            if (type === 'L')
                longName = data.replace(/\0+$/, '');
            else if (type === 'K')
                longLink = data.replace(/\0+$/, '');
            else if (type === 'x')
                pax = parsePax(data);
            continue;
        }
        // POSIX ustar splits long names into prefix/name; GNU tar's "ustar  " header has no prefix there.
        const posix = field(header, 257, 6) === 'ustar';
        const prefix = posix ? field(header, 345, 155) : '';
        const name = pax.path ?? longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
        const linkname = pax.linkpath ?? longLink ?? field(header, 157, 100);
        if (pax.size)
            size = Number(pax.size);
        longName = longLink = undefined;
        pax = {};
        const dataSize = type === '5' || type === '1' || type === '2' ? 0 : size;
        const body = new Section(reader, dataSize, () => new TarError(`the archive ends inside ${name}`));
        yield { entry: { name, type, size: dataSize, linkname }, body };
        // Waits for a read the consumer may still have in flight, then skips what it left.
        await body.return();
        const pad = Math.ceil(dataSize / BLOCK) * BLOCK - body.consumed;
        if ((await reader.skip(pad)) < pad)
            throw new TarError(`the archive ends inside ${name}`);
    }
}
/** A stream's bytes through a transform (a zlib stream), a failure of the source ending it too. */
function through(source, transform) {
    const input = external_node_stream_.Readable.from(source, { objectMode: false });
    input.on('error', (e) => transform.destroy(e));
    return input.pipe(transform);
}

;// CONCATENATED MODULE: ./src/registry/client.ts
// Reading manifests back from a registry over its HTTP API (distribution spec), with Basic or
// Bearer auth. Credentials stay in this process: no helper program, no command line.


const INDEX_TYPES = ['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json'];
const MANIFEST_TYPES = ['application/vnd.oci.image.manifest.v1+json', 'application/vnd.docker.distribution.manifest.v2+json'];
class RegistryError extends Error {
    status;
    constructor(message, status) {
        super(message);
        this.status = status;
        this.name = 'RegistryError';
    }
}
function isLoopback(host) {
    const name = host.replace(/:\d+$/, '');
    return name === 'localhost' || name.startsWith('127.') || name === '[::1]';
}
/** Loopback registries speak plain HTTP (as Docker allows); every other registry HTTPS. */
// Docker Hub is named docker.io in image references, but its registry API answers on another host.
const API_HOSTS = { 'docker.io': 'registry-1.docker.io', 'index.docker.io': 'registry-1.docker.io' };
function registryUrl(registry, path) {
    return `${isLoopback(registry) ? 'http' : 'https'}://${API_HOSTS[registry] ?? registry}${path}`;
}
function basic(c) {
    return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
}
/** Parses `Bearer realm="…",service="…",scope="…"`. */
function parseChallenge(header) {
    const [scheme, ...rest] = header.trim().split(/\s+/);
    const params = {};
    for (const m of rest.join(' ').matchAll(/(\w+)="([^"]*)"/g))
        params[m[1]] = m[2];
    return { scheme: scheme.toLowerCase(), params };
}
/** A failed registry call as an error with its status and the registry's own words (no credentials in either). */
function registryFailure(status, text, what) {
    let detail = text.trim().slice(0, 500);
    try {
        const body = JSON.parse(text);
        if (body.errors?.length)
            detail = body.errors.map((e) => `${e.code ?? ''} ${e.message ?? ''}`.trim()).join('; ');
    }
    catch {
        // not JSON: keep the text
    }
    const hint = status === 401 ? ' (unauthorized: check the username and password)' : status === 403 ? ' (denied: the password or token lacks push permission)' : '';
    return new RegistryError(`${what}: HTTP ${status}${hint}${detail ? `: ${detail}` : ''}`, status);
}
async function failure(res, what) {
    return registryFailure(res.status, await res.text().catch(() => ''), what);
}
class RegistryClient {
    registry;
    repository;
    credentials;
    actions;
    authorization;
    constructor(registry, repository, credentials, 
    /** The token scope's actions: `pull`, or `pull,push` for a client that uploads. */
    actions = 'pull') {
        this.registry = registry;
        this.repository = repository;
        this.credentials = credentials;
        this.actions = actions;
    }
    async authorize(challenge) {
        const { scheme, params } = parseChallenge(challenge);
        if (scheme === 'basic') {
            if (!this.credentials)
                throw new RegistryError(`${this.registry} needs credentials`, 401);
            this.authorization = basic(this.credentials);
            return;
        }
        const url = new URL(params.realm);
        if (params.service)
            url.searchParams.set('service', params.service);
        url.searchParams.set('scope', params.scope ?? `repository:${this.repository}:${this.actions}`);
        const res = await httpRequest(url, { headers: this.credentials ? { authorization: basic(this.credentials) } : {} });
        if (res.status !== 200) {
            await res.discard();
            throw new RegistryError(`${this.registry} refused a token for ${this.repository} (HTTP ${res.status}): check the username and password`, res.status);
        }
        const body = (await res.json());
        this.authorization = `Bearer ${body.token ?? body.access_token}`;
    }
    async get(path, accept) {
        return this.send('GET', path, { headers: { accept: accept.join(', ') } });
    }
    /**
     * One request to `/v2/<repository>/<path>` (or to an absolute upload URL the registry handed out),
     * authorized on a 401 and sent again. A streamed body cannot be sent twice: the caller makes a
     * bodiless request first (every upload starts with one), so the token is already there.
     */
    async send(method, path, init = {}) {
        const url = /^https?:/.test(path) ? path : registryUrl(this.registry, `/v2/${this.repository}/${path}`);
        const streamed = init.body !== undefined && !Buffer.isBuffer(init.body);
        // An upload URL may point at other storage: the registry's credentials go to the registry only.
        const ours = new URL(url).origin === new URL(registryUrl(this.registry, '/')).origin;
        const request = () => httpRequest(url, { method, headers: { ...init.headers, ...(this.authorization && ours ? { authorization: this.authorization } : {}) }, body: init.body });
        let res;
        try {
            res = await request();
            const challenge = res.header('www-authenticate');
            if (res.status === 401 && challenge && !streamed) {
                await res.discard();
                await this.authorize(challenge);
                res = await request();
            }
        }
        catch (e) {
            if (e instanceof RegistryError)
                throw e;
            throw new RegistryError(`cannot reach ${this.registry}: ${e.message}`);
        }
        return res;
    }
    /** True when the registry already has the blob (HEAD /v2/<repository>/blobs/<digest>). */
    async hasBlob(digest) {
        return (await this.blobSize(digest)) !== undefined;
    }
    /** The size of a blob the registry has (its HEAD answer's Content-Length), or undefined when it has none. */
    async blobSize(digest) {
        const res = await this.send('HEAD', `blobs/${digest}`);
        if (res.status === 200 || res.status === 404) {
            await res.discard();
            const length = Number(res.header('content-length'));
            return res.status === 404 ? undefined : Number.isFinite(length) ? length : -1;
        }
        throw await failure(res, `${this.registry}/${this.repository}: asking for blob ${digest}`);
    }
    /**
     * Uploads one blob: POST to open an upload, then the bytes (a buffer in one PUT; a stream in one
     * PATCH, chunked, as docker push does), then PUT ?digest= to close it; the registry checks the digest.
     */
    async uploadBlob(digest, body) {
        await this.upload(body, () => digest, `uploading ${digest}`);
    }
    /**
     * Uploads a stream whose digest is known only once it is sent (a layer compressed on the way):
     * the bytes are hashed as they go, and the upload is closed under that digest.
     */
    async uploadComputed(body, what) {
        const hash = (0,external_node_crypto_.createHash)('sha256');
        let size = 0;
        async function* counted() {
            for await (const chunk of body) {
                hash.update(chunk);
                size += chunk.length;
                yield chunk;
            }
        }
        const digest = await this.upload(counted(), () => `sha256:${hash.digest('hex')}`, `uploading ${what}`);
        return { digest, size };
    }
    async upload(body, digestOf, what) {
        const where = `${this.registry}/${this.repository}: ${what}`;
        const opened = await this.send('POST', 'blobs/uploads/', { headers: { 'content-length': '0' } });
        if (opened.status !== 202)
            throw await failure(opened, where);
        await opened.discard();
        let location = this.uploadUrl(opened);
        if (!Buffer.isBuffer(body)) {
            const patched = await this.send('PATCH', location, { headers: { 'content-type': 'application/octet-stream' }, body });
            if (patched.status !== 202)
                throw await failure(patched, where);
            await patched.discard();
            location = this.uploadUrl(patched);
        }
        const digest = digestOf();
        const url = new URL(location);
        url.searchParams.set('digest', digest);
        const closed = await this.send('PUT', url.toString(), {
            headers: { 'content-type': 'application/octet-stream', 'content-length': String(Buffer.isBuffer(body) ? body.length : 0) },
            body: Buffer.isBuffer(body) ? body : undefined,
        });
        if (closed.status !== 201)
            throw await failure(closed, where);
        await closed.discard();
        return digest;
    }
    /** PUT a manifest or index under a tag or its digest; returns the digest the registry computed. */
    async putManifest(reference, mediaType, bytes) {
        const res = await this.send('PUT', `manifests/${reference}`, { headers: { 'content-type': mediaType }, body: bytes });
        if (res.status !== 201)
            throw await failure(res, `${this.registry}/${this.repository}:${reference}: pushing the manifest`);
        await res.discard();
        return res.header('docker-content-digest') ?? `sha256:${(0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex')}`;
    }
    uploadUrl(res) {
        const location = res.header('location');
        if (!location)
            throw new RegistryError(`${this.registry} opened an upload but gave no Location`);
        return new URL(location, registryUrl(this.registry, '/')).toString();
    }
    async blob(digest) {
        const res = await this.get(`blobs/${digest}`, ['*/*']);
        if (res.status !== 200) {
            await res.discard();
            throw new RegistryError(`${this.registry}/${this.repository}@${digest}: HTTP ${res.status}`, res.status);
        }
        return (await res.json());
    }
    async manifest(reference, accept = [...INDEX_TYPES, ...MANIFEST_TYPES]) {
        const res = await this.get(`manifests/${reference}`, accept);
        if (res.status !== 200) {
            await res.discard();
            const what = res.status === 401
                ? 'unauthorized: check the username and password'
                : res.status === 403
                    ? 'forbidden: the token lacks permission'
                    : res.status === 404
                        ? 'not found'
                        : `HTTP ${res.status}`;
            throw new RegistryError(`${this.registry}/${this.repository}:${reference}: ${what}`, res.status);
        }
        const raw = await res.text();
        const digest = `sha256:${(0,external_node_crypto_.createHash)('sha256').update(raw).digest('hex')}`;
        return { digest, mediaType: res.header('content-type') ?? '', body: JSON.parse(raw), raw };
    }
}

;// CONCATENATED MODULE: ./src/publish/compression.ts
// Layer compression for the builtin publisher. An uncompressed layer's digest is its diff_id, the same
// on every run; a compressed one's is whatever the compressor wrote, which a new zlib may change. So a
// layer whose content was pushed before is not compressed again: the tags about to move are read
// first, and a layer whose diff_id one of their images already holds, compressed the same way, is
// pointed at that blob. Unchanged content then keeps its digests, whatever this runner's zlib is.





const COMPRESSIONS = ['none', 'gzip', 'zstd'];
const LAYER_MEDIA_TYPES = {
    none: 'application/vnd.oci.image.layer.v1.tar',
    gzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
    zstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
};
/** Docker's own layer media types name the same formats. */
const DOCKER_LAYER_TYPES = {
    'application/vnd.docker.image.rootfs.diff.tar': 'none',
    'application/vnd.docker.image.rootfs.diff.tar.gzip': 'gzip',
    'application/vnd.docker.image.rootfs.diff.tar.zstd': 'zstd',
};
/** The compression a layer media type names, or undefined for one that is not a layer. */
function compressionOf(mediaType) {
    const oci = COMPRESSIONS.find((c) => LAYER_MEDIA_TYPES[c] === mediaType);
    return oci ?? DOCKER_LAYER_TYPES[mediaType];
}
/** zstd is in Node's zlib from 22.15 and 23.8 (the runners' node24 has it). */
function zstdAvailable(z = external_node_zlib_) {
    return typeof z.createZstdCompress === 'function' && z.constants.ZSTD_c_compressionLevel !== undefined;
}
/**
 * gzip at level 1 and zstd at level 3 (its own default), one zstd thread: the output depends only on
 * the content and the library's version. Level 1 because gzip is the slow one: a 680 MB layer of
 * real libraries takes zlib 4.5 s at level 1 on this project's 2-core machine (246 MiB), 8.7 s at
 * level 6 (226 MiB); skopeo's gzip makes 234 MiB of it.
 */
const LEVELS = { gzip: 1, zstd: 3 };
/** gzip's pieces: a fixed header (no name, no time, Unix) and the trailer of CRC-32 and size. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]);
const compression_BLOCK = 1 << 20;
const WINDOW = 32 * 1024;
function gzipTrailer(crc, size) {
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(crc >>> 0, 0);
    trailer.writeUInt32LE(size >>> 0, 4);
    return trailer;
}
const deflateRaw = (block, options) => new Promise((resolve, reject) => external_node_zlib_.deflateRaw(block, options, (e, out) => (e ? reject(e) : resolve(out))));
const SAMPLE = 8 * 1024;
/** A stored deflate block holds at most this many bytes. */
const STORED_MAX = 65535;
/**
 * Deflate's stored blocks around the bytes as they are, built here (5 bytes of header per 64 KiB,
 * no copy of the data): what zlib would write for bytes that do not compress, without its work.
 * The previous block ended on a byte boundary, so each header starts on one.
 */
function storedBlocks(block, last) {
    const out = [];
    let offset = 0;
    do {
        const length = Math.min(STORED_MAX, block.length - offset);
        const final = last && offset + length === block.length;
        const header = Buffer.alloc(5);
        header[0] = final ? 1 : 0;
        header.writeUInt16LE(length, 1);
        header.writeUInt16LE(~length & 0xffff, 3);
        out.push(header, block.subarray(offset, offset + length));
        offset += length;
    } while (offset < block.length);
    return out;
}
/**
 * One block, or the block stored as it is when it will not compress (already compressed files,
 * random bytes): four 8 KiB samples across it are tried first, and if they do not shrink by 3% the
 * block is stored. The choice depends only on the block's bytes.
 */
async function deflateBlock(block, options, last) {
    if (block.length >= 4 * SAMPLE) {
        const quarter = Math.floor(block.length / 4);
        const sample = Buffer.concat([0, 1, 2, 3].map((i) => block.subarray(i * quarter, i * quarter + SAMPLE)));
        const trial = await deflateRaw(sample, { level: options.level, chunkSize: 2 * sample.length });
        if (trial.length > sample.length * 0.97)
            return storedBlocks(block, last);
    }
    // One output buffer: zlib's default 16 KiB pieces cost a callback and a copy each.
    return [await deflateRaw(block, { ...options, chunkSize: block.length + 64 * 1024 })];
}
/**
 * gzip made as pigz makes it: the content cut into 1 MiB blocks, each deflated on its own in Node's
 * thread pool with the 32 KiB before it as its dictionary and ended on a byte boundary, the pieces
 * joined in order into one gzip member. Every core compresses, and the bytes depend only on the
 * content (the cuts fall every 1 MiB however the input arrives).
 */
async function* blockGzip(body, level = LEVELS.gzip, inFlight = Math.max(2, (0,external_node_os_.availableParallelism)() * 2)) {
    yield GZIP_HEADER;
    let crc = 0;
    let size = 0;
    let window;
    const queue = [];
    const submit = (block, last) => {
        crc = external_node_zlib_.crc32(block, crc);
        size = (size + block.length) % 2 ** 32;
        const piece = deflateBlock(block, { level, finishFlush: last ? external_node_zlib_.constants.Z_FINISH : external_node_zlib_.constants.Z_SYNC_FLUSH, ...(window ? { dictionary: window } : {}) }, last);
        // Awaited in order below; a failure after an earlier one must not go unhandled meanwhile.
        piece.catch(() => undefined);
        queue.push(piece);
        window = block.length >= WINDOW ? block.subarray(block.length - WINDOW) : Buffer.concat([window ?? Buffer.alloc(0), block]).subarray(-WINDOW);
    };
    let pending = [];
    let pendingBytes = 0;
    for await (const chunk of body) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        // Strictly more than a block: the last block is the one ended with Z_FINISH.
        while (pendingBytes > compression_BLOCK) {
            const all = Buffer.concat(pending, pendingBytes);
            submit(all.subarray(0, compression_BLOCK), false);
            pending = [all.subarray(compression_BLOCK)];
            pendingBytes -= compression_BLOCK;
            while (queue.length >= inFlight)
                yield* await queue.shift();
        }
    }
    submit(Buffer.concat(pending, pendingBytes), true);
    while (queue.length)
        yield* await queue.shift();
    yield gzipTrailer(crc, size);
}
function zstdCompressor() {
    const z = external_node_zlib_;
    if (!z.createZstdCompress || z.constants.ZSTD_c_compressionLevel === undefined)
        throw new Error(`zstd is not in this Node's zlib (${process.version})`);
    return z.createZstdCompress({ chunkSize: CHUNK_BYTES, params: { [z.constants.ZSTD_c_compressionLevel]: LEVELS.zstd } });
}
/** A layer's bytes, compressed as they are read. */
function compressed(body, compression) {
    return compression === 'gzip' ? blockGzip(body) : through(body, zstdCompressor());
}
/**
 * Pairs an image's diff_ids with its manifest's layers: the blob each diff_id was pushed as. A
 * manifest and config that disagree on the number of layers pair nothing.
 */
function pairLayers(diffIds, layers) {
    const pairs = new Map();
    if (diffIds.length !== layers.length)
        return pairs;
    diffIds.forEach((id, i) => pairs.set(id, { mediaType: layers[i].mediaType, digest: layers[i].digest, size: layers[i].size }));
    return pairs;
}
/**
 * The compressed blobs the repository's images under `tags` hold, by diff_id. Only an answer is
 * used: a tag that is not there yet, or any failure to read one, just leaves its layers out (the
 * layers are then compressed and uploaded, which is always right).
 */
async function pushedLayers(client, tags, log) {
    const found = new Map();
    const manifests = async (reference) => {
        const fetched = await client.manifest(reference);
        if (!INDEX_TYPES.includes(fetched.mediaType) && !fetched.body.manifests)
            return [fetched.body];
        const children = await Promise.all((fetched.body.manifests ?? []).map((m) => client.manifest(m.digest).then((c) => c.body)));
        return children;
    };
    const results = await Promise.allSettled(tags.map(async (tag) => {
        const images = await manifests(tag);
        return Promise.all(images
            .filter((m) => m.config && m.layers)
            .map(async (m) => pairLayers((await client.blob(m.config.digest)).rootfs?.diff_ids ?? [], m.layers)));
    }));
    results.forEach((r, i) => {
        if (r.status === 'rejected') {
            if (!/not found/.test(r.reason.message))
                log(`  ${tags[i]}: not read for its layers (${r.reason.message}); its layers are compressed again`);
            return;
        }
        for (const pairs of r.value)
            for (const [id, d] of pairs)
                if (!found.has(id))
                    found.set(id, d);
    });
    return found;
}

;// CONCATENATED MODULE: ./src/config/tags.ts
// Image tags from the git ref, by flocken's rule for both publishers, and the cleaned ref names
// handed to flocken (which would otherwise turn `feature/x` or `133/merge` into a bad tag).
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
function isValidTag(tag) {
    return TAG.test(tag);
}
/** Anything that is not a tag character becomes '-', then leading separators go. */
function cleanTag(name) {
    return name
        .replace(/[^a-zA-Z0-9._-]+/g, '-')
        .replace(/^[.-]+/, '')
        .slice(0, 128);
}
function parseRef(ref) {
    const m = /^refs\/(heads|tags|pull)\/(.+)$/.exec(ref);
    if (!m)
        return { type: 'other', name: ref };
    if (m[1] === 'heads')
        return { type: 'branch', name: m[2] };
    if (m[1] === 'tags')
        return { type: 'tag', name: m[2] };
    return { type: 'pull', number: m[2].split('/')[0] };
}
/**
 * The version a tag ref stands for, as flocken reads $VERSION: refs/tags/v1.2.3 → 1.2.3,
 * refs/tags/nightly → nightly; a branch or pull request has none.
 */
function versionFromRef(ref) {
    const kind = parseRef(ref);
    return kind.type === 'tag' ? cleanTag(kind.name.replace(/^v/, '')) || undefined : undefined;
}
/** Nix's builtins.splitVersion: runs of digits, or of other characters, between '.' and '-'. */
function splitVersion(version) {
    return version.match(/[0-9]+|[^0-9.-]+/g) ?? [];
}
/** A version's tags as flocken makes them: 1.2.3, 1.2 and 1; a pre-release (any '-') only itself. */
function versionTags(version) {
    const v = version.replace(/^v/, '');
    if (v.includes('-'))
        return [v];
    const parts = splitVersion(v);
    return [v, parts.slice(0, 2).join('.'), parts[0] ?? ''];
}
/**
 * The tags of a run, one rule for both publishers (flocken's own): the branch, `latest` only on the
 * default branch (so a version tag never moves it), then the version (the `version` input, or the
 * git tag) with its major.minor and major. A pull request, pushed only with push: true, gets pr-<n>.
 */
function computeTags(ctx, version) {
    const tags = [];
    const kind = parseRef(ctx.ref);
    if (kind.type === 'branch') {
        tags.push(cleanTag(kind.name));
        if (kind.name === ctx.defaultBranch)
            tags.push('latest');
    }
    else if (kind.type === 'pull') {
        tags.push(`pr-${cleanTag(kind.number)}`);
    }
    const v = version ?? versionFromRef(ctx.ref);
    if (v)
        tags.push(...versionTags(v));
    return [...new Set(tags.filter(isValidTag))];
}
/** GITHUB_REF_NAME and GITHUB_REF_TYPE as flocken should see them: always valid tags. */
function cleanedRefEnv(ctx) {
    const kind = parseRef(ctx.ref);
    switch (kind.type) {
        case 'branch':
            return { GITHUB_REF_NAME: cleanTag(kind.name), GITHUB_REF_TYPE: 'branch' };
        case 'tag':
            return { GITHUB_REF_NAME: cleanTag(kind.name), GITHUB_REF_TYPE: 'tag' };
        case 'pull':
            // Not 'branch': flocken would otherwise tag the image with the pull request's ref.
            return { GITHUB_REF_NAME: `pr-${cleanTag(kind.number)}`, GITHUB_REF_TYPE: 'pull_request' };
        default:
            return { GITHUB_REF_NAME: cleanTag(kind.name), GITHUB_REF_TYPE: '' };
    }
}

;// CONCATENATED MODULE: ./src/config/annotations.ts
// The annotations and labels inputs, as docker/metadata-action writes its outputs: one
// `[levels:]key=value` per line. Parsed before any work starts, so a bad line fails the run at once.

const OCI = 'org.opencontainers.image';
const annotations_LEVELS = ['index', 'manifest'];
// metadata-action also writes these levels; they describe descriptors inside an index or an OCI
// layout, which a registry push has no place for.
const UNSUPPORTED_LEVELS = ['manifest-descriptor', 'index-descriptor'];
const KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
/** `key=value` lines (blank lines and `#` comments skipped), the shape both inputs take. */
function keyValueLines(input, value) {
    const out = [];
    for (const raw of value.split(/\r?\n/)) {
        const line = raw.trim();
        if (!line || line.startsWith('#'))
            continue;
        const eq = line.indexOf('=');
        if (eq <= 0)
            throw new InputError(input, `${JSON.stringify(line)} is not key=value: give one annotation or label per line, e.g. ${OCI}.title=fd.`);
        out.push({ key: line.slice(0, eq).trim(), value: line.slice(eq + 1).trim() });
    }
    return out;
}
function checkKey(input, key) {
    if (!KEY.test(key))
        throw new InputError(input, `${JSON.stringify(key)} is not a valid key: use letters, digits, '.', '_', '/' and '-', e.g. ${OCI}.title.`);
}
/** The annotations input: metadata-action's `annotations` output as it is, or lines written by hand. */
function parseAnnotations(value) {
    return keyValueLines('annotations', value).map(({ key: left, value }) => {
        const colon = left.indexOf(':');
        const prefix = colon >= 0 ? left.slice(0, colon) : undefined;
        const key = left.slice(colon + 1);
        checkKey('annotations', key);
        // Without a level a line applies to the index and to every manifest.
        const levels = prefix === undefined ? [...annotations_LEVELS] : prefix.split(',').map((l) => l.trim());
        for (const level of levels) {
            if (annotations_LEVELS.includes(level))
                continue;
            const why = UNSUPPORTED_LEVELS.includes(level) ? ' (descriptors are not pushed on their own)' : '';
            throw new InputError('annotations', `level ${JSON.stringify(level)} of ${key} is not one of index, manifest${why}: write index:${key}=…, manifest:${key}=… or ${key}=… for both.`);
        }
        return { levels: levels, key, value };
    });
}
/** The labels input: metadata-action's `labels` output, `key=value` per line. */
function parseLabels(value) {
    const labels = {};
    for (const { key, value: v } of keyValueLines('labels', value)) {
        checkKey('labels', key);
        labels[key] = v;
    }
    return labels;
}

// EXTERNAL MODULE: ./src/builders/ssh-keys.ts
var ssh_keys = __nccwpck_require__(6747);
;// CONCATENATED MODULE: ./src/config/cache-settings.ts
// The caching inputs, read and checked (src/cache/ does the work): Cachix, a Nix binary cache, the
// // GitHub Actions cache, a builder image.

const CACHIX_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
// Ed25519 keys as Nix writes them: NAME:BASE64, 32 bytes public, 64 bytes secret.
const NIX_PUBLIC_KEY = /^[A-Za-z0-9._+-]+:[A-Za-z0-9+/]{43}=$/;
const NIX_SECRET_KEY = /^[A-Za-z0-9._+-]+:[A-Za-z0-9+/]{86}==$/;
const CACHE_SCHEMES = ['file:', 'http:', 'https:', 's3:'];
const CACHE_URL_FORMS = 'file:///path, https://host[/path] (http:// too) or s3://bucket[?region=…]';
// A store path in any store directory: <dir>/<32 base-32 characters>-<name>.
const STORE_PATH = /^\/(?:[^/\s]+\/)+[0-9a-df-np-sv-z]{32}-[A-Za-z0-9+._?=-]+$/;
const ATTR_PATH = /^[A-Za-z_][A-Za-z0-9_'-]*(?:\.[A-Za-z_][A-Za-z0-9_'-]*)*$/;
function parseCachixName(input, name) {
    if (!CACHIX_NAME.test(name)) {
        throw new InputError(input, `${JSON.stringify(name)} is not a Cachix cache name: use lowercase letters, digits and -, the <name> of https://<name>.cachix.org.`);
    }
    return name;
}
function parseBinaryCacheUrl(value) {
    const text = value.trim();
    let url;
    try {
        url = new URL(text);
    }
    catch {
        throw new InputError('binary-cache', `${JSON.stringify(text)} is not a Nix store URL: use ${CACHE_URL_FORMS}.`);
    }
    if (!CACHE_SCHEMES.includes(url.protocol)) {
        throw new InputError('binary-cache', `${JSON.stringify(text)} uses ${url.protocol}//, which is not accepted: use ${CACHE_URL_FORMS}.`);
    }
    if (url.protocol === 'file:' && (url.host || url.pathname === '/' || url.pathname === '')) {
        throw new InputError('binary-cache', `${JSON.stringify(text)} is not a local directory: use file:///absolute/path (three slashes).`);
    }
    // Credentials in the URL would end up on nix's command line and in the logs.
    if (url.username || url.password) {
        throw new InputError('binary-cache', 'holds credentials: remove user:password@ and give them to Nix through a netrc file (netrc-file in extra-conf) or, for s3://, the AWS_* environment.');
    }
    if (/\s/.test(text))
        throw new InputError('binary-cache', `${JSON.stringify(text)} contains whitespace; give one URL.`);
    return text;
}
function parsePublicKeys(value) {
    const keys = value.split(/[\s,]+/).filter(Boolean);
    for (const key of keys) {
        if (!NIX_PUBLIC_KEY.test(key)) {
            throw new InputError('binary-cache-public-key', `${JSON.stringify(key)} is not a Nix public key: use NAME:BASE64 as printed by nix key convert-secret-to-public, e.g. cache.example.org-1:…= (several separated by commas, spaces or newlines).`);
        }
    }
    return [...new Set(keys)];
}
function parseSecretKey(value) {
    const key = value.trim();
    // The value is a secret: the message describes it without repeating it.
    if (!NIX_SECRET_KEY.test(key)) {
        throw new InputError('binary-cache-secret-key', 'is not a Nix secret signing key: give the whole contents of the file nix key generate-secret (or nix-store --generate-binary-cache-key) writes, NAME:BASE64.');
    }
    return key;
}
function parseBuilderImage(value, flake) {
    const v = value.trim();
    if (!v)
        return undefined;
    if (v.startsWith('/')) {
        if (!STORE_PATH.test(v))
            throw new InputError('cache-builder-image', `${JSON.stringify(v)} is not a store path: use /nix/store/<hash>-<name>, or a flake attribute such as darwinConfigurations.mac.config.nix-rosetta-builder.image.`);
        return { path: v };
    }
    const hash = v.indexOf('#');
    const ref = hash === -1 ? flake : v.slice(0, hash);
    const attr = hash === -1 ? v : v.slice(hash + 1);
    if (!FLAKE.test(ref) || !ATTR_PATH.test(attr)) {
        throw new InputError('cache-builder-image', `${JSON.stringify(v)} is neither a store path nor a flake attribute: use /nix/store/<hash>-<name>, an attribute path such as packages.aarch64-linux.builderImage, or <flake>#<attribute>.`);
    }
    return { installable: `${ref}#${attr}` };
}
/**
 * The caching inputs. Pushing defaults to on unless the run is a pull request from a fork, whose
 * code must not write to a cache others substitute from; Cachix also needs a token or signing key.
 */
function parseCacheSettings(raw, ctx, flake) {
    const fromFork = ctx.forkPullRequest === true;
    const cachixName = raw('cachix-name').trim();
    const authToken = raw('cachix-auth-token').trim();
    const signingKey = raw('cachix-signing-key').trim();
    const cachixPush = parseAutoBoolean('cachix-push', raw('cachix-push'));
    let cachix;
    if (cachixName) {
        const name = parseCachixName('cachix-name', cachixName);
        const canPush = Boolean(authToken || signingKey);
        if (cachixPush === true && !canPush) {
            throw new InputError('cachix-push', 'is true but neither cachix-auth-token nor cachix-signing-key is set: give the token of a cache you may write to (e.g. secrets.CACHIX_AUTH_TOKEN), or set cachix-push to auto or false.');
        }
        cachix = { name, authToken, signingKey, push: cachixPush === 'auto' ? canPush && !fromFork : cachixPush };
    }
    else {
        for (const input of ['cachix-auth-token', 'cachix-signing-key']) {
            if (raw(input).trim())
                throw new InputError(input, 'is set but cachix-name is empty: name the Cachix cache it belongs to.');
        }
        if (cachixPush === true)
            throw new InputError('cachix-push', 'is true but cachix-name is empty: name the Cachix cache to push to.');
    }
    const extraPullNames = splitList(raw('extra-pull-names').replace(/\s+/g, ',')).map((n) => parseCachixName('extra-pull-names', n));
    const url = raw('binary-cache').trim();
    const publicKeys = parsePublicKeys(raw('binary-cache-public-key'));
    const secretKey = raw('binary-cache-secret-key').trim();
    const binaryPush = parseAutoBoolean('binary-cache-push', raw('binary-cache-push'));
    let binaryCache;
    if (url) {
        binaryCache = {
            url: parseBinaryCacheUrl(url),
            publicKeys,
            secretKey: secretKey ? parseSecretKey(secretKey) : '',
            push: binaryPush === 'auto' ? !fromFork : binaryPush,
        };
    }
    else {
        if (publicKeys.length > 0)
            throw new InputError('binary-cache-public-key', 'is set but binary-cache is empty: give the URL of the cache it signs, e.g. https://cache.example.org.');
        if (secretKey)
            throw new InputError('binary-cache-secret-key', 'is set but binary-cache is empty: give the URL of the cache to push to, e.g. s3://my-bucket?region=eu-west-1.');
        if (binaryPush === true)
            throw new InputError('binary-cache-push', `is true but binary-cache is empty: give the URL of the cache to push to (${CACHE_URL_FORMS}).`);
    }
    const actions = parseAutoBoolean('actions-cache', raw('actions-cache'));
    const builderImage = parseBuilderImage(raw('cache-builder-image'), flake);
    if (builderImage && !cachix && !binaryCache) {
        throw new InputError('cache-builder-image', 'needs a cache to check and push to: set cachix-name or binary-cache (the GitHub Actions cache cannot be asked for one store path).');
    }
    return {
        cachix,
        extraPullNames,
        binaryCache,
        actionsCache: actions === 'auto' ? !cachix && !binaryCache : actions,
        builderImage,
    };
}
/** Build the settings from raw input strings; throws InputError naming the first bad input. */

;// CONCATENATED MODULE: ./src/config/settings.ts
// Every input is read and validated here, once, into one typed Settings object. Nothing else in
// the action reads inputs, so a bad value fails before any work starts, naming the input.








const ATTR = /^[A-Za-z_][A-Za-z0-9_'-]*$/;
const settings_TOOL = /^[A-Za-z0-9_][A-Za-z0-9._+-]*$/;
const REGISTRY = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::[0-9]{1,5})?$/;
const REPO_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
/** The conventional manifest attribute for a container: fdContainer → fdManifest. */
function defaultManifestName(container) {
    return container.endsWith('Container') && container.length > 'Container'.length
        ? `${container.slice(0, -'Container'.length)}Manifest`
        : `${container}Manifest`;
}
/** A short image name for a container: fdContainer → fd. */
function imageBaseName(container) {
    const stripped = container.endsWith('Container') ? container.slice(0, -'Container'.length) : container;
    return ((stripped || container)
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .replace(/^[._-]+|[._-]+$/g, '') || 'image');
}
function parseContainers(value) {
    const containers = splitList(value);
    if (containers.length === 0) {
        throw new InputError('container', 'is required: name the flake attribute of the image, e.g. fdContainer (several: comma- or newline-separated).');
    }
    const seen = new Set();
    for (const c of containers) {
        if (!ATTR.test(c) || c.length > 100) {
            throw new InputError('container', `${JSON.stringify(c)} is not a flake attribute name: use letters, digits, _, ' and -, starting with a letter or _, e.g. fdContainer.`);
        }
        if (seen.has(c))
            throw new InputError('container', `${c} is listed twice.`);
        seen.add(c);
    }
    return containers;
}
/** The architectures input (also the CLI's --architectures) as systems, in the fixed build order. */
function parseSystems(value, host) {
    const words = splitList(value);
    if (words.length === 0)
        throw new InputError('architectures', `is empty: list one or more of ${platform/* ARCHITECTURE_FORMS */.QE}.`);
    const systems = [];
    for (const w of words) {
        const system = (0,platform/* parseSystem */.V)(w, host);
        if (!system) {
            throw new InputError('architectures', `${JSON.stringify(w)} is not a supported architecture; use ${platform/* ARCHITECTURE_FORMS */.QE}.`);
        }
        if (systems.includes(system)) {
            throw new InputError('architectures', `${JSON.stringify(w)} names ${system}, which is already listed.`);
        }
        systems.push(system);
    }
    // Build order is fixed (x86_64 first) so plans and outputs do not depend on how the input was written.
    return platform/* LINUX_SYSTEMS */.K.filter((s) => systems.includes(s));
}
function parseFlake(value) {
    const flake = value.trim() || '.';
    if (!FLAKE.test(flake)) {
        throw new InputError('flake', `${JSON.stringify(flake)} is not a flake reference: use a path such as . or ./sub, or a reference such as github:owner/repo.`);
    }
    return flake;
}
function parseTools(value, containers) {
    const tools = splitList(value);
    if (tools.length === 0)
        return containers.map(() => undefined);
    if (tools.length !== 1 && tools.length !== containers.length) {
        throw new InputError('tool', `gives ${tools.length} programs for ${containers.length} containers: give one for all of them, one per container in the same order, or none to use each image's entrypoint.`);
    }
    for (const tool of tools) {
        if (!settings_TOOL.test(tool) || tool.length > 100) {
            throw new InputError('tool', `${JSON.stringify(tool)} is not a program name: use letters, digits, '.', '_', '+' and '-', without slashes, e.g. fd.`);
        }
    }
    // One program for several containers (the same tool in different images) applies to each.
    return containers.map((_, i) => tools[tools.length === 1 ? 0 : i]);
}
function parseRegistry(value) {
    const registry = value.trim();
    if (!REGISTRY.test(registry) || registry.length > 253) {
        const hint = registry !== registry.toLowerCase() ? ' (registry hosts are lowercase)' : '';
        throw new InputError('registry', `${JSON.stringify(registry)} is not a registry host${hint}: use a host name with an optional port, e.g. ghcr.io or 127.0.0.1:5000, without a scheme or path.`);
    }
    return registry;
}
function isValidRepository(path) {
    return path.length <= 255 && path.split('/').every((c) => REPO_COMPONENT.test(c));
}
function parseRepositories(value, containers, tools, ctx) {
    const given = splitList(value);
    if (given.length === 0) {
        // Where flocken's GitHub mode pushes, ghcr.io/<owner>/<repo>, so the package links to the
        // repository; several containers get a name each below it. Registries reject uppercase.
        const repo = ctx.repository?.toLowerCase();
        // Named by tool only when each container has its own: a shared tool would give them one name.
        const ownTools = new Set(tools).size === containers.length;
        const name = (i) => (ownTools ? tools[i]?.toLowerCase() : undefined) ?? imageBaseName(containers[i]);
        if (repo)
            return containers.map((_, i) => (containers.length === 1 ? repo : `${repo}/${name(i)}`));
        const owner = ctx.repositoryOwner.toLowerCase();
        return containers.map((_, i) => (owner ? `${owner}/${name(i)}` : name(i)));
    }
    if (given.length !== containers.length) {
        throw new InputError('repository', `gives ${given.length} repositories for ${containers.length} containers: give one per container, in the same order.`);
    }
    for (const r of given) {
        if (!isValidRepository(r)) {
            const hint = r !== r.toLowerCase() ? ' Repository names must be lowercase (ghcr.io rejects an uppercase owner).' : '';
            throw new InputError('repository', `${JSON.stringify(r)} is not a valid repository path: use lowercase components of letters, digits, '.', '_' and '-', separated by '/', e.g. acme/fd.${hint}`);
        }
    }
    return given;
}
function parseManifests(value, containers) {
    const given = splitList(value);
    if (given.length === 0)
        return containers.map(defaultManifestName);
    if (given.length !== containers.length) {
        throw new InputError('manifest-app', `gives ${given.length} manifest attributes for ${containers.length} containers: give one per container, in the same order.`);
    }
    for (const m of given) {
        if (!ATTR.test(m))
            throw new InputError('manifest-app', `${JSON.stringify(m)} is not a flake attribute name, e.g. fdManifest.`);
    }
    return given;
}
function parseVersion(value) {
    const v = value.trim();
    if (!v)
        return undefined;
    if (!isValidTag(v.replace(/^v(?=[0-9])/, ''))) {
        throw new InputError('version', `${JSON.stringify(v)} is not usable as an image tag: use letters, digits, '.', '_' and '-' (at most 128), e.g. 1.2.3.`);
    }
    return v.replace(/^v(?=[0-9])/, '');
}
function parseTags(value) {
    const tags = splitList(value);
    if (tags.length === 0)
        return undefined;
    for (const t of tags) {
        if (!isValidTag(t)) {
            throw new InputError('tags', `${JSON.stringify(t)} is not a valid OCI tag: start with a letter, digit or _, then letters, digits, '.', '_' or '-', at most 128 characters.`);
        }
    }
    return [...new Set(tags)];
}
function parseInstaller(url, sha256) {
    let parsed;
    try {
        parsed = new URL(url.trim());
    }
    catch {
        throw new InputError('nix-installer-url', `${JSON.stringify(url)} is not a URL; use an https:// URL of a Nix install script.`);
    }
    const loopback = /^(localhost|127\.[0-9.]+|\[::1\])$/.test(parsed.hostname);
    if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
        throw new InputError('nix-installer-url', `${JSON.stringify(url)} must use https:// (plain http only for a loopback test server).`);
    }
    const hash = sha256.trim().toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(hash)) {
        throw new InputError('nix-installer-sha256', `${JSON.stringify(sha256)} is not a SHA-256: use 64 hexadecimal digits, as printed by sha256sum.`);
    }
    return { url: parsed.toString(), sha256: hash };
}
function parseBuilders(value) {
    const lines = (0,machine_line/* splitMachines */.jl)(value);
    if (lines.files.length > 0) {
        throw new InputError('builders', `@${lines.files[0]} names a machines file; give the machine lines themselves (builders in /etc/nix/machines are found without this input).`);
    }
    const seen = new Set();
    return lines.lines.map((text, i) => {
        let line;
        try {
            line = (0,machine_line/* parseMachineLine */.hF)(text, true);
        }
        catch (e) {
            if (!(e instanceof machine_line/* MachineLineError */.AY))
                throw e;
            throw new InputError('builders', `line ${i + 1} (${text.split(/\s+/)[0]}) ${e.message}. A line is: ${machine_line/* MACHINE_LINE_FORM */.wX}.`);
        }
        if (seen.has(line.uri))
            throw new InputError('builders', `${line.uri} is listed twice.`);
        seen.add(line.uri);
        return line;
    });
}
function parseBuilderSshKey(value, builders) {
    if (!value.trim())
        return '';
    if (builders.length === 0)
        throw new InputError('builder-ssh-key', 'is set but builders is empty: list the machines it opens in builders, e.g. ssh-ng://builder@host aarch64-linux.');
    try {
        return (0,ssh_keys/* parsePrivateKey */.QW)(value);
    }
    catch (e) {
        if (e instanceof ssh_keys/* KeyError */.eN)
            throw new InputError('builder-ssh-key', `${e.message}.`);
        throw e;
    }
}
function parseBuilderHostKey(value) {
    if (!value.trim())
        return undefined;
    const key = (0,ssh_keys/* parseHostKey */.xK)(value);
    if (!key) {
        throw new InputError('builder-host-key', "is not an SSH public host key: give the builder's key line (ssh-ed25519 AAAA…, from its /etc/ssh/ssh_host_ed25519_key.pub or ssh-keyscan), or that line in base64 as /etc/nix/machines has it.");
    }
    return key;
}
/**
 * The events on which push: auto publishes: a push of a branch or tag, a release, a manual run. Not
 * pull requests, and not merge queues or schedules, whose refs and timing would move tags no one chose.
 */
const PUSH_EVENTS = ['push', 'release', 'workflow_dispatch'];
function parsePush(value, ctx) {
    const v = value.trim().toLowerCase() || 'auto';
    if (v === 'auto')
        return PUSH_EVENTS.includes(ctx.ref.eventName);
    return parseBoolean('push', v);
}
function parseSettings(read, ctx) {
    const raw = (name) => {
        const value = read(name) || DEFAULTS[name] || '';
        const limit = MAX_LONG[name] ?? MAX_INPUT;
        if (value.length > limit)
            throw new InputError(name, `is ${value.length} characters long; at most ${limit} are accepted.`);
        return value;
    };
    const names = parseContainers(raw('container'));
    const tools = parseTools(raw('tool'), names);
    const systems = parseSystems(raw('architectures'), ctx.host);
    const flake = parseFlake(raw('flake'));
    const test = parseBoolean('test', raw('test'));
    const testArgs = splitArgs(raw('test-args'));
    const testTimeoutSec = parseSeconds('test-timeout', raw('test-timeout'));
    const emulate = oneOf('emulate', raw('emulate'), ['auto', 'true', 'false']);
    const extraConf = raw('extra-conf');
    const push = parsePush(raw('push'), ctx);
    const publisher = oneOf('publisher', raw('publisher'), ['flocken', 'builtin']);
    const registry = parseRegistry(raw('registry'));
    const repositories = parseRepositories(raw('repository'), names, tools, ctx);
    const manifests = parseManifests(raw('manifest-app'), names);
    const containers = names.map((name, i) => ({ name, tool: tools[i], repository: repositories[i], manifest: manifests[i] }));
    const version = parseVersion(raw('version'));
    const username = raw('username').trim() || ctx.actor;
    const password = raw('password');
    const tags = parseTags(raw('tags')) ?? computeTags(ctx.ref, version);
    const annotations = parseAnnotations(raw('annotations'));
    const labels = parseLabels(raw('labels'));
    if (Object.keys(labels).length > 0 && publisher === 'flocken') {
        throw new InputError('labels', "needs publisher: builtin: flocken pushes the image archives exactly as the flake built them. Set config.Labels in the flake's image, or use publisher: builtin.");
    }
    const compression = parseCompression(raw('compression'), publisher);
    const nixInstaller = parseInstaller(raw('nix-installer-url'), raw('nix-installer-sha256'));
    const cache = parseCacheSettings(raw, ctx, flake);
    const builders = parseBuilders(raw('builders'));
    const builderSshKey = parseBuilderSshKey(raw('builder-ssh-key'), builders);
    const builderHostKey = parseBuilderHostKey(raw('builder-host-key'));
    const builderTimeoutSec = parseSeconds('builder-timeout', raw('builder-timeout'));
    const sbom = parseBoolean('sbom', raw('sbom'));
    const attest = parseBoolean('attest', raw('attest'));
    const githubToken = raw('github-token').trim();
    if (attest && push && !githubToken) {
        throw new InputError('github-token', 'is empty but attest is true: pass a GitHub token of this repository (the default, github.token, works when the job has permissions attestations: write and id-token: write).');
    }
    if (push) {
        if (tags.length === 0) {
            throw new InputError('tags', `no tag could be derived from the ref ${ctx.ref.ref || '(none)'}: set tags or version.`);
        }
        if (!password)
            throw new InputError('password', 'is empty but push is on: pass a registry password or token (on ghcr.io, the workflow token with packages: write).');
        if (!username)
            throw new InputError('username', 'is empty but push is on: name the registry user.');
    }
    return {
        containers,
        systems,
        flake,
        test,
        testArgs,
        testTimeoutSec,
        emulate,
        extraConf,
        push,
        publisher,
        registry,
        version,
        tags,
        annotations,
        labels,
        compression,
        github: { serverUrl: ctx.serverUrl || 'https://github.com', apiUrl: ctx.apiUrl || 'https://api.github.com' },
        username,
        password,
        ref: ctx.ref,
        githubRepository: ctx.repository ?? '',
        nixInstaller,
        cache,
        builders,
        builderSshKey,
        builderHostKey,
        builderTimeoutSec,
        sbom,
        attest,
        githubToken,
    };
}
/** The compression input: zstd only where this Node's zlib has it, and flocken only with its own gzip. */
function parseCompression(value, publisher, hasZstd = zstdAvailable()) {
    const compression = oneOf('compression', value, COMPRESSIONS);
    if (compression === 'zstd' && !hasZstd)
        throw new InputError('compression', `is zstd, which this runner's Node.js ${process.version} cannot write (it needs 22.15 or later, as GitHub's node24 runtime has): use gzip or none.`);
    if (publisher === 'flocken' && compression !== 'gzip')
        throw new InputError('compression', `is ${compression}, but publisher is flocken, which pushes gzip layers (podman's): use publisher: builtin to push ${compression === 'none' ? 'uncompressed' : 'zstd'} layers.`);
    return compression;
}

;// CONCATENATED MODULE: external "node:timers/promises"
const external_node_timers_promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");
;// CONCATENATED MODULE: ./src/image/gzip-error.ts
/** A gzip stream that is damaged or not gzip: about the bytes, never about reading them. */
class GzipError extends Error {
    constructor(message) {
        super(message);
        this.name = 'GzipError';
    }
}

;// CONCATENATED MODULE: ./src/image/inflate.ts
// Deflate (RFC 1951) decoded here, in JavaScript, for one thing zlib cannot do: pass over stored
// blocks without reading them. A layer of incompressible bytes (already compressed files, random
// data) deflates to stored blocks, each a 5-byte header and its bytes as they are; the SBOM scan
// wants only the tar headers between them, so skipping a 1 GiB file costs a seek per 16 KiB block
// instead of inflating a GiB beside the daemon's own inflate of it. Huffman blocks are decoded
// here too (a block's end is known only by decoding it), which is slower than zlib: the gzip reader
// hands a member to zlib once this decoder has spent long enough on Huffman blocks (`huffmanRun`).


/** Deflate's window: a match reaches back at most this far. */
const inflate_WINDOW = 32768;
const MAX_MATCH = 258;
/** Output decoded per call at most; the history holds it after the window. */
const OUTPUT = 1 << 20;
/**
 * Bytes of a file read through a buffer, with seeks that cost nothing until the next read. The
 * buffer and its cursor are public for the decoder's fast loop, which takes bytes from it directly.
 */
class FileInput {
    fd;
    size;
    buf = Buffer.allocUnsafe(256 * 1024);
    start = 0;
    /** Bytes in `buf`, and the next one to take. */
    len = 0;
    pos = 0;
    /** A read right after a seek is small: what follows a skipped block is often only its successor's header. */
    small = false;
    /** Bytes read from the file so far. */
    bytesRead = 0;
    constructor(fd, size) {
        this.fd = fd;
        this.size = size;
    }
    get offset() {
        return this.start + this.pos;
    }
    seek(offset) {
        if (offset >= this.start && offset <= this.start + this.len)
            this.pos = offset - this.start;
        else {
            this.start = offset;
            this.len = this.pos = 0;
            this.small = true;
        }
    }
    fill() {
        this.start += this.len;
        this.pos = 0;
        const want = this.small ? 16 : this.buf.length;
        this.small = false;
        this.len = this.start >= this.size ? 0 : (0,external_node_fs_.readSync)(this.fd, this.buf, 0, want, this.start);
        this.bytesRead += this.len;
        return this.len > 0;
    }
    /** The next byte, or -1 at the end of the file. */
    byte() {
        if (this.pos === this.len && !this.fill())
            return -1;
        return this.buf[this.pos++];
    }
    /** Copies up to n bytes into target at `at`; fewer only at the end of the file. */
    copy(target, at, n) {
        let done = 0;
        while (done < n) {
            if (this.pos === this.len) {
                // A large copy goes straight from the file into the target.
                if (n - done >= this.buf.length) {
                    const got = this.start + this.len >= this.size ? 0 : (0,external_node_fs_.readSync)(this.fd, target, at + done, n - done, this.start + this.len);
                    if (got === 0)
                        break;
                    this.bytesRead += got;
                    this.start += this.len + got;
                    this.len = this.pos = 0;
                    done += got;
                    continue;
                }
                if (!this.fill())
                    break;
            }
            const k = Math.min(n - done, this.len - this.pos);
            this.buf.copy(target, at + done, this.pos, this.pos + k);
            this.pos += k;
            done += k;
        }
        return done;
    }
}
/** The entry for the code at the bottom of `bits`: one lookup, or two for a long code. */
function lookup(code, bits) {
    const e = code.table[bits & ((1 << code.root) - 1)];
    if (e >= 0)
        return e;
    const link = ~e;
    return code.table[(link >> 4) + ((bits >> code.root) & ((1 << (link & 15)) - 1))];
}
function buildCode(lengths, what, rootBits) {
    let max = 0;
    const count = new Uint16Array(16);
    for (const l of lengths) {
        count[l]++;
        if (l > max)
            max = l;
    }
    count[0] = 0;
    const root = Math.max(1, Math.min(rootBits, max));
    if (max === 0)
        return { table: new Int32Array(1 << root), root, max };
    // Canonical codes: the first code of each length (RFC 1951, 3.2.2), checking the set is not over-subscribed.
    const next = new Uint16Array(16);
    let code = 0;
    let left = 1;
    for (let len = 1; len <= 15; len++) {
        left = (left << 1) - count[len];
        if (left < 0)
            throw corrupt(`an over-subscribed ${what} code`);
        code = (code + count[len - 1]) << 1;
        next[len] = code;
    }
    // Each code reversed (deflate sends a code's bits from its top), and the longest code under each root prefix.
    const reversed = new Int32Array(lengths.length);
    const subBits = new Uint8Array(1 << root);
    for (let sym = 0; sym < lengths.length; sym++) {
        const len = lengths[sym];
        if (len === 0)
            continue;
        let c = next[len]++;
        let rev = 0;
        for (let i = 0; i < len; i++) {
            rev = (rev << 1) | (c & 1);
            c >>= 1;
        }
        reversed[sym] = rev;
        if (len > root)
            subBits[rev & ((1 << root) - 1)] = Math.max(subBits[rev & ((1 << root) - 1)], len - root);
    }
    let size = 1 << root;
    const offset = new Int32Array(1 << root);
    for (let prefix = 0; prefix < subBits.length; prefix++) {
        if (subBits[prefix] === 0)
            continue;
        offset[prefix] = size;
        size += 1 << subBits[prefix];
    }
    const table = new Int32Array(size);
    for (let prefix = 0; prefix < subBits.length; prefix++)
        if (subBits[prefix] > 0)
            table[prefix] = ~((offset[prefix] << 4) | subBits[prefix]);
    for (let sym = 0; sym < lengths.length; sym++) {
        const len = lengths[sym];
        if (len === 0)
            continue;
        const rev = reversed[sym];
        const entry = (sym << 4) | len;
        if (len <= root)
            for (let i = rev; i < 1 << root; i += 1 << len)
                table[i] = entry;
        else {
            const prefix = rev & ((1 << root) - 1);
            const rest = len - root;
            for (let i = rev >>> root; i < 1 << subBits[prefix]; i += 1 << rest)
                table[offset[prefix] + i] = entry;
        }
    }
    return { table, root, max };
}
/** Root bits of the literal/length and distance tables: zlib's sizes, a few KiB each. */
const LIT_ROOT = 10;
const DIST_ROOT = 8;
const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
const FIXED = (() => {
    const lit = new Uint8Array(288);
    lit.fill(8, 0, 144);
    lit.fill(9, 144, 256);
    lit.fill(7, 256, 280);
    lit.fill(8, 280, 288);
    return { lit: buildCode(lit, 'literal/length', LIT_ROOT), dist: buildCode(new Uint8Array(30).fill(5), 'distance', DIST_ROOT) };
})();
var State;
(function (State) {
    State[State["Header"] = 0] = "Header";
    State[State["Stored"] = 1] = "Stored";
    State[State["Huffman"] = 2] = "Huffman";
    State[State["Done"] = 3] = "Done";
})(State || (State = {}));
/**
 * One raw deflate stream read from `input` at its current offset. `read` returns output; `skip`
 * passes over output, reading stored blocks' bytes only for the window a later match may need.
 */
class Inflate {
    input;
    /**
     * Input bits not yet used, the next at the bottom. It never holds more than 31, so it stays a
     * non-negative small integer to V8 (a 32nd bit would make it a double and the loop twice as slow).
     */
    bitbuf = 0;
    bitcnt = 0;
    state = State.Header;
    final = false;
    storedLeft = 0;
    lit = FIXED.lit;
    dist = FIXED.dist;
    /** A match cut short by the end of a call: bytes still to copy, and from how far back. */
    matchLeft = 0;
    matchDist = 0;
    /** The window (the last WINDOW bytes of output) then this call's output, from `emit` to `hpos`. */
    hist = Buffer.alloc(inflate_WINDOW + OUTPUT + MAX_MATCH);
    hpos = inflate_WINDOW;
    emit = inflate_WINDOW;
    /** Skipped stored bytes not yet in the window, as file ranges: read only when a match may need them. */
    pending = [];
    pendingBytes = 0;
    /** Output so far. */
    total = 0;
    /** Huffman output since the last long stored run: past `huffmanRun`, the gzip reader switches to zlib. */
    huffmanRun = 0;
    resume;
    storedRun = 0;
    constructor(input) {
        this.input = input;
        this.resume = { offset: input.offset, total: 0, window: Buffer.alloc(0) };
    }
    get done() {
        return this.state === State.Done && this.hpos === this.emit;
    }
    /** Output made and not yet returned. */
    get buffered() {
        return this.hpos - this.emit;
    }
    /** Up to `max` bytes of output (a copy), empty at the end of the stream. */
    read(max) {
        if (this.hpos === this.emit)
            this.produce(Math.min(max, OUTPUT), false);
        const n = Math.min(max, this.hpos - this.emit);
        const out = Buffer.from(this.hist.subarray(this.emit, this.emit + n));
        this.emit += n;
        return out;
    }
    /** Passes over up to n bytes of output; returns how many there were. */
    skip(n) {
        let done = Math.min(n, this.hpos - this.emit);
        this.emit += done;
        while (done < n && this.state !== State.Done)
            done += this.produce(n - done, true);
        return done;
    }
    /** The byte offset just after the stream's last block (where the gzip trailer begins). */
    endOffset() {
        return this.input.offset - (this.bitcnt >> 3);
    }
    need(n) {
        while (this.bitcnt < n) {
            const b = this.input.byte();
            if (b < 0)
                throw new GzipError('the gzip stream ends inside its compressed data');
            this.bitbuf |= b << this.bitcnt;
            this.bitcnt += 8;
        }
    }
    bits(n) {
        this.need(n);
        const v = this.bitbuf & ((1 << n) - 1);
        this.bitbuf >>= n;
        this.bitcnt -= n;
        return v;
    }
    symbol(code, what) {
        // Near the end of the input fewer bits than the longest code may be left: use what there is.
        while (this.bitcnt < code.max) {
            const b = this.input.byte();
            if (b < 0)
                break;
            this.bitbuf |= b << this.bitcnt;
            this.bitcnt += 8;
        }
        const e = lookup(code, this.bitbuf);
        const len = e & 15;
        if (len === 0)
            throw corrupt(`an invalid ${what} code`);
        if (len > this.bitcnt)
            throw new GzipError('the gzip stream ends inside its compressed data');
        this.bitbuf >>= len;
        this.bitcnt -= len;
        return e >> 4;
    }
    /** Drops the bits up to the next byte and gives back whole bytes already taken: input is byte-aligned. */
    align() {
        this.input.seek(this.endOffset());
        this.bitbuf = this.bitcnt = 0;
    }
    /**
     * Decodes up to `want` bytes. Skipped output is discarded as it is made (`emit` follows `hpos`)
     * and a stored block's bytes are then not read at all. Returns the bytes made (or passed over).
     */
    produce(want, skipping) {
        let made = 0;
        while (made < want && this.state !== State.Done) {
            if (this.state === State.Header)
                this.blockHeader();
            else if (this.state === State.Stored) {
                const k = Math.min(want - made, this.storedLeft);
                if (skipping) {
                    const at = this.input.offset;
                    this.input.seek(at + k);
                    this.remember(at, k);
                }
                else {
                    this.settle(k);
                    const got = this.input.copy(this.hist, this.hpos, k);
                    if (got < k)
                        throw new GzipError('the gzip stream ends inside a stored block');
                    this.hpos += k;
                }
                this.storedLeft -= k;
                this.storedRun += k;
                this.total += k;
                made += k;
                if (this.storedLeft === 0)
                    this.state = this.final ? State.Done : State.Header;
            }
            else {
                this.settle(MAX_MATCH);
                const room = this.hist.length - MAX_MATCH - this.hpos;
                const before = this.hpos;
                this.huffman(Math.min(want - made, room));
                const k = this.hpos - before;
                if (skipping)
                    this.emit = this.hpos;
                this.total += k;
                this.huffmanRun += k;
                made += k;
            }
            // A read returns what one step made (the history holds one step's output); a skip goes on.
            if (!skipping && made > 0)
                break;
        }
        if (this.state === State.Done)
            this.align();
        return made;
    }
    /** Skipped stored bytes kept as file ranges, only as many as the window can hold. */
    remember(at, k) {
        if (k === 0)
            return;
        this.pending.push([at, k]);
        this.pendingBytes += k;
        while (this.pendingBytes - this.pending[0][1] >= inflate_WINDOW)
            this.pendingBytes -= this.pending.shift()[1];
    }
    /**
     * Makes room for n more bytes after the window, sliding it when this call's output has all been
     * returned, and reads into it the skipped stored bytes a match could reach.
     */
    settle(n) {
        if (this.pendingBytes > 0) {
            const ranges = this.pending;
            let drop = Math.max(0, this.pendingBytes - inflate_WINDOW);
            this.pending = [];
            this.pendingBytes = 0;
            const back = this.input.offset;
            for (const [at, len] of ranges) {
                const from = Math.min(len, drop);
                drop -= from;
                this.slide(len - from);
                this.input.seek(at + from);
                if (this.input.copy(this.hist, this.hpos, len - from) < len - from)
                    throw new GzipError('the gzip stream ends inside a stored block');
                this.hpos += len - from;
                this.emit = this.hpos;
            }
            this.input.seek(back);
        }
        this.slide(n);
    }
    slide(n) {
        if (this.hpos + n <= this.hist.length - MAX_MATCH || this.emit !== this.hpos)
            return;
        this.hist.copyWithin(0, this.hpos - inflate_WINDOW, this.hpos);
        this.hpos = this.emit = inflate_WINDOW;
    }
    blockHeader() {
        const header = this.bits(3);
        this.final = (header & 1) === 1;
        const type = header >> 1;
        if (type === 0) {
            this.align();
            const b = [this.input.byte(), this.input.byte(), this.input.byte(), this.input.byte()];
            if (b[3] < 0)
                throw new GzipError('the gzip stream ends inside a stored block');
            const len = b[0] | (b[1] << 8);
            if ((len ^ (b[2] | (b[3] << 8))) !== 0xffff)
                throw corrupt('a stored block length does not match its complement');
            this.storedLeft = len;
            this.state = len === 0 && this.final ? State.Done : len === 0 ? State.Header : State.Stored;
            return;
        }
        if (type === 3)
            throw corrupt('an invalid block type');
        // A Huffman block right after a long stored run starts on a byte boundary: zlib could take over there.
        if (this.storedRun >= 64 * 1024 && this.bitcnt === 5) {
            this.settle(0);
            this.resume = {
                offset: this.input.offset - 1,
                total: this.total,
                window: Buffer.from(this.hist.subarray(Math.max(0, this.hpos - Math.min(this.total, inflate_WINDOW)), this.hpos)),
            };
            this.huffmanRun = 0;
        }
        this.storedRun = 0;
        if (type === 1) {
            this.lit = FIXED.lit;
            this.dist = FIXED.dist;
        }
        else
            this.dynamicCodes();
        this.state = State.Huffman;
    }
    dynamicCodes() {
        const nlit = this.bits(5) + 257;
        const ndist = this.bits(5) + 1;
        const nclen = this.bits(4) + 4;
        if (nlit > 286 || ndist > 30)
            throw corrupt('too many length or distance codes');
        const clen = new Uint8Array(19);
        for (let i = 0; i < nclen; i++)
            clen[CODE_LENGTH_ORDER[i]] = this.bits(3);
        const cl = buildCode(clen, 'code length', 7);
        const lengths = new Uint8Array(nlit + ndist);
        for (let i = 0; i < lengths.length;) {
            const sym = this.symbol(cl, 'code length');
            if (sym < 16) {
                lengths[i++] = sym;
                continue;
            }
            let repeat;
            let value = 0;
            if (sym === 16) {
                if (i === 0)
                    throw corrupt('a repeated length with none before it');
                value = lengths[i - 1];
                repeat = 3 + this.bits(2);
            }
            else
                repeat = sym === 17 ? 3 + this.bits(3) : 11 + this.bits(7);
            if (i + repeat > lengths.length)
                throw corrupt('too many code lengths');
            lengths.fill(value, i, i + repeat);
            i += repeat;
        }
        if (lengths[256] === 0)
            throw corrupt('no end-of-block code');
        this.lit = buildCode(lengths.subarray(0, nlit), 'literal/length', LIT_ROOT);
        this.dist = buildCode(lengths.subarray(nlit), 'distance', DIST_ROOT);
    }
    /** Decodes symbols of the current Huffman block into the history, up to `room` bytes. */
    huffman(room) {
        const end = this.hpos + room;
        let hpos = this.hpos;
        if (this.matchLeft > 0) {
            const k = Math.min(this.matchLeft, end - hpos);
            hpos = copyMatch(this.hist, hpos, this.matchDist, k);
            this.matchLeft -= k;
        }
        // The output before this call: a match may reach back this far and no further.
        const origin = this.hpos - this.total;
        while (hpos < end && this.matchLeft === 0 && this.state === State.Huffman) {
            hpos = this.fast(hpos, end, origin);
            if (hpos < end && this.state === State.Huffman)
                hpos = this.step(hpos, end, origin);
        }
        this.hpos = hpos;
    }
    /**
     * Decodes symbols while the input buffer holds enough bytes for any one symbol and the output has
     * room for any one match, the bits kept in locals (most of a Huffman block's time is here).
     * Returns where the output got to; stops early at the end of the block or of either margin.
     */
    fast(hpos, end, origin) {
        const input = this.input;
        const buf = input.buf;
        const hist = this.hist;
        const lit = this.lit.table;
        const litRoot = this.lit.root;
        const litMask = (1 << litRoot) - 1;
        const dist = this.dist.table;
        const distRoot = this.dist.root;
        const distMask = (1 << distRoot) - 1;
        // A symbol and its extra bits take at most 48 bits, read into a buffer that holds at most 31:
        // 9 bytes, so with 12 left in the input buffer one more symbol never runs past its end.
        const inputStop = input.len - 12;
        const outputStop = end - MAX_MATCH;
        let pos = input.pos;
        let bitbuf = this.bitbuf;
        let bitcnt = this.bitcnt;
        while (pos <= inputStop && hpos <= outputStop) {
            while (bitcnt < 24) {
                bitbuf |= buf[pos++] << bitcnt;
                bitcnt += 8;
            }
            let e = lit[bitbuf & litMask];
            if (e < 0)
                e = lit[(~e >> 4) + ((bitbuf >> litRoot) & ((1 << (~e & 15)) - 1))];
            let len = e & 15;
            if (len === 0)
                throw corrupt('an invalid literal/length code');
            bitbuf >>= len;
            bitcnt -= len;
            const sym = e >> 4;
            if (sym < 256) {
                hist[hpos++] = sym;
                continue;
            }
            if (sym === 256) {
                this.state = this.final ? State.Done : State.Header;
                break;
            }
            const li = sym - 257;
            if (li >= 29)
                throw corrupt('an invalid length code');
            let extra = LENGTH_EXTRA[li];
            const length = LENGTH_BASE[li] + (bitbuf & ((1 << extra) - 1));
            bitbuf >>= extra;
            bitcnt -= extra;
            while (bitcnt < 24) {
                bitbuf |= buf[pos++] << bitcnt;
                bitcnt += 8;
            }
            e = dist[bitbuf & distMask];
            if (e < 0)
                e = dist[(~e >> 4) + ((bitbuf >> distRoot) & ((1 << (~e & 15)) - 1))];
            len = e & 15;
            if (len === 0)
                throw corrupt('an invalid distance code');
            bitbuf >>= len;
            bitcnt -= len;
            const di = e >> 4;
            if (di >= 30)
                throw corrupt('an invalid distance code');
            extra = DIST_EXTRA[di];
            while (bitcnt < extra) {
                bitbuf |= buf[pos++] << bitcnt;
                bitcnt += 8;
            }
            const distance = DIST_BASE[di] + (bitbuf & ((1 << extra) - 1));
            bitbuf >>= extra;
            bitcnt -= extra;
            if (distance > hpos - origin)
                throw corrupt('a match reaches back before the start');
            hpos = copyMatch(hist, hpos, distance, length);
        }
        input.pos = pos;
        this.bitbuf = bitbuf;
        this.bitcnt = bitcnt;
        return hpos;
    }
    /** Decodes one symbol near the end of the input buffer or of the output, refilling as it goes. */
    step(hpos, end, origin) {
        const sym = this.symbol(this.lit, 'literal/length');
        if (sym < 256) {
            this.hist[hpos] = sym;
            return hpos + 1;
        }
        if (sym === 256) {
            this.state = this.final ? State.Done : State.Header;
            return hpos;
        }
        const li = sym - 257;
        if (li >= 29)
            throw corrupt('an invalid length code');
        const length = LENGTH_BASE[li] + this.bits(LENGTH_EXTRA[li]);
        const di = this.symbol(this.dist, 'distance');
        if (di >= 30)
            throw corrupt('an invalid distance code');
        const distance = DIST_BASE[di] + this.bits(DIST_EXTRA[di]);
        if (distance > hpos - origin)
            throw corrupt('a match reaches back before the start');
        const k = Math.min(length, end - hpos);
        if (k < length) {
            this.matchLeft = length - k;
            this.matchDist = distance;
        }
        return copyMatch(this.hist, hpos, distance, k);
    }
}
function copyMatch(hist, hpos, distance, length) {
    // Most matches are short: a loop costs less than a call to copyWithin, which cannot overlap anyway.
    if (length > 32 && distance >= length) {
        hist.copyWithin(hpos, hpos - distance, hpos - distance + length);
        return hpos + length;
    }
    for (let from = hpos - distance, stop = hpos + length; hpos < stop;)
        hist[hpos++] = hist[from++];
    return hpos;
}
function corrupt(why) {
    return new GzipError(`the gzip stream is corrupt (${why})`);
}

;// CONCATENATED MODULE: ./src/image/gzip.ts
// gzip, inflated without its CRC: computing the CRC was a quarter of the time it took to read a
// .tar.gz image (1 GiB: 0.27 of 1.0 s), and the bytes read here are checked where they go: the daemon
// checks the CRC of the copy it loads, and the builtin publisher hashes each layer against the
// config's diff_ids, which the registry checks again. What is checked here is the framing and each
// member's length (ISIZE), so a truncated or damaged archive still fails here rather than parses short.








const FHCRC = 2;
const FEXTRA = 4;
const FNAME = 8;
const FCOMMENT = 16;
function isGzip(head) {
    return head[0] === 0x1f && head[1] === 0x8b;
}
/**
 * The length of the member header at the start of `bytes` (RFC 1952: the fixed 10 bytes and the
 * optional fields its flags name), or -1 when more bytes are needed to tell.
 */
function gzipHeaderLength(bytes, first) {
    if (bytes.length < 10)
        return -1;
    if (!isGzip(bytes))
        throw new GzipError(first ? 'not a gzip stream (its first bytes are not 1f 8b)' : 'data after a gzip member is not another member');
    if (bytes[2] !== 8)
        throw new GzipError(`unknown gzip compression method ${bytes[2]} (only deflate, 8, exists)`);
    const flags = bytes[3];
    let at = 10;
    if (flags & FEXTRA) {
        if (bytes.length < at + 2)
            return -1;
        at += 2 + bytes.readUInt16LE(at);
    }
    for (const flag of [FNAME, FCOMMENT]) {
        if (!(flags & flag))
            continue;
        const zero = bytes.indexOf(0, at);
        if (zero === -1)
            return -1;
        at = zero + 1;
    }
    if (flags & FHCRC)
        at += 2;
    return at <= bytes.length ? at : -1;
}
/** Why a header could not be read to its end. */
function shortHeader(length, first) {
    if (length >= 10)
        return new GzipError('the gzip stream ends inside its header');
    return new GzipError(first ? 'not a gzip stream (its first bytes are not 1f 8b)' : 'data after a gzip member is not another member');
}
/** A member's trailer: its length (mod 2^32) must be what was inflated. */
function checkTrailer(trailer, size) {
    if (trailer.length < 8)
        throw new GzipError('the gzip stream ends inside a member trailer');
    if (trailer.readUInt32LE(4) !== size % 2 ** 32)
        throw new GzipError('the gzip stream is corrupt (a member is not as long as its trailer says)');
}
/** Reads one member's header. False at the end of the input; a first member must be there. */
async function skipGzipHeader(input, first) {
    let head = await input.read(10);
    if (head.length === 0 && !first)
        return false;
    for (;;) {
        const length = gzipHeaderLength(head, first);
        if (length >= 0) {
            input.unshift(head.subarray(length));
            return true;
        }
        const more = await input.readUpTo(CHUNK_BYTES);
        if (more.length === 0) {
            throw shortHeader(head.length, first);
        }
        head = Buffer.concat([head, more]);
    }
}
/** A gzip stream (one member or several, as `cat a.gz b.gz` makes), inflated as it is read. */
function gunzip(source) {
    return gunzipFrom(new ByteReader(source[Symbol.asyncIterator]()));
}
async function* gunzipFrom(input, resume) {
    for (let first = true; resume || (await skipGzipHeader(input, first)); first = false) {
        const size = (resume?.before ?? 0) + (yield* inflateMember(input, resume?.window));
        resume = undefined;
        checkTrailer(await input.read(8), size);
        // gzip(1) too ignores zeros after the last member (what a tape block pads with).
        const next = await input.peekByte();
        if (next === 0 || next === undefined)
            return;
    }
}
/**
 * One member's deflate data, inflated; returns its length. The inflater ends by itself at the
 * member's last block, having been given input past it: what it did not use goes back to `input`.
 */
async function* inflateMember(input, window) {
    const inflater = (0,external_node_zlib_.createInflateRaw)({ chunkSize: CHUNK_BYTES, ...(window?.length ? { dictionary: window } : {}) });
    // What was handed to the inflater and may not all be used yet; `start` is where pulled[0] begins.
    const pulled = [];
    let start = 0;
    let reading;
    let ended = false;
    async function* deflated() {
        while (!ended) {
            while (pulled.length > 0 && start + pulled[0].length <= inflater.bytesWritten)
                start += pulled.shift().length;
            reading = input.readUpTo(CHUNK_BYTES);
            const chunk = await reading;
            if (chunk.length === 0)
                return;
            pulled.push(chunk);
            yield chunk;
        }
    }
    const feeder = external_node_stream_.Readable.from(deflated(), { objectMode: false });
    feeder.on('error', (e) => inflater.destroy(e));
    feeder.pipe(inflater);
    let size = 0;
    try {
        for await (const chunk of inflater) {
            size += chunk.length;
            yield chunk;
        }
    }
    catch (e) {
        // zlib's own errors (Z_DATA_ERROR, Z_BUF_ERROR at a cut) are about the bytes; a failed read is not.
        const code = e.code;
        throw typeof code === 'string' && code.startsWith('Z_') ? new GzipError(`the gzip stream is corrupt: ${e.message}`) : e;
    }
    finally {
        ended = true;
        // Destroying a stream whose writable side is still open reports an abort nobody waits for.
        inflater.on('error', () => undefined);
        feeder.unpipe(inflater);
        // A read in flight finishes before anyone else reads the input.
        await reading?.catch(() => undefined);
        feeder.destroy();
    }
    const used = inflater.bytesWritten - start;
    const rest = Buffer.concat(pulled).subarray(used);
    input.unshift(rest);
    return size;
}
/**
 * JavaScript-decoded Huffman output (since the last long stored run) after which zlib takes a
 * member over: past it the member is compressible data, which zlib inflates faster.
 */
const HUFFMAN_LIMIT = 4 * 1024 * 1024;
/** Work done between two turns of the event loop (the decoder reads the file synchronously). */
const TURN = 16 * 1024 * 1024;
/**
 * A .tar.gz file inflated as it is read, whose `skip` passes over stored blocks without reading
 * them (see inflate.ts); a member that turns out to be compressible is handed to zlib where the
 * decoder last stood on a byte boundary, with the window it had there.
 */
function gunzipFile(path, { huffmanLimit = HUFFMAN_LIMIT } = {}) {
    let fd;
    let input;
    let inflate;
    let first = true;
    let ended = false;
    let zlib;
    let sinceTurn = 0;
    const done = () => ({ done: true, value: undefined });
    function closeFile() {
        if (fd !== undefined)
            (0,external_node_fs_.closeSync)(fd);
        fd = undefined;
    }
    function opened() {
        if (!input) {
            fd = (0,external_node_fs_.openSync)(path, 'r');
            input = new FileInput(fd, (0,external_node_fs_.fstatSync)(fd).size);
        }
        return input;
    }
    /** Starts the member at the input's offset; false at the end of the file or at zeros after the last member. */
    function nextMember(file) {
        const at = file.offset;
        if (!first) {
            const next = file.byte();
            if (next <= 0)
                return false;
            file.seek(at);
        }
        for (let want = 64;; want *= 4) {
            const head = Buffer.alloc(Math.min(want, file.size - at));
            file.seek(at);
            const length = gzipHeaderLength(head.subarray(0, file.copy(head, 0, head.length)), first);
            if (length >= 0) {
                file.seek(at + length);
                break;
            }
            if (at + want >= file.size)
                throw shortHeader(head.length, first);
        }
        first = false;
        inflate = new Inflate(file);
        return true;
    }
    function endMember(file, member) {
        const trailer = Buffer.alloc(8);
        checkTrailer(trailer.subarray(0, file.copy(trailer, 0, 8)), member.total);
        inflate = undefined;
    }
    /** The decoder, or undefined once the file has ended or zlib has it. */
    async function current() {
        if (zlib || ended)
            return undefined;
        const file = opened();
        if (!inflate && !nextMember(file)) {
            ended = true;
            closeFile();
            return undefined;
        }
        const member = inflate;
        if (member.huffmanRun <= huffmanLimit)
            return { file, member };
        // zlib goes on from the resume point and makes again what was made since, less what was returned.
        const { offset, total, window } = member.resume;
        const stream = (0,external_node_fs_.createReadStream)(path, { start: offset, highWaterMark: CHUNK_BYTES });
        const inflated = gunzipFrom(new ByteReader(stream[Symbol.asyncIterator]()), { before: total, window });
        zlib = { reader: new ByteReader(inflated), close: () => void inflated.return(undefined).finally(() => stream.destroy()) };
        inflate = undefined;
        closeFile();
        await zlib.reader.skip(member.total - member.buffered - total);
        return undefined;
    }
    async function turn(bytes) {
        sinceTurn += bytes;
        if (sinceTurn < TURN)
            return;
        sinceTurn = 0;
        await (0,external_node_timers_promises_namespaceObject.setImmediate)();
    }
    const source = {
        [Symbol.asyncIterator]() {
            return source;
        },
        async next() {
            for (;;) {
                const at = await current();
                if (!at) {
                    if (!zlib)
                        return done();
                    const chunk = await zlib.reader.readUpTo(CHUNK_BYTES);
                    return chunk.length ? { done: false, value: chunk } : done();
                }
                const out = at.member.read(CHUNK_BYTES);
                if (at.member.done)
                    endMember(at.file, at.member);
                if (out.length) {
                    await turn(out.length);
                    return { done: false, value: out };
                }
            }
        },
        async skip(n) {
            let skipped = 0;
            while (skipped < n) {
                const at = await current();
                if (!at)
                    return zlib ? skipped + (await zlib.reader.skip(n - skipped)) : skipped;
                const k = at.member.skip(Math.min(n - skipped, TURN));
                skipped += k;
                if (at.member.done)
                    endMember(at.file, at.member);
                await turn(k);
            }
            return skipped;
        },
        async return() {
            ended = true;
            zlib?.close();
            closeFile();
            return done();
        },
    };
    return source;
}

;// CONCATENATED MODULE: ./src/image/kind.ts
// What kind of image a Nix build produced, read from the file itself rather than from its name.



async function detectKind(path) {
    const info = await (0,promises_.stat)(path);
    if (!info.isFile()) {
        throw new Error(`${path} is a directory, not an image: the container attribute must be a dockerTools image (buildImage, buildLayeredImage, streamLayeredImage) or a nix2container image.`);
    }
    const fh = await (0,promises_.open)(path, 'r');
    try {
        const head = Buffer.alloc(512);
        const { bytesRead } = await fh.read(head, 0, 512, 0);
        const bytes = head.subarray(0, bytesRead);
        if (isGzip(bytes))
            return 'archive-gz';
        if (bytes.subarray(257, 262).toString() === 'ustar')
            return 'archive';
        if (bytes.subarray(0, 2).toString() === '#!')
            return 'stream';
        if (bytes.subarray(0, 1).toString() === '{')
            return 'nix2container';
    }
    finally {
        await fh.close();
    }
    throw new Error(`${path} is neither a docker archive (.tar, .tar.gz), a stream script nor a nix2container image description.`);
}
/**
 * Whether a flake attribute is a nix2container image (it carries copyToDockerDaemon), asked before
 * building; false when it cannot be evaluated (the build then says why).
 */
async function isNix2container(nix, installable) {
    const r = await (0,exec/* run */.eF)({ cmd: nix.path, args: ['eval', '--json', installable, '--apply', 'i: i ? copyToDockerDaemon'], env: nix.env }, { echo: false, check: false });
    return r.code === 0 && r.stdout.trim() === 'true';
}

;// CONCATENATED MODULE: ./src/nix/path-info.ts
// `nix path-info --json`: one reader for every caller, for both shapes Nix prints. Nix 2.8 to 2.18
// print an array of objects, each with its `path` (a path the store lacks: `"valid": false`); Nix 2.19
// and later print an object keyed by path (a path the store lacks: null).

/** A store path from either JSON form: absolute, or a base name in `storeDir`. */
function absolute(path, storeDir) {
    return path.startsWith('/') ? path : `${storeDir}/${path}`;
}
function storeDirOf(path) {
    return path.startsWith('/') ? path.slice(0, path.lastIndexOf('/')) : '/nix/store';
}
const number = (v) => (typeof v === 'number' ? v : undefined);
function parsePathInfo(json, storeDir = '/nix/store') {
    const data = JSON.parse(json);
    const entries = Array.isArray(data)
        ? data.map((o) => [String(o.path), o])
        : Object.entries(data);
    return entries.map(([key, o]) => {
        const path = absolute(key, storeDir);
        if (!o || o.valid === false)
            return { path, valid: false, references: [] };
        const dir = storeDirOf(path);
        const refs = Array.isArray(o.references) ? o.references.map((r) => absolute(r, dir)) : [];
        return {
            path,
            valid: true,
            narHash: o.narHash,
            narSize: number(o.narSize),
            downloadSize: number(o.downloadSize),
            references: [...new Set(refs)].sort(),
            deriver: typeof o.deriver === 'string' ? absolute(o.deriver, dir) : undefined,
        };
    });
}
/**
 * Runs `nix path-info --json <args>` and reads its answer. `storeDir` resolves base names (newer Nix
 * may print them); by default that of the first absolute path among the arguments.
 */
async function queryPathInfo(nix, args, options = {}) {
    const { stdout } = await (0,exec/* run */.eF)({ cmd: nix.path, args: ['path-info', '--json', ...args], env: nix.env }, { echo: false, timeoutMs: options.timeoutMs });
    return parsePathInfo(stdout, options.storeDir ?? storeDirOf(args.find((a) => a.startsWith('/')) ?? ''));
}

;// CONCATENATED MODULE: ./src/nix/build.ts
// The one nix build of a run: every installable in one invocation, what Nix did read from its log,
// and the images matched back to the plan, or a failure that names each system that did not build.




function buildArgs(installables, impure = false) {
    // --keep-going: one system's failure must not hide whether the others build.
    return ['build', ...(impure ? ['--impure'] : []), '--json', '--no-link', '--print-build-logs', '--keep-going', ...installables];
}
function emptyActivity() {
    return { built: [], fetched: [], warnings: [] };
}
/**
 * One line of `nix build`'s stderr (Nix 2.8 to 2.2x alike):
 *   building '/nix/store/…drv'...                     building '/nix/store/…drv' on 'ssh-ng://…'...
 *   copying path '/nix/store/…' from 'https://…'...
 * With --print-build-logs a builder's own output is prefixed with "<name>> ", so it cannot pass for these.
 */
function noteBuildLine(activity, line) {
    const built = /^building '(\/[^']+\.drv)'/.exec(line);
    if (built) {
        if (!activity.built.includes(built[1]))
            activity.built.push(built[1]);
        return;
    }
    const fetched = /^copying path '(\/[^']+)' from '[^']+'/.exec(line);
    if (fetched) {
        if (!activity.fetched.includes(fetched[1]))
            activity.fetched.push(fetched[1]);
        return;
    }
    if (/^warning: .*(substituter|trusted)/i.test(line))
        activity.warnings.push(line.replace(/^warning: /, ''));
}
function parseBuildLog(stderr, activity = emptyActivity()) {
    for (const line of stderr.split('\n'))
        noteBuildLine(activity, line);
    return activity;
}
/**
 * One `nix build` for every installable: Nix schedules them in parallel and shares the work.
 * `activity` is filled as the build runs, so a failed build still tells what it built. `alsoBuild`
 * (the manifest apps) are built in the same invocation; their results are known by their derivations.
 */
async function buildAll(nix, entries, activity = emptyActivity(), alsoBuild = []) {
    const installables = [...entries.map((e) => e.installable), ...alsoBuild.map((a) => a.installable)];
    const others = new Set(alsoBuild.flatMap((a) => a.drvs));
    let stdout;
    try {
        ;
        ({ stdout } = await (0,exec/* run */.eF)({ cmd: nix.path, args: buildArgs(installables, nix.impure), env: nix.env }, { onStderrLine: (line) => noteBuildLine(activity, line) }));
    }
    catch (e) {
        if (e instanceof exec/* CommandError */.Qd)
            throw await explainBuildFailure(nix, entries, e);
        throw e;
    }
    const results = JSON.parse(stdout);
    return {
        images: await builtImages(nix, entries, results.filter((r) => !others.has(r.drvPath))),
        otherOutputs: results.filter((r) => others.has(r.drvPath)).flatMap((r) => Object.values(r.outputs)),
    };
}
async function builtImages(nix, entries, results) {
    // Nix does not report results in the order of the installables, so match them by derivation.
    const drvOf = await derivationsOf(nix, entries, results);
    return Promise.all(entries.map(async (entry) => {
        const result = results.find((r) => r.drvPath === drvOf.get(entry.installable));
        if (!result)
            throw new Error(`nix build reported no result for ${entry.installable}`);
        const storePath = result.outputs.out;
        const [kind, info] = await Promise.all([detectKind(storePath), (0,promises_.stat)(storePath)]);
        return { ...entry, storePath, drvPath: result.drvPath, kind, size: info.size };
    }));
}
/** The `system` a derivation file declares (read from the .drv itself, no Nix call). */
async function derivationSystem(drvPath) {
    return /\("system","([^"]+)"\)/.exec(await (0,promises_.readFile)(drvPath, 'utf8'))?.[1];
}
/**
 * The derivations a .drv file names as inputs (its second list: `Derive([outputs],[("/nix/store/….drv",
 * ["out"]),…],…)`), read from the file itself. Strings are skipped whole, so no value can pass for one.
 */
function parseDerivationInputs(aterm) {
    if (!aterm.startsWith('Derive(['))
        throw new Error('not a derivation (expected Derive([...)');
    const inputs = [];
    let depth = 0;
    let list = 0;
    for (let i = 'Derive('.length; i < aterm.length; i++) {
        const c = aterm[i];
        if (c === '"') {
            let end = i + 1;
            while (end < aterm.length && aterm[end] !== '"')
                end += aterm[end] === '\\' ? 2 : 1;
            // The first string of each tuple in the second top-level list is an input derivation.
            if (list === 2 && depth === 2 && aterm[i - 1] === '(')
                inputs.push(aterm.slice(i + 1, end));
            i = end;
        }
        else if (c === '[' || c === '(') {
            if (depth === 0 && c === '[')
                list++;
            depth++;
        }
        else if (c === ']' || c === ')') {
            depth--;
            if (depth < 0 || (depth === 0 && list === 2))
                break;
        }
    }
    return inputs;
}
/**
 * Which of `wanted` are in the derivation closure of `roots`, reading .drv files directly (no Nix
 * process); the walk stops once all are found, so a manifest app that names its images directly
 * costs one file read. undefined when a .drv cannot be read here (a store in another place).
 */
async function findInDerivationClosure(roots, wanted) {
    const found = new Set();
    const seen = new Set(roots);
    let level = [...roots];
    while (level.length > 0 && found.size < wanted.length) {
        for (const drv of level)
            if (wanted.includes(drv))
                found.add(drv);
        let inputs;
        try {
            inputs = await Promise.all(level.map(async (drv) => parseDerivationInputs(await (0,promises_.readFile)(drv, 'utf8'))));
        }
        catch {
            return undefined;
        }
        level = inputs.flat().filter((d) => !seen.has(d) && seen.add(d));
    }
    return found;
}
/**
 * installable → derivation. One container per system is matched by the derivation's system; with
 * several containers per system, one `nix eval` asks for every derivation path at once.
 */
async function derivationsOf(nix, entries, results) {
    const map = new Map();
    const systems = new Set(entries.map((e) => e.system));
    if (systems.size === entries.length) {
        const declared = await Promise.all(results.map(async (r) => [await derivationSystem(r.drvPath), r.drvPath]));
        for (const e of entries) {
            const match = declared.find(([system]) => system === e.system);
            if (match)
                map.set(e.installable, match[1]);
        }
        return map;
    }
    const flake = entries[0].installable.slice(0, entries[0].installable.indexOf('#'));
    const body = [...systems]
        .map((s) => `"${s}" = { ${entries
        .filter((e) => e.system === s)
        .map((e) => `"${e.container}" = p."${s}"."${e.container}".drvPath;`)
        .join(' ')} };`)
        .join(' ');
    const { stdout } = await (0,exec/* run */.eF)({ cmd: nix.path, args: ['eval', '--json', `${flake}#packages`, '--apply', `p: { ${body} }`], env: nix.env }, { echo: false });
    const paths = JSON.parse(stdout);
    for (const e of entries)
        map.set(e.installable, paths[e.system][e.container]);
    return map;
}
/** Some installables failed to build: the others are still reported. */
class BuildError extends Error {
    built;
    failed;
    constructor(message, built, failed) {
        super(message);
        this.built = built;
        this.failed = failed;
        this.name = 'BuildError';
    }
}
/** After a failed `nix build --keep-going`: which installables did build (failure path only). */
async function partialResults(nix, entries, error) {
    const checks = await Promise.all(entries.map(async (e) => {
        try {
            const [drv] = await queryPathInfo(nix, ['--derivation', e.installable]);
            // A path that was never built is reported as not valid (or Nix refuses to answer at all).
            const [out] = await queryPathInfo(nix, [e.installable]);
            return drv?.valid && out?.valid ? { drvPath: drv.path, outputs: { out: out.path } } : undefined;
        }
        catch {
            return undefined;
        }
    }));
    const okEntries = entries.filter((_, i) => checks[i]);
    const failed = entries.filter((_, i) => !checks[i]);
    const built = okEntries.length
        ? await builtImages(nix, okEntries, checks.filter((c) => !!c))
        : [];
    const names = (list) => list.map((e) => `${e.container} ${e.system}`).join(', ');
    const tail = error.result.stderr.trim().split('\n').slice(-15).join('\n');
    return new BuildError(`nix build failed for ${names(failed) || 'some installables'}${built.length ? ` (built: ${names(okEntries)})` : ''}; nothing was pushed.\n${tail}`, built, failed);
}
const MISSING_ATTR = /does not provide attribute '([^']+)'/;
/** Turn Nix's evaluation errors into ones that name the input and list what the flake has. */
async function explainBuildFailure(nix, entries, error) {
    const stderr = error.result.stderr;
    const missing = MISSING_ATTR.exec(stderr);
    if (missing) {
        // Nix lists every attribute path it tried; the one an entry asked for is among them.
        const tried = [
            ...stderr
                .slice(missing.index)
                .split('\n')[0]
                .matchAll(/'([^']+)'/g),
        ].map((m) => m[1]);
        const entry = entries.find((e) => tried.includes(`packages.${e.system}.${e.container}`)) ?? entries.find((e) => missing[1].includes(e.container));
        if (entry) {
            const flake = entry.installable.slice(0, entry.installable.indexOf('#'));
            const available = await listPackages(nix, flake, entry.system);
            const has = available === undefined
                ? `it has no packages for ${entry.system}`
                : available.length
                    ? `its packages for ${entry.system} are: ${available.join(', ')}`
                    : `its packages.${entry.system} is empty`;
            return new Error(`Input 'container': the flake ${flake} has no packages.${entry.system}.${entry.container}; ${has}.`);
        }
    }
    if (/path '.*' does not exist|is not a flake|does not contain a 'flake.nix'|getting status of .*: No such file/.test(stderr)) {
        const flake = entries[0].installable.slice(0, entries[0].installable.indexOf('#'));
        const why = stderr
            .trim()
            .split('\n')
            .filter((l) => l.includes('error'))
            .join(' ');
        return new Error(`Input 'flake': ${flake} does not exist or is not a flake (${why}); use a path to a directory with a flake.nix tracked by git, or a flake reference.`);
    }
    if (/builder for .* failed|build of .* failed|cannot build|failed with exit code/.test(stderr))
        return partialResults(nix, entries, error);
    return error;
}
async function listPackages(nix, flake, system) {
    const result = await (0,exec/* run */.eF)({
        cmd: nix.path,
        args: ['eval', '--json', `${flake}#packages`, '--apply', `p: if p ? "${system}" then builtins.attrNames p."${system}" else null`],
        env: nix.env,
    }, { echo: false, check: false });
    if (result.code !== 0)
        return undefined;
    return JSON.parse(result.stdout) ?? undefined;
}

;// CONCATENATED MODULE: ./src/nix/daemon.ts
// A multi-user Nix builds through its daemon, which takes the restricted settings a run needs
// (extra-platforms for QEMU, the caches' substituters and keys, builders) from a client only when it
// trusts that user. GitHub's runners run jobs as `runner`, which Nix's own installer does not trust:
// the daemon then ignores those settings and a foreign system's build fails late with Nix's raw
// "a 'aarch64-linux' with features {} is required". So before anything is built, the run either gets
// what it needs into the daemon's own nix.conf (root, or passwordless sudo as on GitHub's runners),
// or fails saying what to change.






/** `nix store info` from Nix 2.19 on (its old name `store ping` warns there). */
function storeInfoCommand(version) {
    return (0,nix_nix/* nixAtLeast */.Wl)(version, 2, 19) ? ['store', 'info', '--json'] : ['store', 'ping', '--json'];
}
function parseStoreInfo(json) {
    const info = JSON.parse(json);
    const url = info.url ?? '';
    return { daemon: url === 'daemon' || url.startsWith('unix://'), trusted: info.trusted === undefined ? undefined : Boolean(info.trusted) };
}
async function storeFacts(nixPath, version, env = process.env) {
    const r = await (0,exec/* run */.eF)({ cmd: nixPath, args: ['--extra-experimental-features', 'nix-command', ...storeInfoCommand(version)], env }, { echo: false, check: false, timeoutMs: 30_000 });
    if (r.code !== 0)
        return { daemon: false };
    try {
        return parseStoreInfo(r.stdout);
    }
    catch {
        return { daemon: false };
    }
}
/** The daemon's nix.conf: where NIX_CONF_DIR points (as the daemon reads it), else /etc/nix. */
function daemonConfFile(env = process.env) {
    return (0,external_node_path_.join)(env.NIX_CONF_DIR || '/etc/nix', 'nix.conf');
}
/** The lines of `wanted` the file does not have yet (compared without spaces around '='). */
function missingLines(current, wanted) {
    const norm = (l) => l.trim().replace(/\s*=\s*/, ' = ');
    const have = new Set(current.split('\n').map(norm));
    return wanted.filter((l) => !have.has(norm(l)));
}
/** Restarts the nix daemon the way the installer set it up: systemd on Linux, launchd on macOS. */
async function restartDaemon() {
    if (process.platform === 'darwin') {
        await (0,root/* runAsRoot */.yf)('launchctl', ['kickstart', '-k', 'system/org.nixos.nix-daemon']);
        return 'launchctl kickstart -k system/org.nixos.nix-daemon';
    }
    const systemctl = await (0,exec/* which */.K7)('systemctl');
    if (!systemctl)
        throw new Error('there is no systemctl to restart nix-daemon with: restart it yourself after changing its nix.conf');
    await (0,root/* runAsRoot */.yf)(systemctl, ['restart', 'nix-daemon.service']);
    return 'systemctl restart nix-daemon.service';
}
async function waitForDaemon(nixPath, version) {
    for (let i = 0; i < 40; i++) {
        if ((await storeFacts(nixPath, version)).daemon)
            return;
        await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('nix-daemon did not answer within 10 s of its restart');
}
/** What a run needs from the daemon: extra platforms to emulate, the caches to substitute from, input builders. */
function daemonNeeds(platformsLine, emulated, cacheLines, builders) {
    return {
        lines: [
            ...(platformsLine ? [{ line: platformsLine, why: `to build ${emulated.join(', ')} under QEMU` }] : []),
            ...cacheLines.map((line) => ({ line, why: 'to substitute from the caches' })),
        ],
        trustOnly: [
            ...(builders.input ? [{ setting: 'builders', why: 'to build on the machines of input builders' }] : []),
            ...(builders.clientConfig ? [{ setting: 'builders', why: 'to build on the machines NIX_CONFIG names' }] : []),
        ],
    };
}
/** A builders line in the client's own NIX_CONFIG: only a trusted user's daemon takes it. */
function buildersInClientConfig(nixConfig) {
    return /^\s*(extra-)?builders\s*=\s*\S/m.test(nixConfig ?? '');
}
/**
 * Makes sure an untrusted user's daemon has what the run needs, before anything is built: appends
 * the missing lines to its nix.conf and restarts it (as root or with passwordless sudo), saying so;
 * otherwise fails naming trusted-users.
 */
async function ensureDaemonHas(nixPath, version, facts, needs, log) {
    if (!facts.daemon || facts.trusted !== false || (needs.lines.length === 0 && needs.trustOnly.length === 0))
        return;
    const user = (0,external_node_os_.userInfo)().username;
    const file = daemonConfFile();
    const fix = `Add \`trusted-users = root ${user}\` to ${file} and restart nix-daemon, or install Nix with cachix/install-nix-action or DeterminateSystems/nix-installer-action, which trust the runner's user.`;
    const ignored = [...needs.lines.map((n) => `${n.line.split('=')[0].trim()} (${n.why})`), ...needs.trustOnly.map((n) => `${n.setting} (${n.why})`)];
    const refuse = (why) => new Error(`Nix's daemon does not trust user '${user}', so it ignores settings this run needs: ${[...new Set(ignored)].join(', ')}; ${why}. Nothing was built. ${fix}`);
    if (needs.trustOnly.length > 0)
        throw refuse("the action does not write builders into the daemon's configuration");
    if (!(await (0,root/* canBeRoot */.oV)()))
        throw refuse("this user is not root and has no passwordless sudo to add them to the daemon's nix.conf");
    const current = await (0,promises_.readFile)(file, 'utf8').catch(() => '');
    const missing = missingLines(current, needs.lines.map((n) => n.line));
    if (missing.length === 0)
        return;
    const text = `\n# Added by nix-container-action: settings the daemon ignores from the untrusted user ${user}.\n${missing.join('\n')}\n`;
    await (0,root/* runAsRoot */.yf)('tee', ['-a', file], { input: text, echo: false });
    const how = await restartDaemon();
    await waitForDaemon(nixPath, version);
    log(`Nix's daemon does not trust user '${user}': added ${missing.join('; ')} to ${file} and restarted it (${how}).`);
}

;// CONCATENATED MODULE: ./src/pipeline/plan.ts
// How each container × system is built and run on this host: a pure function of the settings and
// the host's facts, so every combination can be table-tested and the plan shown before any work.

class PlanError extends Error {
    constructor(message) {
        super(message);
        this.name = 'PlanError';
    }
}
const NATIVE_RUNNER = {
    'x86_64-linux': 'ubuntu-24.04',
    'aarch64-linux': 'ubuntu-24.04-arm',
};
/**
 * The reusable workflow's build matrix: one job per system, each on a runner of that system so it
 * builds natively. `runners` replaces the default label of a system (overrides for systems that are
 * not built are ignored). The workflow's plan job prints this through the CLI's `matrix` command.
 */
function runnerMatrix(systems, runners = {}) {
    return {
        include: systems.map((system) => ({ system, platform: ociPlatform(system), arch: ociArch(system), runner: runners[system] ?? NATIVE_RUNNER[system] })),
    };
}
function installable(flake, system, container) {
    return `${flake}#packages.${system}.${container}`;
}
/** QEMU can build or run this foreign system here: a handler is registered, or we may register one. */
function qemuPossible(system, host) {
    return (0,platform/* isLinux */.j9)(host.system) && (host.canEmulate || host.binfmt.includes(system));
}
/**
 * native (the runner's own Linux system) > remote (a builder that lists the system) > emulated
 * (QEMU) > none, which fails before any work. emulate: true puts QEMU ahead of builders; false rules
 * it out. A darwin runner has no native Linux system and no QEMU: only builders build there.
 */
function chooseBuild(system, host, emulate) {
    if ((0,platform/* isLinux */.j9)(host.system) && system === host.system)
        return { build: 'native' };
    const remote = host.builders.find((b) => b.systems.includes(system));
    const qemu = qemuPossible(system, host);
    if (emulate === 'true' && qemu)
        return { build: 'emulated' };
    if (remote)
        return { build: 'remote', builder: remote.uri };
    if (emulate !== 'false' && qemu)
        return { build: 'emulated' };
    throw new PlanError(noWayToBuild(system, host, emulate));
}
function noWayToBuild(system, host, emulate) {
    const linux = (0,platform/* isLinux */.j9)(host.system);
    const ways = [
        `run this job on a ${system} runner (runs-on: ${NATIVE_RUNNER[system]}), or use the reusable workflow, which spreads systems over native runners`,
    ];
    ways.push(linux
        ? `give a Linux builder for ${system} with the inputs builders and builder-ssh-key`
        : `give a Linux builder for ${system} with the inputs builders and builder-ssh-key, or run on a self-hosted Apple Silicon Mac with nix-darwin's nix-rosetta-builder (GitHub-hosted macOS runners cannot start its VM)`);
    if (linux) {
        ways.push(emulate === 'false'
            ? `set emulate: auto to build it under QEMU user emulation (slow)`
            : `install QEMU user emulation (apt-get install qemu-user-static) and run with root or sudo`);
    }
    const builders = host.builders.length
        ? `the builders found (${host.builders.map((b) => `${b.uri}: ${b.systems.join(', ')}`).join('; ')}) do not list ${system}`
        : 'no remote builder';
    const why = linux
        ? emulate === 'false'
            ? ', and emulate is false'
            : ', and QEMU cannot be set up'
        : ' (macOS runners need a Linux builder for Linux images)';
    return `Cannot build ${system} on this ${host.system} runner: no native support, ${builders}${why}. Ways out:\n${ways.map((w) => `  - ${w}`).join('\n')}`;
}
function chooseRun(system, build, host, willEmulate, emulate) {
    if (!host.docker)
        return { run: 'none', runNote: `no docker CLI on this runner${(0,platform/* isLinux */.j9)(host.system) ? '' : ' (Colima or Docker Desktop would run it)'}` };
    // Docker Desktop and Colima run Linux containers in their own VM, for both architectures.
    if (!(0,platform/* isLinux */.j9)(host.system))
        return { run: 'docker-vm' };
    if (system === host.system)
        return { run: 'native' };
    if (willEmulate || host.binfmt.includes(system))
        return { run: 'emulated' };
    const why = emulate === 'false' ? 'emulate is false' : 'QEMU cannot be set up (no root or sudo)';
    return {
        run: 'none',
        runNote: `built ${build === 'remote' ? 'on a remote builder' : 'elsewhere'}; this ${host.system} runner has no QEMU handler for ${system} and ${why}`,
    };
}
function makePlan(settings, host) {
    if (!host.docker && settings.test && (0,platform/* isLinux */.j9)(host.system)) {
        throw new PlanError(`${host.dockerProblem ?? 'Docker is not available on this runner'}: the images cannot be loaded and smoke-tested. Start the Docker daemon (or install Docker), or set test: false to build and publish without running them.`);
    }
    const choices = new Map(settings.systems.map((s) => [s, chooseBuild(s, host, settings.emulate)]));
    const emulate = settings.systems.filter((s) => {
        if (!(0,platform/* isLinux */.j9)(host.system) || s === host.system)
            return false;
        if (choices.get(s)?.build === 'emulated')
            return true;
        // Remote-built foreign images are still smoke-tested under QEMU unless emulation is off.
        return settings.test && settings.emulate !== 'false' && (host.canEmulate || host.binfmt.includes(s));
    });
    const entries = [];
    for (const { name: container } of settings.containers) {
        for (const system of settings.systems) {
            const choice = choices.get(system);
            entries.push({
                container,
                system,
                platform: (0,platform/* ociPlatform */.Dr)(system),
                installable: installable(settings.flake, system, container),
                ...choice,
                ...chooseRun(system, choice.build, host, emulate.includes(system), settings.emulate),
            });
        }
    }
    const warnings = [];
    for (const s of emulate.filter((s) => choices.get(s)?.build === 'emulated')) {
        warnings.push(`${s} is built under QEMU emulation on this ${host.system} runner: expect it to be many times slower than on a native ${NATIVE_RUNNER[s]} runner.`);
    }
    if (settings.emulate === 'true') {
        for (const [s, c] of choices) {
            if (c.build === 'remote')
                warnings.push(`emulate is true, but ${(0,platform/* isLinux */.j9)(host.system) ? 'QEMU cannot be set up on this runner (no root or sudo)' : 'macOS runners have no QEMU user emulation'}: ${s} is built on ${c.builder} instead.`);
        }
    }
    const notices = [];
    const unrun = entries.filter((e) => e.run === 'none');
    for (const note of settings.test ? new Set(unrun.map((e) => e.runNote)) : []) {
        const platforms = [...new Set(unrun.filter((e) => e.runNote === note).map((e) => e.platform))];
        notices.push(`Smoke tests are skipped for ${platforms.join(', ')}: ${note}.`);
    }
    const used = new Set([...choices.values()].map((c) => c.builder));
    return { entries, emulate, builders: host.builders.filter((b) => used.has(b.uri)), warnings, notices };
}
/** Load order: foreign images first, so the plain tag ends up on the native image. */
function loadOrder(items, host) {
    const native = (0,platform/* nativeLinuxSystem */.p_)(host);
    return [...items.filter((i) => i.system !== native), ...items.filter((i) => i.system === native)];
}

;// CONCATENATED MODULE: ./src/image/archive.ts
// The docker-archive bytes of a built image, opened by its kind: the file (decompressed when it is a
// .tar.gz) or what its stream script writes. One reader for every consumer (SBOM, the builtin publisher).





/** The archive a program writes to stdout (a stream script, `docker save`). */
function processArchive(cmd, args) {
    const proc = (0,exec/* streamStdout */.sy)({ cmd, args }, { echo: false });
    return {
        stream: proc.stdout,
        close: async (completed) => {
            if (!completed) {
                proc.kill();
                await proc.done.catch(() => undefined);
                return;
            }
            await drain(proc.stdout);
            await proc.done;
        },
    };
}
function openArchive(image) {
    switch (image.kind) {
        case 'archive': {
            const file = (0,external_node_fs_.createReadStream)(image.storePath, { highWaterMark: CHUNK_BYTES });
            return { stream: file, close: async () => void file.destroy() };
        }
        case 'archive-gz': {
            const file = gunzipFile(image.storePath);
            return { stream: file, close: async () => void (await file.return()) };
        }
        case 'stream':
            return processArchive(image.storePath, []);
        case 'nix2container':
            throw new Error(`${image.storePath} is a nix2container image.json, not an archive: its layers exist only when nix2container copies them.`);
    }
}
/** Reads an image's archive with `read`, always closing it: completed when `read` returned. */
async function withArchive(archive, read) {
    let result;
    try {
        result = await read(archive.stream);
    }
    catch (e) {
        await archive.close(false);
        throw e;
    }
    await archive.close(true);
    return result;
}
/** JSON files up to this size are kept in memory (manifest.json, the config); layers are not. */
const KEEP = 4 * 1024 * 1024;
/** Whether an archive file is kept whole: only what looks like JSON, however small a layer is. */
function keepsBytes(size, head) {
    return size <= KEEP && /^\s*[[{]/.test(head.subarray(0, 16).toString('latin1'));
}
/** An archive entry's name as manifest.json and index.json spell it (no leading ./). */
function archiveName(name) {
    return name.replace(/^\.\//, '');
}

;// CONCATENATED MODULE: ./src/image/contents.ts
// What an image holds, read from its bytes: the top-level store paths in its layers (docker-archive
// // or OCI layout, plain or gzip) or in a nix2container image.json, and the files outside the store.




const STORE_ENTRY = /^(?:\.?\/)*nix\/store\/([0-9a-df-np-sv-z]{32}-[^/]+)/;
/** The top-level store path an archive entry belongs to, or undefined: `nix/store/<h>-bash/bin/x` → `/nix/store/<h>-bash`. */
function storePathOfEntry(name) {
    const m = STORE_ENTRY.exec(name);
    return m ? `/nix/store/${m[1]}` : undefined;
}
/**
 * Reads a docker-archive (or OCI layout) stream once: every entry that is itself a tar, plain or
 * gzip (the layers), is read for the store paths it holds, unless `layers` is false; the archive's
 * files are listed, with the JSON ones (config, manifest.json) kept whole.
 */
async function scanArchive(source, options = {}) {
    const storePaths = new Set();
    const files = new Map();
    let otherFiles = 0;
    let layers = 0;
    for await (const { entry, body } of readTar(source)) {
        if (entry.type !== '0' && entry.type !== '7')
            continue;
        const { head, stream } = await peek(body, 512);
        const file = { size: entry.size, gzip: isGzip(head) };
        files.set(archiveName(entry.name), file);
        if (!file.gzip && !isTarHeader(head)) {
            if (keepsBytes(entry.size, head))
                file.bytes = Buffer.concat(await collect(stream));
            continue;
        }
        layers++;
        if (options.layers === false)
            continue;
        const inner = file.gzip ? gunzip(stream) : stream;
        for await (const item of readTar(inner)) {
            const path = storePathOfEntry(item.entry.name);
            if (path)
                storePaths.add(path);
            else if (item.entry.type !== '5')
                otherFiles++;
        }
        // A layer's tar ends with padding after its last entry: read it, so the archive stays in step.
        await drain(inner);
    }
    return { storePaths: [...storePaths].sort(), otherFiles, layers, undescribedLayers: 0, files };
}
async function collect(stream) {
    const chunks = [];
    for await (const chunk of stream)
        chunks.push(chunk);
    return chunks;
}
/**
 * Scans an archive stream and reads it to its end, or drops it when it cannot be parsed: another
 * reader of the same bytes (`docker load`, through the process wrapper's tee) is never held up, and
 * the process writing them (a stream script) is never left blocked.
 */
async function scanAlongside(archive, options = {}) {
    try {
        const contents = await scanArchive(archive, options);
        await drain(archive);
        return contents;
    }
    catch (e) {
        archive.destroy();
        throw e;
    }
}
/** The store paths a nix2container image.json puts in its layers. */
function nix2containerContents(json) {
    const image = JSON.parse(json);
    const layers = image.layers ?? [];
    const storePaths = new Set();
    for (const layer of layers) {
        for (const p of layer.paths ?? []) {
            const path = p.path ? storePathOfEntry(p.path) : undefined;
            if (path)
                storePaths.add(path);
        }
    }
    return { storePaths: [...storePaths].sort(), layers: layers.length, undescribedLayers: layers.filter((l) => !l.paths?.length).length };
}
/** The archive bytes of an image: the file, decompressed, or what its stream script writes. */
async function imageContents(image, options = {}) {
    switch (image.kind) {
        case 'nix2container':
            return nix2containerContents(await (0,promises_.readFile)(image.storePath, 'utf8'));
        case 'archive':
        case 'archive-gz':
        case 'stream':
            return withArchive(openArchive(image), (stream) => scanArchive(stream, options));
    }
}
/** Plain code-unit order: the same on every machine, whatever its locale. */

;// CONCATENATED MODULE: ./src/publish/builtin.ts
// The builtin publisher, in this process over the registry's HTTP API: each system's image is
// pushed by digest (its blobs, then its manifest under its own digest), one OCI index is made from
// those digests, and only then are the tags pointed at it. Before any blob is sent the registry is
// asked whether it has it (HEAD /v2/<repo>/blobs/<digest>); what it has is skipped and counted, so
// a second publish of unchanged images sends no layer bytes at all.
//
// Layers are pushed as the image holds them, uncompressed, like nix2container does: the layer digest
// is then the diff_id itself, the same on every run (gzip output differs between zlib versions), so
// the registry recognises a layer it already has. The price is more bytes per layer on the wire.







const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
const OCI_LAYER = 'application/vnd.oci.image.layer.v1.tar';
const OCI_LAYER_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';
// ---- pure parts --------------------------------------------------------------------------------
function builtin_sha256(bytes) {
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex')}`;
}
/** JSON bytes whose digest is what the registry will compute: no whitespace, keys as given. */
function jsonBytes(value) {
    return Buffer.from(JSON.stringify(value));
}
/** Annotations only when there are any: an empty object would change the digest for nothing. */
const annotated = (annotations = {}) => (Object.keys(annotations).length ? { annotations } : {});
function ociManifest(config, layers, annotations) {
    return jsonBytes({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers, ...annotated(annotations) });
}
function ociIndex(manifests, annotations) {
    return jsonBytes({ schemaVersion: 2, mediaType: OCI_INDEX, manifests, ...annotated(annotations) });
}
/**
 * The image config with the labels input added to its Labels. Without labels the built config's
 * bytes are kept as they are; with them only config.Labels changes (the layers are the tested ones).
 */
function withLabels(config, labels) {
    if (Object.keys(labels).length === 0)
        return config;
    const parsed = JSON.parse(config.toString('utf8'));
    parsed.config = { ...parsed.config, Labels: { ...parsed.config?.Labels, ...labels } };
    return jsonBytes(parsed);
}
/** The index entry's platform, from the image's own config (so it can never disagree with it). */
function platformOf(config, where) {
    if (!config.os || !config.architecture)
        throw new Error(`${where}: the image config names no os/architecture, so the index cannot say which platform it is.`);
    return { os: config.os, architecture: config.architecture, ...(config.variant ? { variant: config.variant } : {}) };
}
function totals(images) {
    const layers = images.flatMap((i) => i.layers);
    const configs = images.map((i) => i.config);
    const sum = (list) => list.reduce((n, b) => n + b.size, 0);
    return {
        layersUploaded: layers.filter((l) => l.uploaded).length,
        layerBytesUploaded: sum(layers.filter((l) => l.uploaded)),
        layersSkipped: layers.filter((l) => !l.uploaded).length,
        layerBytesSkipped: sum(layers.filter((l) => !l.uploaded)),
        configBytesUploaded: sum(configs.filter((c) => c.uploaded)),
        configBytesSkipped: sum(configs.filter((c) => !c.uploaded)),
    };
}
/**
 * Where config and layers are in an archive: `docker save` layout (manifest.json, what dockerTools
 * and Docker 20–24 write) or OCI layout (index.json, what Docker 25+ writes).
 */
function archiveLayout(files, where) {
    const text = (name) => {
        const file = files.get(archiveName(name));
        if (!file?.bytes)
            throw new Error(`${where}: the archive has no ${name}, or it is too large to be one.`);
        return file.bytes.toString('utf8');
    };
    if (files.has('manifest.json')) {
        const manifest = JSON.parse(text('manifest.json'));
        if (manifest.length !== 1)
            throw new Error(`${where}: the archive holds ${manifest.length} images; an image file must hold exactly one.`);
        return { config: Buffer.from(text(manifest[0].Config)), layers: manifest[0].Layers };
    }
    if (files.has('index.json')) {
        const blob = (digest) => `blobs/${digest.replace(':', '/')}`;
        const index = JSON.parse(text('index.json'));
        if (index.manifests?.length !== 1)
            throw new Error(`${where}: the OCI layout lists ${index.manifests?.length ?? 0} images; an image file must hold exactly one.`);
        const manifest = JSON.parse(text(blob(index.manifests[0].digest)));
        return { config: Buffer.from(text(blob(manifest.config.digest))), layers: manifest.layers.map((l) => blob(l.digest)) };
    }
    throw new Error(`${where}: neither manifest.json (docker save) nor index.json (OCI layout) is in the archive.`);
}
/**
 * The docker-archive of an image, readable as often as needed: the file itself (decompressed when
 * it is a .tar.gz), what a stream script writes, or, for nix2container (whose layers exist only
 * when copied), `docker save` of the very image that was loaded and tested.
 */
function archiveSource(image, loaded) {
    if (image.kind !== 'nix2container')
        return () => openArchive(image);
    if (!loaded) {
        throw new Error(`${image.installable} is a nix2container image that was not loaded into Docker on this runner (${image.runNote ?? 'it could not be run here'}); its layers exist only when nix2container copies them, so it cannot be pushed from here. Build and publish it on a runner that can run ${image.system} (or with emulation).`);
    }
    return () => processArchive('docker', ['save', loaded.imageId]);
}
/** Digest, size and gzip-ness of every file in the archive, small JSON files kept whole: a read that hashes every byte. */
async function scanFiles(stream) {
    const files = new Map();
    for await (const { entry, body } of readTar(stream)) {
        if (entry.type !== '0' && entry.type !== '7')
            continue;
        const hash = (0,external_node_crypto_.createHash)('sha256');
        const kept = [];
        let first;
        let keep = false;
        for await (const chunk of body) {
            if (!first) {
                first = chunk;
                keep = keepsBytes(entry.size, chunk);
            }
            hash.update(chunk);
            if (keep)
                kept.push(chunk);
        }
        files.set(archiveName(entry.name), {
            digest: `sha256:${hash.digest('hex')}`,
            size: entry.size,
            gzip: !!first && isGzip(first),
            bytes: keep ? Buffer.concat(kept) : undefined,
        });
    }
    return files;
}
async function builtin_withArchive(source, fn) {
    const read = source();
    let completed = false;
    try {
        const result = await fn(read.stream);
        completed = true;
        return result;
    }
    finally {
        await read.close(completed);
    }
}
/**
 * Each layer's blob digest without hashing it where the archive says it: an OCI layout names its
 * blobs by digest, and an uncompressed layer is its own diff_id (which `docker load` checked, and
 * the registry checks again on upload). A gzip layer of a docker-save archive is known only once
 * hashed: undefined then.
 */
function layerDigests(layers, files, diffIds, where) {
    if (diffIds.length !== layers.length)
        throw new Error(`${where}: the config lists ${diffIds.length} layers but the archive has ${layers.length}.`);
    return layers.map((name, i) => {
        const file = files.get(archiveName(name));
        if (!file)
            throw new Error(`${where}: the archive's manifest names layer ${name}, which is not in the archive.`);
        const blob = /^blobs\/sha256\/([0-9a-f]{64})$/.exec(archiveName(name));
        if (blob)
            return `sha256:${blob[1]}`;
        if (file.gzip)
            return file.digest;
        // An uncompressed layer that was hashed must be its own diff_id: if not, the archive contradicts its config.
        if (file.digest && file.digest !== diffIds[i])
            throw new Error(`${where}: layer ${name} has digest ${file.digest} but the config says ${diffIds[i]}; the archive is inconsistent.`);
        return diffIds[i];
    });
}
/** The archive's files without hashing them (one read, layers skipped). */
async function listFiles(stream) {
    return (await scanArchive(stream, { layers: false })).files ?? new Map();
}
/**
 * What the image is made of, and where each layer is in the archive: from the read the load made
 * (`known`) when there was one, else from a read of its own; hashed only when a layer's digest is
 * nowhere else (a gzip layer in a docker-save archive).
 */
async function prepare(image, source, labels, known) {
    const where = `${image.installable} (${image.storePath})`;
    let files = known ?? (await builtin_withArchive(source, listFiles));
    const layout = archiveLayout(files, where);
    const config = JSON.parse(layout.config.toString('utf8'));
    const diffIds = config.rootfs?.diff_ids ?? [];
    let digests = layerDigests(layout.layers, files, diffIds, where);
    if (digests.some((d) => !d)) {
        files = await builtin_withArchive(source, scanFiles);
        digests = layerDigests(layout.layers, files, diffIds, where);
    }
    const layers = layout.layers.map((name, i) => {
        const file = files.get(archiveName(name));
        return { mediaType: file.gzip ? OCI_LAYER_GZIP : OCI_LAYER, digest: digests[i], size: file.size, entry: archiveName(name), diffId: diffIds[i] };
    });
    const platform = platformOf(config, where);
    const bytes = withLabels(layout.config, labels);
    return {
        system: image.system,
        platform,
        config: { mediaType: OCI_CONFIG, digest: builtin_sha256(bytes), size: bytes.length, bytes },
        layers,
        source,
    };
}
/**
 * The blob a layer should be in the registry as, if that blob may already be there: the archive's
 * own (uncompressed, or compressed in the archive already, which is never compressed again), or,
 * to compress, the blob an earlier push compressed the same content to. Undefined: compress it.
 */
function candidateBlob(layer, compression, pushed) {
    if (!compresses(layer, compression))
        return { mediaType: layer.mediaType, digest: layer.digest, size: layer.size };
    const earlier = pushed.get(layer.diffId);
    return earlier && compressionOf(earlier.mediaType) === compression ? earlier : undefined;
}
/** Whether the layer is compressed on its way: only an uncompressed one, and only when asked. */
function compresses(layer, compression) {
    return compression !== 'none' && compressionOf(layer.mediaType) === 'none';
}
/**
 * Sends the blobs the registry lacks (one more read of the archive when a layer is missing), each
 * layer compressed on the way when `compression` asks and no earlier push has it so. `pushed`
 * (blobs by diff_id) learns every layer sent, for the next image and a retry.
 */
async function sendBlobs(client, image, compression, pushed, log) {
    const configPresent = await client.hasBlob(image.config.digest);
    if (!configPresent)
        await client.uploadBlob(image.config.digest, image.config.bytes);
    // Each distinct layer once: a layer listed twice is checked, sent and counted once.
    const distinct = [...new Map(image.layers.map((l) => [l.digest, l])).values()];
    const resolved = new Map();
    const missing = new Map();
    for (const layer of distinct) {
        const candidate = candidateBlob(layer, compression, pushed);
        const size = candidate && (await client.blobSize(candidate.digest));
        if (candidate && size !== undefined) {
            // A layer taken by its diff_id without hashing must be what the registry holds under it.
            if (candidate.digest === layer.digest && size >= 0 && size !== layer.size)
                throw new Error(`layer ${layer.entry} is ${layer.size} bytes, but the registry's blob ${layer.digest} is ${size}: the archive does not match its config's diff_ids. Rebuild the image.`);
            // An earlier push's blob of another size is not that blob: compressed and sent again.
            if (candidate.digest === layer.digest || size < 0 || size === candidate.size) {
                resolved.set(layer.digest, candidate);
                continue;
            }
        }
        missing.set(layer.entry, layer);
    }
    const sent = new Set();
    if (missing.size > 0) {
        await builtin_withArchive(image.source, async (stream) => {
            for await (const { entry, body } of readTar(stream)) {
                const layer = missing.get(archiveName(entry.name));
                if (!layer || sent.has(layer.digest))
                    continue;
                if (compresses(layer, compression)) {
                    log(`  compressing (${compression}) and uploading layer ${layer.diffId} (${layer.size} bytes uncompressed)`);
                    const blob = await client.uploadComputed(compressed(body, compression), `layer ${layer.diffId} (${compression})`);
                    resolved.set(layer.digest, { mediaType: LAYER_MEDIA_TYPES[compression], ...blob });
                }
                else {
                    log(`  uploading layer ${layer.digest} (${layer.size} bytes)`);
                    await client.uploadBlob(layer.digest, body);
                    resolved.set(layer.digest, { mediaType: layer.mediaType, digest: layer.digest, size: layer.size });
                }
                pushed.set(layer.diffId, resolved.get(layer.digest));
                sent.add(layer.digest);
            }
        });
        const unsent = [...missing.values()].filter((l) => !sent.has(l.digest));
        if (unsent.length)
            throw new Error(`layers ${unsent.map((l) => l.entry).join(', ')} were not found on the second read of the archive (does the stream script write the same archive every time?).`);
    }
    const layers = distinct.map((l) => ({ digest: resolved.get(l.digest).digest, size: resolved.get(l.digest).size, uploaded: sent.has(l.digest) }));
    return {
        config: { digest: image.config.digest, size: image.config.size, uploaded: !configPresent },
        layers,
        descriptors: image.layers.map((l) => resolved.get(l.digest)),
    };
}
/**
 * Pushes every image of one container by digest, then one index under every tag. `retry` wraps
 * each step that may be repeated safely (it is withRetries, publish.ts's bounded backoff for transient failures).
 */
async function pushByDigest(target, 
/** `read`: what was read of the image's archive while it loaded, if it was. */
images, metadata, log, retry) {
    const { tags, annotations, labels, compression } = metadata;
    const client = new RegistryClient(target.registry, target.repository, target.credentials, 'pull,push');
    const name = `${target.registry}/${target.repository}`;
    // What the tags about to move already hold, so unchanged layers keep the blobs they were pushed as.
    const blobsByDiffId = compression === 'none' ? new Map() : await pushedLayers(client, tags, log);
    const pushed = [];
    const entries = [];
    for (const { image, loaded, read } of images) {
        // A read that failed (the SBOM reader's parse) is not the publisher's: it reads on its own.
        const known = (await read?.catch(() => undefined))?.files;
        const prepared = await prepare(image, archiveSource(image, loaded), labels, known);
        const { descriptors, ...blobs } = await retry(`pushing the ${image.platform} blobs to ${name}`, () => sendBlobs(client, prepared, compression, blobsByDiffId, log));
        const manifest = ociManifest({ mediaType: OCI_CONFIG, digest: prepared.config.digest, size: prepared.config.size }, descriptors, annotations.manifest);
        const digest = builtin_sha256(manifest);
        await retry(`pushing ${name}@${digest}`, () => client.putManifest(digest, OCI_MANIFEST, manifest));
        pushed.push({ system: image.system, platform: image.platform, digest, ...blobs });
        entries.push({ mediaType: OCI_MANIFEST, digest, size: manifest.length, platform: prepared.platform });
        const up = blobs.layers.filter((l) => l.uploaded);
        log(`${name}@${digest} (${image.platform}): ${blobs.layers.length} layer(s), ${up.length} uploaded (${up.reduce((n, l) => n + l.size, 0)} bytes), ` +
            `${blobs.layers.length - up.length} already in the registry (${blobs.layers.filter((l) => !l.uploaded).reduce((n, l) => n + l.size, 0)} bytes skipped); config ${blobs.config.uploaded ? 'uploaded' : 'already there'}`);
    }
    const index = ociIndex(entries, annotations.index);
    const indexDigest = builtin_sha256(index);
    // The tags move last, all to the same index, once every image it lists is in the registry.
    for (const tag of tags)
        await retry(`tagging ${name}:${tag}`, () => client.putManifest(tag, OCI_INDEX, index));
    return { index: indexDigest, images: pushed, upload: { ...totals(pushed), compression } };
}

// EXTERNAL MODULE: ./src/retry.ts
var retry = __nccwpck_require__(9809);
;// CONCATENATED MODULE: ./src/publish/publish.ts





class PublishError extends Error {
    constructor(message) {
        super(message);
        this.name = 'PublishError';
    }
}
// podman's words and Node's (fetch, undici) for a registry that is briefly gone or overloaded.
const TRANSIENT = /connection refused|connection reset|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|EPIPE|socket hang up|other side closed|fetch failed|cannot reach|i\/o timeout|unexpected EOF|TLS handshake timeout|50[0234] |HTTP 50[0234]\b|Service Unavailable|Bad Gateway|too many requests|429/i;
const AUTH = /unauthorized|authentication required|invalid username\/password|incorrect username or password|denied|\b401\b|\b403\b/i;
function isTransient(text) {
    return TRANSIENT.test(text) && !AUTH.test(text);
}
/** Retries an idempotent push with bounded backoff when the registry seems briefly unavailable. */
function withRetries(what, fn, log, delaysMs = [2000, 5000]) {
    const text = (e) => (0,errors/* messageOf */.b)(e);
    return (0,retry/* retry */.L5)(fn, {
        delayMs: (0,retry/* afterDelays */.t_)(delaysMs),
        retryable: (e) => isTransient(text(e)),
        onRetry: (e, failures, delay) => log(`${what} failed (attempt ${failures} of ${delaysMs.length + 1}), retrying in ${delay / 1000}s: ${text(e).split('\n').slice(-1)[0]}`),
    });
}
/** Where the action's inputs say to push (the builtin publisher, and a manifest app that is not flocken). */
function inputTarget(settings, container) {
    return {
        registry: settings.registry,
        repository: container.repository,
        tags: settings.tags,
        credentials: { username: settings.username, password: settings.password },
        source: 'inputs registry, repository and tags',
    };
}
/** Refuses, before anything is pushed, a destination the registry would reject half-way through. */
function checkTargets(targets, manifest) {
    for (const t of targets) {
        const bad = t.tags.find((tag) => !isValidTag(tag));
        if (bad !== undefined) {
            throw new PublishError(`The manifest app ${manifest} would push ${t.registry}/${t.repository}:${bad}, and '${bad}' is not a valid tag (letters, digits, '.', '_' and '-', at most 128, not starting with '.' or '-'); nothing was pushed. ` +
                `Tags come from flocken's tags, branch and version options in the flake (see ${t.source}).`);
        }
        if (!isValidRepository(t.repository)) {
            throw new PublishError(`The manifest app ${manifest} would push to ${t.registry}/${t.repository}, which is not a valid repository name (lowercase letters, digits and separators); nothing was pushed. Fix repo (or github.repo) in the flake (see ${t.source}).`);
        }
    }
}
function describeTargets(targets) {
    return targets.map((t) => `${t.registry}/${t.repository} (tags ${t.tags.join(', ')})`).join('; ');
}
/** Whose login a registry refused, and where it came from. */
function loginOf(targets, settings) {
    const users = [...new Set(targets.map((t) => t.credentials.username))];
    if (users.length === 1 && users[0] === settings.username)
        return { user: users[0], from: 'inputs username and password' };
    return { user: users.join("' or '"), from: "the logins of the flake's registries" };
}
function explainPushFailure(e, targets, login, what) {
    const text = (0,errors/* messageOf */.b)(e);
    const registries = [...new Set(targets.map((t) => t.registry))].join(' or ');
    if (AUTH.test(text)) {
        return new PublishError(`${what}: ${registries} refused the credentials of user '${login.user}' (${login.from}; on ghcr.io the workflow needs permissions: packages: write).\n${text.slice(-1500)}`);
    }
    if (TRANSIENT.test(text)) {
        return new PublishError(`${what}: ${registries} could not be reached after retries; check that it is up and re-run (pushing again is safe).\n${text.slice(-1500)}`);
    }
    return e instanceof Error ? e : new Error(text);
}
/**
 * The builtin publisher (builtin.ts): every system's image by digest, one index from those digests,
 * then the tags; blobs the registry has are skipped. Credentials stay in this process.
 */
async function pushBuiltin(target, images, metadata, log, loaded = [], read = new Map()) {
    try {
        return await pushByDigest(target, images.map((image) => ({ image, loaded: loaded.find((l) => l.installable === image.installable), read: read.get(image.installable) })), { tags: target.tags, ...metadata }, log, (what, fn) => withRetries(what, fn, (m) => log(m)));
    }
    catch (e) {
        throw explainPushFailure(e, [target], { user: target.credentials.username, from: 'inputs username and password' }, `Pushing ${target.registry}/${target.repository}`);
    }
}

;// CONCATENATED MODULE: ./src/image/store-names.ts
// Store paths as SBOM components name them, pure: <hash>-<pname>-<version>[-output], purls, and
// // Nix's hashes (base-32, hex or SRI) as CycloneDX wants them.
/** Outputs nixpkgs appends to a store name; `out` never appears there. */
const OUTPUTS = new Set(['bin', 'dev', 'lib', 'man', 'doc', 'info', 'devdoc', 'static', 'debug', 'sbin', 'modules', 'examples', 'python']);
const STORE_BASENAME = /^[0-9a-df-np-sv-z]{32}-(.+)$/;
/** `/nix/store/<hash>-bash-interactive-5.2p37` → `bash-interactive-5.2p37`. */
function storeNameOf(path) {
    const base = path.slice(path.lastIndexOf('/') + 1);
    return STORE_BASENAME.exec(base)?.[1] ?? base;
}
/**
 * Name and version the way Nix's builtins.parseDrvName splits them: the name runs up to the first
 * dash that is not followed by a letter. A known output suffix is split off the version.
 */
function parseStoreName(storeName) {
    for (let i = 0; i < storeName.length - 1; i++) {
        if (storeName[i] === '-' && !/[A-Za-z]/.test(storeName[i + 1])) {
            const name = storeName.slice(0, i);
            let version = storeName.slice(i + 1);
            const dash = version.lastIndexOf('-');
            if (dash > 0 && OUTPUTS.has(version.slice(dash + 1))) {
                const output = version.slice(dash + 1);
                version = version.slice(0, dash);
                return { name, version, output };
            }
            return { name, version };
        }
    }
    return { name: storeName };
}
/** A package URL: pkg:nix/<name>@<version>, percent-encoded as the purl spec asks. */
function nixPurl(parsed) {
    const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    return `pkg:nix/${enc(parsed.name)}${parsed.version ? `@${enc(parsed.version)}` : ''}${parsed.output ? `?output=${enc(parsed.output)}` : ''}`;
}
const NIX32 = '0123456789abcdfghijklmnpqrsvwxyz';
const HASH_BYTES = { md5: 16, sha1: 20, sha256: 32, sha512: 64 };
const CDX_ALG = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' };
/** Nix's own base-32 (as in store paths and `sha256:…` hashes) to bytes. */
function decodeNix32(text, bytes) {
    const out = Buffer.alloc(bytes);
    for (let n = 0; n < text.length; n++) {
        const digit = NIX32.indexOf(text[text.length - n - 1]);
        if (digit === -1)
            throw new Error(`${JSON.stringify(text)} is not Nix base-32`);
        const b = n * 5;
        const i = b >> 3;
        const j = b & 7;
        out[i] |= (digit << j) & 0xff;
        if (i < bytes - 1)
            out[i + 1] |= digit >> (8 - j);
    }
    return out;
}
/**
 * A NAR hash as the path-info JSON gives it (SRI `sha256-<base64>` in Nix 2.4 and later,
 * `sha256:<base-32>` before, or an object in the newest JSON) as a CycloneDX hash: hex content.
 */
function nixHashToHex(hash) {
    let algorithm;
    let value;
    if (typeof hash === 'string') {
        const m = /^(md5|sha1|sha256|sha512)[-:](.+)$/.exec(hash);
        if (!m)
            return undefined;
        [, algorithm, value] = m;
    }
    else if (hash && typeof hash === 'object') {
        const h = hash;
        if (typeof h.algorithm !== 'string' || typeof h.hash !== 'string')
            return undefined;
        return nixHashToHex(h.hash.includes('-') || h.hash.includes(':') ? h.hash : `${h.algorithm}:${h.hash}`);
    }
    if (!algorithm || !value)
        return undefined;
    const bytes = HASH_BYTES[algorithm];
    let raw;
    if (value.length === bytes * 2 && /^[0-9a-f]+$/i.test(value))
        raw = Buffer.from(value, 'hex');
    else if (value.length === Math.ceil((bytes * 8) / 5) && [...value].every((c) => NIX32.includes(c)))
        raw = decodeNix32(value, bytes);
    else
        raw = Buffer.from(value, 'base64');
    if (raw.length !== bytes)
        return undefined;
    return { alg: CDX_ALG[algorithm], content: raw.toString('hex') };
}

;// CONCATENATED MODULE: ./src/image/sbom.ts
// A CycloneDX SBOM for every built image, made from the Nix store paths the image contains.
//
// Which closure describes an image? Not the image file's own: a dockerTools archive is usually
// compressed, so Nix finds no references in it (its closure is the archive alone), and a stream
// script's closure holds the tools that write the archive (python, the stream builder) beside the
// contents. So the SBOM starts from what is inside the image: the nix/store/<hash>-<name>/ entries of
// its layers (archives and streams are read once, as a stream), or the store paths a nix2container
// image.json lists for its layers. Those paths and their runtime closure (`nix path-info --recursive`)
// are the components; store references are the dependency edges. Files outside /nix/store (written
// by extraCommands, or from a base image) are counted, not described: Nix knows nothing about them.







const SPEC_VERSION = '1.6';
/** Reported as the SBOM's tool. */
const sbom_TOOL = { name: 'nix-container-action', version: '1.0.0' };
// ---- store names and hashes (pure) -------------------------------------------------------------
// ---- what an image contains --------------------------------------------------------------------
function comparePaths(a, b) {
    return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
// ---- the closure -------------------------------------------------------------------------------
const BATCH = 500;
/**
 * Path info for the image's store paths and everything they reference. Paths the local store does
 * not have (an image built on a remote builder brings back only the image file) are returned as
 * invalid: they still become components, without hash or references.
 */
async function closureOf(nix, paths) {
    const byPath = new Map();
    for (let i = 0; i < paths.length; i += BATCH) {
        const batch = paths.slice(i, i + BATCH);
        const direct = await pathInfo(nix, batch, false);
        for (const info of direct)
            byPath.set(info.path, info);
        const valid = direct.filter((d) => d.valid).map((d) => d.path);
        if (valid.length === 0)
            continue;
        for (const info of await pathInfo(nix, valid, true))
            byPath.set(info.path, info);
    }
    return [...byPath.values()].sort(comparePaths);
}
function pathInfo(nix, paths, recursive) {
    return queryPathInfo(nix, [...(recursive ? ['--recursive'] : []), ...paths]);
}
/** An RFC 4122 (version 5 layout) UUID from content, so the same image always gets the same SBOM. */
function contentUuid(text) {
    const h = (0,external_node_crypto_.createHash)('sha256').update(text).digest();
    h[6] = (h[6] & 0x0f) | 0x50;
    h[8] = (h[8] & 0x3f) | 0x80;
    const hex = h.subarray(0, 16).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
/** Store paths nothing else in the closure refers to: the packages the image was asked to hold. */
function topLevel(closure) {
    const referenced = new Set(closure.flatMap((c) => c.references.filter((r) => r !== c.path)));
    return closure.filter((c) => !referenced.has(c.path));
}
function componentOf(info, inImage) {
    const parsed = parseStoreName(storeNameOf(info.path));
    const hash = nixHashToHex(info.narHash);
    const properties = [{ name: 'nix:store_path', value: info.path }];
    if (info.narSize !== undefined)
        properties.push({ name: 'nix:nar_size', value: String(info.narSize) });
    if (info.deriver)
        properties.push({ name: 'nix:deriver', value: info.deriver });
    if (parsed.output)
        properties.push({ name: 'nix:output', value: parsed.output });
    // Honest about what the SBOM could not see: a path the image lacks, or the store lacks.
    if (!inImage)
        properties.push({ name: 'nix:in_image', value: 'false' });
    if (!info.valid)
        properties.push({ name: 'nix:in_local_store', value: 'false' });
    return {
        type: 'library',
        'bom-ref': info.path,
        name: parsed.name,
        ...(parsed.version ? { version: parsed.version } : {}),
        purl: nixPurl(parsed),
        ...(hash ? { hashes: [hash] } : {}),
        properties,
    };
}
function buildSbom(subject, contents, closure) {
    const inImage = new Set(contents.storePaths);
    const infos = new Map(closure.map((c) => [c.path, c]));
    // Paths the image holds that path-info did not answer for are still components.
    for (const p of contents.storePaths)
        if (!infos.has(p))
            infos.set(p, { path: p, valid: false, references: [] });
    const all = [...infos.values()].sort(comparePaths);
    const components = all.map((c) => componentOf(c, inImage.has(c.path)));
    const roots = topLevel(all).map((c) => c.path);
    const imageRef = subject.storePath;
    const properties = [
        {
            name: 'nix-container-action:closure_source',
            value: subject.kind === 'nix2container' ? 'store paths listed in the nix2container image.json layers' : 'store paths found in the image layers',
        },
        { name: 'nix-container-action:layers', value: String(contents.layers) },
    ];
    if (contents.otherFiles !== undefined)
        properties.push({ name: 'nix-container-action:files_outside_store', value: String(contents.otherFiles) });
    if (contents.undescribedLayers > 0)
        properties.push({ name: 'nix-container-action:undescribed_layers', value: String(contents.undescribedLayers) });
    const body = {
        $schema: `http://cyclonedx.org/schema/bom-${SPEC_VERSION}.schema.json`,
        bomFormat: 'CycloneDX',
        specVersion: SPEC_VERSION,
        version: 1,
        metadata: {
            // No timestamp: the same image gives the same SBOM, byte for byte.
            tools: { components: [{ type: 'application', 'bom-ref': `tool:${sbom_TOOL.name}`, name: sbom_TOOL.name, version: sbom_TOOL.version }] },
            component: {
                type: 'container',
                'bom-ref': imageRef,
                name: subject.container,
                description: `${subject.installable} (${subject.platform})`,
                properties: [
                    { name: 'nix:store_path', value: subject.storePath },
                    { name: 'nix:system', value: subject.system },
                    { name: 'nix-container-action:platform', value: subject.platform },
                    { name: 'nix-container-action:kind', value: subject.kind },
                ],
            },
            properties,
        },
        components,
        dependencies: [
            { ref: imageRef, dependsOn: roots },
            ...all.map((c) => ({ ref: c.path, dependsOn: c.references.filter((r) => r !== c.path && infos.has(r)) })),
        ],
    };
    const serialNumber = `urn:uuid:${contentUuid(JSON.stringify(body))}`;
    return { ...body, serialNumber };
}
/** Key of an image in the sboms output: `<container>/<system>`. */
function sbomKey(image) {
    return `${image.container}/${image.system}`;
}
function sbomFileName(image) {
    return `${image.container}-${image.system}.cdx.json`;
}
function sbomDirectory(env = process.env) {
    return (0,external_node_path_.join)(env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'nix-container-action', 'sbom');
}
function summarize(subject, bom, file, contents) {
    const byRef = new Map(bom.components.map((c) => [c['bom-ref'], c]));
    const roots = bom.dependencies.find((d) => d.ref === bom.metadata.component['bom-ref'])?.dependsOn ?? [];
    return {
        container: subject.container,
        system: subject.system,
        platform: subject.platform,
        file,
        components: bom.components.length,
        topLevel: roots.map((r) => byRef.get(r)).map((c) => (c ? `${c.name}${c.version ? ` ${c.version}` : ''}` : '?')),
        notInStore: bom.components.filter((c) => c.properties?.some((p) => p.name === 'nix:in_local_store')).length,
        otherFiles: contents.otherFiles,
    };
}
/**
 * Reads the image (or takes what was read of it while it loaded), asks Nix for the closure, writes
 * `<dir>/<container>-<system>.cdx.json`.
 */
async function writeSbom(nix, image, dir, read) {
    let contents;
    try {
        contents = await (read ?? imageContents(image));
    }
    catch (e) {
        throw new Error(`Reading ${image.storePath} (${image.kind}) for its SBOM failed: ${e.message}. The SBOM reader knows docker-archive and OCI-layout layers (tar or tar.gz) and nix2container image.json files; set sbom: false to go on without SBOMs.`, { cause: e });
    }
    const closure = contents.storePaths.length ? await closureOf(nix, contents.storePaths) : [];
    const bom = buildSbom(image, contents, closure);
    await (0,promises_.mkdir)(dir, { recursive: true });
    const file = (0,external_node_path_.join)(dir, sbomFileName(image));
    await (0,promises_.writeFile)(file, `${JSON.stringify(bom, null, 2)}\n`);
    return { result: summarize(image, bom, file, contents), bom };
}
/**
 * The SBOM stage: one file per image, in build order, and a line in the log for each. `read` holds
 * the contents of the images already read while they loaded (stream images), by installable.
 */
async function writeSboms(nix, images, dir, log, read = new Map()) {
    const results = [];
    for (const image of images) {
        const { result } = await writeSbom(nix, image, dir, read.get(image.installable));
        results.push(result);
        const extra = [
            result.notInStore ? `${result.notInStore} not in the local store (no hash, no references)` : '',
            result.otherFiles ? `${result.otherFiles} file${result.otherFiles === 1 ? '' : 's'} outside /nix/store not described` : '',
        ].filter(Boolean);
        log(`${image.container} ${image.platform}: ${result.components} components; top level: ${result.topLevel.join(', ') || '(none)'}${extra.length ? `; ${extra.join('; ')}` : ''} → ${result.file}`);
    }
    return results;
}

;// CONCATENATED MODULE: ./src/cache/report.ts
// What a run's caching reports: substituters, pushes, where each image came from.

function emptyCacheReport() {
    return { substituters: [], pushes: [] };
}
/** Where an image's output came from in this run, from what Nix reported (not guessed). */
function imageSource(image, activity, restored = []) {
    if (!activity)
        return undefined;
    if (activity.built.includes(image.drvPath))
        return 'built';
    if (activity.fetched.includes(image.storePath))
        return 'substituted';
    if (restored.includes(image.storePath))
        return 'restored';
    return 'in store';
}
const hash16 = (text) => (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex').slice(0, 16);

;// CONCATENATED MODULE: ./src/cache/args.ts
// Cache settings to nix.conf lines, store URLs and argument arrays: pure, table-tested.

const unique = (list) => [...new Set(list)];
/** The NIX_CONFIG lines that make Nix substitute from the caches (extra-: the runner's own stay). */
function substituterLines(subs) {
    const urls = unique(subs.map((s) => s.url));
    const keys = unique(subs.flatMap((s) => s.publicKeys));
    return [urls.length ? `extra-substituters = ${urls.join(' ')}` : '', keys.length ? `extra-trusted-public-keys = ${keys.join(' ')}` : ''].filter(Boolean);
}
/** Adds store parameters (`?secret-key=…`) to a store URL, keeping those the user gave. */
function withStoreParams(url, params) {
    const query = Object.entries(params)
        .map(([k, v]) => `${k}=${v}`)
        .join('&');
    if (!query)
        return url;
    return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}
/** A cache URL for logs and the summary: no query string (it may name key files). */
function displayUrl(url) {
    return url.replace(/\?.*$/, '');
}
/**
 * `nix copy` to a binary cache. With a secret key the cache store signs each path as it uploads it
 * (the `secret-key` store parameter): unlike `nix store sign` this needs no trusted-user rights on a
 * multi-user Nix and leaves the local store's signatures alone.
 */
function copyToArgs(url, roots, secretKeyFile) {
    return ['copy', '--to', secretKeyFile ? withStoreParams(url, { 'secret-key': secretKeyFile }) : url, ...roots];
}
/** Asks a store which paths it has; a negative answer must not be remembered, we ask again after pushing. */
function pathInfoArgs(store, paths) {
    return ['--store', store, '--option', 'narinfo-cache-negative-ttl', '0', ...paths];
}
/** `cachix push` takes roots and pushes their closures; the credentials travel in the environment. */
function cachixPushArgs(name, roots) {
    return ['push', name, ...roots];
}
function cachixEnv(cachix) {
    return {
        ...(cachix.authToken ? { CACHIX_AUTH_TOKEN: cachix.authToken } : {}),
        ...(cachix.signingKey ? { CACHIX_SIGNING_KEY: cachix.signingKey } : {}),
    };
}
/**
 * The Actions cache key: a prefix from the runner's system and a hash of flake.lock, the containers
 * and systems, then a hash of the built image paths. Entries are immutable, so a changed image gets
 * a new key; the restore matches the newest entry by prefix.
 */
function actionsCacheKeys(input) {
    const prefix = `nix-container-action-${input.host}-${hash16(JSON.stringify([input.lock, input.containers, input.systems]))}`;
    return { prefix, key: input.roots ? `${prefix}-${hash16([...input.roots].sort().join('\n'))}` : undefined };
}
/** The store paths a binary cache directory holds, from its .narinfo files. */
function narinfoStorePath(text) {
    return /^StorePath: (\S+)$/m.exec(text)?.[1];
}
/** `<flake>#attr` → what `nix eval --raw` prints the output path of. */
function outPathInstallable(installable) {
    return `${installable}.outPath`;
}

;// CONCATENATED MODULE: ./src/pipeline/report.ts



function imagesOutput(report) {
    return report.built.map((b) => {
        const t = report.tests.find((t) => t.image.installable === b.installable);
        return {
            container: b.container,
            system: b.system,
            platform: b.platform,
            storePath: b.storePath,
            kind: b.kind,
            reference: t?.loaded?.reference,
            imageId: t?.loaded?.imageId,
            size: t?.loaded?.imageSize ?? b.size,
            test: t?.status ?? 'not run',
        };
    });
}
/** The metadata output: every container's destinations, platforms and images, by container. */
function metadataOutput(report) {
    const out = {};
    const images = imagesOutput(report);
    for (const container of [...new Set(report.built.map((b) => b.container))]) {
        const published = (report.publication?.images ?? []).filter((p) => p.container === container);
        const own = images.filter((i) => i.container === container);
        out[container] = {
            destinations: published.map(({ name, digest, tags }) => ({ name, digest, tags })),
            platforms: published[0]?.platforms ?? own.map((i) => i.platform).sort(),
            images: own.map(({ system, platform, imageId, reference, test }) => ({ system, platform, imageId, reference, test })),
        };
    }
    return out;
}
/**
 * Every output the action sets, from the report: none of the publishing ones when nothing was
 * pushed, so a later step can test `steps.<id>.outputs.digest != ''`. The first container (and its
 * native image) fills the single-valued outputs; `metadata` and `pushed` hold every container's.
 */
function actionOutputs(report, loaded) {
    const out = { images: JSON.stringify(imagesOutput(report)), metadata: JSON.stringify(metadataOutput(report)) };
    const first = report.built[0]?.container;
    const ofFirst = loaded.filter((l) => l.container === first);
    const native = ofFirst.find((l) => l.run === 'native') ?? ofFirst[0];
    if (native)
        Object.assign(out, { image: native.reference, imageid: native.imageId });
    const published = report.publication?.images ?? [];
    if (published.length > 0) {
        out.digest = published[0].digest;
        out.index = JSON.stringify(published[0].manifest);
        out.pushed = published.map((p) => `${p.name}@${p.digest}`).join('\n');
        out.tags = published.flatMap((p) => p.tags.map((t) => `${p.name}:${t}`)).join('\n');
    }
    if (report.sboms)
        out.sboms = JSON.stringify(sbomsOutput(report));
    return out;
}
/** The annotations the pushed index carries, as the registry returned it; their absence is worth a word. */
function annotationsLine(published) {
    const annotations = published.manifest?.annotations ?? {};
    const entries = Object.entries(annotations);
    if (entries.length === 0) {
        return `\`${published.name}\`'s index carries no OCI annotations: ghcr.io will not link the package to its repository (with flocken, use its GitHub mode or pass $ANNOTATIONS; see the README's quick start).`;
    }
    return `Index annotations: ${entries.map(([k, v]) => `\`${k.replace(/^org\.opencontainers\.image\./, '')}\` ${v}`).join(' · ')}`;
}
/** What the builtin publisher sent, and what it skipped because the registry already had it. */
function uploadLine(name, u) {
    return (`\`${name}\`: ${u.compression && u.compression !== 'none' ? `${u.compression} ` : ''}layers uploaded ${u.layersUploaded} (${formatBytes(u.layerBytesUploaded)}), ` +
        `already in the registry ${u.layersSkipped} (${formatBytes(u.layerBytesSkipped)} skipped); ` +
        `configs uploaded ${formatBytes(u.configBytesUploaded)}, skipped ${formatBytes(u.configBytesSkipped)}.`);
}
/** The sboms output: `<container>/<system>` → SBOM file. */
function sbomsOutput(report) {
    return Object.fromEntries((report.sboms ?? []).map((s) => [sbomKey(s), s.file]));
}
/** The SBOM section: how many store paths each image holds, and which packages were asked for. */
function sbomMarkdown(sboms) {
    const shown = 8;
    const rows = sboms.map((s) => [
        s.container,
        s.platform,
        String(s.components),
        s.topLevel.length ? s.topLevel.slice(0, shown).join(', ') + (s.topLevel.length > shown ? ` and ${s.topLevel.length - shown} more` : '') : '—',
        [
            s.notInStore ? `${s.notInStore} not in the local store` : '',
            s.otherFiles ? `${s.otherFiles} file${s.otherFiles === 1 ? '' : 's'} outside /nix/store` : '',
        ]
            .filter(Boolean)
            .join('; ') || '—',
        `\`${s.file}\``,
    ]);
    return ['### SBOM (CycloneDX)', table(['container', 'platform', 'components', 'top-level packages', 'not described', 'file'], rows)];
}
function formatBytes(n) {
    const units = ['B', 'KiB', 'MiB', 'GiB'];
    let v = n;
    let i = 0;
    while (v >= 1024 && i < units.length - 1) {
        v /= 1024;
        i++;
    }
    return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}
function table(head, rows) {
    const line = (cells) => `| ${cells.map((c) => c.replace(/\|/g, '\\|').replace(/\n/g, ' ')).join(' | ')} |`;
    return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}
function planTable(plan) {
    return table(['container', 'system', 'platform', 'build', 'smoke test'], plan.entries.map((e) => [
        e.container,
        e.system,
        e.platform,
        e.builder ? `${e.build} (${e.builder})` : e.build,
        e.run === 'none' ? `not run: ${e.runNote}` : e.run,
    ]));
}
const ICON = { passed: '✅ passed', failed: '❌ failed', skipped: '⏭️ skipped', 'not run': '—' };
function summaryMarkdown(report, error) {
    const parts = ['## nix-container-action'];
    if (error)
        parts.push(`> [!CAUTION]\n> ${error.split('\n').join('\n> ')}`);
    const facts = [report.host && `runner: \`${report.host}\``, report.nixVersion && `nix: ${report.nixVersion}`].filter(Boolean);
    if (facts.length)
        parts.push(facts.join(' · '));
    if (report.plan)
        parts.push('### Plan', planTable(report.plan));
    const images = imagesOutput(report);
    if (images.length) {
        parts.push('### Images', table(['container', 'platform', 'kind', 'reference', 'size', 'smoke test'], images.map((i) => [
            i.container,
            i.platform,
            i.kind,
            i.reference ? `\`${i.reference}\`` : '—',
            i.size === undefined ? '—' : formatBytes(i.size),
            ICON[i.test] ?? i.test,
        ])));
    }
    const failed = report.tests.filter((t) => t.status !== 'passed');
    for (const t of failed) {
        parts.push(`<details><summary>${t.image.container} ${t.image.platform}: ${t.status}${t.reason ? ` (${t.reason})` : ''}</summary>\n\n\`\`\`\n${t.output.slice(-4000)}\n\`\`\`\n</details>`);
    }
    if (report.publication) {
        const p = report.publication;
        parts.push('### Published', table(['container', 'image', 'digest', 'tags', 'platforms'], p.images.map((i) => [i.container, `\`${i.name}\``, `\`${i.digest}\``, i.tags.join(', '), i.platforms.join(', ')])));
        for (const i of p.images.filter((i) => i.upload))
            parts.push(uploadLine(i.name, i.upload));
        parts.push(...p.images.slice(0, 1).map(annotationsLine));
    }
    else if (report.pushSkipped) {
        parts.push(`### Not published\n${report.pushSkipped}`);
    }
    if (report.sboms?.length)
        parts.push(...sbomMarkdown(report.sboms));
    if (report.attestations?.length) {
        parts.push('### Attestations', table(['statement', 'predicate type', 'subjects', 'attestation'], report.attestations.map((a) => [
            a.what,
            a.predicateType,
            a.subjects.map((s) => `\`${s.name}@sha256:${s.digest.sha256}\``).join('<br>'),
            a.attestationId ?? '—',
        ])));
    }
    if (report.cache)
        parts.push(...cacheMarkdown(report.cache, report.built));
    return parts.join('\n\n') + '\n';
}
const SOURCE = {
    built: '🔨 built',
    substituted: '✅ substituted',
    restored: '✅ restored (Actions cache)',
    'in store': '✅ already in the store',
};
/** The Cache section: what Nix built and fetched, per-image hits, and every push. */
function cacheMarkdown(cache, built) {
    const parts = ['### Cache'];
    if (cache.substituters.length)
        parts.push(`Substituters: ${cache.substituters.map((s) => `\`${displayUrl(s.url)}\` (${s.name})`).join(', ')}`);
    const activity = cache.activity;
    if (activity) {
        parts.push(`Nix's build log: **${activity.built.length} derivation(s) built**, **${activity.fetched.length} path(s) substituted** from caches.`);
        const rows = built.map((b) => [b.container, b.platform, SOURCE[imageSource(b, activity, cache.actions?.restored?.paths) ?? 'built']]);
        const hits = built.filter((b) => imageSource(b, activity, cache.actions?.restored?.paths) !== 'built').length;
        if (rows.length)
            parts.push(`Cache hits: ${hits} of ${built.length} image(s) were not built here (substituted, restored or already in the store).`, table(['container', 'platform', 'image'], rows));
    }
    const actions = cache.actions;
    if (actions) {
        const lines = [
            actions.restored && `restored \`${actions.restored.key}\` (${actions.restored.paths.length} store paths imported)`,
            actions.saved && `saved \`${actions.saved.key}\` (${actions.saved.paths} store paths, ${formatBytes(actions.saved.bytes ?? 0)})`,
            actions.note,
        ].filter(Boolean);
        if (lines.length)
            parts.push(`GitHub Actions cache: ${lines.join('; ')}`);
    }
    if (cache.pushes.length) {
        parts.push(table(['cache', 'what', 'closure paths', 'already there', 'new paths', 'bytes stored', 'time', 'result'], cache.pushes.map((p) => [
            p.cache,
            p.what,
            String(p.closure),
            p.present === undefined ? '?' : String(p.present),
            p.pushed === undefined ? '?' : String(p.pushed),
            p.bytes === undefined ? '?' : formatBytes(p.bytes),
            `${(p.durationMs / 1000).toFixed(1)} s`,
            p.error ? `⚠️ ${lastLine(p.error)}` : '✅',
        ])));
    }
    if (cache.builderImage) {
        const b = cache.builderImage;
        parts.push(`Builder image \`${b.path}\`: ${b.caches.map((c) => `${c.cache} ${c.error ? `⚠️ ${lastLine(c.error)}` : c.pushed ? 'pushed' : c.present ? 'has it' : 'lacks it'}`).join('; ') || 'no cache to check'}`);
    }
    return parts;
}
/** The line of an error that says what went wrong (a command's own message comes last). */
const lastLine = (text) => text.trim().split('\n').filter(Boolean).slice(-1)[0] ?? '';

;// CONCATENATED MODULE: ./src/nix/config.ts
/** The systems this run builds here under QEMU: Nix must accept them as extra platforms. */
function emulatedBuilds(plan) {
    return plan.emulate.filter((s) => plan.entries.some((e) => e.system === s && e.build === 'emulated'));
}
function extraPlatformsLine(plan) {
    const emulated = emulatedBuilds(plan);
    return emulated.length > 0 ? `extra-platforms = ${emulated.join(' ')}` : undefined;
}
/** The nix.conf lines this run needs, appended to whatever NIX_CONFIG the runner already has. */
function nixConfig(plan, extraConf, existing = '', builders, cacheLines = []) {
    const lines = [existing.trim(), 'extra-experimental-features = nix-command flakes'];
    const platforms = extraPlatformsLine(plan);
    if (platforms)
        lines.push(platforms);
    // `builders` is one string, not a list: the caller passes the whole value (ours, then what Nix had).
    if (builders)
        lines.push(`builders = ${builders}`);
    // Builders fetch what they can from their own caches instead of waiting for this runner's upload.
    if (plan.entries.some((e) => e.build === 'remote'))
        lines.push('builders-use-substitutes = true');
    // extra-substituters / extra-trusted-public-keys from the caches; before extra-conf so the user has the last word.
    lines.push(...cacheLines);
    lines.push(extraConf.trim());
    return lines.filter(Boolean).join('\n');
}

;// CONCATENATED MODULE: ./src/cache/session.ts
// A run's caches as targets to ask and push to: the closure of what was built, which paths each
// cache already has, and the push of what it lacks (Cachix with its CLI, a binary cache with
// nix copy), with the secret key in a 0600 file only while it is used.








/**
 * cachix from a pinned nixpkgs (the revision and hash cachix/cachix-action's own devenv.lock pins),
 * realised through the runner's substituters (cache.nixos.org), only when no cachix is on PATH.
 */
const CACHIX_INSTALLABLE = 'github:NixOS/nixpkgs/b6067cc0127d4db9c26c79e4de0513e58d0c40c9?narHash=sha256-NXrKzNMniu4Oam2kAFvqJ3GB2kAvlAFIriTAheaY8hw=#cachix';
/** Each push (one command) gets this long; a slow cache must not hold the job hostage. */
const PUSH_TIMEOUT_MS = 10 * 60_000;
const QUERY_TIMEOUT_MS = 2 * 60_000;
const INSTALL_TIMEOUT_MS = 10 * 60_000;
// --- what a run reports --------------------------------------------------------------------------
// --- pure: settings → config lines and argument arrays ---------------------------------------------
// --- processes -----------------------------------------------------------------------------------
/** The closure of some store paths in the local store, with their NAR sizes. */
async function session_closureOf(nix, roots) {
    return queryPathInfo(nix, ['--recursive', ...roots], { timeoutMs: QUERY_TIMEOUT_MS });
}
/** Which of these paths a cache has, with the sizes it reports. */
async function presentIn(nix, store, paths) {
    if (paths.length === 0)
        return new Map();
    const infos = await queryPathInfo(nix, pathInfoArgs(store, paths), { timeoutMs: QUERY_TIMEOUT_MS, storeDir: storeDirOf(paths[0]) });
    return new Map(infos.filter((i) => i.valid).map((i) => [i.path, i]));
}
/** A secret key in a 0600 file for exactly as long as `fn` runs. */
async function withSecretKeyFile(secretKey, fn) {
    if (!secretKey)
        return fn(undefined);
    const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(process.env.RUNNER_TEMP ?? (0,external_node_os_.tmpdir)(), 'nca-key-'));
    const file = (0,external_node_path_.join)(dir, 'secret-key');
    try {
        await (0,promises_.writeFile)(file, secretKey, { mode: 0o600 });
        await (0,promises_.chmod)(file, 0o600);
        return await fn(file);
    }
    finally {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
}
/** cachix on PATH, or built from the pinned nixpkgs. */
async function findOrInstallCachix(nix, ui) {
    const found = await (0,exec/* which */.K7)('cachix');
    if (found)
        return found;
    ui.info(`cachix is not installed: realising ${CACHIX_INSTALLABLE}`);
    const { stdout } = await (0,exec/* run */.eF)({ cmd: nix.path, args: ['build', '--json', '--no-link', CACHIX_INSTALLABLE], env: nix.env }, { timeoutMs: INSTALL_TIMEOUT_MS });
    const outputs = JSON.parse(stdout).flatMap((r) => Object.values(r.outputs));
    for (const out of outputs) {
        if (await (0,files/* exists */.t)((0,external_node_path_.join)(out, 'bin', 'cachix')))
            return (0,external_node_path_.join)(out, 'bin', 'cachix');
    }
    throw new Error(`${CACHIX_INSTALLABLE} has no bin/cachix in ${outputs.join(', ')}`);
}
function targetsFor(nix, settings, report, cachixBin) {
    const targets = [];
    const cachix = settings.cachix;
    if (cachix) {
        const store = report.substituters.find((s) => s.name === `cachix ${cachix.name}`)?.url ?? `https://${cachix.name}.cachix.org`;
        const command = (roots) => ({
            cmd: cachixBin,
            args: cachixPushArgs(cachix.name, roots),
            env: { ...nix.env, ...cachixEnv(cachix) },
        });
        targets.push({
            label: `cachix ${cachix.name}`,
            store,
            push: cachix.push && cachixBin ? (roots) => (0,exec/* run */.eF)(command(roots), { timeoutMs: PUSH_TIMEOUT_MS }) : undefined,
        });
    }
    const binary = settings.binaryCache;
    if (binary) {
        const push = (roots) => withSecretKeyFile(binary.secretKey, (file) => (0,exec/* run */.eF)({ cmd: nix.path, args: copyToArgs(binary.url, roots, file), env: nix.env }, { timeoutMs: PUSH_TIMEOUT_MS }));
        targets.push({ label: displayUrl(binary.url), store: binary.url, push: binary.push ? push : undefined });
    }
    return targets;
}
/**
 * Pushes the closure of `roots` to every cache that pushes, asking each before and after what it
 * holds, so the report says what was pushed and how many bytes the cache now stores for it.
 */
async function pushClosure(session, what, roots) {
    const { nix, ui } = session;
    const entries = [];
    const targets = session.targets.filter((t) => t.push);
    if (targets.length === 0 || roots.length === 0)
        return entries;
    let closure;
    try {
        closure = await session_closureOf(nix, roots);
    }
    catch (e) {
        ui.warning(`Could not read the closure of the ${what} to push it: ${(0,errors/* messageOf */.b)(e)}`);
        return entries;
    }
    for (const target of targets) {
        const started = Date.now();
        const entry = { cache: target.label, what, closure: closure.length, durationMs: 0 };
        try {
            const before = await presentIn(nix, target.store, closure.map((p) => p.path)).catch((e) => {
                ui.info(`${target.label}: could not ask what it holds (${(0,errors/* lastLines */.w)((0,errors/* messageOf */.b)(e), 2)}); pushing everything`);
                return undefined;
            });
            entry.present = before?.size;
            const missing = closure.filter((p) => !before?.has(p.path));
            if (before && missing.length === 0) {
                entry.pushed = 0;
                entry.bytes = 0;
                ui.info(`${target.label}: already holds all ${closure.length} paths of the ${what}`);
            }
            else {
                await target.push(roots);
                const after = await presentIn(nix, target.store, missing.map((p) => p.path)).catch(() => undefined);
                if (after) {
                    entry.pushed = after.size;
                    entry.bytes = [...after.values()].reduce((n, i) => n + (i.downloadSize ?? i.narSize ?? 0), 0);
                    if (after.size < missing.length)
                        ui.warning(`${target.label}: after the push it still lacks ${missing.length - after.size} of the ${missing.length} paths of the ${what} that were pushed.`);
                }
                ui.info(`${target.label}: pushed the ${what} (${entry.pushed ?? '?'} of ${closure.length} paths were new)`);
            }
        }
        catch (e) {
            entry.error = (0,errors/* lastLines */.w)((0,errors/* messageOf */.b)(e));
            ui.warning(`Pushing the ${what} to ${target.label} failed; the build itself is fine: ${entry.error}`);
        }
        entry.durationMs = Date.now() - started;
        entries.push(entry);
        session.report.pushes.push(entry);
    }
    return entries;
}
// --- the GitHub Actions cache --------------------------------------------------------------------
// --- the pipeline's hooks ------------------------------------------------------------------------
// --- a builder image (the seed's check-rosetta-cache / cache-rosetta-builder) ----------------------

;// CONCATENATED MODULE: ./src/cache/actions-cache.ts
// The GitHub Actions cache (@actions/cache, only ever called from here): the image closures as a
// // nix copy export, saved after a build and imported into the store before the next.





const ACTIONS_CACHE_TIMEOUT_MS = 10 * 60_000;
/** The Actions cache holds 10 GB per repository; one run's images should not evict everything else. */
const ACTIONS_CACHE_MAX_BYTES = 4 * 1024 ** 3;
/** @actions/cache is most of the bundle: loaded only on runs that use the Actions cache. */
function loadActionsCache() {
    return Promise.all(/* import() */[__nccwpck_require__.e(838), __nccwpck_require__.e(88), __nccwpck_require__.e(878), __nccwpck_require__.e(863)]).then(__nccwpck_require__.bind(__nccwpck_require__, 1863));
}
/**
 * Whether the Actions cache service can be reached. @github/local-action replaces @actions/cache by
 * a stub without isFeatureAvailable; then the runner's variables decide.
 */
async function actionsCacheAvailable(env = process.env) {
    // Without the runner's variables there is no service: decided without loading the module.
    if (!env.ACTIONS_CACHE_URL && !env.ACTIONS_RESULTS_URL)
        return false;
    const isFeatureAvailable = (await loadActionsCache()).isFeatureAvailable;
    if (typeof isFeatureAvailable === 'function') {
        try {
            return isFeatureAvailable();
        }
        catch {
            return false;
        }
    }
    return Boolean(env.ACTIONS_CACHE_URL || env.ACTIONS_RESULTS_URL);
}
function withTimeout(promise, ms, what) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000}s`)), ms);
        timer.unref();
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
/** flake.lock of a local flake; a remote flake's reference stands in for it. */
async function flakeLockText(flake, cwd = process.cwd()) {
    const local = /^(?:path:)?(\.{1,2}(?:\/[^?#]*)?|\/[^?#]*)(?:\?.*)?$/.exec(flake);
    if (!local)
        return flake;
    return (0,promises_.readFile)((0,external_node_path_.join)((0,external_node_path_.resolve)(cwd, local[1]), 'flake.lock'), 'utf8').catch(() => '');
}
/**
 * The closures as a binary cache directory, uncompressed (the Actions cache compresses the whole
 * directory once with zstd, faster than Nix's xz per path).
 */
async function exportClosures(nix, roots, dir) {
    await (0,exec/* run */.eF)({ cmd: nix.path, args: ['copy', '--to', `file://${dir}?compression=none`, ...roots], env: nix.env }, { echo: false, timeoutMs: PUSH_TIMEOUT_MS });
    const narinfos = (await (0,promises_.readdir)(dir)).filter((f) => f.endsWith('.narinfo'));
    let bytes = 0;
    for (const f of await (0,promises_.readdir)((0,external_node_path_.join)(dir, 'nar')).catch(() => []))
        bytes += (await (0,promises_.stat)((0,external_node_path_.join)(dir, 'nar', f))).size;
    return { paths: narinfos.length, bytes };
}
/**
 * Imports every path of a directory written by exportClosures. Signatures are not checked: the
 * directory came from this repository's own Actions cache, written by an earlier run of this step.
 */
async function importClosures(nix, dir) {
    const paths = [];
    for (const f of (await (0,promises_.readdir)(dir)).filter((f) => f.endsWith('.narinfo'))) {
        const path = narinfoStorePath(await (0,promises_.readFile)((0,external_node_path_.join)(dir, f), 'utf8'));
        if (path)
            paths.push(path);
    }
    if (paths.length > 0) {
        await (0,exec/* run */.eF)({ cmd: nix.path, args: ['copy', '--from', `file://${dir}`, '--no-check-sigs', ...paths], env: nix.env }, { echo: false, timeoutMs: PUSH_TIMEOUT_MS });
    }
    return paths;
}
async function restoreActions(session, actions) {
    const report = (session.report.actions ??= {});
    const key = await withTimeout((await loadActionsCache()).restoreCache([actions.dir], actions.prefix, [`${actions.prefix}-`], {
        timeoutInMs: ACTIONS_CACHE_TIMEOUT_MS,
        segmentTimeoutInMs: ACTIONS_CACHE_TIMEOUT_MS,
    }), ACTIONS_CACHE_TIMEOUT_MS, 'restoring from the Actions cache');
    if (!key) {
        session.ui.info(`GitHub Actions cache: no entry for ${actions.prefix} yet`);
        return;
    }
    try {
        const paths = await importClosures(session.nix, actions.dir);
        report.restored = { key, paths };
        session.ui.info(`GitHub Actions cache: imported ${paths.length} store paths from ${key}`);
    }
    finally {
        await (0,promises_.rm)(actions.dir, { recursive: true, force: true });
    }
}
async function saveActions(session, actions, roots) {
    const report = (session.report.actions ??= {});
    const key = actionsCacheKeys({ ...actions.keyParts, roots }).key;
    // Entries are immutable: when the restored one already holds every image (whatever key the
    // service says it matched; local-action's stub answers with the prefix), saving again is waste.
    const restored = report.restored;
    if (restored && (key === restored.key || roots.every((r) => restored.paths.includes(r)))) {
        report.note = `unchanged since ${restored.key}: not saved again`;
        session.ui.info(`GitHub Actions cache: ${report.note}`);
        return;
    }
    await (0,promises_.rm)(actions.dir, { recursive: true, force: true });
    try {
        const exported = await exportClosures(session.nix, roots, actions.dir);
        if (exported.bytes > ACTIONS_CACHE_MAX_BYTES) {
            report.note = `the image closures are ${exported.bytes} bytes, more than the ${ACTIONS_CACHE_MAX_BYTES} this action puts in the Actions cache: not saved (configure cachix-name or binary-cache)`;
            session.ui.warning(`GitHub Actions cache: ${report.note}`);
            return;
        }
        const id = await withTimeout((await loadActionsCache()).saveCache([actions.dir], key), ACTIONS_CACHE_TIMEOUT_MS, 'saving to the Actions cache');
        // saveCache reports its own failures (e.g. a read-only token on a fork) and returns -1.
        if (id === -1)
            report.note = `${key} was not saved (see the log)`;
        else
            report.saved = { key, ...exported };
    }
    finally {
        await (0,promises_.rm)(actions.dir, { recursive: true, force: true });
    }
}

;// CONCATENATED MODULE: ./src/cache/builder-image.ts
// A builder VM image in the caches (the seed's check-rosetta-cache / cache-rosetta-builder).




async function builderImagePath(nix, image) {
    if ('path' in image)
        return image.path;
    const { stdout } = await (0,exec/* run */.eF)({ cmd: nix.path, args: ['eval', '--raw', outPathInstallable(image.installable)], env: nix.env }, { echo: false, timeoutMs: QUERY_TIMEOUT_MS });
    return stdout.trim();
}
/**
 * Whether each configured cache holds the builder image; with push, realises it (build or
 * substitute) and pushes it to those that lack it.
 */
async function checkBuilderImage(session, image, options) {
    const { nix, ui } = session;
    const check = { path: 'path' in image ? image.path : image.installable, caches: [] };
    session.report.builderImage = check;
    try {
        check.path = await builderImagePath(nix, image);
    }
    catch (e) {
        ui.warning(`cache-builder-image: could not evaluate ${check.path}: ${(0,errors/* lastLines */.w)((0,errors/* messageOf */.b)(e), 3)}`);
        return check;
    }
    for (const target of session.targets) {
        const entry = { cache: target.label };
        check.caches.push(entry);
        try {
            entry.present = (await presentIn(nix, target.store, [check.path])).has(check.path);
            ui.info(`${target.label}: ${entry.present ? 'has' : 'lacks'} the builder image ${check.path}`);
            if (entry.present || !options.push)
                continue;
            if (!target.push) {
                ui.info(`${target.label}: pushing is off, the builder image is not pushed`);
                continue;
            }
            // Built or substituted here first: a cache can only be given what this store holds.
            await (0,exec/* run */.eF)({ cmd: nix.path, args: ['build', '--no-link', 'installable' in image ? image.installable : check.path], env: nix.env }, { timeoutMs: INSTALL_TIMEOUT_MS });
            const [pushed] = await pushClosure({ ...session, targets: [target] }, 'builder image', [check.path]);
            entry.pushed = !pushed?.error;
            if (pushed?.error)
                entry.error = pushed.error;
        }
        catch (e) {
            entry.error = (0,errors/* lastLines */.w)((0,errors/* messageOf */.b)(e));
            ui.warning(`cache-builder-image on ${target.label}: ${entry.error}`);
        }
    }
    return check;
}

;// CONCATENATED MODULE: ./src/cache/hooks.ts
// Caching, so a re-run builds nothing: what the pipeline calls. Before the build the configured
// // caches become substituters and the Actions cache is restored; after it exactly the built image
// // closures are pushed. Pushing is best effort under a time limit: a failed push warns and never
// // fails a good build, and nothing is left running afterwards.







/**
 * Opens the run's caching once Nix is set up: installs cachix when it will push, and builds the
 * list of caches to push to. Never throws: a cache that cannot be used warns.
 */
async function openCache(nix, settings, report, ui) {
    let cachixBin;
    if (settings.cachix?.push) {
        try {
            cachixBin = await findOrInstallCachix(nix, ui);
        }
        catch (e) {
            ui.warning(`cachix could not be installed, so nothing is pushed to Cachix: ${(0,errors/* messageOf */.b)(e)}`);
        }
    }
    return { nix, settings, report, ui, targets: targetsFor(nix, settings, report, cachixBin) };
}
/** Before the build: restore from the Actions cache. */
async function beforeBuild(session, runInfo) {
    const { settings, report, ui } = session;
    if (settings.actionsCache) {
        if (!(await actionsCacheAvailable())) {
            // Outside a runner (the CLI, local tests) there is no cache service: say so once, quietly.
            report.actions = { note: 'not available here (no ACTIONS_CACHE_URL / ACTIONS_RESULTS_URL): skipped' };
            ui.info(`GitHub Actions cache: ${report.actions.note}`);
        }
        else {
            const keyParts = { host: runInfo.host, systems: runInfo.systems, containers: runInfo.containers, lock: await flakeLockText(runInfo.flake) };
            // A fixed directory: the Actions cache versions entries by their paths, so save and restore must agree.
            const dir = (0,external_node_path_.join)(process.env.RUNNER_TEMP ?? (0,external_node_os_.tmpdir)(), 'nix-container-action-store');
            session.actions = { dir, keyParts, prefix: actionsCacheKeys(keyParts).prefix };
            try {
                await restoreActions(session, session.actions);
            }
            catch (e) {
                ui.warning(`GitHub Actions cache: could not restore (${(0,errors/* messageOf */.b)(e)}); building without it.`);
            }
        }
    }
}
/** After the build, in its log group: what Nix built and fetched, and the substituters it ignored. */
function reportActivity(activity, ui) {
    ui.info(`Nix built ${activity.built.length} derivation(s) and substituted ${activity.fetched.length} path(s) from caches.`);
    for (const w of activity.warnings) {
        ui.warning(`Nix: ${w} — substituters given to a multi-user Nix only count for trusted users: add this user to trusted-users in nix.conf (the DeterminateSystems installer does for runner).`);
    }
}
/** After the build: push the image closures; with no other cache, save them to the Actions cache. */
async function afterBuild(session, built) {
    const roots = unique(built.map((b) => b.storePath));
    await pushClosure(session, 'images', roots);
    if (session.actions && roots.length > 0) {
        try {
            await saveActions(session, session.actions, roots);
        }
        catch (e) {
            session.ui.warning(`GitHub Actions cache: could not save (${(0,errors/* messageOf */.b)(e)}); the build itself is fine.`);
        }
    }
    if (session.settings.builderImage)
        await checkBuilderImage(session, session.settings.builderImage, { push: true });
}
/** After publishing: the manifest apps' closures (`roots`: their outputs, from the images' build). */
async function afterPublish(session, roots) {
    await pushClosure(session, 'manifest app', roots);
}

;// CONCATENATED MODULE: ./src/cache/substituters.ts
// The caches a run substitutes from: Cachix's public keys from its API, a binary cache's key from
// // its secret key, a file:// cache's folders.







const API_TIMEOUT_MS = 15_000;
/** Public key of a Nix secret key; the secret goes in on stdin. */
async function publicKeyOf(nixPath, secretKey) {
    const { stdout } = await (0,exec/* run */.eF)({ cmd: nixPath, args: ['--extra-experimental-features', 'nix-command', 'key', 'convert-secret-to-public'] }, { input: secretKey, echo: false });
    return stdout.trim();
}
/**
 * A Cachix cache's store URL and public keys from its API (`GET /api/v1/cache/<name>`, as
 * cachix use does). NCA_CACHIX_API points elsewhere (a self-hosted API; the tests' stand-in).
 */
async function lookUpCachix(name, token) {
    const api = (process.env.NCA_CACHIX_API ?? 'https://cachix.org/api/v1').replace(/\/$/, '');
    const res = await httpRequest(`${api}/cache/${name}`, { headers: token ? { authorization: `Bearer ${token}` } : {}, idleTimeoutMs: API_TIMEOUT_MS });
    if (res.status !== 200) {
        await res.discard();
        throw new Error(`${api}/cache/${name} answered ${res.status}${res.status === 404 || res.status === 401 ? ' (no such cache, or a private one and cachix-auth-token is missing or wrong)' : ''}`);
    }
    const info = (await res.json());
    const publicKeys = (info.publicSigningKeys ?? []).filter((k) => NIX_PUBLIC_KEY.test(k));
    if (publicKeys.length === 0)
        throw new Error(`${api}/cache/${name} lists no public signing key`);
    return { name: `cachix ${name}`, url: info.uri ?? `https://${name}.cachix.org`, publicKeys };
}
/**
 * The substituters for this run, before Nix is configured. A cache that cannot be set up warns and
 * is left out: the build still works, it only builds more.
 */
/**
 * A file:// cache gets its folders from whoever opens it first. A multi-user Nix's daemon (root)
 * opens it as a substituter, and folders it made would refuse this user's pushes: they are made here.
 */
async function prepareLocalCache(url) {
    if (!url.startsWith('file://'))
        return;
    const dir = decodeURIComponent(new URL(url).pathname);
    await Promise.all(['nar', 'log', 'realisations'].map((d) => (0,promises_.mkdir)((0,external_node_path_.join)(dir, d), { recursive: true })));
}
async function resolveSubstituters(cache, nixPath, ui) {
    const subs = [];
    for (const name of unique([...(cache.cachix ? [cache.cachix.name] : []), ...cache.extraPullNames])) {
        try {
            subs.push(await lookUpCachix(name, name === cache.cachix?.name ? cache.cachix.authToken : ''));
        }
        catch (e) {
            ui.warning(`Cachix cache ${name}: could not read its public key (${(0,errors/* messageOf */.b)(e)}); it is not used as a substituter, so what it holds is built instead.`);
        }
    }
    const binary = cache.binaryCache;
    if (binary) {
        await prepareLocalCache(binary.url);
        const keys = [...binary.publicKeys];
        if (keys.length === 0 && binary.secretKey) {
            try {
                keys.push(await publicKeyOf(nixPath, binary.secretKey));
            }
            catch (e) {
                ui.warning(`binary-cache-secret-key: nix could not derive its public key (${(0,errors/* lastLines */.w)((0,errors/* messageOf */.b)(e), 2)}); set binary-cache-public-key.`);
            }
        }
        if (keys.length === 0) {
            ui.warning(`binary-cache ${displayUrl(binary.url)} has no public key, so Nix will not trust what it holds (require-sigs) and substitutes nothing from it: set binary-cache-public-key, or binary-cache-secret-key to sign what is pushed.`);
        }
        subs.push({ name: 'binary-cache', url: binary.url, publicKeys: keys });
    }
    for (const s of subs)
        ui.info(`substituter ${displayUrl(s.url)} (${s.name}${s.publicKeys.length ? `, key ${s.publicKeys.join(' ')}` : ''})`);
    return subs;
}

;// CONCATENATED MODULE: ./src/publish/flocken-script.ts
// What a flocken manifest app will do, read from the script mkDockerManifest generated, before it
// runs: every registry, repository and tag it pushes, and the credentials it logs in with. flocken
// decides these at evaluation (from the flake and the environment), so the built script is the only
// place that knows them; guessing them from the action's inputs would read back the wrong place.
// flocken's script, as src/docker-manifest/default.nix writes it (v2.x):
//   <podman> manifest push \ --all \ --format oci \ "<name>" \ "docker://<registry>/<repo>:<tag>"
//   <crane> tag \ "<registry>/<repo>:<first tag>" \ "<tag>"
//   <podman> login \ --username "<user>" \ --password "<password>" \ "<registry>"
const CONTINUED = String.raw `\s*\\\s*`;
const PUSH = new RegExp(String.raw `/bin/podman manifest push${CONTINUED}--all${CONTINUED}--format \S+${CONTINUED}"[^"]*"${CONTINUED}"docker://([^"]+)"`, 'g');
const flocken_script_TAG = new RegExp(String.raw `/bin/crane tag${CONTINUED}"([^"]+)"${CONTINUED}"([^"]+)"`, 'g');
const LOGIN = new RegExp(String.raw `/bin/podman login${CONTINUED}--username "([^"]*)"${CONTINUED}--password "([^"]*)"${CONTINUED}"([^"]+)"`, 'g');
/** registry/repo:tag → its parts; the tag is after the last ':' that follows the last '/'. */
function splitPushReference(ref) {
    const slash = ref.indexOf('/');
    const colon = ref.lastIndexOf(':');
    if (slash <= 0 || colon < ref.lastIndexOf('/'))
        return undefined;
    return { registry: ref.slice(0, slash), repository: ref.slice(slash + 1, colon), tag: ref.slice(colon + 1) };
}
/**
 * The destinations of a flocken script, in the order it pushes them; undefined when the text is not
 * a flocken script (a custom app), whose destinations cannot be known before it runs.
 */
function parseFlockenScript(text) {
    const destinations = [];
    for (const m of text.matchAll(PUSH)) {
        const ref = splitPushReference(m[1]);
        if (!ref)
            continue;
        destinations.push({ registry: ref.registry, repository: ref.repository, tags: [ref.tag] });
    }
    if (destinations.length === 0)
        return undefined;
    for (const m of text.matchAll(flocken_script_TAG)) {
        const source = splitPushReference(m[1]);
        const dest = source && destinations.find((d) => d.registry === source.registry && d.repository === source.repository && d.tags[0] === source.tag);
        if (dest && !dest.tags.includes(m[2]))
            dest.tags.push(m[2]);
    }
    for (const m of text.matchAll(LOGIN)) {
        for (const d of destinations.filter((d) => d.registry === m[3]))
            Object.assign(d, { username: m[1], password: m[2] });
    }
    return destinations;
}
/**
 * A string from the script with its `$NAME` and `${NAME}` expanded from `env`, as bash expands it
 * when the script runs; undefined when a variable it names is unset or empty there.
 */
function expandVariables(value, env) {
    let missing = false;
    const expanded = value.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_, braced, bare) => {
        const v = env[(braced ?? bare)];
        if (!v)
            missing = true;
        return v ?? '';
    });
    return missing || !expanded ? undefined : expanded;
}
/** What to tell a user whose flocken app did not evaluate: flocken's own words, and what fixes them. */
function explainFlockenError(stderr, manifest, ref) {
    const said = (text) => stderr.includes(text);
    if (said('At least one `tag` must be set')) {
        return (`flocken derived no tag for ${ref || 'this run'} from the manifest app ${manifest}. It tags a version (VERSION, which the action sets on a v1.2.3 tag, or the input version), ` +
            `the branch (its branch option, or GITHUB_REF_NAME in GitHub mode) and latest on the default branch. ` +
            `Set the action's version or tags input and use TAGS in the flake (tags = lib.splitString "," (builtins.getEnv "TAGS")), set flocken's branch, or run the publish only on tags and the default branch.`);
    }
    if (said('At least one `registry` must be set')) {
        return `The manifest app ${manifest} names no registry: flocken 2.5 and later need registries."<host>" = { repo = …; username = …; password = …; }, or github.enable = true for ghcr.io.`;
    }
    if (said('`github.actor` and `github.repo` must be set')) {
        return `The manifest app ${manifest} has github.enable but no actor or repository: the action sets GITHUB_ACTOR (input username) and GITHUB_REPOSITORY; outside GitHub, set github.actor and github.repo in the flake.`;
    }
    if (said('At least one `imageFile` or `imageStream` must be set')) {
        return `The manifest app ${manifest} has no images: set imageFiles (or imageStreams) to self.packages.<system>.<container> for each system.`;
    }
    if (/api\.github\.com|unable to download|fetchurl/i.test(stderr) && said('github')) {
        return `The manifest app ${manifest} uses flocken's GitHub mode, which reads the repository from GitHub's API while it evaluates: the runner must reach api.github.com (or set github.apiEndpoint).`;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/publish/flocken.ts
// Publishing through the flake's manifest app (flocken's mkDockerManifest, or any app): evaluated and
// // built as `nix run --impure` would, checked to push exactly the tested images, its destinations
// // read from its script, then run.







/**
 * The environment a manifest app is evaluated, built and run with: what flocken's mkDockerManifest
 * reads with builtins.getEnv (VERSION, GITHUB_*), its run-time password ($GITHUB_TOKEN), and
 * REGISTRY/TAGS for flakes that want the action's choices. The same for every container, because
 * one nix build evaluates all the apps.
 */
function manifestEnv(settings, annotations = {}) {
    const version = settings.version ?? versionFromRef(settings.ref.ref);
    return {
        ...(version ? { VERSION: version } : {}),
        TAGS: settings.tags.join(','),
        // For flocken's `annotations` (a JSON object: builtins.fromJSON in the flake, see the README).
        ANNOTATIONS: JSON.stringify(annotations),
        REGISTRY: settings.registry,
        GITHUB_TOKEN: settings.password,
        GITHUB_ACTOR: settings.username,
        // flocken's GitHub mode pushes to $GITHUB_REPOSITORY as it is; registries take lowercase names only.
        GITHUB_REPOSITORY: settings.githubRepository.toLowerCase(),
        ...cleanedRefEnv(settings.ref),
    };
}
/** What a custom (non-flocken) app also gets when it runs: the container's own repository. */
function containerEnv(settings, container) {
    return { REPOSITORY: container.repository, IMAGE: `${settings.registry}/${container.repository}` };
}
/** The evaluation and build environment of the manifest apps: the run's, plus manifestEnv. */
function appNix(nix, settings, annotations) {
    return { ...nix, env: { ...nix.env, ...manifestEnv(settings, annotations) }, impure: true };
}
function manifestInstallable(flake, manifest) {
    return `${flake}#${manifest}`;
}
/** The Nix lines a flake without a manifest app needs, flocken's GitHub mode as its README shows it, for the error. */
function manifestSnippet(settings, container) {
    const systems = settings.systems.map((s) => `"${s}"`).join(' ');
    const lines = [
        `legacyPackages.\${system}.${container.manifest} = inputs.flocken.legacyPackages.\${system}.mkDockerManifest {`,
        `  imageFiles = map (sys: inputs.self.packages.\${sys}.${container.name}) [ ${systems} ];`,
        `  version = builtins.getEnv "VERSION";`,
    ];
    if (settings.registry === 'ghcr.io') {
        lines.push(`  # pushes to ghcr.io/<owner>/<repo> as GITHUB_ACTOR with $GITHUB_TOKEN; tags the branch, latest on the default branch`, `  github.enable = true;`);
    }
    else {
        lines.push(`  branch = if builtins.getEnv "GITHUB_REF_TYPE" == "branch" then builtins.getEnv "GITHUB_REF_NAME" else "";`, `  registries."${settings.registry}" = {`, `    repo = "${container.repository}";`, `    username = "$GITHUB_ACTOR";`, `    password = "$GITHUB_TOKEN";`, `  };`);
    }
    lines.push(`};`);
    return lines.join('\n');
}
// The program nix run starts: an app's program, or a package's bin/<meta.mainProgram, pname or name>.
const APP_FIELDS = 'm: let app = (m.type or "") == "app"; in { derivation = (m.type or "") == "derivation"; ' +
    'drvs = builtins.attrNames (builtins.getContext (if app then m.program else m.drvPath)); ' +
    'program = if app then m.program else "${m}/bin/${m.meta.mainProgram or (m.pname or (builtins.parseDrvName m.name).name)}"; }';
/**
 * A manifest app and the derivations it depends on, evaluated as `nix run --impure` evaluates it
 * (`nix` from appNix), or a PublishError with the Nix to add when the flake has no such app, or with
 * flocken's own complaint explained. Run before building, so a missing app costs no build.
 */
async function manifestApp(nix, settings, container) {
    const installable = manifestInstallable(settings.flake, container.manifest);
    const result = await (0,exec/* run */.eF)({ cmd: nix.path, args: ['eval', '--impure', '--json', installable, '--apply', APP_FIELDS], env: nix.env }, { echo: false, check: false });
    if (result.code === 0)
        return { installable, env: nix.env ?? {}, ...JSON.parse(result.stdout) };
    if (/does not provide attribute/.test(result.stderr)) {
        throw new PublishError(`Input 'manifest-app': the flake ${settings.flake} has no manifest app ${container.manifest} (looked in apps, packages and legacyPackages).\n` +
            `Add one with flocken (input flocken.url = "github:mirkolenz/flocken/v2"), for example:\n\n${manifestSnippet(settings, container)}\n\n` +
            `or set publisher: builtin to let the action push the images itself.`);
    }
    const flocken = explainFlockenError(result.stderr, container.manifest, settings.ref.ref);
    if (flocken) {
        const said = result.stderr
            .split('\n')
            .filter((l) => /error|assert/i.test(l))
            .slice(-3)
            .join('\n');
        throw new PublishError(`${flocken}\nNothing was built or pushed. flocken said:\n${said}`);
    }
    throw new exec/* CommandError */.Qd({ cmd: nix.path, args: ['eval', '--impure', installable] }, result);
}
/** The images the app will push must be exactly the ones that were built and tested. */
async function checkManifestUsesBuiltImages(nix, manifestDrvs, images, manifest) {
    const wanted = images.map((i) => i.drvPath);
    let closure = await findInDerivationClosure(manifestDrvs, wanted);
    if (!closure) {
        const nixStore = (0,external_node_path_.join)(nix.path, '..', 'nix-store');
        const { stdout } = await (0,exec/* run */.eF)({ cmd: nixStore, args: ['--query', '--requisites', ...manifestDrvs], env: nix.env }, { echo: false });
        closure = new Set(stdout.split('\n').filter(Boolean));
    }
    const missing = images.filter((i) => !closure.has(i.drvPath));
    if (missing.length > 0) {
        throw new PublishError(`The manifest app ${manifest} does not push the images that were built and tested (${missing.map((m) => `packages.${m.system}.${m.container}`).join(', ')} are not among its inputs); nothing was pushed. Point its imageFiles at self.packages.<system>.${images[0].container}.`);
    }
}
/** The whole environment a manifest app runs with. */
function appRunEnv(app, settings, container) {
    return { ...app.env, ...containerEnv(settings, container) };
}
/**
 * Every place the built app will push to, read from its script before it runs. A custom app's
 * destinations cannot be read: then the inputs say where to look, and the log says so.
 */
async function appTargets(app, settings, container, log) {
    const manifest = container.manifest;
    let script = '';
    try {
        const file = await (0,promises_.open)(app.program, 'r');
        try {
            const { size } = await file.stat();
            // flocken's script is a few kilobytes; a large file is some other program.
            if (size <= 1024 * 1024)
                script = await file.readFile('utf8');
        }
        finally {
            await file.close();
        }
    }
    catch {
        // Not readable here (e.g. a store elsewhere): treated as an app whose destinations are unknown.
    }
    const destinations = parseFlockenScript(script);
    if (!destinations) {
        const fallback = inputTarget(settings, container);
        log(`${manifest} is not a flocken script (${app.program}), so where it pushes cannot be read before it runs: the action reads back ${fallback.registry}/${fallback.repository} with tags ${fallback.tags.join(', ')} (inputs registry, repository and tags).`);
        return [fallback];
    }
    const env = appRunEnv(app, settings, container);
    return destinations.map((d) => {
        const username = d.username === undefined ? undefined : expandVariables(d.username, env);
        const password = d.password === undefined ? undefined : expandVariables(d.password, env);
        (0,exec/* registerSecret */.cl)(password);
        return {
            registry: d.registry,
            repository: d.repository,
            tags: d.tags,
            // The app's own login for that registry; the action's when the script's names no set variable.
            credentials: username && password ? { username, password } : { username: settings.username, password: settings.password },
            source: `flocken's script ${app.program}`,
        };
    });
}
/** Starts the built app's program as `nix run --impure` would, with the environment it was evaluated with. */
async function runManifestApp(app, settings, container, targets, log) {
    const manifest = container.manifest;
    try {
        await withRetries(`The manifest app ${manifest}`, () => (0,exec/* run */.eF)({ cmd: app.program, args: [], env: appRunEnv(app, settings, container) }), log);
    }
    catch (e) {
        throw explainPushFailure(e, targets, loginOf(targets, settings), `The manifest app ${manifest} failed`);
    }
}

;// CONCATENATED MODULE: ./src/publish/verify.ts
// Reading what was published back from the registry, and checking it against what was built and tested.


/** Reads every tag back and checks it is one index of exactly the built platforms and images. */
async function verifyPublished(target, container, images) {
    const client = new RegistryClient(target.registry, target.repository, target.credentials);
    const name = `${target.registry}/${target.repository}`;
    const [first, ...rest] = target.tags;
    const readBack = (tag, e) => new PublishError(`Reading back ${name}:${tag} failed: ${e.message}. The action looked there because of ${target.source}${e instanceof RegistryError && e.status === 404 ? '; if the app pushes elsewhere, that is where the images are' : ''}.`);
    let fetched;
    try {
        fetched = await client.manifest(first);
    }
    catch (e) {
        throw readBack(first, e);
    }
    const manifests = fetched.body.manifests;
    if (!manifests)
        throw new PublishError(`${name}:${first} is a single-platform manifest, not a multi-arch index.`);
    const pushed = manifests
        .filter((m) => m.platform && m.platform.os !== 'unknown')
        .map((m) => `${m.platform.os}/${m.platform.architecture}`)
        .sort();
    const built = images.map((i) => i.platform).sort();
    if (JSON.stringify(pushed) !== JSON.stringify(built)) {
        throw new PublishError(`${name}:${first} lists platforms ${pushed.join(', ') || '(none)'} but ${built.join(', ')} were built and tested.`);
    }
    // Publishers rewrite configs and recompress layers, so the content is compared by diff_ids.
    // The reads are independent: all of them go out at once.
    const checkLayers = images
        .filter((i) => i.layers?.length)
        .map(async (image) => {
        const entry = manifests.find((m) => `${m.platform?.os}/${m.platform?.architecture}` === image.platform);
        const child = await client.manifest(entry.digest);
        const config = await client.blob(child.body.config.digest);
        const pushedLayers = config.rootfs?.diff_ids ?? [];
        if (JSON.stringify(pushedLayers) !== JSON.stringify(image.layers)) {
            throw new PublishError(`${name}:${first} has ${image.platform} layers ${pushedLayers.join(', ')}, but the image built and tested has ${image.layers.join(', ')}.`);
        }
    });
    const checkTags = rest.map(async (tag) => {
        const other = await client.manifest(tag).catch((e) => {
            throw readBack(tag, e);
        });
        if (other.digest !== fetched.digest)
            throw new PublishError(`${name}:${tag} points at ${other.digest}, not at ${fetched.digest} like ${first}.`);
    });
    await Promise.all([...checkLayers, ...checkTags]);
    return { container, name, digest: fetched.digest, tags: target.tags, platforms: pushed, manifest: fetched.body };
}

;// CONCATENATED MODULE: ./src/publish/annotations.ts
// OCI metadata on what is pushed. ghcr.io links a package to its repository by
// org.opencontainers.image.source and shows its description and licenses: without them a new
// package is an orphan. Every value comes from the commit (created is its commit time, not the
// clock), so a re-run of the same commit pushes the same digests.




const annotations_OCI = 'org.opencontainers.image';
/** The annotations the action writes by itself, from what is known of the source. */
function defaultAnnotations(facts) {
    const out = {};
    for (const [name, value] of Object.entries(facts))
        if (value)
            out[`${annotations_OCI}.${name}`] = value;
    return out;
}
/**
 * One container's annotations: the defaults (titled by the last part of its repository) on both
 * levels, then the input's lines on theirs (a line overrides a default).
 */
function annotationSet(facts, repository, user) {
    const defaults = defaultAnnotations({ ...facts, title: facts.title ?? repository.split('/').pop() });
    const set = { index: { ...defaults }, manifest: { ...defaults } };
    for (const a of user)
        for (const level of a.levels)
            set[level][a.key] = a.value;
    return set;
}
/** A commit time (seconds since the epoch, as `git show --format=%ct` prints it) as RFC 3339 UTC. */
function commitTime(seconds) {
    const n = Number(seconds.trim());
    return Number.isInteger(n) && n > 0 ? new Date(n * 1000).toISOString().replace(/\.000Z$/, 'Z') : undefined;
}
/** What GitHub's API says of the repository; undefined, with the reason logged, when it does not answer. */
async function repositoryFacts(apiUrl, repository, token, log) {
    const url = `${apiUrl.replace(/\/+$/, '')}/repos/${repository}`;
    try {
        const headers = { accept: 'application/vnd.github+json', 'user-agent': 'nix-container-action' };
        if (token)
            headers.authorization = `Bearer ${token}`;
        const res = await httpRequest(url, { headers, idleTimeoutMs: 10_000 });
        if (res.status !== 200) {
            await res.discard();
            throw new Error(`HTTP ${res.status}`);
        }
        const repo = await res.json();
        const spdx = repo.license?.spdx_id;
        return {
            source: repo.html_url,
            description: repo.description ?? undefined,
            licenses: spdx && spdx !== 'NOASSERTION' ? spdx : undefined,
            url: repo.homepage || undefined,
        };
    }
    catch (e) {
        log(`annotations: ${url} did not answer (${(0,errors/* messageOf */.b)(e)}), so description and licenses are left out; give them with the annotations input.`);
        return undefined;
    }
}
/** The directory of a flake given as a local path (`.`, `./sub`, `/abs`, `path:…`, `git+file://…`); undefined otherwise. */
function localFlakeDir(flake) {
    const path = flake
        .replace(/^path:/, '')
        .replace(/^git\+file:\/\//, '')
        .replace(/[?#].*$/, '');
    return /^[./]/.test(path) ? (0,external_node_path_.resolve)(path) : undefined;
}
/** The commit the flake directory has checked out and its time, or nothing outside a git checkout. */
async function gitFacts(dir) {
    if (!dir)
        return {};
    const r = await (0,exec/* run */.eF)({ cmd: 'git', args: ['-C', dir, 'show', '--no-patch', '--format=%H %ct', 'HEAD'] }, { echo: false, check: false }).catch(() => undefined);
    const [revision, seconds] = r?.code === 0 ? r.stdout.trim().split(' ') : [];
    return revision ? { revision, created: commitTime(seconds ?? '') } : {};
}
/** Everything the default annotations need; never fails (what cannot be found is left out). */
async function sourceFacts(ctx, log) {
    const [git, repo] = await Promise.all([
        gitFacts(ctx.flakeDir),
        ctx.repository ? repositoryFacts(ctx.apiUrl, ctx.repository, ctx.githubToken, log) : Promise.resolve(undefined),
    ]);
    return {
        source: repo?.source ?? (ctx.repository ? `${ctx.serverUrl.replace(/\/+$/, '')}/${ctx.repository}` : undefined),
        revision: git.revision ?? (ctx.sha || undefined),
        created: git.created,
        version: ctx.version,
        description: repo?.description,
        licenses: repo?.licenses,
        url: repo?.url,
    };
}

;// CONCATENATED MODULE: ./src/pipeline/run.ts
// The story of a run, shared by the action and the CLI: plan, set up, build, load, test, publish.
// Each stage records what it did in the report, so a failed run still reports what it got done.


























class PipelineError extends Error {
    constructor(message) {
        super(message);
        this.name = 'PipelineError';
    }
}
function plan(settings, host, ui, report) {
    report.host = host.system;
    const result = makePlan(settings, host);
    report.plan = result;
    if (host.builders.length > 0)
        ui.info(`remote builders: ${(0,machine_line/* describeBuilders */.QZ)(host.builders)}`);
    ui.info(planTable(result));
    for (const w of result.warnings)
        ui.warning(w);
    for (const n of result.notices)
        ui.notice(n);
    return result;
}
async function setUpNix(settings, planned, ui, report, options) {
    let path = await (0,nix_nix/* findNix */.rv)();
    if (!path && options.installNix) {
        await installNix(settings.nixInstaller, (m) => ui.info(m));
        path = await (0,nix_nix/* findNix */.rv)();
    }
    if (!path) {
        throw new PipelineError(`nix is not installed${options.installNix ? ', and the installer did not leave it in /nix/var/nix/profiles/default/bin' : ''}: install Nix first (https://nixos.org/download).`);
    }
    const version = await (0,nix_nix/* nixVersion */.oX)(path);
    const inputBuilders = planned.builders.some((b) => b.from === machine_line/* FROM_INPUT */.Yw);
    const cacheReport = (report.cache = emptyCacheReport());
    cacheReport.substituters = await resolveSubstituters(settings.cache, path, ui);
    const cacheLines = substituterLines(cacheReport.substituters);
    const remote = planned.entries.some((e) => e.build === 'remote');
    const needs = daemonNeeds(extraPlatformsLine(planned), emulatedBuilds(planned), cacheLines, {
        input: inputBuilders,
        clientConfig: remote && !inputBuilders && buildersInClientConfig(process.env.NIX_CONFIG),
    });
    // Asked only when it matters: whether Nix builds through a daemon, and whether it trusts this user.
    const store = needs.lines.length || needs.trustOnly.length ? await storeFacts(path, version) : { daemon: false };
    // Before anything is written or built: an untrusted user's daemon would ignore these settings.
    await ensureDaemonHas(path, version, store, needs, (m) => ui.info(m));
    let builders;
    if (inputBuilders) {
        builders = await (0,builders_remote/* prepareBuilders */.a8)(settings, path, ui, options.onBuilderDir ?? ((dir) => process.once('exit', () => (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true }))), store.daemon);
        ui.info(`nix.conf for this run: builders = ${builders.setting}`);
    }
    const config = nixConfig(planned, settings.extraConf, process.env.NIX_CONFIG, builders?.setting, cacheLines);
    const nix = await (0,nix_nix/* useNix */.lp)(path, config, builders?.env);
    report.nixVersion = nix.version;
    ui.info(`nix ${nix.version} at ${path}`);
    await (0,builders_remote/* warmBuilders */.OU)(nix, planned, builders, settings.builderTimeoutSec, ui);
    if (planned.emulate.length > 0)
        await setUpEmulation(planned.emulate, (m) => ui.info(m));
    return nix;
}
/**
 * With flocken, every manifest app must exist before anything is built. A nix2container image needs
 * none (it is pushed by digest): asked only when the app is missing, so the usual run pays nothing.
 */
async function checkPublisher(settings, nix, evaluating) {
    const apps = new Map();
    if (!settings.push || settings.publisher !== 'flocken')
        return apps;
    // In turn: Nix processes started together on a store never used before race to initialise it.
    for (const c of settings.containers) {
        const app = await manifestApp(evaluating, settings, c).catch(async (e) => {
            if (e instanceof PublishError && (await isNix2container(nix, installable(settings.flake, settings.systems[0], c.name))))
                return undefined;
            throw e;
        });
        if (app)
            apps.set(c.name, app);
    }
    return apps;
}
/** The manifest apps that are packages: built by the images' nix build, so that publishing only runs them. */
function appsToBuild(apps) {
    return [...apps.values()].filter((a) => a.derivation);
}
/**
 * The one nix build of the images and the manifest apps. With apps it evaluates as `nix run
 * --impure` evaluates them when publishing, so the app that runs is the one built here.
 */
function buildImagesAndApps(nix, evaluating, entries, apps, activity) {
    const alsoBuild = appsToBuild(apps);
    return buildAll(alsoBuild.length ? evaluating : nix, entries, activity, alsoBuild);
}
/**
 * Loads in turn (an image of the same name:tag moves that tag, so each is inspected before the next
 * load). nix is needed for nix2container images, which are copied into the daemon by their own app.
 */
async function loadAll(built, host, ui, nix, hooks = {}) {
    const loaded = [];
    const tagged = [];
    for (const image of loadOrder(built, host)) {
        if (image.run === 'none') {
            ui.info(`${image.container} ${image.platform}: not loaded (${image.runNote})`);
            continue;
        }
        const onStream = hooks.onStream;
        const one = await load(image, imageBaseName(image.container), nix, onStream && ((archive) => onStream(image, archive)));
        loaded.push(one);
        hooks.onLoaded?.(one);
        // Tagged by id, so the tag needs nothing from the next load and runs while it does (a failure
        // is handled now and reported below, not left to crash the process as an unhandled rejection).
        const tag = tagLoaded(one);
        tag.catch(() => undefined);
        tagged.push(tag);
    }
    await Promise.all(tagged);
    return loaded;
}
/**
 * One image's smoke test, started at once. It never rejects (a test that cannot even start is a
 * failed test), so a test left running while a later load fails cannot crash the process.
 */
function startTest(settings, image) {
    if (!settings.test)
        return Promise.resolve({ image, loaded: image, status: 'skipped', output: '', reason: 'test is false', durationMs: 0 });
    const tool = settings.containers.find((c) => c.name === image.container)?.tool;
    return smokeTest(image, { tool, args: settings.testArgs, timeoutSec: settings.testTimeoutSec }).catch((e) => ({
        image,
        loaded: image,
        status: 'failed',
        output: (0,errors/* messageOf */.b)(e),
        reason: 'could not be run',
        durationMs: 0,
    }));
}
/** Logs every result and fails the run, before anything is pushed, when any test failed. */
function reportTests(results, report, ui) {
    for (const result of results) {
        report.tests.push(result);
        const image = result.loaded;
        const line = `${image.container} ${image.platform} (${image.reference}): ${result.status}${result.reason ? ` — ${result.reason}` : ''}`;
        const detail = result.command ? `[command]${result.command.join(' ')}\n${result.output}` : '';
        if (result.status === 'failed')
            ui.warning(`${line}\n${detail.slice(-2000)}`);
        else
            ui.info(`${detail}\n${line}`.trim());
    }
    for (const image of report.built.filter((b) => b.run === 'none')) {
        report.tests.push({ image, status: 'skipped', output: '', reason: image.runNote, durationMs: 0 });
    }
    const failed = report.tests.filter((t) => t.status === 'failed');
    if (failed.length > 0) {
        throw new PipelineError(`Smoke test failed for ${failed.map((t) => `${t.image.container} ${t.image.platform}`).join(', ')}; nothing was pushed.\n` +
            failed.map((t) => `${t.image.container} ${t.image.platform}: \`${t.command?.join(' ')}\` ${t.reason}:\n${t.output.slice(-2000)}`).join('\n'));
    }
    return report.tests;
}
async function publish(settings, nix, apps, facts, loaded, report, ui, read = new Map()) {
    const publication = { images: [] };
    report.publication = publication;
    for (const container of settings.containers) {
        const images = report.built
            .filter((b) => b.container === container.name)
            .map((b) => ({ ...b, layers: loaded.find((l) => l.installable === b.installable)?.layers }));
        // flocken takes archives and streams only: nix2container images are always pushed by digest.
        const nix2container = images.some((b) => b.kind === 'nix2container');
        const app = apps.get(container.name);
        let targets;
        let upload;
        if (settings.publisher === 'flocken' && !nix2container && app) {
            await checkManifestUsesBuiltImages(nix, app.drvs, images, container.manifest);
            targets = await appTargets(app, settings, container, (m) => ui.info(m));
            checkTargets(targets, container.manifest);
            ui.info(`${container.manifest} pushes to ${describeTargets(targets)} (read from ${targets[0].source}).`);
            await runManifestApp(app, settings, container, targets, (m) => ui.warning(m));
        }
        else {
            if (settings.publisher === 'flocken')
                ui.info(`${container.name} is a nix2container image, which flocken cannot push: the builtin publisher pushes it by digest.`);
            targets = [inputTarget(settings, container)];
            const annotations = annotationSet(facts, container.repository, settings.annotations);
            ui.info(`annotations: ${Object.entries(annotations.index)
                .map(([k, v]) => `${k}=${v}`)
                .join(', ') || '(none)'}`);
            upload = (await pushBuiltin(targets[0], images, { annotations, labels: settings.labels, compression: settings.compression }, (m) => ui.info(m), loaded, read)).upload;
        }
        // Every destination is read back and checked; all reads go out at once.
        const published = await Promise.all(targets.map(async (t) => ({ ...(await verifyPublished(t, container.name, images)), upload })));
        for (const p of published) {
            publication.images.push(p);
            ui.info(`${p.name}@${p.digest} (${p.platforms.join(', ')}) tagged ${p.tags.join(', ')}`);
        }
    }
    return publication;
}
/**
 * Loads every image and starts each one's smoke test as soon as it is in the daemon, while the next
 * one loads. Each image's archive is read once more, for its SBOM and for the builtin publisher's
 * layout: a stream's as the daemon reads it (its script runs once), a file's beside its load.
 */
async function loadAndStartTests(settings, built, host, ui, nix) {
    const tests = [];
    // flocken reads the archives itself; the builtin publisher needs their layout.
    const reading = settings.sbom || (settings.push && settings.publisher !== 'flocken');
    const options = { layers: settings.sbom };
    const order = loadOrder(built, host);
    const read = reading
        ? scanArchivesInTurn(order.filter((i) => i.run !== 'none'), options)
        : new Map();
    const loaded = await loadAll(built, host, ui, nix, {
        onLoaded: (image) => {
            ui.info(`${image.container} ${image.platform}: loaded as ${image.reference}${settings.test ? '; smoke test started' : ''}`);
            tests.push(startTest(settings, image));
        },
        onStream: reading
            ? (image, archive) => {
                const contents = scanAlongside(archive, options);
                // Awaited by the SBOM stage and the publisher; handled now so a failure there cannot crash the run first.
                contents.catch(() => undefined);
                read.set(image.installable, contents);
            }
            : undefined,
    });
    return { loaded, tests, read };
}
/**
 * Archive files are read while the daemon loads them: one at a time, in load order, so each read
 * runs beside its own image's load (the daemon inflates its copy on another core) rather than after
 * every load, and two reads never compete with a load for the cores.
 */
function scanArchivesInTurn(images, options) {
    const read = new Map();
    let previous = Promise.resolve();
    for (const image of images.filter((i) => i.kind === 'archive' || i.kind === 'archive-gz')) {
        const contents = previous.then(() => imageContents(image, options));
        // Awaited by the SBOM stage and the publisher; handled now so a failure there cannot crash the run first.
        contents.catch(() => undefined);
        previous = contents.catch(() => undefined);
        read.set(image.installable, contents);
    }
    return read;
}
/** Where the source annotations are read from: the flake's checkout, the commit, GitHub. */
function sourceContext(settings) {
    return {
        flakeDir: localFlakeDir(settings.flake),
        sha: settings.ref.sha,
        repository: settings.githubRepository,
        ...settings.github,
        githubToken: settings.githubToken,
        version: settings.version ?? versionFromRef(settings.ref.ref),
    };
}
/**
 * What flocken's `annotations` get (through $ANNOTATIONS): the same for every app, as one build
 * evaluates them all, so no per-container title (flocken's GitHub mode gives the repository's).
 */
function flockenAnnotations(facts, settings) {
    return annotationSet({ ...facts, title: '' }, '', settings.annotations).index;
}
/** Why a run pushed nothing, for the summary. */
function notPushedReason(eventName) {
    if (eventName.startsWith('pull_request'))
        return 'Pull request: images were built and tested; nothing was pushed.';
    if (PUSH_EVENTS.includes(eventName))
        return 'push is false: nothing was pushed.';
    return `On ${eventName ? `a ${eventName} event` : 'a run outside GitHub Actions'} push: auto publishes nothing (it publishes on ${PUSH_EVENTS.join(', ')}): images were built and tested. Set push: true to publish.`;
}
/** A whole run; every phase in its own log group. */
async function runPipeline(settings, host, ui, report, options) {
    const planned = await ui.group('Plan', async () => plan(settings, host, ui, report));
    // What the annotations say of the source (git, GitHub's API): asked while Nix is set up.
    const factsLog = [];
    const facts = settings.push ? sourceFacts(sourceContext(settings), (m) => factsLog.push(m)) : Promise.resolve({});
    const nix = await ui.group('Set up Nix', () => setUpNix(settings, planned, ui, report, options));
    const cacheReport = report.cache ?? emptyCacheReport();
    // One after the other, not side by side: two Nix processes opening a store for the first time race
    // on creating its state directory (seen here on a fresh store).
    const evaluating = appNix(nix, settings, flockenAnnotations(await facts, settings));
    const apps = await checkPublisher(settings, nix, evaluating);
    const cache = await ui.group('Cache: set up and restore', async () => {
        const session = await openCache(nix, settings.cache, cacheReport, ui);
        await beforeBuild(session, { host: host.system, systems: settings.systems, containers: settings.containers.map((c) => c.name), flake: settings.flake });
        return session;
    });
    // What was built and substituted is read from the build's own log as it runs.
    const activity = (cacheReport.activity = emptyActivity());
    const alsoBuild = appsToBuild(apps);
    const what = `${planned.entries.length} image(s)${alsoBuild.length ? ` and ${alsoBuild.length} manifest app(s)` : ''}`;
    const { images: built, otherOutputs: appOutputs } = await ui.group(`Build ${what} with one nix build`, async () => {
        try {
            return await buildImagesAndApps(nix, evaluating, planned.entries, apps, activity);
        }
        catch (e) {
            if (e instanceof BuildError)
                report.built = e.built;
            throw e;
        }
        finally {
            reportActivity(activity, ui);
        }
    });
    report.built = built;
    // Right after the build, before the tests: a built image is worth caching even if its test fails.
    await ui.group('Cache: push the image closures', () => afterBuild(cache, built));
    if (options.until === 'build')
        return { built, loaded: [] };
    const { loaded, tests, read } = await ui.group('Load into Docker', () => loadAndStartTests(settings, built, host.system, ui, nix));
    // The SBOMs of the images not read while loading (nix2container's, or not loaded) are read while
    // the containers are tested; the messages wait for their own log group.
    const sbomLog = [];
    const sboms = settings.sbom ? writeSboms(nix, built, sbomDirectory(), (m) => sbomLog.push(m), read) : undefined;
    sboms?.catch(() => undefined);
    await ui.group('Smoke test', async () => reportTests(await Promise.all(tests), report, ui));
    if (sboms) {
        report.sboms = await ui.group('SBOM from the Nix store paths in each image', async () => {
            const results = await sboms;
            for (const line of sbomLog)
                ui.info(line);
            return results;
        });
    }
    if (!settings.push) {
        report.pushSkipped = notPushedReason(settings.ref.eventName);
        if (settings.attest)
            ui.info('attest: nothing was pushed, so nothing is attested.');
        return { built, loaded };
    }
    const publication = await ui.group(`Publish to ${settings.registry}`, async () => {
        for (const line of factsLog)
            ui.info(line);
        return publish(settings, nix, apps, await facts, loaded, report, ui, read);
    });
    if (settings.attest) {
        // Loaded only when asked for: the attestation client (Sigstore) is most of the bundle.
        const { attestPublished } = await Promise.all(/* import() */[__nccwpck_require__.e(838), __nccwpck_require__.e(88), __nccwpck_require__.e(878), __nccwpck_require__.e(108), __nccwpck_require__.e(658)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7658));
        report.attestations = await ui.group('Attest build provenance and SBOMs', () => attestPublished(publication.images, report.sboms, settings.githubToken, (m) => ui.info(m)));
    }
    if (appOutputs.length > 0)
        await ui.group('Cache: push the manifest app', () => afterPublish(cache, appOutputs));
    return { built, loaded, publication };
}

;// CONCATENATED MODULE: ./src/pipeline/ui.ts
/** The Actions log, through @actions/core (loaded by action/main.ts, not by this module: see there). */
function actionsUi(core) {
    return {
        group: (name, fn) => core.group(name, async () => {
            const started = Date.now();
            try {
                return await fn();
            }
            finally {
                core.info(`(${((Date.now() - started) / 1000).toFixed(2)}s)`);
            }
        }),
        info: (m) => core.info(m),
        notice: (m) => core.notice(m),
        warning: (m) => core.warning(m),
    };
}
function terminalUi(write = (l) => process.stderr.write(`${l}\n`)) {
    return {
        async group(name, fn) {
            write(`==> ${name}`);
            const started = Date.now();
            try {
                return await fn();
            }
            finally {
                write(`    (${((Date.now() - started) / 1000).toFixed(1)}s)`);
            }
        },
        info: (m) => write(m),
        notice: (m) => write(`note: ${m}`),
        warning: (m) => write(`warning: ${m}`),
    };
}

// EXTERNAL MODULE: ./src/action/state.ts
var state = __nccwpck_require__(3175);
;// CONCATENATED MODULE: ./src/action/main.ts










/** Inputs whose values are masked in the log and refused on any command line. */
const SECRET_INPUTS = ['builder-ssh-key', 'cachix-auth-token', 'cachix-signing-key', 'binary-cache-secret-key', 'password', 'token', 'github-token'];
/** A multi-line secret is masked line by line too: the runner matches masks within one log line. */
function secretParts(value) {
    if (!value.trim())
        return [];
    return [value, ...value.split(/\r?\n/).filter((l) => l.trim().length >= 8 && !l.startsWith('-----'))];
}
/** Every secret of the run: the secret inputs (line by line too) and the tokens the settings hold. */
function secretsOf(settings) {
    const values = [...SECRET_INPUTS.flatMap((input) => secretParts(actionInput(input))), settings?.password, settings?.githubToken];
    return new Set(values.filter((v) => !!v));
}
/** Reads the inputs and starts probing the runner. Prints nothing: the secrets are not masked yet. */
function start() {
    // Registered before parsing, so not even an error about an input can carry one onto a command line.
    secretsOf().forEach(exec/* registerSecret */.cl);
    checkRenamedInputs();
    const context = runnerContext();
    const settings = parseSettings(actionInput, context);
    secretsOf(settings).forEach(exec/* registerSecret */.cl);
    const host = probeHost(context.host, (0,machine_line/* inputBuilders */.tD)(settings.builders));
    // Awaited once @actions/core is loaded; a failure is reported then, not as an unhandled rejection.
    host.catch(() => undefined);
    return { settings, host };
}
async function run() {
    let started;
    let early;
    try {
        started = start();
    }
    catch (e) {
        early = e;
    }
    // @actions/core is slow to load (mostly the HTTP client it brings): it loads while the probes run.
    const core = await __nccwpck_require__.e(/* import() */ 838).then(__nccwpck_require__.bind(__nccwpck_require__, 3838));
    // Masked before anything is printed, so not even an error about an input can show a secret.
    secretsOf(started?.settings).forEach((secret) => core.setSecret(secret));
    const report = { built: [], tests: [] };
    let loaded = [];
    let failure;
    try {
        (0,state/* markMainStarted */.UM)(core);
        if (!started)
            throw early;
        const { settings, host } = started;
        loaded = (await runPipeline(settings, await host, actionsUi(core), report, { installNix: true, onBuilderDir: (dir) => (0,state/* saveBuilderDir */.uP)(core, dir) })).loaded;
    }
    catch (e) {
        failure = (0,errors/* messageOf */.b)(e);
        core.setFailed(failure);
    }
    finally {
        // Set even after a failure: what was built and tested is worth reporting.
        for (const [name, value] of Object.entries(actionOutputs(report, loaded)))
            core.setOutput(name, value);
        // Outside a runner (the CLI, local tests) there may be no summary file to write to.
        if (process.env.GITHUB_STEP_SUMMARY)
            await core.summary.addRaw(summaryMarkdown(report, failure)).write();
    }
}


/***/ }),

/***/ 7718:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ post)
/* harmony export */ });
/* harmony import */ var _builders_remote_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8468);
/* harmony import */ var _root_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(271);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(3175);
/* harmony import */ var _builders_machine_line_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(9904);
/* harmony import */ var _files_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(9148);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(3916);
// The action's post step (post-if: always()): removes what the main step left on the runner. It
// runs after a failed main step too, and its own failures are warnings: the job's result is the
// main step's.






async function post() {
    const dir = (0,_state_js__WEBPACK_IMPORTED_MODULE_2__/* .savedBuilderDir */ .EK)();
    if (!dir)
        return;
    const core = await __nccwpck_require__.e(/* import() */ 838).then(__nccwpck_require__.bind(__nccwpck_require__, 3838));
    try {
        if (await (0,_builders_remote_js__WEBPACK_IMPORTED_MODULE_0__/* .removeBuilderDir */ .ni)(dir))
            core.info(`removed the builder key directory ${dir}`);
    }
    catch (e) {
        core.warning(`Could not remove the builder key directory ${dir}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .messageOf */ .b)(e)}`);
    }
    // Written (as root) only when Nix built through its daemon and a builder listens on a port.
    const sshConfig = (0,_builders_machine_line_js__WEBPACK_IMPORTED_MODULE_3__/* .rootSshConfigFile */ .bP)(dir);
    if (await (0,_files_js__WEBPACK_IMPORTED_MODULE_4__/* .exists */ .t)(sshConfig)) {
        try {
            await (0,_root_js__WEBPACK_IMPORTED_MODULE_1__/* .runAsRoot */ .yf)('rm', ['-f', sshConfig], { echo: false });
            core.info(`removed ${sshConfig}`);
        }
        catch (e) {
            core.warning(`Could not remove ${sshConfig}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .messageOf */ .b)(e)}`);
        }
    }
}


/***/ }),

/***/ 3175:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   EK: () => (/* binding */ savedBuilderDir),
/* harmony export */   UM: () => (/* binding */ markMainStarted),
/* harmony export */   tl: () => (/* binding */ isPost),
/* harmony export */   uP: () => (/* binding */ saveBuilderDir)
/* harmony export */ });
const NAMES = {
    /** Set by the main step first thing, so the second run of dist/index.js knows it is the post step. */
    isPost: 'isPost',
    builderDir: 'builderDir',
};
const saved = (name, env) => env[`STATE_${name}`] ?? '';
function markMainStarted(core) {
    core.saveState(NAMES.isPost, 'true');
}
function isPost(env = process.env) {
    return saved(NAMES.isPost, env) === 'true';
}
function saveBuilderDir(core, dir) {
    core.saveState(NAMES.builderDir, dir);
}
function savedBuilderDir(env = process.env) {
    return saved(NAMES.builderDir, env) || undefined;
}


/***/ }),

/***/ 9904:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AY: () => (/* binding */ MachineLineError),
/* harmony export */   BD: () => (/* binding */ sshAlias),
/* harmony export */   Gr: () => (/* binding */ formatSshUri),
/* harmony export */   NZ: () => (/* binding */ toBuilder),
/* harmony export */   OV: () => (/* binding */ buildersValue),
/* harmony export */   QZ: () => (/* binding */ describeBuilders),
/* harmony export */   RN: () => (/* binding */ mergeBuilders),
/* harmony export */   WA: () => (/* binding */ sshConfigText),
/* harmony export */   Yw: () => (/* binding */ FROM_INPUT),
/* harmony export */   am: () => (/* binding */ parseSshUri),
/* harmony export */   bP: () => (/* binding */ rootSshConfigFile),
/* harmony export */   hF: () => (/* binding */ parseMachineLine),
/* harmony export */   iO: () => (/* binding */ pingArgs),
/* harmony export */   jl: () => (/* binding */ splitMachines),
/* harmony export */   tD: () => (/* binding */ inputBuilders),
/* harmony export */   uu: () => (/* binding */ rootSshConfigText),
/* harmony export */   vE: () => (/* binding */ classifyPingFailure),
/* harmony export */   wX: () => (/* binding */ MACHINE_LINE_FORM)
/* harmony export */ });
/* unused harmony exports ROSETTA_HOST, formatMachineLine, isRosettaBuilder, pingStoreUri */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _config_platform_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(5063);
/* harmony import */ var _ssh_keys_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6747);
// The vocabulary of remote builders, pure: Nix's machine lines (parse, format, the builders value),
// ssh store URIs, the ssh config for a builder on a port, and what the planner sees of a machine.



/** Why a machine line was rejected; config/settings.ts turns it into an error naming the input. */
class MachineLineError extends Error {
}
const FIELD_NAMES = ['URI', 'systems', 'ssh key', 'max jobs', 'speed factor', 'supported features', 'mandatory features', 'public host key'];
const MACHINE_LINE_FORM = 'ssh-ng://user@host[:port] systems [ssh-key [max-jobs [speed-factor [features [mandatory-features [host-key]]]]]], with - for a field left out';
const SYSTEM = /^[a-z0-9_]+-[a-z0-9_]+$/;
const HOST_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const USER = /^[A-Za-z0-9._][A-Za-z0-9._-]*$/;
/** Where a builder given by the action's inputs says it came from (plans and errors show it). */
const FROM_INPUT = "input 'builders'";
/** The host name nix-darwin's nix-rosetta-builder gives its VM in /etc/ssh/ssh_config.d and /etc/nix/machines. */
const ROSETTA_HOST = 'rosetta-builder';
/**
 * The entries of a `builders` value or a machines file, as Nix splits them: on newlines and ';',
 * '#' to the end of a line is a comment, and '@file' names a machines file to read.
 */
function splitMachines(text) {
    const lines = [];
    const files = [];
    for (const raw of text.split(/[\n;]/)) {
        const entry = raw.replace(/#.*$/, '').trim();
        if (!entry)
            continue;
        if (entry.startsWith('@'))
            files.push(entry.slice(1).trim());
        else
            lines.push(entry);
    }
    return { lines, files };
}
/** `[user@]host[:port]` after ssh:// or ssh-ng://; Nix itself reads a line without a scheme as ssh://. */
function parseSshUri(uri) {
    const m = /^(?:(ssh|ssh-ng):\/\/)?(?:([^@/?#\s]+)@)?(\[[0-9A-Fa-f:.]+\]|[^:/?#@\s[\]]+)(?::([0-9]{1,5}))?$/.exec(uri);
    if (!m)
        return undefined;
    const [, scheme = 'ssh', user, rawHost, port] = m;
    const host = rawHost.startsWith('[') ? rawHost.slice(1, -1) : rawHost;
    if (user !== undefined && !USER.test(user))
        return undefined;
    if (!rawHost.startsWith('[') && !HOST_NAME.test(host))
        return undefined;
    if (port !== undefined && (Number(port) < 1 || Number(port) > 65535))
        return undefined;
    return { scheme: scheme, user, host, port: port === undefined ? undefined : Number(port) };
}
function formatSshUri(t) {
    const host = t.host.includes(':') ? `[${t.host}]` : t.host;
    return `${t.scheme}://${t.user ? `${t.user}@` : ''}${host}${t.port === undefined ? '' : `:${t.port}`}`;
}
function optionalField(value) {
    return value === undefined || value === '-' || value === '' ? undefined : value;
}
function listField(value) {
    const v = optionalField(value);
    return v
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [];
}
function wholeNumber(value, field) {
    const v = optionalField(value);
    if (v === undefined)
        return undefined;
    if (!/^[0-9]+$/.test(v) || Number(v) < 1)
        throw new MachineLineError(`field ${field + 1} (${FIELD_NAMES[field]}) ${JSON.stringify(v)} is not a whole number of at least 1, or -`);
    return Number(v);
}
/**
 * One machine line. `strict` (for the builders input) also insists on an ssh URI and on at least
 * one system; lines Nix itself reads are taken as Nix takes them.
 */
function parseMachineLine(line, strict = false) {
    const fields = line.trim().split(/\s+/);
    if (fields.length > 8)
        throw new MachineLineError(`has ${fields.length} fields; a machine line has at most 8: ${MACHINE_LINE_FORM}`);
    const [uriField, systemsField, keyField, jobsField, speedField, featuresField, mandatoryField, hostKeyField] = fields;
    let uri = uriField;
    if (strict) {
        const target = parseSshUri(uriField);
        if (!target)
            throw new MachineLineError(`${JSON.stringify(uriField)} is not an ssh builder: use ssh-ng://user@host or ssh-ng://user@host:port (ssh:// for the older protocol), without a path or ?options`);
        uri = formatSshUri(target);
    }
    else if (!uri.includes('://')) {
        uri = `ssh://${uri}`;
    }
    const systems = listField(systemsField);
    for (const s of systems) {
        if (!SYSTEM.test(s))
            throw new MachineLineError(`field 2 (systems) has ${JSON.stringify(s)}, which is not a Nix system such as aarch64-linux`);
    }
    if (strict && !systems.some((s) => _config_platform_js__WEBPACK_IMPORTED_MODULE_1__/* .LINUX_SYSTEMS */ .K.includes(s))) {
        throw new MachineLineError(`lists no system this action builds: name them in field 2, comma-separated, e.g. ${uri} aarch64-linux (accepted: ${_config_platform_js__WEBPACK_IMPORTED_MODULE_1__/* .LINUX_SYSTEMS */ .K.join(', ')})`);
    }
    if (strict && optionalField(mandatoryField) !== undefined) {
        throw new MachineLineError(`field 7 (mandatory features) is ${JSON.stringify(mandatoryField)}: Nix sends such a machine only derivations that require those features, which images do not; write - there`);
    }
    const hostKey = optionalField(hostKeyField);
    if (hostKey !== undefined && !(0,_ssh_keys_js__WEBPACK_IMPORTED_MODULE_2__/* .parseHostKey */ .xK)(hostKey)) {
        throw new MachineLineError(`field 8 (public host key) is not the base64 of an SSH public key line (base64 -w0 /etc/ssh/ssh_host_ed25519_key.pub)`);
    }
    return {
        uri,
        systems,
        sshKey: optionalField(keyField),
        maxJobs: wholeNumber(jobsField, 3),
        speedFactor: wholeNumber(speedField, 4),
        supportedFeatures: listField(featuresField),
        mandatoryFeatures: listField(mandatoryField),
        publicHostKey: hostKey,
    };
}
/** Back to the text Nix reads, with '-' for what is left out. */
function formatMachineLine(m) {
    const list = (l) => (l.length ? l.join(',') : '-');
    const fields = [
        m.uri,
        list(m.systems),
        m.sshKey ?? '-',
        String(m.maxJobs ?? 1),
        String(m.speedFactor ?? 1),
        list(m.supportedFeatures),
        list(m.mandatoryFeatures),
        m.publicHostKey ?? '-',
    ];
    // Nix splits a `builders` value on ';' and cuts '#' comments, so neither may occur in a field.
    if (fields.some((f) => /[;#\s]/.test(f)))
        throw new MachineLineError(`cannot be written as a machine line: a field contains ';', '#' or a space`);
    return fields.join(' ');
}
/**
 * What the planner needs from a machine: the Linux systems it builds. A machine with mandatory
 * features only takes derivations that require them, so Nix would not send our images there.
 */
function toBuilder(m, from) {
    if (m.mandatoryFeatures.length > 0)
        return undefined;
    const systems = _config_platform_js__WEBPACK_IMPORTED_MODULE_1__/* .LINUX_SYSTEMS */ .K.filter((s) => m.systems.includes(s));
    if (systems.length === 0)
        return undefined;
    return { uri: m.label ?? m.uri, systems, from, line: m };
}
/** Builders given as inputs come first, so the plan names them; later duplicates are dropped. */
function mergeBuilders(...sets) {
    const seen = new Set();
    const out = [];
    for (const b of sets.flat()) {
        if (seen.has(b.uri))
            continue;
        seen.add(b.uri);
        out.push(b);
    }
    return out;
}
function isRosettaBuilder(uri) {
    return parseSshUri(uri)?.host === ROSETTA_HOST;
}
// --- what the action writes -------------------------------------------------------------------------
/** The ssh Host alias for a builder on a port: Nix 2.8 (and Nix before 2.31) cannot put a port in a URI. */
function sshAlias(t) {
    return `nca-${t.host.replace(/[^A-Za-z0-9.-]+/g, '_')}-${t.port}`;
}
/**
 * ssh config for builders on a port, given to Nix's ssh as NIX_SSHOPTS="-F <file>". HostKeyAlias
 * makes ssh look the host key up under the alias, which is the name Nix writes the machine line's
 * host key under. `-F` replaces the user's and the system's config, so they are included after
 * ours, for every other host (the nix-rosetta-builder's Host entry lives in /etc/ssh/ssh_config.d).
 */
/** Where the nix daemon's ssh (root's) finds the ports of a run's builders: a drop-in removed by the post step. */
function rootSshConfigFile(builderDir) {
    return `/etc/ssh/ssh_config.d/${(0,node_path__WEBPACK_IMPORTED_MODULE_0__.basename)(builderDir)}.conf`;
}
function hostBlocks(routes) {
    return routes.map((r) => [`Host ${r.alias}`, `  HostName ${r.host}`, `  Port ${r.port}`, `  HostKeyAlias ${r.alias}`].join('\n'));
}
/** The same routes as a drop-in of the system's ssh config, for a daemon that never sees NIX_SSHOPTS. */
function rootSshConfigText(routes) {
    return ['# Written by nix-container-action for remote builders on a port; removed in its post step.', ...hostBlocks(routes), ''].join('\n');
}
function sshConfigText(routes) {
    return [
        '# Written by nix-container-action for remote builders on a port; removed in its post step.',
        ...hostBlocks(routes),
        'Match all',
        '  Include /etc/ssh/ssh_config',
        '  Include ~/.ssh/config',
        '',
    ].join('\n');
}
/**
 * The `builders` value for this run: our lines first, then whatever Nix had (often @/etc/nix/machines).
 * Joined by a bare ';': Nix 2.8 reads an '@file' entry only when '@' is its very first character
 * (it does not trim the entry first), so ' ; @/etc/nix/machines' would become a machine of that name.
 */
function buildersValue(lines, existing) {
    const kept = (existing ?? '')
        .split(/[\n;]/)
        .map((e) => e.trim())
        .filter(Boolean);
    return [...lines.map(formatMachineLine), ...kept].join(';');
}
/** `nix store ping`'s store URI: the key and host key as the store's own settings. */
function pingStoreUri(m) {
    const params = [
        m.sshKey && `ssh-key=${encodeURIComponent(m.sshKey)}`,
        m.publicHostKey && `base64-ssh-public-host-key=${encodeURIComponent(m.publicHostKey)}`,
    ].filter(Boolean);
    return params.length ? `${m.uri}?${params.join('&')}` : m.uri;
}
function pingArgs(m) {
    // The flag, not NIX_CONFIG, enables the command: `sudo` drops the environment.
    return ['--extra-experimental-features', 'nix-command', 'store', 'ping', '--store', pingStoreUri(m)];
}
/** Which ping failures waiting cannot fix: a booting machine refuses or drops connections. */
function classifyPingFailure(stderr) {
    if (/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|No (ED25519|ECDSA|RSA)? ?host key is known/i.test(stderr))
        return 'host-key';
    if (/Load key .*: Permission denied|Permission denied, please try again|identity file .* not accessible/i.test(stderr))
        return 'unreadable-key';
    if (/Permission denied \(/.test(stderr))
        return 'auth';
    return 'transient';
}
// --- the world ----------------------------------------------------------------------------------
/** The Linux systems a builder set covers, for messages. */
function describeBuilders(builders) {
    return builders
        .map((b) => `${b.uri} (${b.systems.join(', ')}${isRosettaBuilder(b.uri) ? ', nix-rosetta-builder' : ''}${b.from ? `; ${b.from}` : ''})`)
        .join(', ');
}
/** The builders input as the planner sees it. */
function inputBuilders(lines) {
    return lines.map((l) => toBuilder(l, FROM_INPUT)).filter((b) => b !== undefined);
}


/***/ }),

/***/ 8468:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   OU: () => (/* binding */ warmBuilders),
/* harmony export */   a8: () => (/* binding */ prepareBuilders),
/* harmony export */   cc: () => (/* binding */ detectBuilders),
/* harmony export */   ni: () => (/* binding */ removeBuilderDir)
/* harmony export */ });
/* unused harmony exports readBuildersSetting, resolveMachines, warmBuilder */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(4981);
/* harmony import */ var _root_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(271);
/* harmony import */ var _ssh_keys_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(6747);
/* harmony import */ var _machine_line_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(9904);
/* harmony import */ var _nix_nix_js__WEBPACK_IMPORTED_MODULE_7__ = __nccwpck_require__(4280);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_9__ = __nccwpck_require__(9809);
/* harmony import */ var _files_js__WEBPACK_IMPORTED_MODULE_8__ = __nccwpck_require__(9148);
// Remote builders: Nix machine lines (the `builders` setting and /etc/nix/machines), the builders
// this runner already has (nix-darwin's nix-rosetta-builder among them), the files a builder given
// by inputs needs (its ssh key, an ssh config for a port), and a bounded wait for a builder that
// may still be booting. Parsing and formatting are pure; only the last section touches the world.










const MACHINES_FILE = '/etc/nix/machines';
const DIR_PREFIX = 'nca-builder-';
async function readMachinesFile(path) {
    return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path, 'utf8').catch(() => '');
}
/** The `builders` setting as this user's Nix sees it (nix.conf, NIX_CONFIG), or undefined without Nix. */
async function readBuildersSetting(nixPath) {
    if (!nixPath)
        return undefined;
    const command = (0,_nix_nix_js__WEBPACK_IMPORTED_MODULE_7__/* .configShowCommand */ .Dw)(await (0,_nix_nix_js__WEBPACK_IMPORTED_MODULE_7__/* .nixVersion */ .oX)(nixPath).catch(() => ''));
    const r = await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)({ cmd: nixPath, args: ['--extra-experimental-features', 'nix-command', ...command, '--json'] }, { echo: false, check: false, timeoutMs: 30_000 }).catch(() => undefined);
    if (r?.code !== 0)
        return undefined;
    try {
        const value = JSON.parse(r.stdout).builders?.value;
        return typeof value === 'string' ? value : undefined;
    }
    catch {
        return undefined;
    }
}
/** The machine lines of a `builders` value, '@file' references read as Nix reads them. */
async function resolveMachines(value, depth = 0) {
    const { lines, files } = (0,_machine_line_js__WEBPACK_IMPORTED_MODULE_6__/* .splitMachines */ .jl)(value);
    const out = [];
    for (const text of lines) {
        try {
            out.push({ line: (0,_machine_line_js__WEBPACK_IMPORTED_MODULE_6__/* .parseMachineLine */ .hF)(text), from: "Nix's builders setting" });
        }
        catch {
            // Nix would reject it too; it is not ours to report
        }
    }
    for (const file of files) {
        if (depth > 3)
            break;
        for (const m of await resolveMachines(await readMachinesFile(file), depth + 1))
            out.push({ ...m, from: m.from === "Nix's builders setting" ? file : m.from });
    }
    return out;
}
/** The builders this machine already has, from Nix's own setting, else from /etc/nix/machines. */
async function detectBuilders(nixPath) {
    const setting = (await readBuildersSetting(nixPath)) ?? `@${MACHINES_FILE}`;
    const machines = await resolveMachines(setting);
    return (0,_machine_line_js__WEBPACK_IMPORTED_MODULE_6__/* .mergeBuilders */ .RN)(machines.map((m) => (0,_machine_line_js__WEBPACK_IMPORTED_MODULE_6__/* .toBuilder */ .NZ)(m.line, m.from)).filter((b) => b !== undefined));
}
function deadlineAfter(seconds) {
    const end = Date.now() + seconds * 1000;
    return () => end - Date.now();
}
/** A host key from ssh-keyscan, retried until the deadline: an on-demand builder may be booting. */
async function scanHostKey(t, remaining) {
    const keyscan = await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .which */ .K7)('ssh-keyscan');
    if (!keyscan)
        throw new Error(`Input 'builder-host-key' is empty and ssh-keyscan is not installed: give the builder's public host key (ssh-ed25519 AAAA…) in builder-host-key.`);
    let last = 'no host key offered';
    try {
        return await (0,_retry_js__WEBPACK_IMPORTED_MODULE_9__/* .retry */ .L5)(async () => {
            const r = await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)({ cmd: keyscan, args: ['-T', '10', ...(t.port ? ['-p', String(t.port)] : []), t.host] }, { echo: false, check: false, timeoutMs: 20_000 });
            const key = (0,_ssh_keys_js__WEBPACK_IMPORTED_MODULE_5__/* .pickScannedKey */ .$U)(r.stdout);
            if (key)
                return key;
            last =
                r.stderr
                    .trim()
                    .split('\n')
                    .filter((l) => !l.startsWith('#'))
                    .join(' ') || 'no host key offered';
            throw new Error(last);
        }, { delayMs: (0,_retry_js__WEBPACK_IMPORTED_MODULE_9__/* .untilDeadline */ .Hm)(remaining, 2000) });
    }
    catch (e) {
        throw new Error(`ssh-keyscan could not read a host key from ${t.host}${t.port ? ` port ${t.port}` : ''} (${last}): check that the builder is reachable, or give its key in builder-host-key.`, { cause: e });
    }
}
/**
 * Writes what the builders given by inputs need into a fresh 0700 directory: the private key (0600)
 * and, for a builder on a port, an ssh config. `onDir` is told the directory before the key is
 * written, so the post step removes it even when this fails half-way.
 */
async function prepareBuilders(inputs, nixPath, ui, onDir, 
/** Nix builds through its daemon, which connects to builders as root and never sees NIX_SSHOPTS. */
daemon = false) {
    const base = process.env.RUNNER_TEMP || (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)();
    const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(base, DIR_PREFIX));
    onDir(dir);
    // NIX_SSHOPTS is split on spaces, so the config's path must have none.
    if (/\s/.test(dir))
        throw new Error(`The temporary directory ${dir} contains a space, which NIX_SSHOPTS cannot carry: set RUNNER_TEMP to a path without spaces.`);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.chmod)(dir, 0o700);
    let keyFile;
    if (inputs.builderSshKey) {
        keyFile = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'ssh-key');
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(keyFile, inputs.builderSshKey, { mode: 0o600, flag: 'wx' });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.chmod)(keyFile, 0o600); // whatever the umask
    }
    const remaining = deadlineAfter(inputs.builderTimeoutSec);
    const routes = [];
    const lines = [];
    for (const given of inputs.builders) {
        const target = (0,_machine_line_js__WEBPACK_IMPORTED_MODULE_6__/* .parseSshUri */ .am)(given.uri);
        let publicHostKey = given.publicHostKey ?? inputs.builderHostKey;
        if (!publicHostKey) {
            publicHostKey = await scanHostKey(target, remaining);
            ui.warning(`Input 'builder-host-key' is empty: trusting the host key ssh-keyscan read from ${given.uri} (${(0,_ssh_keys_js__WEBPACK_IMPORTED_MODULE_5__/* .hostKeyFingerprint */ .E_)(publicHostKey)}). ` +
                `Anyone between this runner and the builder could have answered instead; pin the key with builder-host-key.`);
        }
        const line = { ...given, label: given.uri, sshKey: given.sshKey ?? keyFile, publicHostKey };
        if (target.port !== undefined) {
            const alias = (0,_machine_line_js__WEBPACK_IMPORTED_MODULE_6__/* .sshAlias */ .BD)(target);
            routes.push({ alias, host: target.host, port: target.port });
            line.uri = (0,_machine_line_js__WEBPACK_IMPORTED_MODULE_6__/* .formatSshUri */ .Gr)({ scheme: target.scheme, user: target.user, host: alias });
        }
        lines.push(line);
    }
    const env = {};
    if (routes.length > 0) {
        const config = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'ssh_config');
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(config, (0,_machine_line_js__WEBPACK_IMPORTED_MODULE_6__/* .sshConfigText */ .WA)(routes), { mode: 0o600 });
        env.NIX_SSHOPTS = [process.env.NIX_SSHOPTS, `-F ${config}`].filter(Boolean).join(' ');
        for (const l of lines.filter((l) => l.label !== l.uri))
            ui.info(`builder ${l.label} is ${l.uri} in nix.conf: its port is in ${config} (NIX_SSHOPTS -F)`);
        if (daemon) {
            const ports = routes.map((r) => `${r.host}:${r.port}`).join(', ');
            if (!(await (0,_root_js__WEBPACK_IMPORTED_MODULE_4__/* .canBeRoot */ .oV)())) {
                throw new Error(`Nix builds through its daemon here, which connects to builders as root and does not see NIX_SSHOPTS, and this user cannot write root's ssh config (no root, no passwordless sudo): ` +
                    `put the port of ${ports} in root's ssh config (Host … Port …), or let the builder listen on port 22. Nothing was built.`);
            }
            const file = (0,_machine_line_js__WEBPACK_IMPORTED_MODULE_6__/* .rootSshConfigFile */ .bP)(dir);
            await (0,_root_js__WEBPACK_IMPORTED_MODULE_4__/* .runAsRoot */ .yf)('tee', [file], { input: (0,_machine_line_js__WEBPACK_IMPORTED_MODULE_6__/* .rootSshConfigText */ .uu)(routes), echo: false });
            ui.info(`Nix builds through its daemon (as root), which does not see NIX_SSHOPTS: the port of ${ports} is also in ${file}, removed in the post step.`);
        }
    }
    return { dir, lines, setting: (0,_machine_line_js__WEBPACK_IMPORTED_MODULE_6__/* .buildersValue */ .OV)(lines, await readBuildersSetting(nixPath)), env };
}
/** Removes a directory prepareBuilders made, and nothing else: the path comes back from saved state. */
async function removeBuilderDir(dir) {
    if (!(0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)(dir).startsWith(DIR_PREFIX))
        throw new Error(`refusing to remove ${dir}: it is not a directory this action created`);
    const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(dir).catch(() => undefined);
    if (!info)
        return false;
    if (!info.isDirectory())
        throw new Error(`refusing to remove ${dir}: it is not a directory`);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(dir, { recursive: true, force: true });
    return true;
}
/**
 * Waits until a builder answers `nix store ping`, at most `timeoutSec`: an on-demand builder (the
 * nix-rosetta-builder VM with onDemand) boots on the first connection, and a build started while it
 * boots fails. A machine whose key only root can read (nix-darwin's builders are root's) is pinged
 * through sudo, as the nix daemon would connect as root.
 */
async function warmBuilder(nix, builder, line, timeoutSec, ui) {
    const remaining = deadlineAfter(timeoutSec);
    const started = Date.now();
    const name = `${builder.uri}${builder.from ? ` (${builder.from})` : ''}`;
    let sudo = !(0,_root_js__WEBPACK_IMPORTED_MODULE_4__/* .isRoot */ .jX)() && !(line.sshKey === undefined || (await (0,_files_js__WEBPACK_IMPORTED_MODULE_8__/* .readable */ .H)(line.sshKey))) && (await (0,_root_js__WEBPACK_IMPORTED_MODULE_4__/* .canSudo */ .UL)());
    let last = 'no answer';
    let attempts = 0;
    const ours = builder.from === _machine_line_js__WEBPACK_IMPORTED_MODULE_6__/* .FROM_INPUT */ .Yw;
    ui.info(`waiting for builder ${name} to answer (at most ${timeoutSec} s)`);
    // 'unchecked': only root could reach it, and this user cannot become root (the daemon can).
    const ping = async () => {
        attempts++;
        const cmd = sudo ? { cmd: 'sudo', args: ['-n', nix.path, ...(0,_machine_line_js__WEBPACK_IMPORTED_MODULE_6__/* .pingArgs */ .iO)(line)] } : { cmd: nix.path, args: (0,_machine_line_js__WEBPACK_IMPORTED_MODULE_6__/* .pingArgs */ .iO)(line), env: nix.env };
        try {
            await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)(cmd, { echo: false, timeoutMs: Math.max(1000, Math.min(remaining(), 30_000)) });
            return 'answered';
        }
        catch (e) {
            if (!(e instanceof _exec_js__WEBPACK_IMPORTED_MODULE_3__/* .CommandError */ .Qd))
                throw e;
            const stderr = e.result.timedOut ? 'no answer' : e.result.stderr;
            last = e.message.replace(/\r/g, '').split('\n').slice(1).join(' ').trim() || stderr.trim() || 'no answer';
            const kind = (0,_machine_line_js__WEBPACK_IMPORTED_MODULE_6__/* .classifyPingFailure */ .vE)(stderr);
            if (kind === 'unreadable-key' || (kind === 'auth' && !ours)) {
                if (!sudo && !(0,_root_js__WEBPACK_IMPORTED_MODULE_4__/* .isRoot */ .jX)() && (await (0,_root_js__WEBPACK_IMPORTED_MODULE_4__/* .canSudo */ .UL)())) {
                    sudo = true;
                    return ping();
                }
                if (!ours && !sudo)
                    return 'unchecked';
            }
            if (kind === 'host-key') {
                throw new BuilderRefused(ours
                    ? `Remote builder ${name}: its host key does not match (${last}). Give the right key in input 'builder-host-key' (or field 8 of its line in input 'builders').`
                    : `Remote builder ${name}: its host key does not match (${last}). Fix the host key in its machine line or in root's known_hosts.`);
            }
            if (kind === 'auth' || kind === 'unreadable-key') {
                throw new BuilderRefused(ours
                    ? `Remote builder ${name} refused the ssh key (${last}): authorize the public half of input 'builder-ssh-key' for its user, or name the right key file in field 3 of its line in input 'builders'.`
                    : `Remote builder ${name} refused root's ssh key (${last}): check the key in its machine line and root's ssh config for that host.`);
            }
            throw e;
        }
    };
    let outcome;
    try {
        outcome = await (0,_retry_js__WEBPACK_IMPORTED_MODULE_9__/* .retry */ .L5)(ping, { delayMs: (0,_retry_js__WEBPACK_IMPORTED_MODULE_9__/* .untilDeadline */ .Hm)(remaining, 2000), retryable: (e) => !(e instanceof BuilderRefused) });
    }
    catch (e) {
        if (e instanceof BuilderRefused)
            throw e;
        throw new Error(`Remote builder ${name} did not answer within ${timeoutSec} s (input 'builder-timeout', ${attempts} attempts): ${last}. ` +
            `Check that it is running and reachable from this runner; an on-demand builder may need a longer builder-timeout.`, { cause: e });
    }
    if (outcome === 'unchecked') {
        ui.notice(`Could not check builder ${name} as this user (its ssh key is root's, and sudo is not available): the nix daemon connects to it as root when building.`);
        return;
    }
    ui.info(`builder ${name} answered after ${((Date.now() - started) / 1000).toFixed(1)} s${attempts > 1 ? ` (${attempts} attempts)` : ''}${sudo ? ' (as root)' : ''}`);
}
/** A builder that answered and refused us: waiting longer will not help. */
class BuilderRefused extends Error {
}
/** Every builder the plan sends work to, as Nix will reach it, warmed one after the other. */
async function warmBuilders(nix, planned, prepared, timeoutSec, ui) {
    for (const builder of planned.builders) {
        const line = prepared?.lines.find((l) => l.label === builder.uri) ?? builder.line;
        if (!line || !(0,_machine_line_js__WEBPACK_IMPORTED_MODULE_6__/* .parseSshUri */ .am)(line.uri))
            continue; // not an ssh machine: nothing to wake
        await warmBuilder(nix, builder, line, timeoutSec, ui);
    }
}


/***/ }),

/***/ 6747:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $U: () => (/* binding */ pickScannedKey),
/* harmony export */   E_: () => (/* binding */ hostKeyFingerprint),
/* harmony export */   QW: () => (/* binding */ parsePrivateKey),
/* harmony export */   eN: () => (/* binding */ KeyError),
/* harmony export */   xK: () => (/* binding */ parseHostKey)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
// SSH keys as the action meets them: a builder's public host key (a .pub or known_hosts line, or
// the base64 form Nix's machines format wants) and the private key pasted into a secret. Pure
// functions; no message ever quotes a private key.

/** Why a key was rejected; config/settings.ts turns it into an error naming the input. */
class KeyError extends Error {
}
const KEY_TYPE = /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)$/;
/** A public key line's type and base64 blob, checked to agree with each other. */
function keyFromLine(line) {
    const words = line.trim().split(/\s+/);
    // A known_hosts or ssh-keyscan line starts with the host: skip to the key type.
    const at = words.findIndex((w) => KEY_TYPE.test(w));
    if (at < 0 || at > 1 || words.length < at + 2)
        return undefined;
    const [type, blob] = [words[at], words[at + 1]];
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(blob))
        return undefined;
    const bytes = Buffer.from(blob, 'base64');
    // The blob starts with its own type: a uint32 length, then the name.
    if (bytes.length < 4)
        return undefined;
    const len = bytes.readUInt32BE(0);
    if (bytes.subarray(4, 4 + len).toString('latin1') !== type)
        return undefined;
    return { type, blob };
}
/** The base64 form Nix's machines file wants, from a key line or from that base64 itself. */
function parseHostKey(value) {
    const v = value.trim();
    if (!v)
        return undefined;
    let key = keyFromLine(v);
    if (!key && /^[A-Za-z0-9+/]+={0,2}$/.test(v))
        key = keyFromLine(Buffer.from(v, 'base64').toString('latin1'));
    return key ? Buffer.from(`${key.type} ${key.blob}`).toString('base64') : undefined;
}
/** `SHA256:…` as ssh prints it, so a warning names the key it trusted. */
function hostKeyFingerprint(base64Line) {
    const key = keyFromLine(Buffer.from(base64Line, 'base64').toString('latin1'));
    if (!key)
        return 'unknown key';
    const digest = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(Buffer.from(key.blob, 'base64')).digest('base64').replace(/=+$/, '');
    return `${key.type} SHA256:${digest}`;
}
const KEY_PREFERENCE = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'ssh-rsa'];
/** The best key in ssh-keyscan's output (ed25519 first), in Nix's base64 form. */
function pickScannedKey(output) {
    const keys = output
        .split('\n')
        .filter((l) => l.trim() && !l.startsWith('#'))
        .map((l) => keyFromLine(l))
        .filter((k) => k !== undefined);
    const rank = (t) => KEY_PREFERENCE.indexOf(t) + 1 || KEY_PREFERENCE.length + 1;
    const best = keys.sort((a, b) => rank(a.type) - rank(b.type))[0];
    return best && Buffer.from(`${best.type} ${best.blob}`).toString('base64');
}
/**
 * A private key as pasted into a secret: line endings normalised and a final newline added (ssh
 * refuses a key file without one). Error messages never quote the key.
 */
function parsePrivateKey(value) {
    const text = value.replace(/\r\n?/g, '\n').trim();
    if (keyFromLine(text.split('\n')[0]))
        throw new KeyError('is a public key: give the private key (the file without .pub), from -----BEGIN to -----END');
    const m = /^-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----\n([\s\S]+)\n-----END \1PRIVATE KEY-----$/.exec(text);
    if (!m)
        throw new KeyError('is not a private key: paste the whole key file, from its -----BEGIN … PRIVATE KEY----- line to its -----END … PRIVATE KEY----- line');
    const passphrase = new KeyError('is protected by a passphrase, which nothing can type in a workflow: use a key without one, kept only as a secret');
    if (m[1] === 'ENCRYPTED ' || /^Proc-Type: 4,ENCRYPTED$/m.test(m[2]))
        throw passphrase;
    if (m[1] === 'OPENSSH ') {
        const body = Buffer.from(m[2].replace(/\s+/g, ''), 'base64');
        const magic = 'openssh-key-v1\0';
        if (body.length < magic.length + 4 || body.subarray(0, magic.length).toString('latin1') !== magic)
            throw new KeyError('is not a readable OpenSSH private key: its body is damaged');
        const len = body.readUInt32BE(magic.length);
        if (body.subarray(magic.length + 4, magic.length + 4 + len).toString('latin1') !== 'none')
            throw passphrase;
    }
    return `${text}\n`;
}


/***/ }),

/***/ 5063:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   As: () => (/* binding */ ociArch),
/* harmony export */   Dr: () => (/* binding */ ociPlatform),
/* harmony export */   K: () => (/* binding */ LINUX_SYSTEMS),
/* harmony export */   QE: () => (/* binding */ ARCHITECTURE_FORMS),
/* harmony export */   V: () => (/* binding */ parseSystem),
/* harmony export */   j9: () => (/* binding */ isLinux),
/* harmony export */   k3: () => (/* binding */ detectHost),
/* harmony export */   p_: () => (/* binding */ nativeLinuxSystem)
/* harmony export */ });
// Nix systems, OCI platforms and the host: the vocabulary every other module speaks.
const LINUX_SYSTEMS = ['x86_64-linux', 'aarch64-linux'];
const OCI_ARCH = {
    'x86_64-linux': 'amd64',
    'aarch64-linux': 'arm64',
};
/** Every spelling a user may write for a Linux system, lowercased. */
const ALIASES = {
    'x86_64-linux': 'x86_64-linux',
    x86_64: 'x86_64-linux',
    amd64: 'x86_64-linux',
    'linux/amd64': 'x86_64-linux',
    'aarch64-linux': 'aarch64-linux',
    aarch64: 'aarch64-linux',
    arm64: 'aarch64-linux',
    'linux/arm64': 'aarch64-linux',
    'linux/arm64/v8': 'aarch64-linux',
};
const ARCHITECTURE_FORMS = `x86_64-linux, aarch64-linux, amd64, arm64, x86_64, aarch64, linux/amd64, linux/arm64 or native`;
function ociArch(system) {
    return OCI_ARCH[system];
}
function ociPlatform(system) {
    return `linux/${OCI_ARCH[system]}`;
}
/** One architecture as written by a user, or undefined when it is not one we build. */
function parseSystem(value, host) {
    const v = value.trim().toLowerCase();
    if (v === 'native')
        return nativeLinuxSystem(host);
    return ALIASES[v];
}
/** The seed's auto-detection: the Linux system of the same CPU as the host. */
function nativeLinuxSystem(host) {
    return host.startsWith('aarch64-') ? 'aarch64-linux' : 'x86_64-linux';
}
function isLinux(host) {
    return host.endsWith('-linux');
}
/** The Nix system of the machine this process runs on. */
function detectHost(platform = process.platform, arch = process.arch) {
    const cpu = arch === 'arm64' ? 'aarch64' : arch === 'x64' ? 'x86_64' : undefined;
    const os = platform === 'linux' ? 'linux' : platform === 'darwin' ? 'darwin' : undefined;
    if (!cpu || !os) {
        throw new Error(`This runner (${platform}/${arch}) is not supported: the action runs on Linux or macOS, on x64 or arm64.`);
    }
    return `${cpu}-${os}`;
}


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ messageOf),
/* harmony export */   w: () => (/* binding */ lastLines)
/* harmony export */ });
// What went wrong, as words: the message of whatever was thrown, and the last lines of a long one
// (a command's own complaint comes last).
function messageOf(e) {
    return e instanceof Error ? e.message : String(e);
}
function lastLines(text, n = 6) {
    return text.trim().split('\n').slice(-n).join('\n');
}


/***/ }),

/***/ 4981:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Qd: () => (/* binding */ CommandError),
  lj: () => (/* binding */ lendStdout),
  Fs: () => (/* binding */ pipe),
  cl: () => (/* binding */ registerSecret),
  eF: () => (/* binding */ run),
  sy: () => (/* binding */ streamStdout),
  K7: () => (/* binding */ which)
});

// UNUSED EXPORTS: describe, redact, setLogStream

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __nccwpck_require__(7030);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __nccwpck_require__(7075);
;// CONCATENATED MODULE: ./src/exec.ts
// The one way this project starts a process: an argument array (never a shell), an optional
// timeout, stdin from memory, live output in the log, and errors that carry the command's stderr.






const STDOUT_LIMIT = 16 * 1024 * 1024;
const STDERR_TAIL = 16 * 1024;
const secrets = new Set();
/** Where commands and their output are echoed: the Actions log is stdout; the CLI keeps stdout for results. */
let logStream = process.stdout;
function setLogStream(stream) {
    logStream = stream;
}
/** Values that must never reach a command line, and are cut out of error messages. */
function registerSecret(value) {
    if (value && value.length >= 4)
        secrets.add(value);
}
function redact(text) {
    let out = text;
    for (const s of secrets)
        out = out.split(s).join('***');
    return out;
}
class CommandError extends Error {
    command;
    result;
    constructor(command, result) {
        const why = result.timedOut ? 'timed out' : `failed with exit code ${result.code}`;
        const detail = (result.stderr.trim() || result.stdout.trim()).slice(-STDERR_TAIL);
        super(redact(`${describe(command)} ${why}${detail ? `:\n${detail}` : ''}`));
        this.command = command;
        this.result = result;
        this.name = 'CommandError';
    }
}
function describe(command) {
    return [command.cmd, ...command.args].map(quoteForDisplay).join(' ');
}
function quoteForDisplay(word) {
    return /^[\w@%+=:,./#-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
function assertNoSecretInArgs(command) {
    for (const arg of command.args) {
        for (const s of secrets) {
            if (arg.includes(s))
                throw new Error(`refusing to put a secret on the command line of ${command.cmd}`);
        }
    }
}
function start(command, stdin, stdout = 'pipe') {
    assertNoSecretInArgs(command);
    return (0,external_node_child_process_namespaceObject.spawn)(command.cmd, [...command.args], {
        cwd: command.cwd,
        env: command.env ?? process.env,
        stdio: [stdin, stdout, 'pipe'],
        // Its own process group, so a timeout ends the whole tree it started.
        detached: true,
    });
}
/** stdout is captured (and echoed) unless another process consumes it. */
function collect(child, echo, captureStdout, onStderrLine) {
    const out = [];
    let outLen = 0;
    let err = '';
    let partial = '';
    if (captureStdout) {
        child.stdout?.on('data', (chunk) => {
            if (outLen < STDOUT_LIMIT) {
                out.push(chunk);
                outLen += chunk.length;
            }
            if (echo)
                logStream.write(redact(chunk.toString()));
        });
    }
    child.stderr?.on('data', (chunk) => {
        err = (err + chunk.toString()).slice(-STDERR_TAIL * 4);
        if (echo)
            logStream.write(redact(chunk.toString()));
        if (onStderrLine) {
            const lines = (partial + chunk.toString()).split('\n');
            partial = lines.pop();
            lines.forEach(onStderrLine);
        }
    });
    if (onStderrLine)
        child.stderr?.on('end', () => partial && onStderrLine(partial));
    return { stdout: () => Buffer.concat(out).toString(), stderr: () => err };
}
function exited(child, timeoutMs) {
    return new Promise((resolve, reject) => {
        let timedOut = false;
        const timer = timeoutMs === undefined
            ? undefined
            : setTimeout(() => {
                timedOut = true;
                killTree(child);
            }, timeoutMs);
        child.on('error', (e) => {
            if (timer)
                clearTimeout(timer);
            reject(e);
        });
        child.on('close', (code, signal) => {
            if (timer)
                clearTimeout(timer);
            resolve({ code: code ?? (signal ? 128 : 1), timedOut });
        });
    });
}
function killTree(child) {
    try {
        if (child.pid)
            process.kill(-child.pid, 'SIGKILL');
    }
    catch {
        child.kill('SIGKILL');
    }
}
function notFound(command, e) {
    const code = e.code;
    if (code === 'ENOENT')
        return new Error(`${command.cmd} was not found on PATH: install it or add it to PATH.`);
    return e instanceof Error ? e : new Error(String(e));
}
async function run(command, options = {}) {
    const echo = options.echo ?? true;
    if (echo)
        logStream.write(`[command]${redact(describe(command))}\n`);
    const child = start(command, options.input === undefined ? 'ignore' : 'pipe');
    const output = collect(child, echo, true, options.onStderrLine);
    if (options.input !== undefined) {
        child.stdin?.on('error', () => undefined);
        child.stdin?.end(options.input);
    }
    let status;
    try {
        status = await exited(child, options.timeoutMs);
    }
    catch (e) {
        throw notFound(command, e);
    }
    const result = { ...status, stdout: output.stdout(), stderr: output.stderr() };
    if ((options.check ?? true) && (result.code !== 0 || result.timedOut))
        throw new CommandError(command, result);
    return result;
}
/**
 * `producer | consumer` without a shell and without writing the stream anywhere: used to feed a
 * stream-shaped image straight into `docker load`. Both ends must succeed.
 */
async function pipe(producer, consumer, options = {}) {
    const echo = options.echo ?? true;
    if (echo)
        logStream.write(`[command]${redact(describe(producer))} | ${redact(describe(consumer))}\n`);
    const left = start(producer, 'ignore');
    // Without a copy to make, the consumer reads the producer's pipe itself: the bytes never pass
    // through this process (which costs a callback per 64 KiB, seconds for a 1 GiB image).
    const right = start(consumer, options.tee ? 'pipe' : left.stdout);
    // The consumer holds its own copy of the pipe; ours would keep the producer writing after the consumer died.
    if (!options.tee)
        left.stdout?.destroy();
    const leftErr = collect(left, echo, false);
    const rightOut = collect(right, echo, true);
    if (options.tee) {
        const copy = new external_node_stream_.PassThrough({ highWaterMark: 1 << 20 });
        left.stdout?.pipe(copy);
        options.tee(copy);
        left.stdout?.pipe(right.stdin);
        right.stdin?.on('error', () => undefined);
    }
    let statuses;
    try {
        statuses = await Promise.all([exited(left, options.timeoutMs), exited(right, options.timeoutMs)]);
    }
    catch (e) {
        killTree(left);
        killTree(right);
        throw notFound(producer, e);
    }
    const [l, r] = statuses;
    const leftResult = { ...l, stdout: '', stderr: leftErr.stderr() };
    const result = { ...r, stdout: rightOut.stdout(), stderr: rightOut.stderr() };
    if (options.check ?? true) {
        if (l.code !== 0 || l.timedOut)
            throw new CommandError(producer, leftResult);
        if (r.code !== 0 || r.timedOut)
            throw new CommandError(consumer, result);
    }
    return result;
}
/**
 * A process whose output is consumed by this process as a stream, e.g. a stream-shaped image's
 * script or `docker save`, read once for its SBOM or pushed to a registry.
 */
function streamStdout(command, options = {}) {
    const echo = options.echo ?? true;
    if (echo)
        logStream.write(`[command]${redact(describe(command))}\n`);
    const child = start(command, 'ignore');
    return { stdout: child.stdout, done: outcome(command, child, options), kill: () => killTree(child) };
}
/** How a process whose stdout someone else reads ends: its stderr is kept for the error. */
function outcome(command, child, options) {
    const err = collect(child, options.echo ?? true, false);
    const done = exited(child, options.timeoutMs)
        .catch((e) => {
        throw notFound(command, e);
    })
        .then((status) => {
        const result = { ...status, stdout: '', stderr: err.stderr() };
        if (result.code !== 0 || result.timedOut)
            throw new CommandError(command, result);
        return result;
    });
    // Whoever reads stdout awaits done; until then a failure must not be reported as unhandled.
    done.catch(() => undefined);
    return done;
}
/** The first directory on PATH that holds an executable `name`, or undefined. */
async function which(name, path = process.env.PATH ?? '') {
    const { access, constants } = await Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 1455, 23));
    const { join } = await Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 6760, 23));
    for (const dir of path.split(':').filter(Boolean)) {
        const candidate = join(dir, name);
        try {
            await access(candidate, constants.X_OK);
            return candidate;
        }
        catch {
            // not here; keep looking
        }
    }
    return undefined;
}
const LEND_BYTES = 64 * 1024;
const LENT_AT_MOST = 16;
/**
 * A process whose stdout this process passes on (a stream image's archive, into the daemon),
 * read into a few buffers used again and again. Read as a stream, every 64 KiB piece of a pipe is a
 * new buffer in memory not yet touched: a 200 MiB archive cost 380-420 ms of CPU where the docker
 * CLI spends 230, and 200-310 in reused buffers. Only a socket made here takes buffers to read into,
 * so the process writes into a FIFO, removed as soon as both its ends are open.
 */
async function lendStdout(command, options = {}) {
    const dir = await external_node_fs_.promises.mkdtemp((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'nca-fifo-'));
    let fd;
    let writeEnd;
    try {
        const fifo = (0,external_node_path_.join)(dir, 'stdout');
        await run({ cmd: 'mkfifo', args: ['-m', '600', fifo] }, { echo: false });
        // Opened for reading first, without waiting for a writer, so opening it for writing does not
        // wait either. Plain descriptors: the socket takes over the first, where a FileHandle would
        // close it when collected.
        fd = (0,external_node_fs_.openSync)(fifo, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NONBLOCK);
        writeEnd = (0,external_node_fs_.openSync)(fifo, external_node_fs_.constants.O_WRONLY);
    }
    catch (e) {
        if (fd !== undefined)
            (0,external_node_fs_.closeSync)(fd);
        throw e;
    }
    finally {
        await external_node_fs_.promises.rm(dir, { recursive: true, force: true });
    }
    // Nothing awaited from the start to the listeners: a process that ends first would go unheard.
    if (options.echo ?? true)
        logStream.write(`[command]${redact(describe(command))}\n`);
    let child;
    try {
        child = start(command, 'ignore', writeEnd);
    }
    catch (e) {
        (0,external_node_fs_.closeSync)(fd);
        throw e;
    }
    finally {
        (0,external_node_fs_.closeSync)(writeEnd);
    }
    const done = outcome(command, child, options);
    let socket;
    return {
        done,
        kill: () => {
            killTree(child);
            if (socket)
                socket.destroy();
            else if (fd !== undefined)
                (0,external_node_fs_.closeSync)(fd);
            fd = undefined;
        },
        lend: (take) => new Promise((resolve, reject) => {
            const free = [];
            let lent = 0;
            const onread = {
                buffer: () => free.pop() ?? Buffer.allocUnsafeSlow(LEND_BYTES),
                callback: (n, read) => {
                    // One of ours: `buffer` hands out nothing else.
                    const buffer = read;
                    lent++;
                    let given = false;
                    take(buffer.subarray(0, n), () => {
                        // Given back twice, a buffer would be read into while its first reader still held it.
                        if (given)
                            return;
                        given = true;
                        free.push(buffer);
                        // The one that brings the count back below the limit restarts reading.
                        if (lent-- === LENT_AT_MOST)
                            s.resume();
                    });
                    return lent < LENT_AT_MOST;
                },
            };
            // Node takes `onread` from the constructor too; its types list it only for connect().
            const s = new external_node_net_.Socket({ fd, readable: true, writable: false, onread });
            socket = s;
            s.on('end', () => resolve(true));
            s.on('close', () => resolve(false));
            s.on('error', reject);
        }),
    };
}


/***/ }),

/***/ 9148:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ readable),
/* harmony export */   t: () => (/* binding */ exists)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
// Whether a path is there (or readable) for this user, without throwing.

function exists(path) {
    return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.access)(path).then(() => true, () => false);
}
function readable(path) {
    return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.access)(path, node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.constants.R_OK).then(() => true, () => false);
}


/***/ }),

/***/ 4280:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Dw: () => (/* binding */ configShowCommand),
/* harmony export */   Wl: () => (/* binding */ nixAtLeast),
/* harmony export */   lp: () => (/* binding */ useNix),
/* harmony export */   oX: () => (/* binding */ nixVersion),
/* harmony export */   rv: () => (/* binding */ findNix)
/* harmony export */ });
/* unused harmony export parseNixVersion */
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4981);
// The Nix at hand: where it is, which version, and the environment every nix command of a run gets.

/** Where installers put nix when it is not on PATH yet (multi-user, then single-user). */
const KNOWN_LOCATIONS = ['/nix/var/nix/profiles/default/bin', `${process.env.HOME ?? '/root'}/.nix-profile/bin`];
async function findNix() {
    return (await (0,_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .which */ .K7)('nix')) ?? (await (0,_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .which */ .K7)('nix', KNOWN_LOCATIONS.join(':')));
}
/** `nix (Nix) 2.26.3` → 2.26.3; `nix (Determinate Nix 3.6.2) 2.29.0` → 2.29.0 (the Nix it is made from). */
function parseNixVersion(output) {
    const line = output.trim().split('\n')[0];
    return /(\d+\.\d+(?:\.\d+)?\S*)\s*$/.exec(line)?.[1] ?? line;
}
/** Whether a version (as parseNixVersion gives it) is at least major.minor. */
function nixAtLeast(version, major, minor) {
    const [a, b] = version.split('.').map(Number);
    return a > major || (a === major && b >= minor);
}
/** Nix 2.20 renamed `show-config` to `config show` (the old name warns there and may go). */
function configShowCommand(version) {
    return nixAtLeast(version, 2, 20) ? ['config', 'show'] : ['show-config'];
}
const versions = new Map();
/**
 * The version of the nix at `path`, asked once per run: probeHost asks while it probes the rest of
 * the runner, and setting Nix up later reads the same answer instead of starting nix again.
 */
function nixVersion(path) {
    let version = versions.get(path);
    if (!version) {
        version = (0,_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .eF)({ cmd: path, args: ['--version'] }, { echo: false }).then(({ stdout }) => parseNixVersion(stdout));
        versions.set(path, version);
    }
    return version;
}
async function useNix(path, config, extraEnv = {}) {
    const env = { ...process.env, ...extraEnv, NIX_CONFIG: config };
    return { path, version: await nixVersion(path), env };
}


/***/ }),

/***/ 9809:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Hm: () => (/* binding */ untilDeadline),
/* harmony export */   L5: () => (/* binding */ retry),
/* harmony export */   t_: () => (/* binding */ afterDelays)
/* harmony export */ });
// One retry loop for every caller: a registry push, a builder that may still be booting, a host key
// scan. The caller says which failures are worth another try and how long to wait before it.
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Calls `fn` until it succeeds; the last failure is thrown once the policy gives up. */
async function retry(fn, policy) {
    for (let failures = 0;;) {
        try {
            return await fn(failures + 1);
        }
        catch (e) {
            failures++;
            const delay = policy.retryable && !policy.retryable(e) ? undefined : policy.delayMs(failures);
            if (delay === undefined)
                throw e;
            policy.onRetry?.(e, failures, delay);
            await sleep(delay);
        }
    }
}
/** A fixed list of waits: [2000, 5000] tries three times. */
const afterDelays = (delaysMs) => (failures) => delaysMs[failures - 1];
/** Waits of `stepMs` until `remaining()` runs out (the last wait is cut to what is left). */
const untilDeadline = (remaining, stepMs) => () => {
    const left = remaining();
    return left > 0 ? Math.min(stepMs, left) : undefined;
};


/***/ }),

/***/ 271:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   UL: () => (/* binding */ canSudo),
/* harmony export */   jX: () => (/* binding */ isRoot),
/* harmony export */   oV: () => (/* binding */ canBeRoot),
/* harmony export */   yf: () => (/* binding */ runAsRoot)
/* harmony export */ });
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4981);
// Root on the runner: GitHub's runners run jobs as `runner` with passwordless sudo. One place asks
// whether we are root or may become it, and runs a command as root.

function isRoot() {
    return process.getuid?.() === 0;
}
let sudo;
/** Passwordless sudo (never a prompt: -n), asked once per run. */
function canSudo() {
    sudo ??= (async () => {
        if (!(await (0,_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .which */ .K7)('sudo')))
            return false;
        const r = await (0,_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .eF)({ cmd: 'sudo', args: ['-n', 'true'] }, { echo: false, check: false }).catch(() => undefined);
        return r?.code === 0;
    })();
    return sudo;
}
/** Root itself, or passwordless sudo. */
async function canBeRoot() {
    return isRoot() || (await canSudo());
}
/** Runs a command as root: directly when we are root, else through passwordless sudo. */
async function runAsRoot(cmd, args, options = {}) {
    if (isRoot())
        await (0,_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .eF)({ cmd, args }, options);
    else
        await (0,_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .eF)({ cmd: 'sudo', args: ['-n', cmd, ...args] }, options);
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 2250:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("dns");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 1943:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs/promises");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5675:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http2");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 6193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:string_decoder");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 6460:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers/promises");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 2018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 3106:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("zlib");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(218);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
