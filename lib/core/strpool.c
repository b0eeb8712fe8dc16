#include "core/strpool.h"

#include <string.h>

#include "carestat/common.h"
#include "core/alloc.h"

#define CHUNK 65536u

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

void cs_strpool_init(cs_strpool *p) { memset(p, 0, sizeof *p); }

void cs_strpool_free(cs_strpool *p)
{
    for (size_t i = 0; i < p->nchunks; i++) cs_free(p->chunks[i]);
    cs_free(p->chunks);
    cs_free(p->strs);
    cs_free(p->lens);
    cs_free(p->slots);
    cs_strpool_init(p);
}

int cs_strpool_find(const cs_strpool *p, const char *s, size_t n, uint32_t *id)
{
    if (!p->nslots) return 0;
    size_t mask = p->nslots - 1;
    for (size_t i = (size_t)hash(s, n) & mask;; i = (i + 1) & mask) {
        uint32_t v = p->slots[i];
        if (!v) return 0;
        if (p->lens[v - 1] == n && memcmp(p->strs[v - 1], s, n) == 0) {
            *id = v - 1;
            return 1;
        }
    }
}

static int rehash(cs_strpool *p, size_t nslots)
{
    uint32_t *slots = cs_calloc(nslots, sizeof *slots);
    if (!slots) return CARESTAT_ENOMEM;
    size_t mask = nslots - 1;
    for (size_t id = 0; id < p->count; id++) {
        size_t i = (size_t)hash(p->strs[id], p->lens[id]) & mask;
        while (slots[i]) i = (i + 1) & mask;
        slots[i] = (uint32_t)(id + 1);
    }
    cs_free(p->slots);
    p->slots = slots;
    p->nslots = nslots;
    return CARESTAT_OK;
}

static char *store(cs_strpool *p, const char *s, size_t n)
{
    if (n + 1 > p->arena_cap - p->arena_used || !p->arena) {
        size_t sz = n + 1 > CHUNK ? n + 1 : CHUNK;
        if (CS_GROW(p->chunks, p->chunks_cap, p->nchunks + 1)) return NULL;
        char *c = cs_malloc(sz);
        if (!c) return NULL;
        p->chunks[p->nchunks++] = c;
        p->arena = c;
        p->arena_cap = sz;
        p->arena_used = 0;
    }
    char *d = p->arena + p->arena_used;
    if (n) memcpy(d, s, n);
    d[n] = '\0';
    p->arena_used += n + 1;
    return d;
}

int cs_strpool_intern(cs_strpool *p, const char *s, size_t n, uint32_t *id)
{
    if (cs_strpool_find(p, s, n, id)) return CARESTAT_OK;
    if (n > UINT32_MAX || p->count >= UINT32_MAX - 1) return CARESTAT_ENOMEM;
    if ((p->count + 1) * 2 > p->nslots) {
        if (rehash(p, p->nslots ? p->nslots * 2 : 64)) return CARESTAT_ENOMEM;
    }
    if (CS_GROW(p->strs, p->cap, p->count + 1)) return CARESTAT_ENOMEM;
    if (CS_GROW(p->lens, p->lens_cap, p->count + 1)) return CARESTAT_ENOMEM;
    char *d = store(p, s, n);
    if (!d) return CARESTAT_ENOMEM;
    uint32_t nid = (uint32_t)p->count;
    p->strs[nid] = d;
    p->lens[nid] = (uint32_t)n;
    p->count++;
    size_t mask = p->nslots - 1;
    size_t i = (size_t)hash(s, n) & mask;
    while (p->slots[i]) i = (i + 1) & mask;
    p->slots[i] = nid + 1;
    *id = nid;
    return CARESTAT_OK;
}
