/**
 * @file carestat/published.h
 * @brief DfE published statistics (explore-education-statistics CSVs) read into observations.
 */
#ifndef CARESTAT_PUBLISHED_H
#define CARESTAT_PUBLISHED_H

#include "carestat/common.h"
#include "carestat/dataset.h"

#endif
