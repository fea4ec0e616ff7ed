// libFuzzer target: arbitrary bytes as a schema file that a spec references, through what
// `specmesh validate` and `plan --offline` do with it: schema::load_schemas (avro-c, libprotobuf's
// compiler, valijson and the JSON/YAML readers), plan::desired_state, plan::diff and both
// renderers. None of them may crash, throw or hang on any input.
//
// The first byte picks the format ('j' JSON Schema in .json, 'y' in .yml, 'p' Protobuf, anything
// else Avro); the rest is the file. scripts/fuzz.sh builds the seeds that way from
// tests/data/schemas. A failed schema must carry its problem on the plan (a FAILED subject).
#include <specmesh/apply/render.hpp>
#include <specmesh/plan/desired.hpp>
#include <specmesh/plan/plan.hpp>
#include <specmesh/schema/load_schemas.hpp>
#include <specmesh/spec/load.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

/// A directory of this process's own, so parallel fuzzing jobs do not share files.
const fs::path& work_directory() {
  static const fs::path directory = [] {
    fs::path path =
        fs::temp_directory_path() / ("specmesh-schema-fuzz-" + std::to_string(getpid()));
    fs::create_directories(path);
    return path;
  }();
  return directory;
}

std::string file_name_for(char selector) {
  switch (selector) {
  case 'j':
    return "fuzz.json";
  case 'y':
    return "fuzz.yml";
  case 'p':
    return "fuzz.proto";
  default:
    return "acme.fuzz.Value.avsc";
  }
}

std::string spec_referencing(const std::string& file) {
  return "asyncapi: 2.6.0\n"
         "id: 'urn:acme.fuzz'\n"
         "channels:\n"
         "  _public.values:\n"
         "    bindings: {kafka: {partitions: 1}}\n"
         "    publish:\n"
         "      message:\n"
         "        payload:\n"
         "          $ref: "
         + file + "\n";
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace plan = specmesh::plan;
  if (size == 0) {
    return 0;
  }
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::string file = file_name_for(bytes[0]);
  std::ofstream(work_directory() / file, std::ios::binary | std::ios::trunc) << bytes.substr(1);

  const specmesh::Result<specmesh::spec::ApiSpec> spec =
      specmesh::spec::load_string(spec_referencing(file), "fuzz.yaml");
  if (!spec) {
    std::abort(); // the spec is fixed and valid
  }
  const plan::DesiredOptions options;
  const auto schemas = specmesh::schema::load_schemas(plan::schema_requests(*spec, options),
                                                      work_directory().string());
  const specmesh::Result<plan::DesiredState> desired = plan::desired_state(*spec, schemas, options);
  if (!desired) {
    std::abort(); // schema problems are failures on the state, never a failed state
  }
  if (desired->subjects.empty() && desired->schema_failures.empty()) {
    std::abort(); // the schema became neither a subject nor a failure
  }
  const plan::Plan planned = plan::diff(*desired, plan::ActualState{}, plan::Policy{});
  if (specmesh::apply::render_json(planned).empty()
      || specmesh::apply::render_text(planned).empty()) {
    std::abort();
  }
  return 0;
}
