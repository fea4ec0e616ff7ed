#include <specmesh/cli/run.hpp>
#include <specmesh/kafka/connect.hpp>
#include <specmesh/registry/connect.hpp>

#include <curl/curl.h>
#include <librdkafka/rdkafka.h>

#include <iostream>
#include <unistd.h>

int main(int argc, char** argv) {
  // The adapters' libraries are wired in here, so their versions are told from here too.
  specmesh::cli::Environment env{
      .out = std::cout,
      .err = std::cerr,
      .connect_kafka = specmesh::kafka::make_kafka_admin,
      .connect_registry = specmesh::registry::make_schema_registry,
      .err_is_terminal = isatty(STDERR_FILENO) == 1,
      .in = &std::cin,
      .library_versions = {{"librdkafka", rd_kafka_version_str()},
                           {"libcurl", curl_version_info(CURLVERSION_NOW)->version}}};
  return specmesh::cli::run(std::vector<std::string>(argv + 1, argv + argc), env);
}
