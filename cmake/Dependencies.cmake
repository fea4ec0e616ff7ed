# Every dependency comes from Debian's packages (scripts/setup.sh installs them).
find_package(PkgConfig REQUIRED)
find_package(yaml-cpp REQUIRED)
# libyaml parses specs (yaml-cpp's scanner made loading a large spec slow); yaml-cpp writes them.
pkg_check_modules(LIBYAML REQUIRED IMPORTED_TARGET yaml-0.1)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(fmt REQUIRED)
find_package(tl-expected REQUIRED)
find_package(CLI11 REQUIRED)
# librdkafka >= 2.6 (TRANSACTIONAL_ID ACLs): Debian 12 has 2.0.2, so scripts/build-librdkafka.sh
# builds Debian's 2.8.0 source package into this prefix; the binary finds it through its RPATH.
set(SPECMESH_RDKAFKA_PREFIX "$ENV{HOME}/.cache/specmesh/librdkafka-2.8.0"
    CACHE PATH "Where scripts/build-librdkafka.sh installed librdkafka")
list(PREPEND CMAKE_PREFIX_PATH "${SPECMESH_RDKAFKA_PREFIX}")
pkg_check_modules(RDKAFKA REQUIRED IMPORTED_TARGET rdkafka>=2.6)
find_package(CURL REQUIRED)
find_package(Threads REQUIRED)
if(SPECMESH_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
