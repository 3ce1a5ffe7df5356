/**
 * The one subtree filter every module uses: `column LIKE :scopePrefix`. Paths hold only
 * digits and slashes, so the prefix needs no escaping.
 */
export function subtreeFilter(principal, pathColumn, param = 'scopePrefix') {
    return { where: `${pathColumn} LIKE :${param}`, params: { [param]: `${principal.organisationPath}%` } };
}
//# sourceMappingURL=principal.js.map