// The keys of a JSON object in document order: the reports promise their field order.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace specmesh::apply {

inline std::vector<std::string> json_keys(const nlohmann::ordered_json& object) {
  std::vector<std::string> keys;
  keys.reserve(object.size());
  for (const auto& item : object.items()) {
    keys.push_back(item.key());
  }
  return keys;
}

} // namespace specmesh::apply
