#include "findings.hpp"

#include "yaml_json.hpp"

#include <fmt/format.h>

#include <vector>

namespace specmesh::spec {

namespace {

/// For each step of `path` from `root`, whether it indexes a list (else it is a mapping key).
std::vector<bool> index_steps(yaml::Node root, std::span<const std::string> path) {
  std::vector<bool> is_index;
  yaml::Node node = root;
  for (std::size_t i = 0; i < path.size(); ++i) {
    is_index.push_back(node.is_sequence());
    node = yaml::node_at(node, path.subspan(i, 1));
  }
  return is_index;
}

/// Steps `first` to `last` (exclusive) of `path` as dotted text, indexes as "[i]":
/// "publish.tags[0].name".
std::string dotted(std::span<const std::string> path,
                   const std::vector<bool>& is_index,
                   std::size_t first,
                   std::size_t last) {
  std::string text;
  for (std::size_t i = first; i < last; ++i) {
    text += is_index[i] ? "[" + path[i] + "]" : (i == first ? "" : ".") + path[i];
  }
  return text;
}

/// "in ..." for the first `size` steps of `path`.
std::string
where(std::span<const std::string> path, const std::vector<bool>& is_index, std::size_t size) {
  if (size == 0) {
    return "at the top level";
  }
  if (path[0] != "channels" || size == 1) {
    return fmt::format("in '{}'", dotted(path, is_index, 0, size));
  }
  if (size == 2) {
    return fmt::format("in channel '{}'", path[1]);
  }
  return fmt::format("in '{}' of channel '{}'", dotted(path, is_index, 2, size), path[1]);
}

} // namespace

std::string where(yaml::Node root, std::span<const std::string> path) {
  return where(path, index_steps(root, path), path.size());
}

std::string subject(yaml::Node root, std::span<const std::string> path) {
  if (path.empty()) {
    return "the spec";
  }
  const std::vector<bool> is_index = index_steps(root, path);
  // The name is the last key with the indexes after it: 'tags[1]'.
  std::size_t start = path.size() - 1;
  while (start > 0 && is_index[start]) {
    --start;
  }
  const std::string name = dotted(path, is_index, start, path.size());
  if (start == 0) {
    return fmt::format("'{}'", name);
  }
  if (start == 1 && path[0] == "channels") {
    return fmt::format("channel '{}'", name);
  }
  return fmt::format("'{}' {}", name, where(path, is_index, start));
}

} // namespace specmesh::spec
