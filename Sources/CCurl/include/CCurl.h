#ifndef GDESK_CCURL_H
#define GDESK_CCURL_H
/* Typed wrappers for libcurl's variadic calls, which Swift cannot call. */
#include <curl/curl.h>

typedef size_t (*gd_curl_data_fn)(char *ptr, size_t size, size_t nmemb, void *userdata);
typedef int (*gd_curl_debug_fn)(CURL *h, curl_infotype type, char *data, size_t size, void *userdata);

CURLcode gd_easy_setopt_long(CURL *h, CURLoption opt, long value);
CURLcode gd_easy_setopt_string(CURL *h, CURLoption opt, const char *value);
CURLcode gd_easy_setopt_off(CURL *h, CURLoption opt, curl_off_t value);
CURLcode gd_easy_setopt_pointer(CURL *h, CURLoption opt, void *value);
CURLcode gd_easy_setopt_data_fn(CURL *h, CURLoption opt, gd_curl_data_fn fn);
CURLcode gd_easy_setopt_debug_fn(CURL *h, gd_curl_debug_fn fn);
CURLcode gd_easy_getinfo_long(CURL *h, CURLINFO info, long *out);
CURLcode gd_easy_getinfo_off(CURL *h, CURLINFO info, curl_off_t *out);
CURLcode gd_easy_getinfo_pointer(CURL *h, CURLINFO info, void **out);
CURLMcode gd_multi_setopt_long(CURLM *m, CURLMoption opt, long value);
/* The running libcurl's version ("7.88.1") and its TLS library ("OpenSSL/3.0.11"), from curl_version_info. */
const char *gd_curl_version(void);
const char *gd_curl_ssl_version(void);

#endif
