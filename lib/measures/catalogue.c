/* The indicator catalogue: the concatenation of every family's definitions (family.h):
 * cs_family_cla (lib/measures, children in care) then cs_family_workforce (lib/workforce, wf.*).
 *
 * The workforce family was developed in parallel; while it did not exist the reference to it was
 * weak. Now that lib/workforce defines it the reference is an ordinary one, so the static library
 * always links the workforce family in (a weak reference would not pull the archive member). */
#include <ctype.h>
#include <string.h>

#include "carestat/indicator.h"
#include "carestat/stats.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "measures/catalogue_internal.h"

size_t cs_catalogue_families(const cs_family **fams, size_t cap)
{
    size_t n = 0;
    if (n < cap) fams[n] = &cs_family_cla;
    n++;
    if (n < cap) fams[n] = &cs_family_workforce;
    n++;
    return n;
}

const cs_indicator_def *cs_catalogue_def(size_t index, const cs_family **fam)
{
    const cs_family *fams[CS_MAX_FAMILIES];
    size_t nf = cs_catalogue_families(fams, CS_MAX_FAMILIES);
    for (size_t f = 0; f < nf && f < CS_MAX_FAMILIES; f++) {
        if (index < fams[f]->ndefs) {
            if (fam) *fam = fams[f];
            return &fams[f]->defs[index];
        }
        index -= fams[f]->ndefs;
    }
    return NULL;
}

size_t carestat_indicator_count(void)
{
    const cs_family *fams[CS_MAX_FAMILIES];
    size_t nf = cs_catalogue_families(fams, CS_MAX_FAMILIES), n = 0;
    for (size_t f = 0; f < nf && f < CS_MAX_FAMILIES; f++) n += fams[f]->ndefs;
    return n;
}

int carestat_indicator_find(size_t *index, const char *id)
{
    if (!index || !id) return CARESTAT_EINVAL;
    size_t n = carestat_indicator_count();
    for (size_t i = 0; i < n; i++) {
        const cs_indicator_def *d = cs_catalogue_def(i, NULL);
        if (d && strcmp(d->id, id) == 0) {
            *index = i;
            return CARESTAT_OK;
        }
    }
    return CARESTAT_ENOTFOUND;
}

const char *carestat_indicator_id(size_t index)
{
    const cs_indicator_def *d = cs_catalogue_def(index, NULL);
    return d ? d->id : NULL;
}
const char *carestat_indicator_title(size_t index)
{
    const cs_indicator_def *d = cs_catalogue_def(index, NULL);
    return d ? d->title : NULL;
}
int carestat_indicator_unit(size_t index)
{
    const cs_indicator_def *d = cs_catalogue_def(index, NULL);
    return d ? (int)d->unit : -1;
}
int carestat_indicator_polarity(size_t index)
{
    const cs_indicator_def *d = cs_catalogue_def(index, NULL);
    return d ? (int)d->polarity : -1;
}
const char *carestat_indicator_population(size_t index)
{
    const cs_indicator_def *d = cs_catalogue_def(index, NULL);
    return d ? d->population : NULL;
}
const char *carestat_indicator_definition(size_t index)
{
    const cs_indicator_def *d = cs_catalogue_def(index, NULL);
    return d ? d->definition : NULL;
}
const char *carestat_indicator_source(size_t index)
{
    const cs_indicator_def *d = cs_catalogue_def(index, NULL);
    return d ? d->source : NULL;
}
int carestat_indicator_period_kind(size_t index)
{
    const cs_indicator_def *d = cs_catalogue_def(index, NULL);
    return d ? d->period_kind : -1;
}

const char *carestat_unit_text(int unit)
{
    switch (unit) {
    case CARESTAT_UNIT_COUNT: return "count";
    case CARESTAT_UNIT_PERCENT: return "percent";
    case CARESTAT_UNIT_RATE: return "rate per 10,000";
    case CARESTAT_UNIT_DAYS: return "days";
    case CARESTAT_UNIT_RATIO: return "ratio";
    case CARESTAT_UNIT_FTE: return "FTE";
    default: return "unknown";
    }
}

static const struct {
    unsigned bit;
    const char *name;
    const char *text;
} rules[] = {
    {CARESTAT_RULE_PLACEMENTS_SPB_ONLY, "placements_spb_only",
     "Placement stability: only reasons for new episode S, P and B start a placement (the data-to-insight "
     "stability tool's rule); default: S, P, B, T and U, except a T/U move into adoption with the same carer."},
    {CARESTAT_RULE_PLACEMENTS_COUNT_TEMPORARY, "placements_count_temporary",
     "Placement stability: temporary placements (T0-T4) and the return from them are counted; default: not counted."},
    {CARESTAT_RULE_PLACEMENTS_COUNT_SHORT, "placements_count_short",
     "Placement stability: placements shorter than 24 hours are counted; default: only placements of 24 hours or "
     "more (LAIT measure 372)."},
    {CARESTAT_RULE_PLACEMENTS_COUNT_ADOPTION_SAME_CARER, "placements_count_adoption_same_carer",
     "Placement stability: a T/U move into adoption with the same carer (A3/A5) is a new placement; default: it is "
     "not (LAIT measure 372)."},
    {CARESTAT_RULE_LONGTERM_SAME_PLACEMENT, "longterm_same_placement",
     "Long-term stability: only a change of legal status (L) continues a placement; default: L, T and U (same "
     "carer) continue it."},
    {CARESTAT_RULE_ADOPTION_NO_FOSTER_ADJUST, "adoption_no_foster_adjust",
     "Adoption timeliness: no adjustment for adoptions by foster carers (scorecard A1); default: A10."},
};
#define NRULES (sizeof rules / sizeof rules[0])

unsigned cs_rules_all(void)
{
    unsigned m = 0;
    for (size_t i = 0; i < NRULES; i++) m |= rules[i].bit;
    return m;
}

int carestat_rule_from_name(unsigned *bit, const char *name)
{
    if (!bit || !name) return CARESTAT_EINVAL;
    if (strncmp(name, "CARESTAT_RULE_", 14) == 0) name += 14;
    for (size_t i = 0; i < NRULES; i++) {
        const char *a = rules[i].name, *b = name;
        while (*a && *b && tolower((unsigned char)*a) == tolower((unsigned char)*b)) {
            a++;
            b++;
        }
        if (!*a && !*b) {
            *bit = rules[i].bit;
            return CARESTAT_OK;
        }
    }
    return CARESTAT_ENOTFOUND;
}

const char *carestat_rule_name(unsigned bit)
{
    for (size_t i = 0; i < NRULES; i++)
        if (rules[i].bit == bit) return rules[i].name;
    return NULL;
}

int carestat_indicators_markdown(char **out)
{
    if (!out) return CARESTAT_EINVAL;
    *out = NULL;
    cs_buf b;
    cs_buf_init(&b);
    cs_buf_puts(&b, "# Indicator reference\n\n"
                    "<!-- Generated from the catalogue by carestat_indicators_markdown(); do not edit by hand.\n"
                    "     Regenerate: build/examples/indicators_md > docs/indicators.md -->\n\n"
                    "Every indicator carestat computes, with its stable id, unit, polarity, the population it "
                    "covers, its definition and the source of the definition. Periods are reporting years "
                    "ending 31 March (1 April to 31 March) unless stated. Counts carry the count as value; "
                    "percentages are 0-100; rates are per 10,000 children aged 0-17, using the ONS mid-year "
                    "estimate for the previous mid-year.\n\n");
    size_t n = carestat_indicator_count();
    cs_buf_puts(&b, "| id | title | unit | polarity |\n|---|---|---|---|\n");
    for (size_t i = 0; i < n; i++) {
        const cs_indicator_def *d = cs_catalogue_def(i, NULL);
        cs_buf_printf(&b, "| `%s` | %s | %s | %s |\n", d->id, d->title, carestat_unit_text((int)d->unit),
                      carestat_polarity_text((int)d->polarity));
    }
    cs_buf_puts(&b, "\n");
    for (size_t i = 0; i < n; i++) {
        const cs_indicator_def *d = cs_catalogue_def(i, NULL);
        cs_buf_printf(&b, "## `%s`\n\n**%s**\n\n", d->id, d->title);
        cs_buf_printf(&b, "- Unit: %s\n- Polarity: %s\n- Period: %s\n- Population: %s\n\n",
                      carestat_unit_text((int)d->unit), carestat_polarity_text((int)d->polarity),
                      d->period_kind ? "census year ending 30 September" : "year ending 31 March",
                      d->population);
        cs_buf_printf(&b, "%s\n\nSource: %s\n\n", d->definition, d->source);
    }
    cs_buf_puts(&b, "## Counting-rule variants\n\nBits of `carestat_request.rules` (0 = the defaults above); "
                    "names for carestat_rule_from_name():\n\n");
    for (size_t i = 0; i < NRULES; i++)
        cs_buf_printf(&b, "- `%s` (value %u): %s\n", rules[i].name, rules[i].bit, rules[i].text);
    cs_buf_printf(&b, "\n## Disclosure control\n\nWith `CARESTAT_DISCLOSURE_DFE`, counts from 1 to %d are "
                      "suppressed (`c`), and so are percentages, rates and averages whose numerator or "
                      "denominator is such a count. Threshold source: DfE children looked after data guidance "
                      "('c' to protect confidentiality; percentages replaced by 'c' where the numerator or "
                      "denominator is small); in la_cla_placement_stability.csv (2025 edition) no local "
                      "authority count from 1 to 5 is published.\n",
                  carestat_disclosure_threshold() - 1);
    if (b.err) {
        cs_buf_free(&b);
        return CARESTAT_ENOMEM;
    }
    *out = cs_buf_take(&b, NULL);
    return *out ? CARESTAT_OK : CARESTAT_ENOMEM;
}
