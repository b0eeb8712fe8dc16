/**
 * @file carestat/workforce.h
 * @brief Children's social work workforce: worker-level census records and published LA figures.
 */
#ifndef CARESTAT_WORKFORCE_H
#define CARESTAT_WORKFORCE_H

#include "carestat/common.h"
#include "carestat/dataset.h"

#endif
