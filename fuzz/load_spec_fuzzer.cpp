// libFuzzer target: arbitrary bytes as a spec, through everything `specmesh plan --offline`
// does without I/O: spec::load_string, plan::desired_state, plan::diff and both renderers.
// None of them may crash, throw or hang on any input; load_string promises "never throws".
//
// Exceptions are deliberately not caught here: an escaping exception aborts the process and
// libFuzzer saves the input as a crash, which is the finding.
//
// With SPECMESH_FUZZ_PROPERTIES=1 in the environment it also checks two properties, each
// reported as a crash with a one-line reason on stderr:
//   - a failed load carries at least one diagnostic (load.hpp's contract);
//   - planning against a cluster that already holds exactly the desired state, with clean-up
//     on, changes nothing (diff is idempotent).
//
// With SPECMESH_FUZZ_UTF8_ONLY=1 it skips inputs that are not valid UTF-8, to explore past the
// known crash in fuzz/crashers/render-json-invalid-utf8.yaml until that is fixed. (yaml-cpp can
// still make invalid UTF-8 from valid input: see fuzz/crashers/README.md.)
#include <specmesh/apply/render.hpp>
#include <specmesh/plan/desired.hpp>
#include <specmesh/plan/plan.hpp>
#include <specmesh/spec/load.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

bool env_flag(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && std::string_view(value) == "1";
}

bool properties_enabled() {
  static const bool enabled = env_flag("SPECMESH_FUZZ_PROPERTIES");
  return enabled;
}

bool utf8_only() {
  static const bool enabled = env_flag("SPECMESH_FUZZ_UTF8_ONLY");
  return enabled;
}

/// Well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
bool valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead < 0x80) {
      length = 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      low = lead == 0xE0 ? 0xA0 : 0x80;
      high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      low = lead == 0xF0 ? 0x90 : 0x80;
      high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
      return false;
    }
    if (text.size() - i < length) {
      return false;
    }
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if (next < (k == 1 ? low : 0x80) || next > (k == 1 ? high : 0xBF)) {
        return false;
      }
    }
    i += length;
  }
  return true;
}

[[noreturn]] void property_failed(const char* what) {
  std::fprintf(stderr, "load_spec_fuzzer: property violated: %s\n", what);
  std::abort();
}

void check_properties(const specmesh::Result<specmesh::spec::ApiSpec>& spec,
                      const specmesh::plan::DesiredState* desired) {
  namespace plan = specmesh::plan;
  if (!spec && spec.error().diagnostics.empty()) {
    property_failed("load_string failed without a diagnostic");
  }
  if (desired == nullptr) {
    return;
  }
  const plan::ActualState same{desired->topics, desired->acls, desired->subjects};
  const plan::Policy clean_up{true, false, false};
  if (plan::diff(*desired, same, clean_up).has_changes()) {
    property_failed("diff(desired, actual == desired, clean-up) has changes");
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace plan = specmesh::plan;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (utf8_only() && !valid_utf8(text)) {
    return -1; // not added to the corpus
  }

  const specmesh::Result<specmesh::spec::ApiSpec> spec =
      specmesh::spec::load_string(text, "fuzz.yaml");
  if (!spec) {
    if (properties_enabled()) {
      check_properties(spec, nullptr);
    }
    return 0;
  }

  // No schema files: every `$ref` becomes a schema failure, which the plan must carry too.
  const specmesh::Result<plan::DesiredState> desired = plan::desired_state(*spec, {}, {});
  if (!desired) {
    return 0;
  }
  const plan::Plan empty_cluster = plan::diff(*desired, plan::ActualState{}, plan::Policy{});
  const std::string json = specmesh::apply::render_json(empty_cluster);
  const std::string table = specmesh::apply::render_text(empty_cluster);
  if (json.empty() || table.empty()) {
    std::abort(); // both renderers always print at least a summary
  }
  if (properties_enabled()) {
    check_properties(spec, &*desired);
  }
  return 0;
}
