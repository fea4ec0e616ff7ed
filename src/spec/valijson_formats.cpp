#include "valijson_formats.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

namespace specmesh::spec {

void remove_format_keywords(nlohmann::json& schema) {
  // Data, not schemas: a "format" key in them is a value.
  constexpr std::array<std::string_view, 4> k_data_keys{"examples", "default", "enum", "const"};
  std::vector<nlohmann::json*> pending{&schema};
  while (!pending.empty()) {
    nlohmann::json& node = *pending.back();
    pending.pop_back();
    if (node.is_object()) {
      if (const auto format = node.find("format"); format != node.end() && format->is_string()) {
        node.erase(format);
      }
      for (auto it = node.begin(); it != node.end(); ++it) {
        if (std::find(k_data_keys.begin(), k_data_keys.end(), it.key()) == k_data_keys.end()) {
          pending.push_back(&*it);
        }
      }
    } else if (node.is_array()) {
      for (nlohmann::json& item : node) {
        pending.push_back(&item);
      }
    }
  }
}

} // namespace specmesh::spec
