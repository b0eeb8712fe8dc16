/* Text for the inspection enums, and grade parsing. */
#include <string.h>

#include "carestat/inspection.h"
#include "org/org_internal.h"

const char *carestat_grade_name(carestat_grade grade)
{
    switch (grade) {
    case CARESTAT_GRADE_NONE: return "Not graded";
    case CARESTAT_GRADE_OUTSTANDING: return "Outstanding";
    case CARESTAT_GRADE_GOOD: return "Good";
    case CARESTAT_GRADE_REQUIRES_IMPROVEMENT: return "Requires improvement to be good";
    case CARESTAT_GRADE_INADEQUATE: return "Inadequate";
    }
    return "unknown";
}

const char *carestat_grade_key(carestat_grade grade)
{
    switch (grade) {
    case CARESTAT_GRADE_NONE: return "not_graded";
    case CARESTAT_GRADE_OUTSTANDING: return "outstanding";
    case CARESTAT_GRADE_GOOD: return "good";
    case CARESTAT_GRADE_REQUIRES_IMPROVEMENT: return "requires_improvement";
    case CARESTAT_GRADE_INADEQUATE: return "inadequate";
    }
    return "unknown";
}

int carestat_grade_parse(carestat_grade *out, const char *text)
{
    if (!out || !text) return CARESTAT_EINVAL;
    size_t n = strlen(text);
    while (n && (*text == ' ' || *text == '\t')) {
        text++;
        n--;
    }
    while (n && (text[n - 1] == ' ' || text[n - 1] == '\t' || text[n - 1] == '\r' || text[n - 1] == '\n')) n--;
    static const struct {
        const char *s;
        carestat_grade g;
    } t[] = {
        {"", CARESTAT_GRADE_NONE},
        {"-", CARESTAT_GRADE_NONE},
        {"Not graded", CARESTAT_GRADE_NONE},
        {"not_graded", CARESTAT_GRADE_NONE},
        {"inspection_pre_dates_judgement", CARESTAT_GRADE_NONE},
        {"Outstanding", CARESTAT_GRADE_OUTSTANDING},
        {"1", CARESTAT_GRADE_OUTSTANDING},
        {"Good", CARESTAT_GRADE_GOOD},
        {"2", CARESTAT_GRADE_GOOD},
        {"Requires improvement to be good", CARESTAT_GRADE_REQUIRES_IMPROVEMENT},
        {"Requires improvement", CARESTAT_GRADE_REQUIRES_IMPROVEMENT},
        {"requires_improvement", CARESTAT_GRADE_REQUIRES_IMPROVEMENT},
        {"RI", CARESTAT_GRADE_REQUIRES_IMPROVEMENT},
        {"3", CARESTAT_GRADE_REQUIRES_IMPROVEMENT},
        {"Inadequate", CARESTAT_GRADE_INADEQUATE},
        {"4", CARESTAT_GRADE_INADEQUATE},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        if (cs_org_streqn(t[i].s, text, n)) {
            *out = t[i].g;
            return CARESTAT_OK;
        }
    }
    return CARESTAT_EPARSE;
}

const char *carestat_judgement_area_name(carestat_judgement_area area)
{
    switch (area) {
    case CARESTAT_AREA_OVERALL: return "Overall effectiveness";
    case CARESTAT_AREA_LEADERS: return "The impact of leaders on social work practice with children and families";
    case CARESTAT_AREA_HELP_PROTECTION:
        return "The experiences and progress of children who need help and protection";
    case CARESTAT_AREA_CHILDREN_IN_CARE: return "The experiences and progress of children in care";
    case CARESTAT_AREA_CARE_LEAVERS: return "The experiences and progress of care leavers";
    case CARESTAT_AREA_CIC_AND_CARE_LEAVERS:
        return "The experiences and progress of children in care and care leavers";
    case CARESTAT_AREA_SIF_HELP_PROTECTION: return "SIF: children who need help and protection";
    case CARESTAT_AREA_SIF_LOOKED_AFTER: return "SIF: children looked after and achieving permanence";
    case CARESTAT_AREA_SIF_ADOPTION: return "SIF: adoption performance";
    case CARESTAT_AREA_SIF_CARE_LEAVERS: return "SIF: experiences and progress of care leavers";
    case CARESTAT_AREA_SIF_LEADERSHIP: return "SIF: leadership, management and governance";
    case CARESTAT_AREA_LSCB: return "LSCB overall effectiveness";
    case CARESTAT_AREA_SLAC_SAFEGUARDING: return "SLAC: safeguarding overall effectiveness";
    case CARESTAT_AREA_SLAC_LOOKED_AFTER: return "SLAC: looked after children overall effectiveness";
    }
    return "unknown";
}

const char *carestat_judgement_area_key(carestat_judgement_area area)
{
    switch (area) {
    case CARESTAT_AREA_OVERALL: return "overall";
    case CARESTAT_AREA_LEADERS: return "leaders";
    case CARESTAT_AREA_HELP_PROTECTION: return "help_protection";
    case CARESTAT_AREA_CHILDREN_IN_CARE: return "children_in_care";
    case CARESTAT_AREA_CARE_LEAVERS: return "care_leavers";
    case CARESTAT_AREA_CIC_AND_CARE_LEAVERS: return "children_in_care_and_care_leavers";
    case CARESTAT_AREA_SIF_HELP_PROTECTION: return "sif_help_protection";
    case CARESTAT_AREA_SIF_LOOKED_AFTER: return "sif_looked_after";
    case CARESTAT_AREA_SIF_ADOPTION: return "sif_adoption";
    case CARESTAT_AREA_SIF_CARE_LEAVERS: return "sif_care_leavers";
    case CARESTAT_AREA_SIF_LEADERSHIP: return "sif_leadership";
    case CARESTAT_AREA_LSCB: return "lscb";
    case CARESTAT_AREA_SLAC_SAFEGUARDING: return "slac_safeguarding";
    case CARESTAT_AREA_SLAC_LOOKED_AFTER: return "slac_looked_after";
    }
    return "unknown";
}

const char *carestat_inspection_type_name(carestat_inspection_type type)
{
    switch (type) {
    case CARESTAT_INSP_UNKNOWN: return "Unknown";
    case CARESTAT_INSP_ILACS_STANDARD: return "ILACS Standard Inspection";
    case CARESTAT_INSP_ILACS_SHORT: return "ILACS Short Inspection";
    case CARESTAT_INSP_FOCUSED_VISIT: return "ILACS Focused Visit";
    case CARESTAT_INSP_MONITORING_VISIT: return "LA Monitoring visit";
    case CARESTAT_INSP_JTAI: return "Joint targeted area inspection";
    case CARESTAT_INSP_SIF: return "SIF";
    case CARESTAT_INSP_SIF_REINSPECTION: return "SIF re-inspection";
    case CARESTAT_INSP_SLAC: return "SLAC";
    case CARESTAT_INSP_SLAC_REINSPECTION: return "SLAC re-inspection";
    case CARESTAT_INSP_CPI: return "CPI";
    case CARESTAT_INSP_CPRI: return "CPRI";
    case CARESTAT_INSP_TLAC: return "TLAC";
    }
    return "unknown";
}

const char *carestat_grade_direction_name(carestat_grade_direction direction)
{
    switch (direction) {
    case CARESTAT_GRADE_UNCHANGED: return "unchanged";
    case CARESTAT_GRADE_IMPROVED: return "improved";
    case CARESTAT_GRADE_DECLINED: return "declined";
    }
    return "unknown";
}

const char *carestat_history_flag_name(carestat_history_flag flag)
{
    switch (flag) {
    case CARESTAT_HISTORY_LINEAGE: return "lineage";
    }
    return "unknown";
}

int carestat_grade_count(void) { return CARESTAT_GRADE_COUNT; }
int carestat_judgement_area_count(void) { return CARESTAT_JUDGEMENT_AREA_COUNT; }
int carestat_inspection_type_count(void) { return CARESTAT_INSPECTION_TYPE_COUNT; }

int carestat_inspection_type_is_graded(carestat_inspection_type type)
{
    switch (type) {
    case CARESTAT_INSP_ILACS_STANDARD:
    case CARESTAT_INSP_ILACS_SHORT:
    case CARESTAT_INSP_SIF:
    case CARESTAT_INSP_SIF_REINSPECTION:
    case CARESTAT_INSP_SLAC:
    case CARESTAT_INSP_SLAC_REINSPECTION:
    case CARESTAT_INSP_CPI:
    case CARESTAT_INSP_CPRI:
    case CARESTAT_INSP_TLAC: return 1;
    case CARESTAT_INSP_UNKNOWN:
    case CARESTAT_INSP_FOCUSED_VISIT:
    case CARESTAT_INSP_MONITORING_VISIT:
    case CARESTAT_INSP_JTAI: return 0;
    }
    return 0;
}

carestat_grade carestat_inspection_grade(const carestat_inspection *insp, carestat_judgement_area area)
{
    if (!insp || (unsigned)area >= CARESTAT_JUDGEMENT_AREA_COUNT) return CARESTAT_GRADE_NONE;
    return insp->grades[area];
}

carestat_date carestat_inspection_date(const carestat_inspection *insp)
{
    if (!insp) return CARESTAT_DATE_NONE;
    return insp->start != CARESTAT_DATE_NONE ? insp->start : insp->published;
}
