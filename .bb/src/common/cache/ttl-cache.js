/**
 * A bounded in-memory cache whose entries expire: for documents that change rarely and are
 * read on every verification (our DID documents, signed status lists). Never for answers that
 * must be current to the instant; callers choose a TTL they can defend.
 */
export class TtlCache {
    constructor(ttlMs, maxEntries = 1000, clock = Date.now) {
        this.ttlMs = ttlMs;
        this.maxEntries = maxEntries;
        this.clock = clock;
        this.entries = new Map();
    }
    get(key) {
        const entry = this.entries.get(key);
        if (!entry)
            return undefined;
        if (entry.expires <= this.clock()) {
            this.entries.delete(key);
            return undefined;
        }
        return entry.value;
    }
    set(key, value) {
        if (this.entries.size >= this.maxEntries && !this.entries.has(key)) {
            // Maps iterate in insertion order: drop the oldest.
            this.entries.delete(this.entries.keys().next().value);
        }
        this.entries.set(key, { value, expires: this.clock() + this.ttlMs });
    }
    delete(key) {
        this.entries.delete(key);
    }
    /** The cached value, or the loader's (cached only when it is not null/undefined). */
    async through(key, load) {
        const hit = this.get(key);
        if (hit !== undefined)
            return hit;
        const value = await load();
        if (value !== null && value !== undefined)
            this.set(key, value);
        return value ?? null;
    }
}
//# sourceMappingURL=ttl-cache.js.map