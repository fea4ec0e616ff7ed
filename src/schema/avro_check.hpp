// Checks an Avro schema file with Apache Avro's C library (avro-c), and what avro-c leaves out:
// that each field default matches its type and that enum symbols are valid and distinct.
#pragma once

#include "json_document.hpp"

#include <map>
#include <string>

namespace specmesh::schema {

/// Named types defined in other files, by full name: avro-c resolves a name only within one
/// document, so each one the file uses is inlined at its first use.
using AvroDefinitions = std::map<std::string, const Json*>;

/// Ok, or the first problem as a located Error in `document`'s file. avro-c's own messages are
/// placed at the value they are about.
Result<void> check_avro(const JsonDocument& document, const AvroDefinitions& definitions);

} // namespace specmesh::schema
