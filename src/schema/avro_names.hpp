// Avro's naming rules on a schema's JSON value: which strings are type keywords, how a name is
// qualified by its enclosing namespace, and which objects define a named type.
#pragma once

#include "json_document.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace specmesh::schema {

/// A primitive or complex type keyword ("int", "record", …): never a reference to a named type.
bool is_avro_keyword(std::string_view name);

/// A string member of an object, or empty.
std::string string_member(const Json& node, const char* key);

/// The "type" of an object type definition; empty for anything else.
std::string kind_of(const Json& node);

/// `name` as a full name: a dotted name is full already, else it joins the namespace.
std::string qualify(const std::string& name, const std::string& name_space);

struct NamedType {
  std::string full_name;
  std::string name_space;
};

/// The full name of a record, enum or fixed definition, if `node` is one with a name.
std::optional<NamedType> named_type(const Json& node, const std::string& enclosing_namespace);

} // namespace specmesh::schema
