// libFuzzer target: arbitrary bytes as a spec, through everything `specmesh plan --offline`
// does without I/O: spec::load_string_keeping_partial, plan::desired_state (also on what was
// read of an invalid spec, as the CLI plans its schema references), plan::diff and both renderers.
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
  const plan::Policy clean_up{.clean_unspecified = true};
  if (plan::diff(*desired, same, clean_up).has_changes()) {
    property_failed("diff(desired, actual == desired, clean-up) has changes");
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace plan = specmesh::plan;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const specmesh::spec::LoadedDocument loaded =
      specmesh::spec::load_string_keeping_partial(text, "fuzz.yaml");
  const specmesh::Result<specmesh::spec::ApiSpec>& spec = loaded.spec;
  if (!spec) {
    if (properties_enabled()) {
      check_properties(spec, nullptr);
    }
    if (loaded.partial) {
      // What the CLI does with an invalid spec: its schema references are planned for their
      // schema problems.
      (void)plan::desired_state(*loaded.partial, {}, {});
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
