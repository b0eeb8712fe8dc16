/* Internal string interning: each distinct string is stored once and gets a small integer id
 * (0, 1, 2, ... in order of first appearance). Pointers stay valid until the pool is freed. */
#ifndef CS_CORE_STRPOOL_H
#define CS_CORE_STRPOOL_H

#include <stddef.h>
#include <stdint.h>

typedef struct cs_strpool {
    char **strs;      /* by id */
    uint32_t *lens;   /* by id */
    size_t count, cap, lens_cap;
    uint32_t *slots;  /* hash table of id + 1 (0 = empty) */
    size_t nslots;
    char *arena;      /* current chunk */
    size_t arena_used, arena_cap;
    char **chunks;    /* every chunk, to free */
    size_t nchunks, chunks_cap;
} cs_strpool;

void cs_strpool_init(cs_strpool *p);
void cs_strpool_free(cs_strpool *p);
/* Intern s[0..n): *id receives its id. Returns 0 or CARESTAT_ENOMEM. */
int cs_strpool_intern(cs_strpool *p, const char *s, size_t n, uint32_t *id);
/* Look up without adding: returns 1 and sets *id when found, else 0. */
int cs_strpool_find(const cs_strpool *p, const char *s, size_t n, uint32_t *id);
static inline const char *cs_strpool_get(const cs_strpool *p, uint32_t id) { return p->strs[id]; }
static inline size_t cs_strpool_count(const cs_strpool *p) { return p->count; }

#endif
