/**
 * @file carestat/synth.h
 * @brief Realistic synthetic SSDA903 returns, workforce records and populations for fictional councils.
 */
#ifndef CARESTAT_SYNTH_H
#define CARESTAT_SYNTH_H

#include "carestat/common.h"

#endif
