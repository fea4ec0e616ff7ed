# Every dependency comes from Debian's packages (scripts/setup.sh installs them).
find_package(PkgConfig REQUIRED)
find_package(yaml-cpp REQUIRED)
# libyaml parses and writes specs (yaml-cpp's scanner made loading a large spec slow); yaml-cpp
# is the YAML 1.2 reader the unit tests read the written specs back with.
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
find_package(OpenSSL REQUIRED)
# Schema parsers: Apache Avro's C library, libprotobuf's compiler (its .proto parser), valijson
# (JSON Schema validation, header-only).
pkg_check_modules(AVRO REQUIRED IMPORTED_TARGET avro-c)
find_package(Protobuf REQUIRED)
find_package(valijson REQUIRED)
# The official AsyncAPI JSON Schemas (npm @asyncapi/specs); scripts/setup.sh fetches them once.
set(SPECMESH_ASYNCAPI_SCHEMAS_DIR "" CACHE PATH "Where scripts/fetch-asyncapi-specs.sh put them")
if(NOT SPECMESH_ASYNCAPI_SCHEMAS_DIR)
  execute_process(COMMAND ${PROJECT_SOURCE_DIR}/scripts/fetch-asyncapi-specs.sh
                  OUTPUT_VARIABLE fetched OUTPUT_STRIP_TRAILING_WHITESPACE
                  RESULT_VARIABLE fetch_result)
  if(NOT fetch_result EQUAL 0)
    message(FATAL_ERROR "scripts/fetch-asyncapi-specs.sh failed; see its message above")
  endif()
  string(REGEX REPLACE ".*\n" "" fetched "${fetched}")
  set(SPECMESH_ASYNCAPI_SCHEMAS_DIR "${fetched}" CACHE PATH
      "Where scripts/fetch-asyncapi-specs.sh put them" FORCE)
endif()
# S3 answers in XML (lifecycle rules, listings): pugixml reads and writes it.
find_package(pugixml REQUIRED)
find_package(Threads REQUIRED)
if(SPECMESH_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
