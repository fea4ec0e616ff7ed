#include <specmesh/cli/run.hpp>
#include <specmesh/kafka/connect.hpp>
#include <specmesh/registry/connect.hpp>

#include <iostream>
#include <unistd.h>

int main(int argc, char** argv) {
  specmesh::cli::Environment env{.out = std::cout,
                                 .err = std::cerr,
                                 .connect_kafka = specmesh::kafka::make_kafka_admin,
                                 .connect_registry = specmesh::registry::make_schema_registry,
                                 .err_is_terminal = isatty(STDERR_FILENO) == 1};
  return specmesh::cli::run(std::vector<std::string>(argv + 1, argv + argc), env);
}
