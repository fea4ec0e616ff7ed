#include "yaml_json.hpp"

#include <array>
#include <charconv>
#include <cstdlib>
#include <limits>
#include <vector>

namespace specmesh::spec::yaml {

namespace {

bool is_digits(std::string_view text, std::string_view digits) {
  return !text.empty() && text.find_first_not_of(digits) == std::string_view::npos;
}

constexpr std::string_view k_decimal = "0123456789";

std::string_view without_sign(std::string_view text) {
  return !text.empty() && (text[0] == '-' || text[0] == '+') ? text.substr(1) : text;
}

/// `[-+]? ( . [0-9]+ | [0-9]+ ( . [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`, the core schema's float.
bool is_float(std::string_view text) {
  std::string_view rest = without_sign(text);
  const std::size_t exponent = rest.find_first_of("eE");
  if (exponent != std::string_view::npos) {
    const std::string_view power = without_sign(rest.substr(exponent + 1));
    if (!is_digits(power, k_decimal)) {
      return false;
    }
    rest = rest.substr(0, exponent);
  }
  const std::size_t point = rest.find('.');
  if (point == std::string_view::npos) {
    return is_digits(rest, k_decimal);
  }
  const std::string_view whole = rest.substr(0, point);
  const std::string_view fraction = rest.substr(point + 1);
  return (whole.empty() || is_digits(whole, k_decimal))
         && (fraction.empty() || is_digits(fraction, k_decimal))
         && !(whole.empty() && fraction.empty());
}

std::optional<nlohmann::json> integer(std::string_view digits, int base, bool negative) {
  std::uint64_t magnitude = 0;
  const auto [end, ec] =
      std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
  if (ec != std::errc() || end != digits.data() + digits.size()) {
    return std::nullopt; // too big for 64 bits: read as a float below
  }
  if (!negative) {
    return nlohmann::json(magnitude);
  }
  if (magnitude > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1) {
    return std::nullopt;
  }
  return nlohmann::json(static_cast<std::int64_t>(0 - magnitude));
}

} // namespace

nlohmann::json plain_value(std::string_view text) {
  constexpr std::array<std::string_view, 3> k_true{"true", "True", "TRUE"};
  constexpr std::array<std::string_view, 3> k_false{"false", "False", "FALSE"};
  constexpr std::array<std::string_view, 3> k_infinity{".inf", ".Inf", ".INF"};
  constexpr std::array<std::string_view, 3> k_nan{".nan", ".NaN", ".NAN"};
  const auto is_one_of = [](std::string_view word, const auto& words) {
    return std::find(words.begin(), words.end(), word) != words.end();
  };
  if (is_one_of(text, k_true)) {
    return true;
  }
  if (is_one_of(text, k_false)) {
    return false;
  }
  const std::string_view unsigned_text = without_sign(text);
  const bool negative = !text.empty() && text[0] == '-';
  if (is_digits(unsigned_text, k_decimal)) {
    if (auto value = integer(unsigned_text, 10, negative)) {
      return *value;
    }
  }
  if (text.starts_with("0x") && is_digits(text.substr(2), "0123456789abcdefABCDEF")) {
    if (auto value = integer(text.substr(2), 16, false)) {
      return *value;
    }
  }
  if (text.starts_with("0o") && is_digits(text.substr(2), "01234567")) {
    if (auto value = integer(text.substr(2), 8, false)) {
      return *value;
    }
  }
  if (is_one_of(unsigned_text, k_infinity)) {
    return negative ? -std::numeric_limits<double>::infinity()
                    : std::numeric_limits<double>::infinity();
  }
  if (is_one_of(text, k_nan)) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (is_float(text)) {
    return std::strtod(std::string(text).c_str(), nullptr);
  }
  return std::string(text);
}

std::optional<nlohmann::json> to_json(Node node, std::size_t max_values) {
  nlohmann::json root;
  // Depth-first with a stack of its own: a deeply nested document must not exhaust the call
  // stack. Each target is filled in place; objects (std::map) and pre-sized arrays never move
  // their elements.
  struct Pending {
    Node node;
    nlohmann::json* target;
  };
  std::vector<Pending> pending{{node, &root}};
  std::size_t values = 0;
  while (!pending.empty()) {
    const auto [current, target] = pending.back();
    pending.pop_back();
    if (++values > max_values) {
      return std::nullopt;
    }
    if (current.is_mapping()) {
      *target = nlohmann::json::object();
      for (const Entry& entry : current.entries()) {
        if (!entry.key.is_scalar() && !entry.key.is_null()) {
          continue;
        }
        const auto [slot, inserted] = target->emplace(std::string(entry.key.scalar()), nullptr);
        if (inserted) {
          pending.push_back({entry.value, &slot.value()});
        }
      }
    } else if (current.is_sequence()) {
      *target = nlohmann::json::array();
      target->get_ref<nlohmann::json::array_t&>().resize(current.items().size());
      for (std::size_t i = 0; i < current.items().size(); ++i) {
        pending.push_back({current.items()[i], &(*target)[i]});
      }
    } else if (current.is_plain()) {
      *target = plain_value(current.scalar());
    } else if (current.is_scalar()) {
      *target = std::string(current.scalar());
    }
  }
  return root;
}

Node node_at(Node root, std::span<const std::string> path) {
  Node node = root;
  for (const std::string& step : path) {
    if (node.is_mapping()) {
      node = node[step];
    } else if (node.is_sequence()) {
      std::size_t index = 0;
      const auto [end, ec] = std::from_chars(step.data(), step.data() + step.size(), index);
      if (ec != std::errc() || end != step.data() + step.size() || index >= node.items().size()) {
        return {};
      }
      node = node.items()[index];
    } else {
      return {};
    }
  }
  return node;
}

} // namespace specmesh::spec::yaml
