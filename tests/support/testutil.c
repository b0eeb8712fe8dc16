#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char g_tmp[4096];
static int g_tmp_made;

static void cleanup(void)
{
    if (g_tmp_made) {
        char cmd[4200];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_tmp);
        if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", g_tmp);
    }
}

static const char *base_tmp(void)
{
    if (!g_tmp_made) {
        const char *t = getenv("TMPDIR");
        snprintf(g_tmp, sizeof g_tmp, "%s/carestat-test-XXXXXX", t && *t ? t : "/tmp");
        if (!mkdtemp(g_tmp)) {
            perror("mkdtemp");
            abort();
        }
        g_tmp_made = 1;
        atexit(cleanup);
    }
    return g_tmp;
}

const char *cs_test_tmpdir(void)
{
    static char bufs[16][4096];
    static int next, counter;
    char *b = bufs[next++ % 16];
    snprintf(b, 4096, "%s/d%d", base_tmp(), counter++);
    if (mkdir(b, 0700) != 0) {
        perror("mkdir");
        abort();
    }
    return b;
}

const char *cs_test_write_file(const char *name, const char *text)
{
    static char bufs[16][4096];
    static int next;
    char *b = bufs[next++ % 16];
    snprintf(b, 4096, "%s/%s", cs_test_tmpdir(), name);
    FILE *fp = fopen(b, "wb");
    if (!fp) {
        perror(b);
        abort();
    }
    fputs(text, fp);
    fclose(fp);
    return b;
}

const char *cs_test_shared(const char *relpath)
{
    static char buf[4096];
    const char *root = getenv("CARESTAT_SHARED");
    struct stat st;
    if (root && *root) {
        snprintf(buf, sizeof buf, "%s/%s", root, relpath);
        if (stat(buf, &st) == 0) return buf;
    }
    const char *req = getenv("CARESTAT_REQUIRE_SHARED");
    if (req && strcmp(req, "1") == 0) {
        fail_msg("required shared file is missing: %s/%s (CARESTAT_REQUIRE_SHARED=1)", root ? root : "(unset)",
                 relpath);
        return NULL;
    }
    print_message("SKIP: ../shared/%s is not available (set CARESTAT_SHARED to the shared folder)\n", relpath);
    skip();
    return NULL;
}

void cs_test_assert_near(double a, double b, double tol, const char *expr, const char *file, int line)
{
    if (isnan(a) && isnan(b)) return;
    if (!(fabs(a - b) <= tol)) {
        print_error("%s = %.15g, expected %.15g (tolerance %g)\n", expr, a, b, tol);
        _fail(file, line);
    }
}

void *cs_test_failing_malloc(void *ctx, size_t size)
{
    cs_test_failing *f = ctx;
    if (++f->n == f->fail_at) {
        f->failed++;
        return NULL;
    }
    return malloc(size);
}

void *cs_test_failing_realloc(void *ctx, void *ptr, size_t size)
{
    cs_test_failing *f = ctx;
    if (++f->n == f->fail_at) {
        f->failed++;
        return NULL;
    }
    return realloc(ptr, size);
}

void cs_test_failing_free(void *ctx, void *ptr)
{
    (void)ctx;
    free(ptr);
}

static int diag_matches(const carestat_diag *d, const char *code, const char *file, long line, long column)
{
    if (strcmp(d->code, code) != 0) return 0;
    if (file) {
        size_t a = strlen(d->source), b = strlen(file);
        if (a < b || strcmp(d->source + a - b, file) != 0) return 0;
    }
    if (line >= 0 && d->line != (uint64_t)line) return 0;
    if (column >= 0 && d->column != (uint32_t)column) return 0;
    return 1;
}

const carestat_diag *cs_test_find_diag(const carestat_dataset *ds, const char *code, const char *file, long line,
                                       long column)
{
    const carestat_diag_list *l = carestat_dataset_diagnostics(ds);
    for (size_t i = 0; i < carestat_diag_list_count(l); i++) {
        const carestat_diag *d = carestat_diag_list_get(l, i);
        if (diag_matches(d, code, file, line, column)) return d;
    }
    return NULL;
}

size_t cs_test_count_diags(const carestat_dataset *ds, const char *code, const char *file, long line, long column)
{
    const carestat_diag_list *l = carestat_dataset_diagnostics(ds);
    size_t n = 0;
    for (size_t i = 0; i < carestat_diag_list_count(l); i++)
        n += (size_t)diag_matches(carestat_diag_list_get(l, i), code, file, line, column);
    return n;
}
