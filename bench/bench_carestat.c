/* carestat's side of the benchmark (bench/run.sh): the machine's floor on a file, load time per table,
 * and compute-all through the C API, each printed as "key value" lines for run.sh to collect.
 *
 *   bench_carestat floor FILE          read FILE in 1 MiB blocks counting lines with memchr
 *   bench_carestat load DATA_DIR       load each table on its own (MB/s per table)
 *   bench_carestat all DATA_DIR [OUT]  load everything, compute every indicator (C API), peak RSS;
 *                                      OUT: write the observations as CSV (for the identical check)
 * DATA_DIR is a `carestat synth` folder: orgs.csv, one folder per council, workforce.csv,
 * workforce_la.csv, population.csv. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <carestat.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* CPU time of the process (user + system): the machine may be shared, wall time then says little */
static double cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static double file_mb(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (double)st.st_size / 1e6 : 0.0;
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : -1;
}

static int floor_mode(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        perror(path);
        return 1;
    }
    static char buf[1 << 20];
    double t0 = now(), c0 = cpu();
    unsigned long long lines = 0, bytes = 0;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0) {
            perror(path);
            close(fd);
            return 1;
        }
        if (n == 0) break;
        bytes += (unsigned long long)n;
        const char *p = buf, *end = buf + n;
        while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
            lines++;
            p++;
        }
    }
    double t = now() - t0, c = cpu() - c0;
    close(fd);
    printf("floor.lines %llu\nfloor.mb %.3f\nfloor.seconds %.6f\nfloor.cpu %.6f\n", lines, (double)bytes / 1e6, t, c);
    return 0;
}

/* council folder names from orgs.csv (first column, after the header) */
static size_t read_orgs(const char *dir, char ***out)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/orgs.csv", dir);
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(1);
    }
    char line[1024];
    size_t n = 0, cap = 0;
    char **v = NULL;
    int first = 1;
    while (fgets(line, sizeof line, f)) {
        if (first) {
            first = 0;
            continue;
        }
        line[strcspn(line, ",\r\n")] = '\0';
        if (!*line) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            v = realloc(v, cap * sizeof *v);
            if (!v) exit(1);
        }
        v[n] = malloc(strlen(line) + 1);
        if (!v[n]) exit(1);
        strcpy(v[n++], line);
    }
    fclose(f);
    *out = v;
    return n;
}

static char *join(const char *a, const char *b, const char *c)
{
    size_t n = strlen(a) + strlen(b) + (c ? strlen(c) + 1 : 0) + 2;
    char *s = malloc(n);
    if (!s) exit(1);
    if (c) snprintf(s, n, "%s/%s/%s", a, b, c);
    else snprintf(s, n, "%s/%s", a, b);
    return s;
}

static carestat_dataset *new_ds(void)
{
    carestat_dataset *ds = NULL;
    if (carestat_dataset_new(&ds, NULL) != CARESTAT_OK) {
        fprintf(stderr, "bench_carestat: cannot create a dataset\n");
        exit(1);
    }
    return ds;
}

static void check(int rc, carestat_dataset *ds, const char *what)
{
    if (rc == CARESTAT_OK) return;
    const char *m = carestat_dataset_errmsg(ds);
    fprintf(stderr, "bench_carestat: %s: %s\n", what, m && *m ? m : carestat_strerror(rc));
    exit(1);
}

static const char *const TABLES_903[] = {"episodes.csv", "header.csv", "oc3.csv", "sw_episodes.csv", "uasc.csv",
                                         "ad1.csv", "placed_for_adoption.csv"};

/* One SSDA903 table of every council on its own, in a fresh dataset. */
static void load_903_table(const char *dir, char **orgs, size_t norgs, const char *table)
{
    const char **paths = malloc(norgs * sizeof *paths);
    if (!paths) exit(1);
    double mb = 0;
    for (size_t i = 0; i < norgs; i++) {
        paths[i] = join(dir, orgs[i], table);
        mb += file_mb(paths[i]);
    }
    carestat_dataset *ds = new_ds();
    double t0 = now(), c0 = cpu();
    check(carestat_dataset_load_903(ds, paths, norgs, NULL), ds, table);
    double t = now() - t0, c = cpu() - c0;
    char key[64];
    snprintf(key, sizeof key, "%.*s", (int)(strlen(table) - 4), table);
    printf("load.%s.mb %.3f\nload.%s.seconds %.6f\nload.%s.cpu %.6f\n", key, mb, key, t, key, c);
    carestat_dataset_free(ds);
    for (size_t i = 0; i < norgs; i++) free((void *)paths[i]);
    free(paths);
}

static int load_mode(const char *dir)
{
    char **orgs;
    size_t norgs = read_orgs(dir, &orgs);
    for (size_t t = 0; t < sizeof TABLES_903 / sizeof TABLES_903[0]; t++) load_903_table(dir, orgs, norgs, TABLES_903[t]);
    static const struct {
        const char *file, *key;
        int (*fn)(carestat_dataset *, const char *);
    } other[] = {{"workforce.csv", "workforce", carestat_dataset_load_workforce},
                 {"workforce_la.csv", "workforce_la", carestat_dataset_load_workforce_la},
                 {"population.csv", "population", carestat_dataset_load_population}};
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++) {
        char *p = join(dir, other[i].file, NULL);
        carestat_dataset *ds = new_ds();
        double t0 = now(), c0 = cpu();
        check(other[i].fn(ds, p), ds, p);
        double t = now() - t0, c = cpu() - c0;
        printf("load.%s.mb %.3f\nload.%s.seconds %.6f\nload.%s.cpu %.6f\n", other[i].key, file_mb(p), other[i].key, t,
               other[i].key, c);
        carestat_dataset_free(ds);
        free(p);
    }
    for (size_t i = 0; i < norgs; i++) free(orgs[i]);
    free(orgs);
    return 0;
}

static int all_mode(const char *dir, const char *out)
{
    char **orgs;
    size_t norgs = read_orgs(dir, &orgs);
    double mb = 0;
    for (size_t i = 0; i < norgs; i++)
        for (size_t t = 0; t < sizeof TABLES_903 / sizeof TABLES_903[0]; t++) {
            char *p = join(dir, orgs[i], TABLES_903[t]);
            mb += file_mb(p);
            free(p);
        }
    char *wf = join(dir, "workforce.csv", NULL), *wfla = join(dir, "workforce_la.csv", NULL),
         *pop = join(dir, "population.csv", NULL);
    mb += file_mb(wf) + file_mb(wfla) + file_mb(pop);
    const char **paths = malloc(norgs * sizeof *paths);
    if (!paths) exit(1);
    for (size_t i = 0; i < norgs; i++) paths[i] = join(dir, orgs[i], NULL);

    double t0 = now(), c0 = cpu();
    carestat_dataset *ds = new_ds();
    check(carestat_dataset_load_903(ds, paths, norgs, NULL), ds, "SSDA903");
    check(carestat_dataset_load_workforce(ds, wf), ds, wf);
    check(carestat_dataset_load_workforce_la(ds, wfla), ds, wfla);
    check(carestat_dataset_load_population(ds, pop), ds, pop);
    double t1 = now(), c1 = cpu();
    carestat_table *tab = NULL;
    check(carestat_compute(&tab, ds, NULL), ds, "compute");
    double t2 = now(), c2 = cpu();
    printf("all.input_mb %.3f\nall.episodes %llu\nall.children %llu\nall.observations %zu\n", mb,
           (unsigned long long)carestat_dataset_903_count(ds, CARESTAT_903_EPISODES),
           (unsigned long long)carestat_dataset_903_count(ds, CARESTAT_903_CHILDREN), carestat_table_count(tab));
    printf("all.load_seconds %.6f\nall.compute_seconds %.6f\nall.seconds %.6f\nall.peak_rss_mb %.3f\n", t1 - t0,
           t2 - t1, t2 - t0, (double)peak_rss_kb() * 1024.0 / 1e6);
    printf("all.load_cpu %.6f\nall.compute_cpu %.6f\n", c1 - c0, c2 - c1);
    if (out) check(carestat_table_write_csv(tab, out), ds, out);
    carestat_table_free(tab);
    carestat_dataset_free(ds);
    for (size_t i = 0; i < norgs; i++) {
        free((void *)paths[i]);
        free(orgs[i]);
    }
    free(paths);
    free(orgs);
    free(wf);
    free(wfla);
    free(pop);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "floor") == 0) return floor_mode(argv[2]);
    if (argc >= 3 && strcmp(argv[1], "load") == 0) return load_mode(argv[2]);
    if (argc >= 3 && strcmp(argv[1], "all") == 0) return all_mode(argv[2], argc >= 4 ? argv[3] : NULL);
    fprintf(stderr, "usage: bench_carestat floor FILE | load DATA_DIR | all DATA_DIR [OUT.csv]\n");
    return 2;
}
