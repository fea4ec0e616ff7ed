// Uses specmesh::testing from an installed specmesh. Run without arguments it only proves that
// the headers compile and every library links (no Kafka needed); with a spec path it provisions
// that spec into the running local environment and prints the users it can act as.
#include <specmesh/testing/local_environment.hpp>

#include <iostream>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cout << "specmesh::testing links\n";
    return 0;
  }
  specmesh::testing::LocalEnvironmentOptions options;
  options.start_if_stopped = false;
  options.cleanup = specmesh::testing::CleanupScope::created;
  try {
    specmesh::testing::LocalEnvironment environment(options);
    const specmesh::plan::Plan plan = environment.provision(argv[1]);
    std::cout << "provisioned " << plan.domain << "; users:";
    for (const std::string& user : environment.users()) {
      std::cout << " " << user;
    }
    std::cout << "\n";
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
