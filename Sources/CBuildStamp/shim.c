#include "CBuildStamp.h"

#if __has_include(<gdesk_build_stamp.h>)
#include <gdesk_build_stamp.h>
#endif

const char *gd_build_version(void) {
#ifdef GDESK_BUILD_VERSION
  return GDESK_BUILD_VERSION;
#else
  return 0;
#endif
}
