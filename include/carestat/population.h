/**
 * @file carestat/population.h
 * @brief Population denominators (ONS mid-year estimates of children aged 0-17).
 */
#ifndef CARESTAT_POPULATION_H
#define CARESTAT_POPULATION_H

#include "carestat/common.h"
#include "carestat/dataset.h"

#endif
