#ifndef GDESK_CCRYPTO_H
#define GDESK_CCRYPTO_H
/* HMAC-SHA384 and SHA-256 from the system's libcrypto (OpenSSL 3). */
#include <stddef.h>
#include <stdint.h>

/* Writes 48 bytes to out. Returns 1 on success, 0 on failure. */
int gd_hmac_sha384(const uint8_t *key, size_t key_len, const uint8_t *data, size_t data_len, uint8_t *out);
/* Writes 32 bytes to out. Returns 1 on success, 0 on failure. */
int gd_sha256(const uint8_t *data, size_t data_len, uint8_t *out);
/* Constant-time comparison: 1 when equal. */
int gd_equal_ct(const uint8_t *a, const uint8_t *b, size_t len);
/* The running libcrypto's version text ("OpenSSL 3.0.11 19 Sep 2023"), from OpenSSL_version. */
const char *gd_openssl_version(void);

#endif
