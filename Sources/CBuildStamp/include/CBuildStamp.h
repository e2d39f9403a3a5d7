#ifndef GDESK_CBUILDSTAMP_H
#define GDESK_CBUILDSTAMP_H
/* The version a release build was made from: `git describe` at build time, stamped by scripts/release, which writes
   gdesk_build_stamp.h into a build directory of its own and puts it on the include path. NULL for any other build
   (a development build), so no stale version is ever committed or shown. */
const char *gd_build_version(void);

#endif
