/* The children-in-care indicator family: definitions (id, title, unit, polarity, population,
 * definition, source). The compute function is in cla.c. Definitions follow DfE's methodology
 * as summarised in reference/domain.md section 2 (sources cited per indicator). */
#include "measures/cla_internal.h"

#define SRC_CLA "DfE, Children looked after in England including adoptions (EES methodology; " \
                "cla_number_and_rate_per_10k_children.csv); LAIT measure "
#define SRC_STAB "DfE, Children looked after in England: placement stability (EES la_cla_placement_stability.csv); "
#define SRC_CL "DfE, Children looked after in England: care leavers (EES la_care_leavers_activity.csv, " \
               "la_care_leavers_accommodation_suitability.csv); SSDA903 OC3 guidance; LAIT measures "
#define EXCL_V34 " Children looked after under an agreed series of short-term breaks (legal status V3/V4) are excluded."
#define LEAVER_17 "Care leavers aged 17 or 18: young people whose 17th or 18th birthday fell in the year, who were " \
                  "looked after for at least 13 weeks after their 14th birthday including some time after their " \
                  "16th, and who are no longer looked after"
#define LEAVER_19 "Care leavers aged 19 to 21: young people whose 19th, 20th or 21st birthday fell in the year, " \
                  "who were looked after for at least 13 weeks after their 14th birthday including some time " \
                  "after their 16th (former relevant)"
#define LEAVER_EXCL " Excluded from the cohort: young people who died (IN_TOUCH DIED) or returned home to parents " \
                    "for 6 months or more (RHOM); not in touch (NO), refused contact (REFU) and no longer requiring " \
                    "services (NREQ) stay in the denominator."
#define UASC_SPLIT " The .uasc variant restricts the cohort to former unaccompanied asylum-seeking children " \
                   "(a UASC record for the child)."

const cs_indicator_def cs_cla_defs[CLA_NIND] = {
    [CLA_LOOKED_AFTER] = {"cla.looked_after", "Children looked after at 31 March", CARESTAT_UNIT_COUNT, CARESTAT_POLARITY_NONE,
     "Children looked after on 31 March",
     "Number of children with an episode of care open on 31 March (DEC blank or after 31 March)." EXCL_V34,
     SRC_CLA "332.", 0},
    [CLA_LOOKED_AFTER_RATE] = {"cla.looked_after.rate", "Children looked after at 31 March per 10,000 children", CARESTAT_UNIT_RATE,
     CARESTAT_POLARITY_NONE, "Children aged 0-17 in the area",
     "Children looked after on 31 March divided by the ONS mid-year estimate of the 0-17 population for "
     "the previous mid-year (mid-year N-1 for the year ending 31 March N), times 10,000. Interval: exact "
     "Poisson below 10 children, Byar's method from 10.",
     SRC_CLA "332; population: ons_mid-year_population_estimates_2012_to_2024.csv.", 0},
    [CLA_STARTS] = {"cla.starts", "Children starting to be looked after", CARESTAT_UNIT_COUNT, CARESTAT_POLARITY_NONE,
     "Children who started to be looked after during the year",
     "Number of children with an episode with reason for new episode S (started to be looked after) and a "
     "start date (DECOM) from 1 April to 31 March. A child who started more than once in the year is "
     "counted once (the first occasion)." EXCL_V34,
     SRC_CLA "(starts); EES footnote: only the first occasion on which a child started in the year is counted.", 0},
    [CLA_STARTS_RATE] = {"cla.starts.rate", "Children starting to be looked after per 10,000 children", CARESTAT_UNIT_RATE,
     CARESTAT_POLARITY_NONE, "Children aged 0-17 in the area",
     "Children starting to be looked after in the year (cla.starts) divided by the 0-17 population "
     "estimate for the previous mid-year, times 10,000.",
     SRC_CLA "(starts); population: ons_mid-year_population_estimates_2012_to_2024.csv.", 0},
    [CLA_CEASED] = {"cla.ceased", "Children ceasing to be looked after", CARESTAT_UNIT_COUNT, CARESTAT_POLARITY_NONE,
     "Children who ceased to be looked after during the year",
     "Number of children with an episode that ended a period of care (reason episode ceased not X1) on a "
     "date from 1 April to 31 March. A child who ceased more than once is counted once (the last occasion). "
     "Transfers to another local authority (E3) are included." EXCL_V34,
     SRC_CLA "392.", 0},
    [CLA_CEASED_RATE] = {"cla.ceased.rate", "Children ceasing to be looked after per 10,000 children", CARESTAT_UNIT_RATE,
     CARESTAT_POLARITY_NONE, "Children aged 0-17 in the area",
     "Children ceasing to be looked after in the year (cla.ceased) divided by the 0-17 population estimate "
     "for the previous mid-year, times 10,000.",
     SRC_CLA "392; population: ons_mid-year_population_estimates_2012_to_2024.csv.", 0},
    [CLA_CEASED_ADOPTED] = {"cla.ceased.adopted", "Children ceasing to be looked after who were adopted", CARESTAT_UNIT_PERCENT,
     CARESTAT_POLARITY_NONE, "Children who ceased to be looked after during the year",
     "Percentage of children ceasing to be looked after (last occasion in the year) whose reason was adoption "
     "(REC E11 or E12).",
     SRC_CLA "208.", 0},
    [CLA_CEASED_SGO] = {"cla.ceased.sgo", "Children ceasing to be looked after on a special guardianship order",
     CARESTAT_UNIT_PERCENT, CARESTAT_POLARITY_NONE, "Children who ceased to be looked after during the year",
     "Percentage of children ceasing to be looked after (last occasion) whose reason was a special "
     "guardianship order (REC E45, E46, E47, E48, or legacy E43/E44).",
     SRC_CLA "390.", 0},
    [CLA_CEASED_CAO] = {"cla.ceased.cao", "Children ceasing to be looked after on a child arrangements order", CARESTAT_UNIT_PERCENT,
     CARESTAT_POLARITY_NONE, "Children who ceased to be looked after during the year",
     "Percentage of children ceasing to be looked after (last occasion) whose reason was a residence order or "
     "child arrangements order (REC E41).",
     SRC_CLA "(ceased by reason, E41); SSDA903 REC code list.", 0},
    [CLA_CEASED_RETURNED_HOME] = {"cla.ceased.returned_home", "Children ceasing to be looked after who returned home", CARESTAT_UNIT_PERCENT,
     CARESTAT_POLARITY_NONE, "Children who ceased to be looked after during the year",
     "Percentage of children ceasing to be looked after (last occasion) who returned home to parents or other "
     "person with parental responsibility (REC E4A as part of the care plan, E4B not, or legacy E4).",
     SRC_CLA "(ceased by reason, E4A/E4B); SSDA903 REC code list.", 0},
    [CLA_STABILITY_PLACEMENTS3PLUS] = {"cla.stability.placements3plus", "Children looked after with 3 or more placements in the year",
     CARESTAT_UNIT_PERCENT, CARESTAT_POLARITY_LOWER_BETTER, "Children looked after on 31 March",
     "Percentage of children looked after on 31 March who had three or more placements during the year "
     "(1 April to 31 March). Placements open on 1 April and on 31 March count. A placement starts with an "
     "episode whose reason for new episode is S, P or B, or T or U (new placement, same carer), except a "
     "T/U move into adoption with the same carer (A3/A5); L (legal status only) never does. Temporary "
     "placements (T0-T4) and the return from them, and placements shorter than 24 hours, are not counted. "
     "Variants: rules placements_spb_only, placements_count_temporary, placements_count_short, "
     "placements_count_adoption_same_carer." EXCL_V34,
     SRC_STAB "LAIT measure 372 (formerly NI 62).", 0},
    [CLA_STABILITY_PLACEMENTS3PLUS_2YR] = {"cla.stability.placements3plus_2yr", "Children looked after for 2 years with 3 or more placements in 2 years",
     CARESTAT_UNIT_PERCENT, CARESTAT_POLARITY_LOWER_BETTER,
     "Children looked after on 31 March who had been looked after continuously for at least 2 years",
     "Percentage of children looked after on 31 March and continuously for the previous two years with "
     "three or more placements during those two years (1 April N-2 to 31 March N), placements counted as "
     "for cla.stability.placements3plus. Flagged u (low reliability) unless the return for the previous year "
     "is loaded too (an annual return holds only the episodes open during its year)." EXCL_V34,
     SRC_STAB "cla_group 'CLA 2 years on 31 March' (Stability measures release, 2024 onwards).", 0},
    [CLA_STABILITY_LONGTERM] = {"cla.stability.longterm", "Long-term placement stability", CARESTAT_UNIT_PERCENT,
     CARESTAT_POLARITY_HIGHER_BETTER,
     "Children looked after on 31 March, aged under 16, looked after continuously for at least 2.5 years",
     "Percentage of children under 16 on 31 March, looked after continuously for at least 2.5 years, who had "
     "been living with the same carer for at least 2 years on 31 March, or who were placed for adoption and "
     "whose adoptive placement together with the previous placement lasted at least 2 years. Consecutive "
     "episodes whose reason for new episode is L, T or U (same carer) are the same placement; a move into "
     "adoption with the current foster carer (A3/A5) continues it. Variant: longterm_same_placement "
     "(only L continues). Flagged u (low reliability) unless the returns of the two previous years are loaded "
     "too." EXCL_V34,
     SRC_STAB "LAIT measure 393 (formerly NI 63); EES wording 'living with the same carer for at least 2 years'.", 0},
    [CLA_KINSHIP] = {"cla.kinship", "Children looked after in foster care with relatives or friends", CARESTAT_UNIT_PERCENT,
     CARESTAT_POLARITY_NONE, "Children looked after on 31 March",
     "Percentage of children looked after on 31 March whose placement on 31 March was foster care with "
     "relatives or friends (PLACE U1, U2 or U3)." EXCL_V34,
     "DfE, Children looked after in England: placement type on 31 March (kinship = U1-U3); SSDA903 PLACE code list; "
     "PQ answer 22 April 2024 (relative and friend held combined).", 0},
    [CLA_KINSHIP_OF_FOSTER] = {"cla.kinship.of_foster", "Foster placements with relatives or friends",
     CARESTAT_UNIT_PERCENT, CARESTAT_POLARITY_NONE, "Children looked after on 31 March in foster care",
     "Percentage of children in foster care on 31 March (PLACE U1-U6, legacy Q1/Q2) whose foster carers were "
     "relatives or friends (U1, U2 or U3, legacy Q1)." EXCL_V34,
     "DfE, Children looked after in England: placement type on 31 March (kinship = U1-U3, published as a share "
     "of foster placements, e.g. 13,660 = 24% in 2024); SSDA903 PLACE code list.", 0},
    [CLA_KINSHIP_SGO_EXITS] = {"cla.kinship.sgo_exits", "Children leaving care on a special guardianship order to relatives or friends",
     CARESTAT_UNIT_COUNT, CARESTAT_POLARITY_NONE, "Children who ceased to be looked after during the year",
     "Number of children whose last exit from care in the year was a special guardianship order to relatives "
     "or friends (REC E45: former foster carers who are relatives or friends; E47: other carers who are "
     "relatives or friends)." EXCL_V34,
     "DfE, Children looked after in England: ceased by reason (SGO by carer type); SSDA903 REC code list.", 0},
    [CLA_OTHER_PLACEMENTS] = {"cla.other_placements", "Children looked after in other placements", CARESTAT_UNIT_PERCENT,
     CARESTAT_POLARITY_LOWER_BETTER, "Children looked after on 31 March",
     "Percentage of children looked after on 31 March whose placement on 31 March was 'other placements' "
     "(PLACE Z1, or Z11-Z14 from 2025-26), the published proxy for unregistered provision." EXCL_V34,
     "LAIT measure 400 (% of CLA in other placements); DfE placement type on 31 March.", 0},
    [CLA_LEAVERS_IN_TOUCH_17TO18] = {"leavers.in_touch.17to18", "Care leavers aged 17-18 in touch", CARESTAT_UNIT_PERCENT,
     CARESTAT_POLARITY_HIGHER_BETTER, LEAVER_17,
     "Percentage of the cohort for whom the local authority was in touch around the birthday (OC3 IN_TOUCH YES)."
     LEAVER_EXCL UASC_SPLIT EXCL_V34,
     SRC_CL "333, 112.", 0},
    [CLA_LEAVERS_IN_TOUCH_19TO21] = {"leavers.in_touch.19to21", "Care leavers aged 19-21 in touch", CARESTAT_UNIT_PERCENT,
     CARESTAT_POLARITY_HIGHER_BETTER, LEAVER_19,
     "Percentage of the cohort for whom the local authority was in touch around the birthday (OC3 IN_TOUCH YES)."
     LEAVER_EXCL UASC_SPLIT EXCL_V34,
     SRC_CL "333, 112.", 0},
    [CLA_LEAVERS_SUITABLE_ACCOMMODATION_17TO18] = {"leavers.suitable_accommodation.17to18", "Care leavers aged 17-18 in suitable accommodation",
     CARESTAT_UNIT_PERCENT, CARESTAT_POLARITY_HIGHER_BETTER, LEAVER_17,
     "Percentage of the cohort whose accommodation was considered suitable (OC3 ACCOM ending in 1). Young "
     "people gone abroad (G), deported (H) or whose residence is not known (R) are also excluded from the "
     "denominator." LEAVER_EXCL UASC_SPLIT EXCL_V34,
     SRC_CL "113, 221.", 0},
    [CLA_LEAVERS_SUITABLE_ACCOMMODATION_19TO21] = {"leavers.suitable_accommodation.19to21", "Care leavers aged 19-21 in suitable accommodation",
     CARESTAT_UNIT_PERCENT, CARESTAT_POLARITY_HIGHER_BETTER, LEAVER_19,
     "Percentage of the cohort whose accommodation was considered suitable (OC3 ACCOM ending in 1). Young "
     "people gone abroad (G), deported (H) or whose residence is not known (R) are also excluded from the "
     "denominator." LEAVER_EXCL UASC_SPLIT EXCL_V34,
     SRC_CL "113, 221.", 0},
    [CLA_LEAVERS_EET_17TO18] = {"leavers.eet.17to18", "Care leavers aged 17-18 in education, employment or training", CARESTAT_UNIT_PERCENT,
     CARESTAT_POLARITY_HIGHER_BETTER, LEAVER_17,
     "Percentage of the cohort in education, employment or training (OC3 ACTIV F1, F2, F3, F4, F5, P1, P2, "
     "P3, P4 or P5)." LEAVER_EXCL UASC_SPLIT EXCL_V34,
     SRC_CL "220, 317.", 0},
    [CLA_LEAVERS_EET_19TO21] = {"leavers.eet.19to21", "Care leavers aged 19-21 in education, employment or training", CARESTAT_UNIT_PERCENT,
     CARESTAT_POLARITY_HIGHER_BETTER, LEAVER_19,
     "Percentage of the cohort in education, employment or training (OC3 ACTIV F1, F2, F3, F4, F5, P1, P2, "
     "P3, P4 or P5)." LEAVER_EXCL UASC_SPLIT EXCL_V34,
     SRC_CL "220, 317.", 0},
    [CLA_LEAVERS_IN_TOUCH_17TO18_UASC] = {"leavers.in_touch.17to18.uasc", "Former UASC care leavers aged 17-18 in touch", CARESTAT_UNIT_PERCENT,
     CARESTAT_POLARITY_HIGHER_BETTER, LEAVER_17 ", former unaccompanied asylum-seeking children",
     "As leavers.in_touch.17to18, for former unaccompanied asylum-seeking children only.", SRC_CL "333, 112.", 0},
    [CLA_LEAVERS_IN_TOUCH_19TO21_UASC] = {"leavers.in_touch.19to21.uasc", "Former UASC care leavers aged 19-21 in touch", CARESTAT_UNIT_PERCENT,
     CARESTAT_POLARITY_HIGHER_BETTER, LEAVER_19 ", former unaccompanied asylum-seeking children",
     "As leavers.in_touch.19to21, for former unaccompanied asylum-seeking children only.", SRC_CL "333, 112.", 0},
    [CLA_LEAVERS_SUITABLE_ACCOMMODATION_17TO18_UASC] = {"leavers.suitable_accommodation.17to18.uasc", "Former UASC care leavers aged 17-18 in suitable accommodation",
     CARESTAT_UNIT_PERCENT, CARESTAT_POLARITY_HIGHER_BETTER, LEAVER_17 ", former unaccompanied asylum-seeking children",
     "As leavers.suitable_accommodation.17to18, for former unaccompanied asylum-seeking children only.",
     SRC_CL "113, 221.", 0},
    [CLA_LEAVERS_SUITABLE_ACCOMMODATION_19TO21_UASC] = {"leavers.suitable_accommodation.19to21.uasc", "Former UASC care leavers aged 19-21 in suitable accommodation",
     CARESTAT_UNIT_PERCENT, CARESTAT_POLARITY_HIGHER_BETTER, LEAVER_19 ", former unaccompanied asylum-seeking children",
     "As leavers.suitable_accommodation.19to21, for former unaccompanied asylum-seeking children only.",
     SRC_CL "113, 221.", 0},
    [CLA_LEAVERS_EET_17TO18_UASC] = {"leavers.eet.17to18.uasc", "Former UASC care leavers aged 17-18 in education, employment or training",
     CARESTAT_UNIT_PERCENT, CARESTAT_POLARITY_HIGHER_BETTER, LEAVER_17 ", former unaccompanied asylum-seeking children",
     "As leavers.eet.17to18, for former unaccompanied asylum-seeking children only.", SRC_CL "220, 317.", 0},
    [CLA_LEAVERS_EET_19TO21_UASC] = {"leavers.eet.19to21.uasc", "Former UASC care leavers aged 19-21 in education, employment or training",
     CARESTAT_UNIT_PERCENT, CARESTAT_POLARITY_HIGHER_BETTER, LEAVER_19 ", former unaccompanied asylum-seeking children",
     "As leavers.eet.19to21, for former unaccompanied asylum-seeking children only.", SRC_CL "220, 317.", 0},
    [CLA_SW_CHANGES3PLUS] = {"sw.changes3plus", "Children looked after with 3 or more social workers in the year", CARESTAT_UNIT_PERCENT,
     CARESTAT_POLARITY_LOWER_BETTER, "Children looked after on 31 March",
     "Percentage of children looked after on 31 March who had three or more different social workers (distinct "
     "SW_ID in the social worker episodes overlapping 1 April to 31 March, including while not looked after; "
     "A, B, A counts as 2). Not available (x) for a year in which the organisation's returns hold no social "
     "worker episodes (first collected in 2023-24)." EXCL_V34,
     "DfE, Children looked after in England: stability measures, social workers (EES la_cla_swcount.csv; data-set "
     "87b14248 footnotes); LAIT 'Social worker instability'.", 0},
    [CLA_SW_CHANGES3PLUS_2YR] = {"sw.changes3plus_2yr",
     "Children looked after for 2 years with 3 or more social workers in 2 years", CARESTAT_UNIT_PERCENT,
     CARESTAT_POLARITY_LOWER_BETTER, "Children looked after on 31 March who had been looked after continuously for "
     "at least 2 years",
     "Percentage of children looked after on 31 March and continuously for the previous two years who had three "
     "or more different social workers (distinct SW_ID) during those two years (1 April N-2 to 31 March N). Not "
     "available (x) unless the returns hold social worker episodes in both years; flagged u unless the return "
     "for the previous year is loaded." EXCL_V34,
     "DfE, Children looked after in England: stability measures (EES data-set 170c14fb, '3+ social workers in the "
     "previous 2 years', 2025 release).", 0},
    [CLA_PERM_ADOPTION_DAYS] = {"perm.adoption_days", "Average days from entering care to moving in with the adoptive family",
     CARESTAT_UNIT_DAYS, CARESTAT_POLARITY_LOWER_BETTER, "Children adopted during the year",
     "Average number of days, for children adopted in the year (REC E11/E12), between the start of the period "
     "of care in which they were adopted and moving in with their adoptive family (the start of the adoptive "
     "placement A3-A6). Adjusted for foster carer adoptions (A10): where the child was adopted by the foster "
     "carers (a T/U move into A3/A5, or AD1 FOSTER_CARE 1), the clock stops when the child moved in with those "
     "carers. Variant: adoption_no_foster_adjust (A1).",
     "Adoption scorecard indicators A1 and A10 (DfE Adoption Scorecards methodology, year ending March 2018; "
     "LG Inform metric 912).", 0},
    [CLA_PERM_MATCH_DAYS] = {"perm.match_days", "Average days from placement order to match", CARESTAT_UNIT_DAYS,
     CARESTAT_POLARITY_LOWER_BETTER, "Children adopted during the year who had a placement order",
     "Average number of days, for children adopted in the year, between the local authority receiving court "
     "authority to place (the first episode with legal status E1 or D1 in the period of care) and the decision "
     "on a match (AD1 DATE_MATCH); a match before the authority counts as 0 days. Children without a placement "
     "order or a match date are excluded.",
     "Adoption scorecard indicator A2 (DfE Adoption Scorecards methodology, year ending March 2018).", 0},
    [CLA_PERM_ADOPTED_WITHIN_12M] = {"perm.adopted_within_12m", "Children adopted who were placed within 12 months of the decision",
     CARESTAT_UNIT_PERCENT, CARESTAT_POLARITY_HIGHER_BETTER,
     "Children adopted during the year with a decision to place for adoption",
     "Percentage of children adopted in the year (REC E11/E12) with a decision that they should be placed for "
     "adoption (AD1 DATE_INT or placed-for-adoption DATE_PLACED) who moved in with their adoptive family "
     "within 12 months of the decision (on or before the decision date plus one year).",
     "DfE, Children looked after in England including adoptions: national_cla_adopted_average_time_between_"
     "adoption_process_stages.csv ('placed within 12 months of the decision').", 0},
};

const size_t cs_cla_ndefs = sizeof cs_cla_defs / sizeof cs_cla_defs[0];
