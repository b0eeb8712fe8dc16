/* The built-in mapping: which rows and columns of each known DfE file make which indicator.
 *
 * One flat list. For a given file, every measure whose columns all exist is applied; filter values
 * decide which rows it takes. Editions differ in column names (aliases with '|') and labels
 * (alternatives with '|', prefixes with '*'). Files covered (docs/published.md has the list):
 *   dfe_ees/cla_number_and_rate_per_10k_children.csv (and the 2023, 2024 editions)
 *   dfe_ees/la_cla_placement_stability.csv (and 2023, 2024), la_cla_at_31_march_placement_stability_indicator (2022)
 *   dfe_ees/la_cla_swcount.csv, official_statistics_la_cco_sw_stability (2019-2020)
 *   dfe_ees/la_care_leavers_accommodation_suitability.csv, la_care_leavers_activity.csv
 *   dfe_ees/csww_indicators_2017_to_2025.csv (and 2017-2024), csww_headline_measures_2017_to_2022.csv
 *   la_children_who_ceased_during_the_year (2024), la_cla_who_started_to_be_looked_after (2022)
 *   dfe_sfr_2010_2017: the wide SFR files (CLA at 31 March, started, ceased)
 */
#include "published/published_internal.h"

#define M0 0 /* year ending 31 March */
#define S1 1 /* census year ending 30 September */

#define CLA_POP "population_type|population_count"
#define CLA_LOOKED "Children looked after on 31 March each year|Children looked after at 31 March each year"
#define CLA_START "Children starting to be looked after each year"
#define CLA_CEASE "Children ceasing to be looked after each year"
#define CNT "children_count|number"
#define PCT "children_percent|percentage"
#define PSTAB "placement_stability|characteristic"
#define LT_GROUP "Children looked after continuously for at least 2.5 years*"

const cs_pub_builtin cs_pub_builtins[] = {
    /* CLA numbers and rates per 10,000 (population = ONS mid-year 0-17 for the previous year) */
    {"cla_number_and_rate",
     {"cla.looked_after", CARESTAT_UNIT_COUNT, M0, CLA_POP, CLA_LOOKED, NULL, NULL, CNT, NULL, NULL, NULL, 0}},
    {"cla_number_and_rate",
     {"cla.looked_after.rate", CARESTAT_UNIT_RATE, M0, CLA_POP, CLA_LOOKED, NULL, NULL, CNT, "rate_per_10000",
      "population_estimate", NULL, 0}},
    {"cla_number_and_rate",
     {"cla.starts", CARESTAT_UNIT_COUNT, M0, CLA_POP, CLA_START, NULL, NULL, CNT, NULL, NULL, NULL, 0}},
    {"cla_number_and_rate",
     {"cla.starts.rate", CARESTAT_UNIT_RATE, M0, CLA_POP, CLA_START, NULL, NULL, CNT, "rate_per_10000",
      "population_estimate", NULL, 0}},
    {"cla_number_and_rate",
     {"cla.ceased", CARESTAT_UNIT_COUNT, M0, CLA_POP, CLA_CEASE, NULL, NULL, CNT, NULL, NULL, NULL, 0}},
    {"cla_number_and_rate",
     {"cla.ceased.rate", CARESTAT_UNIT_RATE, M0, CLA_POP, CLA_CEASE, NULL, NULL, CNT, "rate_per_10000",
      "population_estimate", NULL, 0}},

    /* Placement stability (2022 edition: characteristic; 2023+: placement_stability) */
    {"cla_placement_stability",
     {"cla.stability.placements3plus", CARESTAT_UNIT_PERCENT, M0, "cla_group",
      "CLA on 31 March|Children looked after at 31 March", PSTAB, "With 3 or more placements during the year", CNT,
      PCT, NULL, "Total children", 0}},
    {"cla_placement_stability",
     {"cla.stability.placements3plus_2yr", CARESTAT_UNIT_PERCENT, M0, "cla_group", "CLA 2 years on 31 March", PSTAB,
      "With 3 or more placements during the previous 2 years", CNT, PCT, NULL, "Total children", 0}},
    {"cla_placement_stability",
     {"cla.stability.longterm", CARESTAT_UNIT_PERCENT, M0, "cla_group", LT_GROUP, PSTAB,
      "Living with the same carer*|Living in the same placement*", CNT, PCT, NULL, "Total children", 0}},

    /* Social worker changes: 3+ social workers in the year (2024+); 2+ changes in 12 months (2019-2020) */
    {"cla_swcount",
     {"sw.changes3plus", CARESTAT_UNIT_PERCENT, M0, "cla_group", "CLA on 31 March", "sw_stability",
      "3 or more social workers during the year", CNT, PCT, NULL, "Total children", 0}},
    {"cla_sw_stability_2019_2020",
     {"sw.changes2plus_12m", CARESTAT_UNIT_PERCENT, M0, "change_measure", "Social worker changes across 12 months",
      "social_worker_stability", "With two or more social worker changes", CNT, PCT, NULL, "Total", 0}},

    /* Care leavers: suitable accommodation and EET, by age group */
    {"care_leavers_accommodation",
     {"leavers.suitable_accommodation.17to18", CARESTAT_UNIT_PERCENT, M0, "care_leaver_age", "17 to 18 years",
      "breakdown", "Accommodation considered suitable", "care_leaver_count", "care_leaver_percent", NULL,
      "Suitability total", 0}},
    {"care_leavers_accommodation",
     {"leavers.suitable_accommodation.19to21", CARESTAT_UNIT_PERCENT, M0, "care_leaver_age", "19 to 21 years",
      "breakdown", "Accommodation considered suitable", "care_leaver_count", "care_leaver_percent", NULL,
      "Suitability total", 0}},
    {"care_leavers_activity",
     {"leavers.eet.17to18", CARESTAT_UNIT_PERCENT, M0, "care_leaver_age", "17 to 18 years", "breakdown",
      "Total in education, employment or training", "care_leaver_count", "care_leaver_percent", NULL, "Total", 0}},
    {"care_leavers_activity",
     {"leavers.eet.19to21", CARESTAT_UNIT_PERCENT, M0, "care_leaver_age", "19 to 21 years", "breakdown",
      "Total in education, employment or training", "care_leaver_count", "care_leaver_percent", NULL, "Total", 0}},

    /* Started / ceased during the year, from the characteristics files (Total rows) */
    {"cla_started_characteristics",
     {"cla.starts", CARESTAT_UNIT_COUNT, M0, "cla_group", "Age group", "characteristic", "Total", "number", NULL,
      NULL, NULL, 0}},
    {"cla_ceased_characteristics",
     {"cla.ceased", CARESTAT_UNIT_COUNT, M0, "cla_group", "Reason episode ceased", "characteristic", "Total",
      "number", NULL, NULL, NULL, 0}},
    {"cla_ceased_characteristics",
     {"cla.ceased.adopted", CARESTAT_UNIT_PERCENT, M0, "cla_group", "Reason episode ceased", "characteristic",
      "Adopted", "number", "percentage", NULL, "Total", 0}},
    {"cla_ceased_characteristics",
     {"cla.ceased.sgo", CARESTAT_UNIT_PERCENT, M0, "cla_group", "Reason episode ceased", "characteristic",
      "Special guardianship orders", "number", "percentage", NULL, "Total", 0}},

    /* Children's social work workforce (FTE, census at 30 September); 2023 and headline editions use
     * the _% column names and social_worker_fte / leaver_fte */
    {"csww_indicators",
     {"wf.fte", CARESTAT_UNIT_FTE, S1, NULL, NULL, NULL, NULL, "inpost_fte|social_worker_fte", NULL, NULL, NULL, 0}},
    {"csww_indicators",
     {"wf.turnover", CARESTAT_UNIT_PERCENT, S1, NULL, NULL, NULL, NULL, "leavers_fte|leaver_fte",
      "turnover_rate_fte|turnover_rate_fte_%", "inpost_fte|social_worker_fte", NULL, 0}},
    {"csww_indicators",
     {"wf.agency", CARESTAT_UNIT_PERCENT, S1, NULL, NULL, NULL, NULL, "agency_fte",
      "agency_rate_fte|agency_worker_rate_fte_%", "agency_fte+inpost_fte|social_worker_fte", NULL, 0}},
    {"csww_indicators",
     {"wf.vacancy", CARESTAT_UNIT_PERCENT, S1, NULL, NULL, NULL, NULL, "vacancy_fte",
      "vacancy_rate_fte|vacancy_rate_fte_%", "vacancy_fte+inpost_fte|social_worker_fte", NULL, 0}},
    {"csww_indicators",
     {"wf.absence", CARESTAT_UNIT_PERCENT, S1, NULL, NULL, NULL, NULL, "working_days_lost_fte",
      "absence_rate_fte|absence_rate_fte_%", "inpost_fte|social_worker_fte", NULL, -1}},
    {"csww_indicators",
     {"wf.caseload", CARESTAT_UNIT_RATIO, S1, NULL, NULL, NULL, NULL, "cases", "caseload_fte", "case_holders_fte",
      NULL, 0}},

    /* Old wide SFR files, 2010-2017 (no time_period: year from the file name) */
    {"sfr_cla_march",
     {"cla.looked_after", CARESTAT_UNIT_COUNT, M0, NULL, NULL, NULL, NULL, "MarTotal_*|CLA_Mar*", NULL, NULL, NULL,
      0}},
    {"sfr_cla_march",
     {"cla.stability.placements3plus", CARESTAT_UNIT_PERCENT, M0, NULL, NULL, NULL, NULL, "CLA_3Pla", NULL, "CLA_Mar*",
      NULL, 0}},
    {"sfr_cla_started",
     {"cla.starts", CARESTAT_UNIT_COUNT, M0, NULL, NULL, NULL, NULL, "StartTotal_*|CLA_started*", NULL, NULL, NULL,
      0}},
    {"sfr_cla_ceased",
     {"cla.ceased", CARESTAT_UNIT_COUNT, M0, NULL, NULL, NULL, NULL, "CeasedTotal_*|CLA_cease|CLA_cease20*", NULL,
      NULL, NULL, 0}},
};

const size_t cs_pub_nbuiltins = sizeof cs_pub_builtins / sizeof cs_pub_builtins[0];

size_t carestat_published_builtin_count(void) { return cs_pub_nbuiltins; }

const carestat_published_measure *carestat_published_builtin(size_t index)
{
    return index < cs_pub_nbuiltins ? &cs_pub_builtins[index].m : NULL;
}

const char *carestat_published_builtin_family(size_t index)
{
    return index < cs_pub_nbuiltins ? cs_pub_builtins[index].family : NULL;
}
