#include "commands.hpp"

#include <fmt/format.h>

#include <array>
#include <string_view>

namespace specmesh::cli {

namespace {

// Part B §6: picocli treats these single-dash names as whole option names.
constexpr std::array<LegacyFlag, 16> k_legacy_flags{{
    {"-bs", "--bootstrap-server"},
    {"-spec", "--spec"},
    {"-sr", "--schema-registry"},
    {"-schemaPath", "--schema-path"},
    {"-srKey", "--sr-api-key"},
    {"-srSecret", "--sr-api-secret"},
    {"-dry", "--dry-run"},
    {"-clean", "--clean-unspecified"},
    {"-aclDisabled", "--acl-disabled"},
    {"-srDisabled", "--sr-disabled"},
    {"-du", "--domain-user"},
    {"-pfc", "--partition-count-factor"},
    {"-id", "--domain-id"},
    {"-in", "--in-spec"},
    {"-out", "--out-spec"},
    {"-aggid", "--domain-id"},
}};

} // namespace

std::span<const LegacyFlag> legacy_flags() {
  return k_legacy_flags;
}

std::string legacy_flags_help(const CLI::App& command) {
  std::string help;
  for (const auto& [legacy, modern] : k_legacy_flags) {
    if (command.get_option_no_throw(std::string(modern)) != nullptr) {
      help += fmt::format("  {:<14}= {}\n", legacy, modern);
    }
  }
  return help.empty() ? help : "Legacy flags (specmesh-build):\n" + help;
}

std::vector<std::string> translate_legacy_flags(const std::vector<std::string>& args,
                                                const TakesValue& takes_value) {
  std::vector<std::string> out;
  out.reserve(args.size());
  bool is_value = false; // the argument is the separate value of the option before it
  for (const std::string& arg : args) {
    std::string translated = arg;
    if (!is_value) {
      const std::string_view name = std::string_view(arg).substr(0, arg.find('='));
      for (const auto& [legacy, modern] : k_legacy_flags) {
        if (name == legacy) {
          translated = std::string(modern) + arg.substr(name.size());
          break;
        }
      }
    }
    // `--spec=x` carries its value; only a whole option name is followed by one.
    is_value = !is_value && takes_value(translated);
    out.push_back(std::move(translated));
  }
  return out;
}

} // namespace specmesh::cli
