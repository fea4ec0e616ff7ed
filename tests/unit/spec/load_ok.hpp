// The spec `text` loaded as spec.yaml, for tests that need a good spec: a spec that does not
// load fails the test with every diagnostic and the text.
#pragma once

#include <specmesh/spec/load.hpp>

#include <gtest/gtest.h>

#include <string>

namespace specmesh::spec {

inline ApiSpec load_ok(const std::string& text, const NamingOptions& naming = {}) {
  Result<ApiSpec> spec = load_string(text, "spec.yaml", naming);
  if (!spec) {
    std::string all;
    for (const Diagnostic& diagnostic : spec.error().diagnostics) {
      all += diagnostic.to_string() + "\n";
    }
    ADD_FAILURE() << "spec did not load:\n" << all << "from:\n" << text;
    return {};
  }
  return *spec;
}

} // namespace specmesh::spec
