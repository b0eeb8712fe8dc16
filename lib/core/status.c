#include "carestat/common.h"
#include "carestat/version.h"

const char *carestat_strerror(int code)
{
    switch (code) {
    case CARESTAT_OK: return "success";
    case CARESTAT_ENOMEM: return "out of memory";
    case CARESTAT_EINVAL: return "invalid argument";
    case CARESTAT_EIO: return "input/output error";
    case CARESTAT_EPARSE: return "malformed input";
    case CARESTAT_ENOTFOUND: return "not found";
    case CARESTAT_ERANGE: return "value out of range";
    case CARESTAT_EUNSUPPORTED: return "not supported";
    case CARESTAT_ELIMIT: return "resource limit exceeded";
    case CARESTAT_ESTATE: return "object in the wrong state";
    case CARESTAT_EBUFFER: return "buffer too small";
    default: return "unknown error";
    }
}

const char *carestat_status_name(int code)
{
    switch (code) {
    case CARESTAT_OK: return "CARESTAT_OK";
    case CARESTAT_ENOMEM: return "CARESTAT_ENOMEM";
    case CARESTAT_EINVAL: return "CARESTAT_EINVAL";
    case CARESTAT_EIO: return "CARESTAT_EIO";
    case CARESTAT_EPARSE: return "CARESTAT_EPARSE";
    case CARESTAT_ENOTFOUND: return "CARESTAT_ENOTFOUND";
    case CARESTAT_ERANGE: return "CARESTAT_ERANGE";
    case CARESTAT_EUNSUPPORTED: return "CARESTAT_EUNSUPPORTED";
    case CARESTAT_ELIMIT: return "CARESTAT_ELIMIT";
    case CARESTAT_ESTATE: return "CARESTAT_ESTATE";
    case CARESTAT_EBUFFER: return "CARESTAT_EBUFFER";
    default: return "CARESTAT_UNKNOWN";
    }
}

int carestat_version(void) { return CARESTAT_VERSION_NUMBER; }
const char *carestat_version_string(void) { return CARESTAT_VERSION_STRING; }
