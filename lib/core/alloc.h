/* Internal allocation helpers: every allocation in the library goes through these, so the
 * allocator hook (carestat_set_allocator) and the allocation-failure tests see all of them. */
#ifndef CS_CORE_ALLOC_H
#define CS_CORE_ALLOC_H

#include <stddef.h>
#include <stdint.h>

void *cs_malloc(size_t size);
void *cs_calloc(size_t n, size_t size);  /* zeroed; checks n * size for overflow */
void *cs_realloc(void *ptr, size_t size);
/* realloc for arrays: checks n * size for overflow; returns NULL on failure (ptr untouched). */
void *cs_reallocarray(void *ptr, size_t n, size_t size);
void cs_free(void *ptr);
char *cs_strdup(const char *s);
char *cs_strndup(const char *s, size_t n);

/* Grow an array so that it holds at least `need` elements: *cap doubles (from at least 8).
 * Returns 0 or CARESTAT_ENOMEM (the array is untouched on failure). */
int cs_grow(void **arr, size_t *cap, size_t need, size_t elem_size);
#define CS_GROW(arr, cap, need) cs_grow((void **)&(arr), &(cap), (need), sizeof *(arr))

#endif
