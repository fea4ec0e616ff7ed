#include <specmesh/text.hpp>

namespace specmesh {

namespace {

constexpr std::string_view k_mask = "***";

} // namespace

std::string trim(std::string_view text, std::string_view blanks) {
  const auto first = text.find_first_not_of(blanks);
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(blanks);
  return std::string(text.substr(first, last - first + 1));
}

std::string mask_secrets(std::string text, const std::vector<std::string>& secrets) {
  for (const std::string& secret : secrets) {
    if (secret.empty()) {
      continue;
    }
    for (auto at = text.find(secret); at != std::string::npos;
         at = text.find(secret, at + k_mask.size())) {
      text.replace(at, secret.size(), k_mask);
    }
  }
  return text;
}

KeyValue split_key_value(std::string_view text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string_view::npos) {
    return {.key = std::string(text), .value = {}};
  }
  return {.key = std::string(text.substr(0, equals)),
          .value = std::string(text.substr(equals + 1))};
}

std::string upper_ascii(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    }
  }
  return upper;
}

} // namespace specmesh
