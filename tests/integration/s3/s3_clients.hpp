// Signed clients of the local S3 server for the integration tests, as the admin or as a domain
// with its own keys, and the answer a request got.
#pragma once

#include "../support.hpp"
#include "s3/signed_client.hpp"

#include <gtest/gtest.h>

#include <variant>

namespace specmesh::itest {

inline s3::SignedClient s3_client_as(const std::string& access_key, const std::string& secret_key) {
  const S3Server& server = local_env().s3;
  return s3::SignedClient(http::ClientOptions{.base_url = server.endpoint},
                          s3::Scope{.region = server.region, .service = "s3"},
                          s3::Credentials{.access_key = access_key, .secret_key = secret_key});
}

/// Domain NAME's client: access key NAME, its local password as secret key.
inline s3::SignedClient s3_client_of(const std::string& name) {
  return s3_client_as(name, local_env().user(name).password);
}

inline s3::SignedClient s3_admin() {
  return s3_client_as(local_env().s3.admin_access_key, local_env().s3.admin_secret_key);
}

/// The response, or a failure naming the transport error.
inline http::Response answer(const http::Outcome& outcome) {
  if (const auto* error = std::get_if<http::TransportError>(&outcome)) {
    ADD_FAILURE() << "no HTTP answer: " << error->reason;
    return {};
  }
  return std::get<http::Response>(outcome);
}

} // namespace specmesh::itest
