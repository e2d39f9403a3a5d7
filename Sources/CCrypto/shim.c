#include "CCrypto.h"
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

int gd_hmac_sha384(const uint8_t *key, size_t key_len, const uint8_t *data, size_t data_len, uint8_t *out) {
    unsigned int len = 0;
    return HMAC(EVP_sha384(), key, (int)key_len, data, data_len, out, &len) != NULL && len == 48;
}

int gd_sha256(const uint8_t *data, size_t data_len, uint8_t *out) {
    return SHA256(data, data_len, out) != NULL;
}

int gd_equal_ct(const uint8_t *a, const uint8_t *b, size_t len) {
    return CRYPTO_memcmp(a, b, len) == 0;
}

const char *gd_openssl_version(void) { return OpenSSL_version(OPENSSL_VERSION); }
