export const id = 592;
export const ids = [592];
export const modules = {

/***/ 26592:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   attestPublished: () => (/* binding */ attestPublished)
/* harmony export */ });
/* unused harmony exports CYCLONEDX_PREDICATE_TYPE, SLSA_PROVENANCE_TYPE, subjectOf, provenanceRequest, sbomRequests, sbomsByPlatform, provenancePredicate, attestAll, attestationRequests */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _actions_attest__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(22444);
/* harmony import */ var _verify_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(42032);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(92174);
// Attestations (input attest): after the push, GitHub's attestation service signs (Sigstore, with
// the workflow's OIDC identity) and stores two kinds of in-toto statements about what was pushed:
//   - SLSA build provenance, for the index digest and each platform's image digest, so
//     `gh attestation verify oci://<image>:<tag>` works whichever digest a client resolved;
//   - the CycloneDX SBOM of each platform's image (image/sbom.ts), for that image's digest.
// The digests are the ones read back from the registry, so they hold for either publisher.
// The statements are built here as plain data (and tested so); only attestAll talks to GitHub.




/** The predicate type GitHub's attest-sbom action uses for CycloneDX documents. */
const CYCLONEDX_PREDICATE_TYPE = 'https://cyclonedx.org/bom';
const SLSA_PROVENANCE_TYPE = 'https://slsa.dev/provenance/v1';
/** `sha256:<hex>` as an in-toto subject of the image `registry/repository`. */
function subjectOf(name, digest) {
    const m = /^(sha256|sha512):([0-9a-f]+)$/.exec(digest);
    if (!m)
        throw new Error(`${name}@${digest}: not a digest that can be attested`);
    return { name, digest: { [m[1]]: m[2] } };
}
function provenanceRequest(published, predicate) {
    return {
        what: 'build provenance',
        subjects: [subjectOf(published.name, published.digest), ...(0,_verify_js__WEBPACK_IMPORTED_MODULE_2__/* .platformDigests */ .H)(published).map((p) => subjectOf(published.name, p.digest))],
        predicateType: predicate.type,
        predicate: predicate.params,
    };
}
/** One SBOM statement per platform image; `boms` maps a platform (linux/arm64) to its document. */
function sbomRequests(published, boms) {
    return (0,_verify_js__WEBPACK_IMPORTED_MODULE_2__/* .platformDigests */ .H)(published).flatMap(({ platform, digest }) => {
        const bom = boms.get(platform);
        return bom ? [{ what: `SBOM ${platform}`, subjects: [subjectOf(published.name, digest)], predicateType: CYCLONEDX_PREDICATE_TYPE, predicate: bom }] : [];
    });
}
/** The SBOM documents of one container's images, by platform. */
async function sbomsByPlatform(sboms, container) {
    const out = new Map();
    for (const s of sboms.filter((s) => s.container === container))
        out.set(s.platform, JSON.parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(s.file, 'utf8')));
    return out;
}
/**
 * The SLSA provenance predicate of this workflow run, from its OIDC token's claims (the library's
 * own builder; `issuer` only for a test's local token issuer).
 */
async function provenancePredicate(issuer) {
    try {
        return await (0,_actions_attest__WEBPACK_IMPORTED_MODULE_1__/* .buildSLSAProvenancePredicate */ .W6)(issuer);
    }
    catch (e) {
        throw explain(e);
    }
}
function explain(e) {
    const text = (0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .messageOf */ .b)(e);
    if (/ID token|ACTIONS_ID_TOKEN_REQUEST/i.test(text)) {
        return new Error(`attest: the workflow's OIDC token is not available (${text.split('\n')[0]}). Give the job permissions: id-token: write and attestations: write (and packages: write to push), or set attest: false.`);
    }
    if (/\b(401|403)\b|Resource not accessible|Bad credentials/i.test(text)) {
        return new Error(`attest: GitHub refused to store the attestation (${text.split('\n')[0]}): the job needs permissions: attestations: write, and input github-token must be a token of this repository.`);
    }
    return e instanceof Error ? e : new Error(text);
}
/** Signs and stores every statement; stops at the first failure (the images stay pushed). */
async function attestAll(requests, token, log) {
    const results = [];
    for (const r of requests) {
        let a;
        try {
            a = await (0,_actions_attest__WEBPACK_IMPORTED_MODULE_1__/* .attest */ .st)({ subjects: r.subjects, predicateType: r.predicateType, predicate: r.predicate, token });
        }
        catch (e) {
            throw explain(e);
        }
        results.push({ what: r.what, subjects: r.subjects, predicateType: r.predicateType, attestationId: a.attestationID, tlogId: a.tlogID });
        log(`attested ${r.what} (${r.predicateType}) for ${r.subjects.map((s) => `${s.name}@sha256:${s.digest.sha256}`).join(', ')}${a.attestationID ? `: attestation ${a.attestationID}` : ''}`);
    }
    return results;
}
/** Every statement for one published container: provenance first (it needs the OIDC token), then SBOMs. */
async function attestationRequests(published, sboms, issuer) {
    const predicate = await provenancePredicate(issuer);
    return [provenanceRequest(published, predicate), ...sbomRequests(published, await sbomsByPlatform(sboms ?? [], published.container))];
}
/** The attest stage: every published container's statements, signed and stored. */
async function attestPublished(published, sboms, token, log) {
    const requests = [];
    for (const p of published)
        requests.push(...(await attestationRequests(p, sboms)));
    if (!sboms?.length)
        log('attest: sbom is false, so only build provenance is attested.');
    return attestAll(requests, token, log);
}


/***/ })

};
