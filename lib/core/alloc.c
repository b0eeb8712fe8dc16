#include "core/alloc.h"

#include <stdlib.h>
#include <string.h>

#include "carestat/common.h"

static void *libc_malloc(void *ctx, size_t size) { (void)ctx; return malloc(size); }
static void *libc_realloc(void *ctx, void *ptr, size_t size) { (void)ctx; return realloc(ptr, size); }
static void libc_free(void *ctx, void *ptr) { (void)ctx; free(ptr); }

static carestat_allocator g_alloc = {libc_malloc, libc_realloc, libc_free, NULL};

int carestat_set_allocator(const carestat_allocator *alloc)
{
    if (!alloc) {
        g_alloc.malloc_fn = libc_malloc;
        g_alloc.realloc_fn = libc_realloc;
        g_alloc.free_fn = libc_free;
        g_alloc.ctx = NULL;
        return CARESTAT_OK;
    }
    if (!alloc->malloc_fn || !alloc->realloc_fn || !alloc->free_fn) return CARESTAT_EINVAL;
    g_alloc = *alloc;
    return CARESTAT_OK;
}

void carestat_free(void *ptr) { cs_free(ptr); }

void *cs_malloc(size_t size) { return g_alloc.malloc_fn(g_alloc.ctx, size ? size : 1); }

void *cs_calloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) return NULL;
    void *p = cs_malloc(n * size);
    if (p && n * size > 0) memset(p, 0, n * size);
    return p;
}

void *cs_realloc(void *ptr, size_t size)
{
    if (!ptr) return cs_malloc(size);
    return g_alloc.realloc_fn(g_alloc.ctx, ptr, size ? size : 1);
}

void *cs_reallocarray(void *ptr, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) return NULL;
    return cs_realloc(ptr, n * size);
}

void cs_free(void *ptr)
{
    if (ptr) g_alloc.free_fn(g_alloc.ctx, ptr);
}

char *cs_strndup(const char *s, size_t n)
{
    char *p = cs_malloc(n + 1);
    if (!p) return NULL;
    if (n) memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *cs_strdup(const char *s) { return cs_strndup(s, strlen(s)); }

int cs_grow(void **arr, size_t *cap, size_t need, size_t elem_size)
{
    if (need <= *cap) return CARESTAT_OK;
    size_t ncap = *cap < 8 ? 8 : *cap;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2) return CARESTAT_ENOMEM;
        ncap *= 2;
    }
    void *p = cs_reallocarray(*arr, ncap, elem_size);
    if (!p) return CARESTAT_ENOMEM;
    *arr = p;
    *cap = ncap;
    return CARESTAT_OK;
}
