// RAII owners for the OpenSSL objects the adapter creates (its own TLS connection and the
// checks of the certificate files), as handles.hpp is for librdkafka's. Private to src/kafka.
#pragma once

#include <memory>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <string_view>

namespace specmesh::kafka {

namespace detail {

struct BioDeleter {
  void operator()(BIO* p) const { BIO_free(p); }
};
struct X509Deleter {
  void operator()(X509* p) const { X509_free(p); }
};
struct KeyDeleter {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct SslContextDeleter {
  void operator()(SSL_CTX* p) const { SSL_CTX_free(p); }
};
struct SslDeleter {
  void operator()(SSL* p) const { SSL_free(p); }
};

} // namespace detail

using BioHandle = std::unique_ptr<BIO, detail::BioDeleter>;
using X509Handle = std::unique_ptr<X509, detail::X509Deleter>;
using KeyHandle = std::unique_ptr<EVP_PKEY, detail::KeyDeleter>;
using SslContextHandle = std::unique_ptr<SSL_CTX, detail::SslContextDeleter>;
using SslHandle = std::unique_ptr<SSL, detail::SslDeleter>;

/// A read-only memory BIO over `text`, which must outlive it.
inline BioHandle memory_bio(std::string_view text) {
  return BioHandle(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

} // namespace specmesh::kafka
