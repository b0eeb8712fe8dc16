/**
 * @file carestat/inspection.h
 * @brief Ofsted inspections, judgement areas and grades.
 */
#ifndef CARESTAT_INSPECTION_H
#define CARESTAT_INSPECTION_H

#include "carestat/common.h"
#include "carestat/dataset.h"

#endif
