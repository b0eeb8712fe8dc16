/**
 * @file carestat/trend.h
 * @brief Series analysis over observation tables: continuity across reorganisations, trend, benchmarks.
 */
#ifndef CARESTAT_TREND_H
#define CARESTAT_TREND_H

#include "carestat/common.h"
#include "carestat/table.h"

#endif
