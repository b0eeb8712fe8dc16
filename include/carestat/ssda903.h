/**
 * @file carestat/ssda903.h
 * @brief SSDA903 returns: reading, validating and merging children-looked-after data.
 */
#ifndef CARESTAT_SSDA903_H
#define CARESTAT_SSDA903_H

#include "carestat/common.h"
#include "carestat/dataset.h"

#endif
