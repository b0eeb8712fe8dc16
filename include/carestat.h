/**
 * @file carestat.h
 * @brief Umbrella header: includes every public carestat header.
 */
#ifndef CARESTAT_H
#define CARESTAT_H

#include "carestat/common.h"
#include "carestat/version.h"
#include "carestat/date.h"
#include "carestat/diag.h"
#include "carestat/table.h"
#include "carestat/dataset.h"
#include "carestat/org.h"
#include "carestat/inspection.h"
#include "carestat/stats.h"
#include "carestat/ssda903.h"
#include "carestat/workforce.h"
#include "carestat/population.h"
#include "carestat/published.h"
#include "carestat/indicator.h"
#include "carestat/trend.h"
#include "carestat/synth.h"

#endif
