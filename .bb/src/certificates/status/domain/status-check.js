import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
export async function checkCredentialStatuses(credential, documentLoader, verifyList) {
    const entries = asArray(credential.credentialStatus);
    return Promise.all(entries.map((entry) => checkEntry(credential, entry, documentLoader, verifyList)));
}
async function checkEntry(credential, entry, documentLoader, verifyList) {
    const fields = (typeof entry === 'object' && entry !== null ? entry : {});
    const statusPurpose = typeof fields.statusPurpose === 'string' ? fields.statusPurpose : 'unknown';
    if (fields.type !== 'BitstringStatusListEntry') {
        return { statusPurpose, verdict: 'unknown', detail: `status type ${JSON.stringify(fields.type ?? null)} is not supported` };
    }
    const url = String(fields.statusListCredential);
    let listCredential;
    try {
        listCredential = (await documentLoader(url)).document;
    }
    catch (error) {
        return { statusPurpose, verdict: 'unknown', detail: `status list not loaded: ${error.message}` };
    }
    const listProblem = await verifyList(listCredential);
    if (listProblem)
        return { statusPurpose, verdict: 'unknown', detail: `status list not verified: ${listProblem}` };
    // The list is verified above (and may be cached there); the library reads the bit and checks
    // purpose, type and that the list's issuer is the credential's.
    const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
    const loaded = async (u) => (u === url ? { contextUrl: null, documentUrl: url, document: listCredential } : documentLoader(u));
    const result = await checkStatus({
        credential: { ...credential, credentialStatus: fields },
        documentLoader: loaded,
        suite,
        verifyBitstringStatusListCredential: false,
        verifyMatchingIssuers: true,
    });
    const outcome = result.verified ? result.results?.[0] : undefined;
    if (!outcome) {
        return { statusPurpose, verdict: 'unknown', detail: `status list not checked: ${result.error?.message ?? 'no result'}` };
    }
    return { statusPurpose, verdict: outcome.status ? 'set' : 'clear', detail: `${url} index ${String(fields.statusListIndex)}` };
}
function asArray(value) {
    return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}
//# sourceMappingURL=status-check.js.map