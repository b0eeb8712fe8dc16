/**
 * @file carestat/inspection.h
 * @brief Ofsted inspections of local authority children's services: types, judgement areas,
 *        grades, the readers for Ofsted's published outcome tables, and history queries.
 *
 * Frameworks: ILACS (from January 2018: standard and short inspections, graded; focused visits and
 * monitoring visits, not graded), SIF (2013-2018), and the earlier SLAC, CPI/CPRI and TLAC
 * inspections. JTAIs are joint and not graded. Source: Ofsted "LA inspection outcomes as at 31 March
 * 2025" and "Children's social care in England 2023" underlying data.
 *
 * Dates. Each inspection has a start date (first day on site; unknown for the 2009-2023 history
 * layout, which gives only publication dates) and a publication date. Its @e date is the start
 * date when known, else the publication date. "As at" a day means inspections whose date is on or
 * before that day: this is Ofsted's convention in its "Inspections as at 31 March" tables, which
 * count an inspection carried out by 31 March even when its report was published later.
 *
 * Organisations. An inspection belongs to the organisation that existed when it took place:
 * Northamptonshire's 2019 inspection to E10000021, Buckinghamshire's 2018 SIF to E10000002.
 * History queries on an organisation include the inspections of its predecessors through code
 * changes (#CARESTAT_LINK_RENAME) always, and through merges and splits with
 * #CARESTAT_HISTORY_LINEAGE.
 */
#ifndef CARESTAT_INSPECTION_H
#define CARESTAT_INSPECTION_H

#include "carestat/common.h"
#include "carestat/dataset.h"
#include "carestat/date.h"
#include "carestat/org.h"

/** @defgroup inspection Inspections and judgements
 *  @{ */

/** Ofsted's four-point scale (1 = best), plus "not graded". */
typedef enum carestat_grade {
    CARESTAT_GRADE_NONE = 0,                 /**< Not graded (a visit, an area not judged, or unknown). */
    CARESTAT_GRADE_OUTSTANDING = 1,          /**< "Outstanding". */
    CARESTAT_GRADE_GOOD = 2,                 /**< "Good". */
    CARESTAT_GRADE_REQUIRES_IMPROVEMENT = 3, /**< "Requires improvement to be good". */
    CARESTAT_GRADE_INADEQUATE = 4            /**< "Inadequate". */
} carestat_grade;

/** Number of #carestat_grade values (including #CARESTAT_GRADE_NONE). */
#define CARESTAT_GRADE_COUNT 5

/** Judgement areas of all frameworks. */
typedef enum carestat_judgement_area {
    CARESTAT_AREA_OVERALL = 0,              /**< Overall effectiveness (ILACS, SIF, CPI, CPRI, TLAC). */
    CARESTAT_AREA_LEADERS = 1,              /**< ILACS: the impact of leaders on social work practice. */
    CARESTAT_AREA_HELP_PROTECTION = 2,      /**< ILACS: experiences and progress of children who need help and protection. */
    CARESTAT_AREA_CHILDREN_IN_CARE = 3,     /**< ILACS from 1 January 2023: experiences and progress of children in care. */
    CARESTAT_AREA_CARE_LEAVERS = 4,         /**< ILACS from 1 January 2023: experiences and progress of care leavers. */
    CARESTAT_AREA_CIC_AND_CARE_LEAVERS = 5, /**< ILACS before 2023: children in care and care leavers (one judgement). */
    CARESTAT_AREA_SIF_HELP_PROTECTION = 6,  /**< SIF: children who need help and protection. */
    CARESTAT_AREA_SIF_LOOKED_AFTER = 7,     /**< SIF: children looked after and achieving permanence. */
    CARESTAT_AREA_SIF_ADOPTION = 8,         /**< SIF sub-judgement: adoption performance. */
    CARESTAT_AREA_SIF_CARE_LEAVERS = 9,     /**< SIF sub-judgement: experiences and progress of care leavers. */
    CARESTAT_AREA_SIF_LEADERSHIP = 10,      /**< SIF: leadership, management and governance. */
    CARESTAT_AREA_LSCB = 11,                /**< SIF: Local Safeguarding Children Board overall effectiveness. */
    CARESTAT_AREA_SLAC_SAFEGUARDING = 12,   /**< SLAC: safeguarding overall effectiveness. */
    CARESTAT_AREA_SLAC_LOOKED_AFTER = 13    /**< SLAC: looked after children overall effectiveness. */
} carestat_judgement_area;

/** Number of #carestat_judgement_area values. */
#define CARESTAT_JUDGEMENT_AREA_COUNT 14

/** Inspection and visit types. */
typedef enum carestat_inspection_type {
    CARESTAT_INSP_UNKNOWN = 0,           /**< Not stated by the source (e.g. the "as at 31 March" table). */
    CARESTAT_INSP_ILACS_STANDARD = 1,    /**< "ILACS Standard Inspection" (graded). */
    CARESTAT_INSP_ILACS_SHORT = 2,       /**< "ILACS Short Inspection" (graded). */
    CARESTAT_INSP_FOCUSED_VISIT = 3,     /**< "ILACS Focused Visit" (not graded). */
    CARESTAT_INSP_MONITORING_VISIT = 4,  /**< "LA Monitoring visit" (not graded). */
    CARESTAT_INSP_JTAI = 5,              /**< Joint targeted area inspection (not graded). */
    CARESTAT_INSP_SIF = 6,               /**< Single inspection framework (2013-2018). */
    CARESTAT_INSP_SIF_REINSPECTION = 7,  /**< SIF re-inspection. */
    CARESTAT_INSP_SLAC = 8,              /**< Safeguarding and looked after children (2009-2012). */
    CARESTAT_INSP_SLAC_REINSPECTION = 9, /**< SLAC re-inspection (of safeguarding or of looked after children). */
    CARESTAT_INSP_CPI = 10,              /**< Child protection inspection. */
    CARESTAT_INSP_CPRI = 11,             /**< Child protection re-inspection. */
    CARESTAT_INSP_TLAC = 12              /**< Targeted looked after children inspection. */
} carestat_inspection_type;

/** Number of #carestat_inspection_type values. */
#define CARESTAT_INSPECTION_TYPE_COUNT 13

/** One inspection or visit. Owned by the dataset; valid until the next inspection load or the dataset's free. */
typedef struct carestat_inspection {
    const carestat_org *org;        /**< The organisation inspected (borrowed). */
    carestat_inspection_type type;  /**< Type. */
    carestat_date start;            /**< First day of the inspection; #CARESTAT_DATE_NONE if not given. */
    carestat_date published;        /**< Publication date; #CARESTAT_DATE_NONE if not given. */
    carestat_grade grades[CARESTAT_JUDGEMENT_AREA_COUNT]; /**< Grade per #carestat_judgement_area. */
    const char *theme;              /**< Visit theme ("" if none). */
    const char *source;             /**< File it was first read from. */
    uint64_t line;                  /**< Line in that file. */
} carestat_inspection;

/** Direction of a change between two graded inspections. */
typedef enum carestat_grade_direction {
    CARESTAT_GRADE_UNCHANGED = 0, /**< Same grade. */
    CARESTAT_GRADE_IMPROVED = 1,  /**< Better grade (lower number). */
    CARESTAT_GRADE_DECLINED = 2   /**< Worse grade. */
} carestat_grade_direction;

/** The change between two consecutive inspections that graded an area. */
typedef struct carestat_grade_change {
    const carestat_inspection *from;    /**< Earlier inspection (borrowed). */
    const carestat_inspection *to;      /**< Later inspection (borrowed). */
    carestat_grade from_grade;          /**< Grade at the earlier one. */
    carestat_grade to_grade;            /**< Grade at the later one. */
    int steps;                          /**< from_grade - to_grade: grades gained (negative: lost). */
    carestat_grade_direction direction; /**< Improved, declined or unchanged. */
} carestat_grade_change;

/** Flags for history queries. */
typedef enum carestat_history_flag {
    CARESTAT_HISTORY_LINEAGE = 1u << 0 /**< Include predecessors through merges and splits too
                                            (North Northamptonshire: Northamptonshire's inspections). */
} carestat_history_flag;

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Ofsted's text for a grade ("Outstanding", "Good", "Requires improvement to be good",
 *        "Inadequate"; "Not graded" for #CARESTAT_GRADE_NONE).
 * @param grade the grade.
 * @return static text; "unknown" outside the enum.
 */
CARESTAT_API const char *carestat_grade_name(carestat_grade grade);

/**
 * @brief Short text for a grade: "outstanding", "good", "requires_improvement", "inadequate", "not_graded".
 * @param grade the grade.
 * @return static text; "unknown" outside the enum.
 */
CARESTAT_API const char *carestat_grade_key(carestat_grade grade);

/**
 * @brief Parse a grade as written in Ofsted's files and in common use.
 *
 * Accepted (case-insensitive, surrounding spaces ignored): the Ofsted texts, "Requires improvement",
 * "RI", the keys of carestat_grade_key(), the digits 1-4; "", "-", "Not graded", "not_graded" and
 * "inspection_pre_dates_judgement" give #CARESTAT_GRADE_NONE.
 * @param[out] out the grade.
 * @param text the text (NUL-terminated).
 * @return #CARESTAT_OK, #CARESTAT_EINVAL (NULL), #CARESTAT_EPARSE (not a grade).
 */
CARESTAT_API int carestat_grade_parse(carestat_grade *out, const char *text);

/**
 * @brief Name of a judgement area (e.g. "Overall effectiveness").
 * @param area the area.
 * @return static text; "unknown" outside the enum.
 */
CARESTAT_API const char *carestat_judgement_area_name(carestat_judgement_area area);

/**
 * @brief Short key of a judgement area (e.g. "overall", "leaders", "help_protection").
 * @param area the area.
 * @return static text; "unknown" outside the enum.
 */
CARESTAT_API const char *carestat_judgement_area_key(carestat_judgement_area area);

/**
 * @brief Name of an inspection type, as Ofsted writes it where it has one (e.g. "ILACS Standard Inspection").
 * @param type the type.
 * @return static text; "unknown" outside the enum.
 */
CARESTAT_API const char *carestat_inspection_type_name(carestat_inspection_type type);

/**
 * @brief Text of a grade direction: "unchanged", "improved", "declined".
 * @param direction the direction.
 * @return static text; "unknown" outside the enum.
 */
CARESTAT_API const char *carestat_grade_direction_name(carestat_grade_direction direction);

/**
 * @brief Text for one #carestat_history_flag bit: "lineage".
 * @param flag one bit.
 * @return static text; "unknown" for anything else.
 */
CARESTAT_API const char *carestat_history_flag_name(carestat_history_flag flag);

/**
 * @brief Number of grades (#CARESTAT_GRADE_COUNT), for bindings.
 * @return 5.
 */
CARESTAT_API int carestat_grade_count(void);

/**
 * @brief Number of judgement areas (#CARESTAT_JUDGEMENT_AREA_COUNT), for bindings.
 * @return the count.
 */
CARESTAT_API int carestat_judgement_area_count(void);

/**
 * @brief Number of inspection types (#CARESTAT_INSPECTION_TYPE_COUNT), for bindings.
 * @return the count.
 */
CARESTAT_API int carestat_inspection_type_count(void);

/**
 * @brief 1 if inspections of this type carry grades (ILACS standard and short, SIF, SLAC, CPI, TLAC
 *        and their re-inspections), 0 for visits, JTAIs and unknown types.
 * @param type the type.
 * @return 1 or 0.
 */
CARESTAT_API int carestat_inspection_type_is_graded(carestat_inspection_type type);

/**
 * @brief The grade an inspection gave to an area.
 * @param insp the inspection.
 * @param area the area.
 * @return the grade; #CARESTAT_GRADE_NONE for NULL or an area outside the enum.
 */
CARESTAT_API carestat_grade carestat_inspection_grade(const carestat_inspection *insp, carestat_judgement_area area);

/**
 * @brief The date an inspection counts from: its start date, else its publication date.
 * @param insp the inspection.
 * @return the date; #CARESTAT_DATE_NONE for NULL.
 */
CARESTAT_API carestat_date carestat_inspection_date(const carestat_inspection *insp);

/**
 * @brief Load an Ofsted outcomes table (CSV extract of Ofsted's ODS sheets), recognised by its header.
 *
 * Layouts:
 * - ILACS inspection history (@c "Local authority area code", @c "Inspection date",
 *   @c "Publication date", @c "Inspection type", grades), also the "In-year inspections" sheet
 *   (@c "Inspection/Visit date", @c "Inspection/Visit type", @c "Visit Theme") and the
 *   "Inspections as at 31 March" sheet (no type: #CARESTAT_INSP_UNKNOWN);
 * - the 2009-2023 history (wide, one row per council, organisations by name, publication dates only;
 *   both the current-LAs and the former-LAs tables): SLAC, re-inspections, CPI, CPRI, TLAC, SIF,
 *   SIF re-inspection, first and second ILACS.
 *
 * ILACS "children in care" with no separate care leavers grade is stored as
 * #CARESTAT_AREA_CIC_AND_CARE_LEAVERS (the single judgement used before 1 January 2023).
 * The same inspection read from several files (same organisation, type and publication date) is
 * kept once; missing values are filled in and disagreeing grades give an INSPECTION_CONFLICT warning.
 * Diagnostics (with line and column): INSPECTION_UNKNOWN_ORG (row rejected), INSPECTION_BAD_DATE,
 * INSPECTION_UNKNOWN_GRADE, INSPECTION_UNKNOWN_TYPE (value kept as unknown with #CARESTAT_ROWS_KEEP,
 * row rejected with #CARESTAT_ROWS_DROP, load stopped with #CARESTAT_ROWS_STOP), INSPECTION_NO_DATE
 * (neither date usable: row rejected); warnings INSPECTION_ORG_NOT_EXISTING (dated outside the life
 * of the organisation it names, after following code changes; kept) and INSPECTION_CONFLICT.
 * Rows read = accepted + rejected (table "inspections").
 * @param ds the dataset.
 * @param path the CSV file.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_EIO, #CARESTAT_EUNSUPPORTED (header not
 *         recognised), #CARESTAT_EPARSE (stopped at an error), #CARESTAT_ELIMIT, #CARESTAT_ENOMEM.
 */
CARESTAT_API int carestat_dataset_load_inspections(carestat_dataset *ds, const char *path);

/**
 * @brief Number of inspections loaded.
 * @param ds the dataset.
 * @return the count (0 for NULL).
 */
CARESTAT_API size_t carestat_dataset_inspection_count(const carestat_dataset *ds);

/**
 * @brief One inspection by index (sorted by organisation code, then date).
 * @param[out] out borrowed pointer (valid until the next inspection load).
 * @param ds the dataset.
 * @param index 0-based.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ERANGE.
 */
CARESTAT_API int carestat_dataset_inspection_at(const carestat_inspection **out, const carestat_dataset *ds,
                                                size_t index);

/**
 * @brief An organisation's inspections in date order (oldest first), with its predecessors' (see the file notes).
 * @param[out] out caller buffer of up to @p cap borrowed pointers; may be NULL when @p cap is 0.
 * @param cap capacity of @p out.
 * @param[out] count receives the number of inspections.
 * @param ds the dataset.
 * @param code code or exact name of the organisation (a trust: the councils it has delivered for).
 * @param flags bit set of #carestat_history_flag.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOTFOUND (unknown organisation), #CARESTAT_EBUFFER.
 */
CARESTAT_API int carestat_dataset_org_inspections(const carestat_inspection **out, size_t cap, size_t *count,
                                                  const carestat_dataset *ds, const char *code, unsigned flags);

/**
 * @brief The latest grade for an area as at a date.
 *
 * For #CARESTAT_AREA_CHILDREN_IN_CARE the earlier combined judgement
 * (#CARESTAT_AREA_CIC_AND_CARE_LEAVERS) also counts, as in Ofsted's own as-at tables.
 * @param[out] grade the grade; #CARESTAT_GRADE_NONE if no inspection up to @p at graded the area.
 * @param[out] insp the inspection that gave it (NULL if none); may be NULL.
 * @param ds the dataset.
 * @param code code or exact name of the organisation.
 * @param area the area.
 * @param at the date (#CARESTAT_DATE_NONE: all inspections).
 * @param flags bit set of #carestat_history_flag.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOTFOUND (unknown organisation), #CARESTAT_ENOMEM.
 */
CARESTAT_API int carestat_dataset_latest_grade(carestat_grade *grade, const carestat_inspection **insp,
                                               const carestat_dataset *ds, const char *code,
                                               carestat_judgement_area area, carestat_date at, unsigned flags);

/**
 * @brief Changes between consecutive inspections that graded an area (oldest first).
 * @param[out] out caller buffer of up to @p cap changes; may be NULL when @p cap is 0.
 * @param cap capacity of @p out.
 * @param[out] count receives the number of changes (graded inspections - 1, or 0).
 * @param ds the dataset.
 * @param code code or exact name of the organisation.
 * @param area the area (#CARESTAT_AREA_CHILDREN_IN_CARE includes the earlier combined judgement).
 * @param flags bit set of #carestat_history_flag.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOTFOUND, #CARESTAT_EBUFFER, #CARESTAT_ENOMEM.
 */
CARESTAT_API int carestat_dataset_grade_changes(carestat_grade_change *out, size_t cap, size_t *count,
                                                const carestat_dataset *ds, const char *code,
                                                carestat_judgement_area area, unsigned flags);

/**
 * @brief Days from the last graded inspection (one that graded overall effectiveness) to a date.
 * @param[out] days days from that inspection's date to @p at; -1 if there is none up to @p at.
 * @param[out] insp that inspection (NULL if none); may be NULL.
 * @param ds the dataset.
 * @param code code or exact name of the organisation.
 * @param at the date.
 * @param flags bit set of #carestat_history_flag.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOTFOUND (unknown organisation), #CARESTAT_ENOMEM.
 */
CARESTAT_API int carestat_dataset_days_since_graded(int32_t *days, const carestat_inspection **insp,
                                                    const carestat_dataset *ds, const char *code, carestat_date at,
                                                    unsigned flags);

/**
 * @brief National distribution of the latest grades for an area as at a date, over the councils
 *        that existed on that date (built-in and the dataset's own).
 * @param[out] counts caller buffer; counts[g] receives the number of councils whose latest grade
 *        is g (#carestat_grade as index; counts[0] = councils never graded in the area).
 * @param cap capacity of @p counts (at least #CARESTAT_GRADE_COUNT).
 * @param ds the dataset.
 * @param area the area.
 * @param at the date.
 * @param flags bit set of #carestat_history_flag.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_EBUFFER (@p cap too small), #CARESTAT_ENOMEM.
 */
CARESTAT_API int carestat_dataset_grade_distribution(uint64_t *counts, size_t cap, const carestat_dataset *ds,
                                                     carestat_judgement_area area, carestat_date at,
                                                     unsigned flags);

#ifdef __cplusplus
}
#endif

/** @} */
#endif
