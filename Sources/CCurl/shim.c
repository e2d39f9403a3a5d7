#include "CCurl.h"

CURLcode gd_easy_setopt_long(CURL *h, CURLoption opt, long value) { return curl_easy_setopt(h, opt, value); }
CURLcode gd_easy_setopt_string(CURL *h, CURLoption opt, const char *value) { return curl_easy_setopt(h, opt, value); }
CURLcode gd_easy_setopt_off(CURL *h, CURLoption opt, curl_off_t value) { return curl_easy_setopt(h, opt, value); }
CURLcode gd_easy_setopt_pointer(CURL *h, CURLoption opt, void *value) { return curl_easy_setopt(h, opt, value); }
CURLcode gd_easy_setopt_data_fn(CURL *h, CURLoption opt, gd_curl_data_fn fn) { return curl_easy_setopt(h, opt, fn); }
CURLcode gd_easy_setopt_debug_fn(CURL *h, gd_curl_debug_fn fn) { return curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, fn); }
CURLcode gd_easy_getinfo_long(CURL *h, CURLINFO info, long *out) { return curl_easy_getinfo(h, info, out); }
CURLcode gd_easy_getinfo_off(CURL *h, CURLINFO info, curl_off_t *out) { return curl_easy_getinfo(h, info, out); }
CURLcode gd_easy_getinfo_pointer(CURL *h, CURLINFO info, void **out) { return curl_easy_getinfo(h, info, out); }
CURLMcode gd_multi_setopt_long(CURLM *m, CURLMoption opt, long value) { return curl_multi_setopt(m, opt, value); }

const char *gd_curl_version(void) { return curl_version_info(CURLVERSION_NOW)->version; }
const char *gd_curl_ssl_version(void) {
  const char *ssl = curl_version_info(CURLVERSION_NOW)->ssl_version;
  return ssl ? ssl : "no TLS";
}
